package batch

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// localLayouts are the deadline forms read in the teacher's time zone, most
// precise first.
var localLayouts = []string{
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
}

// ParseDeadline reads a deadline: RFC 3339 with an offset
// ("2026-10-15T23:59:00+02:00", "2026-10-15T21:59:00Z"), or a date and time
// in loc ("2026-10-15 23:59", "2026-10-15T23:59:30"), or a bare date in loc,
// which means the last second of that day ("2026-10-15" is 23:59:59).
func ParseDeadline(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if loc == nil {
		loc = time.UTC
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, l := range localLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, nil
		}
	}
	if d, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return time.Date(d.Year(), d.Month(), d.Day(), 23, 59, 59, 0, loc), nil
	}
	return time.Time{}, fmt.Errorf("deadline %q: expected RFC 3339 (2026-10-15T23:59:00+02:00), a date and time in %s (2026-10-15 23:59) or a date (2026-10-15, meaning 23:59:59 that day)", s, loc)
}

// ParseExtension applies a roster's deadline extension to base: a duration
// ("48h", "90m", "2d" for two calendar days in loc), or a new deadline in any
// form ParseDeadline reads. An empty extension leaves base unchanged.
func ParseExtension(s string, base time.Time, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return base, nil
	}
	if loc == nil {
		loc = time.UTC
	}
	if n, ok := strings.CutSuffix(s, "d"); ok {
		if days, err := strconv.Atoi(strings.TrimSpace(n)); err == nil && days >= 0 {
			return base.In(loc).AddDate(0, 0, days), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil {
		if d < 0 {
			return time.Time{}, fmt.Errorf("extension %q is negative", s)
		}
		return base.Add(d), nil
	}
	t, err := ParseDeadline(s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("extension %q: expected a duration (48h, 2d) or a new deadline (2026-10-17 23:59)", s)
	}
	return t, nil
}
