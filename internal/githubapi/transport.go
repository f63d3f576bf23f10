package githubapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// GitHub's limits, as the client respects them.
const (
	// Why: GitHub asks clients to wait at least a minute after a secondary
	// limit that gives no Retry-After
	// (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit).
	secondaryDefaultWait = time.Minute
	// How many times a request refused by a secondary limit is tried again
	// before it is given up (each after the wait GitHub asked for).
	maxSecondaryTries = 8
)

// RateLimitError stops a caller that asked not to wait (NoWait) when a
// GitHub limit is spent: the primary rate limit, or the hourly budget of
// content-creating requests.
type RateLimitError struct {
	Reset  time.Time // when the budget is back
	Writes bool      // the budget spent is that of content-creating requests
}

func (e *RateLimitError) Error() string {
	if e.Writes {
		return fmt.Sprintf("GitHub's hourly limit on content-creating requests (statuses, comments, issues) reached until %s", e.Reset.Format(time.RFC3339))
	}
	return fmt.Sprintf("GitHub API rate limit exhausted until %s", e.Reset.Format(time.RFC3339))
}

// Transport is an http.RoundTripper between go-github and the network that
// keeps a client within GitHub's limits and safe from a hostile server:
//
//   - it sends the token only to the API's own host (scheme and host), so
//     that a redirect elsewhere never carries it;
//   - it retries 5xx answers and timeouts of idempotent requests with
//     exponential backoff and full jitter, honours Retry-After on secondary
//     limits by pausing every request (no storm), and waits for the primary
//     limit's reset (telling the user) or stops with a RateLimitError;
//   - it spaces content-creating requests (POST, PATCH, PUT, DELETE) at
//     least WriteInterval apart and keeps them within an hourly budget;
//   - it bounds every answer's body (MaxBody, or WithMaxBody for one
//     request), refusing from Content-Length before reading when it can;
//   - it never retries 451 or "access blocked" answers (see Blocked).
//
// Rate-limit headers are consumed here and removed from the response so
// that go-github's own wall-clock based limiter stays out of the way.
type Transport struct {
	Base        http.RoundTripper // nil: http.DefaultTransport
	Token       string            // sent as a bearer token to APIHost only
	APIHost     string            // scheme://host[:port] of the API; the token goes nowhere else
	Clock       Clock
	NoWait      bool          // a limit is spent: fail with a RateLimitError rather than wait
	MaxAttempts int           // tries of a request failing with 5xx or a timeout; 0: 5
	BaseDelay   time.Duration // first backoff; 0: 500ms
	MaxDelay    time.Duration // longest backoff; 0: 30s
	Timeout     time.Duration // per attempt; 0: 30s
	MaxBody     int64         // largest answer body; 0: DefaultMaxBody
	// WriteInterval is the least time between two content-creating
	// requests; 0: DefaultWriteInterval, negative: none.
	WriteInterval time.Duration
	// WritesPerHour is the budget of content-creating requests in any hour;
	// 0: DefaultWritesPerHour, negative: none.
	WritesPerHour int
	Notify        func(msg string)
	Jitter        func() float64 // in [0,1); nil: math/rand

	mu          sync.Mutex
	pausedUntil time.Time
	primary     bool      // the pause is the primary limit's
	remaining   int       // last X-RateLimit-Remaining seen; -1 unknown
	reset       time.Time // last X-RateLimit-Reset seen
	told        time.Time // the pause the user was last told about
	writes      writeLog

	sent, retried, notModified, written atomic.Int64
}

// Stats counts what went over the wire.
type Stats struct {
	Requests    int64 // attempts sent, retries included
	Retries     int64
	NotModified int64 // 304 answers (free against the primary limit)
	Writes      int64 // content-creating requests sent
}

// Stats returns the counts so far.
func (l *Transport) Stats() Stats {
	return Stats{Requests: l.sent.Load(), Retries: l.retried.Load(), NotModified: l.notModified.Load(), Writes: l.written.Load()}
}

func (l *Transport) base() http.RoundTripper {
	if l.Base != nil {
		return l.Base
	}
	return http.DefaultTransport
}

func (l *Transport) notify(format string, a ...any) {
	if l.Notify != nil {
		l.Notify(fmt.Sprintf(format, a...))
	}
}

// RoundTrip implements http.RoundTripper.
func (l *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	maxAttempts := l.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = 5
	}
	failures, secondary := 0, 0
	for {
		if err := l.wait(ctx); err != nil {
			return nil, err
		}
		if mutating(req.Method) {
			if err := l.pace(ctx); err != nil {
				return nil, err
			}
		}
		attempt, cancel, err := l.prepare(req)
		if err != nil {
			return nil, err
		}
		l.sent.Add(1)
		resp, err := l.base().RoundTrip(attempt)
		if err != nil {
			cancel()
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			failures++
			if !transient(err) || !idempotent(req.Method) || failures >= maxAttempts {
				return nil, err
			}
			if err := l.backoff(ctx, failures, 0); err != nil {
				return nil, err
			}
			continue
		}
		resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
		if resp.StatusCode == http.StatusNotModified {
			l.notModified.Add(1)
		}
		l.observe(resp)
		switch {
		case isPrimaryLimit(resp):
			now := l.Clock.Time()
			reset := resetTime(resp, now)
			if !reset.After(now) {
				// Why: a reset already past means our clock is ahead of
				// GitHub's; asking again at once would storm.
				reset = now.Add(secondaryDefaultWait)
			}
			discard(resp)
			l.pause(reset, true)
			if l.NoWait {
				return nil, &RateLimitError{Reset: reset}
			}
			l.retried.Add(1)
			continue
		case isSecondaryLimit(resp) && secondary < maxSecondaryTries:
			secondary++
			wait := retryAfter(resp)
			if wait <= 0 {
				wait = secondaryDefaultWait
			}
			discard(resp)
			l.pause(l.Clock.Time().Add(wait), false)
			l.retried.Add(1)
			continue
		case resp.StatusCode >= 500 && idempotent(req.Method):
			failures++
			if failures >= maxAttempts {
				break
			}
			wait := retryAfter(resp)
			discard(resp)
			if err := l.backoff(ctx, failures, wait); err != nil {
				return nil, err
			}
			continue
		}
		stripRateHeaders(resp.Header)
		return l.bound(req, resp)
	}
}

// prepare clones req for one attempt, with its own timeout, a fresh body,
// and the token when the request goes to the API's host.
func (l *Transport) prepare(req *http.Request) (*http.Request, context.CancelFunc, error) {
	timeout := l.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := l.Clock.WithTimeout(req.Context(), timeout)
	r := req.Clone(ctx)
	if req.Body != nil && req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			cancel()
			return nil, nil, err
		}
		r.Body = body
	}
	// Why: go-github's token transport signs every request it is handed,
	// redirects to another host included; the token belongs to the API only.
	// https://docs.github.com/rest/authentication/keeping-your-api-credentials-secure
	r.Header.Del("Authorization")
	if l.Token != "" && sameOrigin(r.URL.Scheme+"://"+r.URL.Host, l.APIHost) {
		r.Header.Set("Authorization", "Bearer "+l.Token)
	}
	return r, cancel, nil
}

// sameOrigin compares two scheme://host[:port] strings, ignoring case and
// the default port.
func sameOrigin(a, b string) bool {
	norm := func(s string) string {
		s = strings.ToLower(s)
		s = strings.TrimSuffix(s, ":443")
		if strings.HasPrefix(s, "http://") {
			s = strings.TrimSuffix(s, ":80")
		}
		return s
	}
	return b != "" && norm(a) == norm(b)
}

// wait blocks while every request is paused by a rate limit.
func (l *Transport) wait(ctx context.Context) error {
	for {
		l.mu.Lock()
		until, primary := l.pausedUntil, l.primary
		if !primary && l.remaining == 0 && l.reset.After(until) {
			// The last answer spent the budget: do not send what would be refused.
			until, primary = l.reset, true
		}
		now := l.Clock.Time()
		if !now.Before(until) {
			l.mu.Unlock()
			return ctx.Err()
		}
		tell := !l.told.Equal(until)
		l.told = until
		l.mu.Unlock()
		if primary && l.NoWait {
			return &RateLimitError{Reset: until}
		}
		if tell {
			if primary {
				l.notify("GitHub API rate limit exhausted: waiting until %s (%s) for it to reset; press Ctrl-C to stop, the run resumes where it stopped", until.Format("15:04:05"), until.Sub(now).Round(time.Second))
			} else {
				l.notify("GitHub secondary rate limit: pausing every request for %s as GitHub asked", until.Sub(now).Round(time.Second))
			}
		}
		if err := l.Clock.Wait(ctx, until.Sub(now)); err != nil {
			return err
		}
	}
}

func (l *Transport) pause(until time.Time, primary bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if until.After(l.pausedUntil) {
		l.pausedUntil, l.primary = until, primary
	}
	if primary {
		l.remaining, l.reset = 0, until
	}
}

// observe remembers the primary budget from an answer; 304s do not spend it.
func (l *Transport) observe(resp *http.Response) {
	rem, err := strconv.Atoi(resp.Header.Get("X-RateLimit-Remaining"))
	if err != nil || resp.StatusCode == http.StatusNotModified {
		return
	}
	reset := resetTime(resp, time.Time{})
	l.mu.Lock()
	defer l.mu.Unlock()
	if reset.IsZero() || !reset.Before(l.reset) {
		l.remaining, l.reset = rem, reset
	}
}

// backoff sleeps before the nth retry: full jitter over an exponential
// ceiling, or what the server asked for when it said so.
func (l *Transport) backoff(ctx context.Context, n int, asked time.Duration) error {
	l.retried.Add(1)
	if asked > 0 {
		return l.Clock.Wait(ctx, asked)
	}
	base, maxd := l.BaseDelay, l.MaxDelay
	if base <= 0 {
		base = 500 * time.Millisecond
	}
	if maxd <= 0 {
		maxd = 30 * time.Second
	}
	ceiling := base << (n - 1)
	if ceiling > maxd || ceiling <= 0 {
		ceiling = maxd
	}
	j := rand.Float64
	if l.Jitter != nil {
		j = l.Jitter
	}
	return l.Clock.Wait(ctx, time.Duration(j()*float64(ceiling)))
}

func isPrimaryLimit(resp *http.Response) bool {
	return (resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusTooManyRequests) &&
		resp.Header.Get("X-RateLimit-Remaining") == "0"
}

// isSecondaryLimit recognises a secondary limit: 429, or 403 with a
// Retry-After or GitHub's "secondary rate limit" message. A 403 that says
// access is blocked is not a limit, whatever its headers.
func isSecondaryLimit(resp *http.Response) bool {
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		return true
	case http.StatusForbidden:
		body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		resp.Body = &cancelBody{ReadCloser: io.NopCloser(strings.NewReader(string(body)))}
		msg := strings.ToLower(string(body))
		if strings.Contains(msg, "access blocked") {
			return false
		}
		if resp.Header.Get("Retry-After") != "" {
			return true
		}
		return err == nil && strings.Contains(msg, "secondary rate limit")
	}
	return false
}

func retryAfter(resp *http.Response) time.Duration {
	v := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	return 0
}

func resetTime(resp *http.Response, fallback time.Time) time.Time {
	s, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64)
	if err != nil {
		if fallback.IsZero() {
			return fallback
		}
		return fallback.Add(time.Minute)
	}
	return time.Unix(s, 0)
}

func stripRateHeaders(h http.Header) {
	for _, k := range []string{"X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Limit",
		"X-RateLimit-Used", "X-RateLimit-Resource", "Retry-After"} {
		h.Del(k)
	}
}

func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions:
		return true
	}
	return false
}

// mutating reports the requests GitHub counts as content-creating for its
// secondary limits.
func mutating(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// transient reports whether a transport error is worth another try: a
// timeout, a reset connection, an unexpected EOF.
func transient(err error) bool {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return true
	}
	s := err.Error()
	return strings.Contains(s, "connection reset") || strings.Contains(s, "connection refused") ||
		strings.Contains(s, "broken pipe")
}

func discard(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
}

// cancelBody releases an attempt's timeout when the body is closed.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	if b.cancel != nil {
		b.cancel()
	}
	return err
}
