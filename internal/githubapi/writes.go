package githubapi

import (
	"context"
	"time"
)

// Content-creating requests (comments, issues, statuses, check runs,
// dispatches) have limits of their own, on top of the primary rate limit.
const (
	// DefaultWriteInterval is the least time between two mutating requests.
	// Why: GitHub asks to pause at least one second between mutative requests
	// (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#pause-between-mutative-requests).
	DefaultWriteInterval = time.Second
	// DefaultWritesPerHour is the budget of content-creating requests in any
	// hour.
	// Why: GitHub allows no more than about 80 content-generating requests a
	// minute and 500 an hour (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits);
	// 450 leaves room for what the teacher does meanwhile.
	DefaultWritesPerHour = 450
)

// writeLog remembers when content-creating requests were (or will be) sent.
type writeLog struct {
	last  time.Time   // the latest slot handed out
	times []time.Time // slots of the last hour, oldest first
	told  time.Time   // the budget wait the user was last told about
}

// pace waits for the next write slot: at least WriteInterval after the
// previous write, and within WritesPerHour over any hour. Slots are handed
// out under the lock, so concurrent writers queue up instead of bunching.
func (l *Transport) pace(ctx context.Context) error {
	interval, budget := l.WriteInterval, l.WritesPerHour
	if interval == 0 {
		interval = DefaultWriteInterval
	}
	if budget == 0 {
		budget = DefaultWritesPerHour
	}
	l.mu.Lock()
	now := l.Clock.Time()
	slot := now
	if interval > 0 && !l.writes.last.IsZero() && l.writes.last.Add(interval).After(slot) {
		slot = l.writes.last.Add(interval)
	}
	if budget > 0 {
		keep := l.writes.times[:0]
		for _, t := range l.writes.times {
			if t.After(slot.Add(-time.Hour)) {
				keep = append(keep, t)
			}
		}
		l.writes.times = keep
		if len(keep) >= budget {
			resume := keep[len(keep)-budget].Add(time.Hour)
			if l.NoWait {
				l.mu.Unlock()
				return &RateLimitError{Reset: resume, Writes: true}
			}
			if !l.writes.told.Equal(resume) {
				l.writes.told = resume
				l.notify("GitHub allows about %d content-creating requests an hour: waiting until %s (%s) before the next; press Ctrl-C to stop, the run resumes where it stopped",
					budget, resume.Format("15:04:05"), resume.Sub(now).Round(time.Second))
			}
			slot = resume
		}
		l.writes.times = append(l.writes.times, slot)
	}
	l.writes.last = slot
	l.mu.Unlock()
	l.written.Add(1)
	return l.Clock.Wait(ctx, slot.Sub(now))
}
