package batch

import (
	"context"
	"time"
)

// Clock is the batch's notion of time, injected so that tests never wait:
// Now reads the time and Sleep waits (or pretends to) for d, returning early
// with the context's error when it is cancelled.
type Clock struct {
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error // nil: a real timer
}

func (c Clock) now() time.Time {
	if c.Now == nil {
		return time.Time{}
	}
	return c.Now()
}

func (c Clock) sleep(ctx context.Context, d time.Duration) error {
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
