package cli

import (
	"testing"
	"time"
)

func TestZoneFromLink(t *testing.T) {
	for in, want := range map[string]string{
		"/usr/share/zoneinfo/Europe/Paris":          "Europe/Paris",
		"../usr/share/zoneinfo/America/Montreal":    "America/Montreal",
		"/usr/share/zoneinfo/posix/Europe/Brussels": "Europe/Brussels",
		"/var/db/timezone/zoneinfo/Europe/Paris":    "Europe/Paris", // macOS
		"/etc/alternatives/localtime":               "",
	} {
		if got := zoneFromLink(in); got != want {
			t.Errorf("zoneFromLink(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOffsetName(t *testing.T) {
	at := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)
	for off, want := range map[int]string{0: "UTC", 3600: "UTC+01:00", -(3*3600 + 1800): "UTC-03:30", 5*3600 + 2700: "UTC+05:45"} {
		if got := offsetName(at.In(time.FixedZone("", off))); got != want {
			t.Errorf("offset %d: %q, want %q", off, got, want)
		}
	}
}

func TestSystemZoneHasAName(t *testing.T) {
	now := time.Now()
	loc := systemZone(now)
	// Only a zone with summer time and no name or tzdata keeps time.Local.
	if loc == time.Local && !hasSummerTime(time.Local, now) || loc.String() == "Local" && loc != time.Local {
		t.Errorf("the system's zone is called %q", loc)
	}
	if !sameRules(loc, time.Local, now) {
		t.Errorf("%s does not keep the local time's rules", loc)
	}
}
