package githubtest

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// attemptHeader carries, from the client to the fake server, which attempt
// (which per-attempt deadline) a request belongs to.
const attemptHeader = "X-Githubtest-Attempt"

type attemptKey struct{}

// Timeouts stands in for a client's per-attempt timeouts: an attempt times
// out when the fake server hangs on it (Faults.HangAt), and never because
// the machine running the test is slow. Give Timeout to the client's clock
// (githubapi.Clock.Timeout), its HTTP client to Client, and the Timeouts to
// the Org.
type Timeouts struct {
	mu      sync.Mutex
	next    int
	pending map[string]context.CancelCauseFunc
	expired int
}

// NewTimeouts returns Timeouts with no attempt yet.
func NewTimeouts() *Timeouts { return &Timeouts{pending: map[string]context.CancelCauseFunc{}} }

// Timeout is githubapi.Clock.Timeout: the attempt's context ends only when
// the server hangs on it, with context.DeadlineExceeded as a real timeout.
func (t *Timeouts) Timeout(ctx context.Context, _ time.Duration) (context.Context, context.CancelFunc) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.next++
	id := strconv.Itoa(t.next)
	c, cancel := context.WithCancelCause(context.WithValue(ctx, attemptKey{}, id))
	t.pending[id] = cancel
	return c, func() {
		t.mu.Lock()
		delete(t.pending, id)
		t.mu.Unlock()
		cancel(context.Canceled)
	}
}

// Client is c with each request marked with its attempt, so that the server
// can end the attempt it hangs on.
func (t *Timeouts) Client(c *http.Client) *http.Client {
	out := *c
	base := c.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	out.Transport = markAttempts{base}
	return &out
}

// Expired counts the attempts ended by their timeout.
func (t *Timeouts) Expired() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.expired
}

// expire ends the attempt r belongs to as its timeout would, and reports
// whether there was one.
func (t *Timeouts) expire(r *http.Request) bool {
	t.mu.Lock()
	cancel := t.pending[r.Header.Get(attemptHeader)]
	if cancel != nil {
		t.expired++
	}
	t.mu.Unlock()
	if cancel == nil {
		return false
	}
	cancel(context.DeadlineExceeded)
	return true
}

type markAttempts struct{ base http.RoundTripper }

func (m markAttempts) RoundTrip(r *http.Request) (*http.Response, error) {
	if id, ok := r.Context().Value(attemptKey{}).(string); ok {
		r = r.Clone(r.Context())
		r.Header.Set(attemptHeader, id)
	}
	return m.base.RoundTrip(r)
}
