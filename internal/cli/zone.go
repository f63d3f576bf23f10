package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// systemZone is the system's time zone with the name a teacher knows it by,
// never Go's "Local": the IANA name the system gives (/etc/localtime's link,
// or /etc/timezone as Debian writes it), else the same rules named by their
// UTC offset at now ("UTC+01:00"). Only a system that gives neither a name
// nor tzdata and has summer time (Windows without TZ) keeps time.Local, for
// its rules: inZone names it in messages.
func systemZone(now time.Time) *time.Location {
	names := []string{}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		names = append(names, zoneFromLink(target))
	}
	if b, err := os.ReadFile("/etc/timezone"); err == nil {
		names = append(names, strings.TrimSpace(string(b)))
	}
	for _, name := range names {
		if name == "" {
			continue
		}
		// The link or file may be stale: keep a name only if its rules are
		// the ones Go uses for the local time.
		if loc, err := time.LoadLocation(name); err == nil && sameRules(loc, time.Local, now) {
			return loc
		}
	}
	name := offsetName(now.In(time.Local))
	if data, err := os.ReadFile("/etc/localtime"); err == nil {
		if loc, err := time.LoadLocationFromTZData(name, data); err == nil && sameRules(loc, time.Local, now) {
			return loc
		}
	}
	if !hasSummerTime(time.Local, now) {
		_, off := now.In(time.Local).Zone()
		return time.FixedZone(name, off)
	}
	return time.Local
}

// zoneFromLink is the IANA name in a zoneinfo path such as
// /usr/share/zoneinfo/Europe/Paris or ../usr/share/zoneinfo/posix/Europe/Paris.
func zoneFromLink(target string) string {
	target = filepath.ToSlash(target)
	i := strings.LastIndex(target, "zoneinfo/")
	if i < 0 {
		return ""
	}
	name := target[i+len("zoneinfo/"):]
	for _, dir := range []string{"posix/", "right/"} {
		name = strings.TrimPrefix(name, dir)
	}
	return name
}

// offsetName names a time's zone by its offset from UTC: "UTC", "UTC+01:00",
// "UTC-03:30".
func offsetName(t time.Time) string {
	_, off := t.Zone()
	if off == 0 {
		return "UTC"
	}
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, off/3600, off/60%60)
}

// humanZone is loc's name for a person: its own, or its offset at t when it
// is Go's unnamed "Local".
func humanZone(loc *time.Location, t time.Time) string {
	if loc == time.Local {
		return offsetName(t.In(loc))
	}
	return loc.String()
}

// inZone runs parse, which reads dates in loc. When loc is Go's unnamed
// "Local" and parse fails, it is run again in a zone named by the offset,
// so that its message names the zone as people do: a date fails on its
// form, never on the zone, so it fails the same way.
func inZone[T any](loc *time.Location, now time.Time, parse func(*time.Location) (T, error)) (T, error) {
	v, err := parse(loc)
	if err != nil && loc == time.Local {
		if _, named := parse(time.FixedZone(humanZone(loc, now), 0)); named != nil {
			err = named
		}
	}
	return v, err
}

// sameRules reports whether a and b give the same offsets over the year
// around now, summer time included.
func sameRules(a, b *time.Location, now time.Time) bool {
	for m := -12; m <= 12; m++ {
		t := now.AddDate(0, m, 0)
		_, oa := t.In(a).Zone()
		_, ob := t.In(b).Zone()
		if oa != ob {
			return false
		}
	}
	return true
}

// hasSummerTime reports whether loc's offset changes over the year around now.
func hasSummerTime(loc *time.Location, now time.Time) bool {
	_, off := now.In(loc).Zone()
	return !sameRules(time.FixedZone("", off), loc, now)
}
