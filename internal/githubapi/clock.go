package githubapi

import (
	"context"
	"time"
)

// Clock is the client's notion of time, injected so that tests never wait:
// Now reads the time and Sleep waits (or pretends to) for d, returning early
// with the context's error when it is cancelled. Timeout gives one
// request's attempt its deadline: a context that ends after d with
// context.DeadlineExceeded as its cause, so that a test decides when an
// attempt times out, never the speed of the machine running it.
type Clock struct {
	Now     func() time.Time                                                                 // nil: time.Now
	Sleep   func(ctx context.Context, d time.Duration) error                                 // nil: a real timer
	Timeout func(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) // nil: context.WithTimeout
}

// WithTimeout is context.WithTimeout on the clock.
func (c Clock) WithTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if c.Timeout != nil {
		return c.Timeout(ctx, d)
	}
	return context.WithTimeout(ctx, d)
}

// Time returns the clock's time.
func (c Clock) Time() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}

// Wait sleeps for d, or until ctx ends.
func (c Clock) Wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
