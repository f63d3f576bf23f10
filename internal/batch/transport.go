package batch

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

// GitHub's limits, as the batch respects them.
const (
	// Why: GitHub asks clients to wait at least a minute after a secondary
	// limit that gives no Retry-After
	// (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit).
	secondaryDefaultWait = time.Minute
	// How many times a request refused by a secondary limit is tried again
	// before the student is given up (each after the wait GitHub asked for).
	maxSecondaryTries = 8
)

// RateLimitError stops a batch when the primary rate limit is exhausted and
// the teacher asked not to wait (--no-wait).
type RateLimitError struct {
	Reset time.Time // when GitHub restores the budget
}

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("GitHub API rate limit exhausted until %s", e.Reset.Format(time.RFC3339))
}

// Limiter is an http.RoundTripper between go-github and the network that
// keeps a batch within GitHub's limits: it retries 5xx answers and timeouts
// with exponential backoff and full jitter, honours Retry-After on secondary
// limits by pausing every worker (no request storm), and waits for the
// primary limit's reset (telling the user) or stops with a RateLimitError.
// Rate-limit headers are consumed here and removed from the response so
// that go-github's own wall-clock based limiter stays out of the way.
type Limiter struct {
	Base        http.RoundTripper // nil: http.DefaultTransport
	Clock       Clock
	NoWait      bool          // primary limit exhausted: fail rather than wait
	MaxAttempts int           // tries of a request failing with 5xx or a timeout; 0: 5
	BaseDelay   time.Duration // first backoff; 0: 500ms
	MaxDelay    time.Duration // longest backoff; 0: 30s
	Timeout     time.Duration // per attempt; 0: 30s
	Notify      func(msg string)
	Jitter      func() float64 // in [0,1); nil: math/rand

	mu          sync.Mutex
	pausedUntil time.Time
	primary     bool      // the pause is the primary limit's
	remaining   int       // last X-RateLimit-Remaining seen; -1 unknown
	reset       time.Time // last X-RateLimit-Reset seen
	told        time.Time // the pause the user was last told about

	sent, retried, notModified atomic.Int64
}

// Stats counts what went over the wire.
type Stats struct {
	Requests    int64 // attempts sent, retries included
	Retries     int64
	NotModified int64 // 304 answers (free against the primary limit)
}

// Stats returns the counts so far.
func (l *Limiter) Stats() Stats {
	return Stats{Requests: l.sent.Load(), Retries: l.retried.Load(), NotModified: l.notModified.Load()}
}

func (l *Limiter) base() http.RoundTripper {
	if l.Base != nil {
		return l.Base
	}
	return http.DefaultTransport
}

func (l *Limiter) notify(format string, a ...any) {
	if l.Notify != nil {
		l.Notify(fmt.Sprintf(format, a...))
	}
}

// RoundTrip implements http.RoundTripper.
func (l *Limiter) RoundTrip(req *http.Request) (*http.Response, error) {
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
			now := l.Clock.now()
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
			l.pause(l.Clock.now().Add(wait), false)
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
		return resp, nil
	}
}

// prepare clones req for one attempt, with its own timeout and a fresh body.
func (l *Limiter) prepare(req *http.Request) (*http.Request, context.CancelFunc, error) {
	timeout := l.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(req.Context(), timeout)
	r := req.Clone(ctx)
	if req.Body != nil && req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			cancel()
			return nil, nil, err
		}
		r.Body = body
	}
	return r, cancel, nil
}

// wait blocks while every worker is paused by a rate limit.
func (l *Limiter) wait(ctx context.Context) error {
	for {
		l.mu.Lock()
		until, primary := l.pausedUntil, l.primary
		if !primary && l.remaining == 0 && l.reset.After(until) {
			// The last answer spent the budget: do not send what would be refused.
			until, primary = l.reset, true
		}
		now := l.Clock.now()
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
		if err := l.Clock.sleep(ctx, until.Sub(now)); err != nil {
			return err
		}
	}
}

func (l *Limiter) pause(until time.Time, primary bool) {
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
func (l *Limiter) observe(resp *http.Response) {
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
func (l *Limiter) backoff(ctx context.Context, n int, asked time.Duration) error {
	l.retried.Add(1)
	if asked > 0 {
		return l.Clock.sleep(ctx, asked)
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
	return l.Clock.sleep(ctx, time.Duration(j()*float64(ceiling)))
}

func isPrimaryLimit(resp *http.Response) bool {
	return (resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusTooManyRequests) &&
		resp.Header.Get("X-RateLimit-Remaining") == "0"
}

// isSecondaryLimit recognises a secondary limit: 429, or 403 with a
// Retry-After or GitHub's "secondary rate limit" message.
func isSecondaryLimit(resp *http.Response) bool {
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		return true
	case http.StatusForbidden:
		if resp.Header.Get("Retry-After") != "" {
			return true
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		resp.Body = &cancelBody{ReadCloser: io.NopCloser(strings.NewReader(string(body)))}
		return err == nil && strings.Contains(strings.ToLower(string(body)), "secondary rate limit")
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
