package githubapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// sleeper records waits without waiting.
type sleeper struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func (s *sleeper) clock() Clock {
	return Clock{
		Now: func() time.Time { s.mu.Lock(); defer s.mu.Unlock(); return s.now },
		Sleep: func(ctx context.Context, d time.Duration) error {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.waits = append(s.waits, d)
			s.now = s.now.Add(d)
			return ctx.Err()
		},
	}
}

// script answers the nth request with steps[n] (the last step repeats).
func script(t *testing.T, steps ...func(http.ResponseWriter)) (*httptest.Server, *int) {
	t.Helper()
	var mu sync.Mutex
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		i := min(n, len(steps)-1)
		n++
		mu.Unlock()
		steps[i](w)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func status(code int, header ...string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		io.WriteString(w, `{"message":"x"}`)
	}
}

func get(t *testing.T, l *Transport, url, method string) (*http.Response, error) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(`{"a":1}`))
	resp, err := l.RoundTrip(req)
	if err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return resp, err
}

func TestTransportRetries5xxWithBackoffAndJitter(t *testing.T) {
	srv, n := script(t, status(502), status(503), status(200))
	s := &sleeper{now: time.Unix(1e9, 0)}
	l := &Transport{Clock: s.clock(), BaseDelay: time.Second, Jitter: func() float64 { return 0.5 }}
	resp, err := get(t, l, srv.URL, "GET")
	if err != nil || resp.StatusCode != 200 || *n != 3 {
		t.Fatalf("resp %v err %v after %d requests", resp, err, *n)
	}
	// Full jitter at 0.5 over ceilings of 1s then 2s.
	if want := []time.Duration{500 * time.Millisecond, time.Second}; !equalDurations(s.waits, want) {
		t.Errorf("waits %v, want %v", s.waits, want)
	}
	if st := l.Stats(); st.Requests != 3 || st.Retries != 2 {
		t.Errorf("stats %+v", st)
	}
}

func TestTransportGivesUpAfterMaxAttempts(t *testing.T) {
	srv, n := script(t, status(500))
	s := &sleeper{}
	l := &Transport{Clock: s.clock(), MaxAttempts: 3}
	resp, err := get(t, l, srv.URL, "GET")
	if err != nil || resp.StatusCode != 500 || *n != 3 {
		t.Fatalf("resp %v err %v after %d requests, want the 500 after 3", resp, err, *n)
	}
}

func TestTransportDoesNotRepeatAPostOn5xx(t *testing.T) {
	srv, n := script(t, status(502), status(201))
	l := &Transport{Clock: (&sleeper{}).clock()}
	resp, err := get(t, l, srv.URL, "POST")
	if err != nil || resp.StatusCode != 502 || *n != 1 {
		t.Fatalf("resp %v err %v after %d requests: a POST may have been done, it must not be sent twice", resp, err, *n)
	}
}

func TestTransportHonoursSecondaryRetryAfterForEveryone(t *testing.T) {
	srv, n := script(t, status(429, "Retry-After", "42"), status(200))
	s := &sleeper{now: time.Unix(1e9, 0)}
	var told []string
	l := &Transport{Clock: s.clock(), Notify: func(m string) { told = append(told, m) }}
	resp, err := get(t, l, srv.URL, "POST") // a refused request was not done: repeat even a POST
	if err != nil || resp.StatusCode != 200 || *n != 2 {
		t.Fatalf("resp %v err %v after %d", resp, err, *n)
	}
	if !equalDurations(s.waits, []time.Duration{42 * time.Second}) {
		t.Errorf("waits %v, want 42s", s.waits)
	}
	if len(told) != 1 || !strings.Contains(told[0], "secondary rate limit") {
		t.Errorf("told %q", told)
	}
	if resp.Header.Get("Retry-After") != "" {
		t.Error("Retry-After reached go-github, whose own limiter would block on the wall clock")
	}
}

func TestTransportSecondaryWithoutRetryAfterWaitsAMinute(t *testing.T) {
	srv, _ := script(t, func(w http.ResponseWriter) {
		w.WriteHeader(403)
		io.WriteString(w, `{"message":"You have exceeded a secondary rate limit."}`)
	}, status(200))
	s := &sleeper{now: time.Unix(1e9, 0)}
	l := &Transport{Clock: s.clock()}
	if resp, err := get(t, l, srv.URL, "GET"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("resp %v err %v", resp, err)
	}
	if !equalDurations(s.waits, []time.Duration{time.Minute}) {
		t.Errorf("waits %v, want 1m", s.waits)
	}
}

func TestTransportPassesAPlain403Through(t *testing.T) {
	srv, n := script(t, status(403))
	l := &Transport{Clock: (&sleeper{}).clock()}
	if resp, err := get(t, l, srv.URL, "GET"); err != nil || resp.StatusCode != 403 || *n != 1 {
		t.Fatalf("resp %v err %v after %d", resp, err, *n)
	}
}

func TestTransportWaitsForThePrimaryReset(t *testing.T) {
	start := time.Unix(1e9, 0)
	reset := strconv.FormatInt(start.Add(15*time.Minute).Unix(), 10)
	srv, n := script(t, status(403, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", reset), status(200, "X-RateLimit-Remaining", "4999"))
	s := &sleeper{now: start}
	var told []string
	l := &Transport{Clock: s.clock(), Notify: func(m string) { told = append(told, m) }}
	resp, err := get(t, l, srv.URL, "GET")
	if err != nil || resp.StatusCode != 200 || *n != 2 {
		t.Fatalf("resp %v err %v after %d", resp, err, *n)
	}
	if !equalDurations(s.waits, []time.Duration{15 * time.Minute}) {
		t.Errorf("waits %v, want 15m", s.waits)
	}
	if len(told) != 1 || !strings.Contains(told[0], "waiting until") {
		t.Errorf("told %q", told)
	}
	if resp.Header.Get("X-RateLimit-Remaining") != "" {
		t.Error("rate headers reached go-github")
	}
}

func TestTransportNoWaitStopsAndDoesNotStorm(t *testing.T) {
	start := time.Unix(1e9, 0)
	reset := start.Add(time.Hour)
	// The budget's last request succeeds and says so: the next must not be sent.
	srv, n := script(t, status(200, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10)))
	s := &sleeper{now: start}
	l := &Transport{Clock: s.clock(), NoWait: true}
	if _, err := get(t, l, srv.URL, "GET"); err != nil {
		t.Fatal(err)
	}
	_, err := get(t, l, srv.URL, "GET")
	var rl *RateLimitError
	if !errors.As(err, &rl) || !rl.Reset.Equal(reset) {
		t.Fatalf("err %v, want a RateLimitError until %v", err, reset)
	}
	if *n != 1 {
		t.Errorf("%d requests sent against a spent budget", *n)
	}
}

// deadlines are attempts' timeouts that end only when the test says so.
type deadlines struct {
	mu      sync.Mutex
	cancels []context.CancelCauseFunc
	asked   []time.Duration
}

func (dl *deadlines) timeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	c, cancel := context.WithCancelCause(ctx)
	dl.mu.Lock()
	defer dl.mu.Unlock()
	dl.cancels, dl.asked = append(dl.cancels, cancel), append(dl.asked, d)
	return c, func() { cancel(context.Canceled) }
}

// expire ends the ith attempt as its timeout would.
func (dl *deadlines) expire(i int) {
	dl.mu.Lock()
	cancel := dl.cancels[i]
	dl.mu.Unlock()
	cancel(context.DeadlineExceeded)
}

// An attempt the server never answers ends at the per-attempt timeout (on
// the client's clock) and is tried again; the answered retry is returned.
func TestTransportRetriesATimeout(t *testing.T) {
	dl := &deadlines{}
	var mu sync.Mutex
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		first := calls == 1
		mu.Unlock()
		if first {
			// A server that never answers: read the request, then wait for
			// the client to give up (its timeout closes the connection).
			io.Copy(io.Discard, r.Body)
			dl.expire(0)
			<-r.Context().Done()
			return
		}
		w.WriteHeader(200)
	}))
	defer srv.Close()
	s := &sleeper{}
	clock := s.clock()
	clock.Timeout = dl.timeout
	l := &Transport{Clock: clock, Timeout: 7 * time.Second}
	resp, err := get(t, l, srv.URL, "GET")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("resp %v err %v after %d calls", resp, err, calls)
	}
	mu.Lock()
	defer mu.Unlock()
	if calls != 2 || len(dl.asked) != 2 || dl.asked[0] != 7*time.Second || len(s.waits) != 1 {
		t.Errorf("%d calls, deadlines %v, backoffs %v: want 2 calls of 7s each, one backoff between", calls, dl.asked, s.waits)
	}
	if st := l.Stats(); st.Requests != 2 || st.Retries != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestTransportStopsWhenCancelled(t *testing.T) {
	srv, _ := script(t, status(503))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	l := &Transport{Clock: (&sleeper{}).clock()}
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	if _, err := l.RoundTrip(req); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
