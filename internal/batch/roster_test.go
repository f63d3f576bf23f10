package batch

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata"
)

func TestParseDeadline(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris") // from time/tzdata when the system has none
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]time.Time{
		"2026-10-15T23:59:00+02:00": time.Date(2026, 10, 15, 21, 59, 0, 0, time.UTC),
		"2026-10-15T21:59:00Z":      time.Date(2026, 10, 15, 21, 59, 0, 0, time.UTC),
		"2026-10-15 23:59":          time.Date(2026, 10, 15, 21, 59, 0, 0, time.UTC), // CEST
		"2026-12-15 23:59":          time.Date(2026, 12, 15, 22, 59, 0, 0, time.UTC), // CET
		"2026-10-15T23:59:30":       time.Date(2026, 10, 15, 21, 59, 30, 0, time.UTC),
		" 2026-10-15 ":              time.Date(2026, 10, 15, 21, 59, 59, 0, time.UTC), // end of that day
	} {
		got, err := ParseDeadline(in, paris)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseDeadline(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "tomorrow", "15/10/2026", "2026-13-01"} {
		if _, err := ParseDeadline(bad, paris); err == nil || !strings.Contains(err.Error(), "RFC 3339") {
			t.Errorf("ParseDeadline(%q) err %v", bad, err)
		}
	}
}

func TestParseExtension(t *testing.T) {
	base := time.Date(2026, 10, 15, 21, 59, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"":                 base,
		"48h":              base.Add(48 * time.Hour),
		"2d":               base.AddDate(0, 0, 2),
		"2026-10-20 12:00": time.Date(2026, 10, 20, 12, 0, 0, 0, time.UTC),
	} {
		got, err := ParseExtension(in, base, time.UTC)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseExtension(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"-3h", "soon", "2 weeks"} {
		if _, err := ParseExtension(bad, base, time.UTC); err == nil {
			t.Errorf("ParseExtension(%q) accepted", bad)
		}
	}
}

func TestReadRoster(t *testing.T) {
	dl := time.Date(2026, 10, 15, 21, 59, 0, 0, time.UTC)
	src := "\ufeffGitHub_Username ; Student_ID;Email;Repository;Extension\n" +
		"alice;1001;alice@uni.fr;;\n" +
		"@bob;1002;bob@uni.fr;https://github.com/course/tp1-docker-bobby.git;48h\n" +
		";1003;carol@uni.fr;;\n" +
		"dave;;;other/dave-lab;2026-10-20 12:00\n"
	got, err := ReadRoster("roster.csv", []byte(src), RosterDefaults{Owner: "course", Prefix: "tp1-docker-", Deadline: dl, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	want := []Student{
		{Login: "alice", Repo: "course/tp1-docker-alice", Identifier: "1001", Email: "alice@uni.fr", Deadline: dl},
		{Login: "bob", Repo: "course/tp1-docker-bobby", Identifier: "1002", Email: "bob@uni.fr", Deadline: dl.Add(48 * time.Hour), Extended: true},
		{Identifier: "1003", Email: "carol@uni.fr", Deadline: dl},
		{Login: "dave", Repo: "other/dave-lab", Deadline: time.Date(2026, 10, 20, 12, 0, 0, 0, time.UTC), Extended: true},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d students: %+v", len(got), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: %+v\nwant     %+v", i+1, got[i], want[i])
		}
	}
}

func TestReadRosterReportsEveryProblem(t *testing.T) {
	src := "login,repository,extension\n" +
		"alice,,\n" +
		"alice,,\n" + // line 3: twice
		"bob,,someday\n" + // line 4: bad extension
		",,\n" + // blank: ignored
		"carl,a/b/c,\n" // line 6: bad repository
	_, err := ReadRoster("r.csv", []byte(src), RosterDefaults{Owner: "course", Deadline: time.Now()})
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{"r.csv:3: alice already listed on line 2", "r.csv:4: extension \"someday\"", "r.csv:6: repository \"a/b/c\""} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if _, err := ReadRoster("r.csv", []byte("name,mail\nx,y\n"), RosterDefaults{}); err == nil || !strings.Contains(err.Error(), "no login column") {
		t.Errorf("no login column: %v", err)
	}
	if _, err := ReadRoster("r.csv", []byte("login\nalice\n"), RosterDefaults{}); err == nil || !strings.Contains(err.Error(), "give --org") {
		t.Errorf("no owner: %v", err)
	}
	if _, err := ReadRoster("r.csv", nil, RosterDefaults{}); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty roster: %v", err)
	}
}
