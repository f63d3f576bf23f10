package cli

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is written by the watch loop and read by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

const watchRubric = "id: lab\nlang: en\ncriteria:\n  - id: intro\n    kind: section\n    points: 2\n    names: [Introduction]\n    min_words: 3\n" +
	"  - id: end\n    kind: section\n    points: 1\n    names: [Conclusion]\n"

func TestGradeWatchRegradesOnSave(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "README.md")
	rub := filepath.Join(dir, "lab.yaml")
	if err := os.WriteFile(rub, []byte(watchRubric), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(report, []byte("# Notes\n\nnothing yet\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errb := &lockedBuffer{}, &lockedBuffer{}
	env := &Env{Stdin: strings.NewReader(""), Stdout: out, Stderr: errb,
		Getenv: func(string) string { return "" }, Now: time.Now, ReadFile: os.ReadFile, Stat: os.Stat}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- Main(ctx, []string{"grade", "--watch", "--rubric", rub, dir}, env) }()

	waitFor := func(what string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(out.String(), what) {
			if time.Now().After(deadline) {
				cancel()
				t.Fatalf("never saw %q; stdout:\n%s\nstderr:\n%s", what, out.String(), errb.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitFor("Total 0/3")
	// The student saves the report with the missing section: graded again.
	if err := os.WriteFile(report, []byte("# Introduction\n\nWe install Docker today.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("Total 2/3")
	// A save caught half-way (the file briefly gone) does not stop the watch:
	// the version saved after it is graded (only it has a conclusion).
	if err := os.Remove(report); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(report, []byte("# Introduction\n\nWe install Docker and run it.\n\n# Conclusion\n\nDone.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("Total 3/3")
	cancel()
	select {
	case code := <-done:
		if code != ExitPassed {
			t.Errorf("watch ended with exit %d, want 0 on Ctrl-C", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("watch did not stop when its context ended")
	}
}

// A report full of terminal escape sequences (clear the screen, write the
// clipboard with OSC 52, recolour) and bidi overrides: `grade` quotes its
// lines, findings and all, and prints none of them raw.
func TestGradePrintsNoEscapeFromTheReport(t *testing.T) {
	dir := t.TempDir()
	rub := filepath.Join(dir, "lab.yaml")
	const lab = `id: lab
lang: en
criteria:
  - id: driver
    title: Storage driver
    kind: table
    points: 2
    rows:
      - key: [Storage Driver]
        value: {one_of: [overlay2]}
  - id: leftovers
    title: No leftovers
    kind: placeholder
    penalty: 1
    words: [TODO]
`
	report := "# Intro \x1b[2J\x1b[H\n\n| Key | Value |\n|---|---|\n| Storage Driver | \x1b]52;c;cm0gLXJmIH4=\x07over\u202Elay\x1b[0m |\n\nTODO \x1b[31mred\x9b0m \u2066isolate\u2069\n"
	if err := os.WriteFile(rub, []byte(lab), 0o644); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "README.md")
	if err := os.WriteFile(p, []byte(report), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "markdown", "json"} {
		var out, errb bytes.Buffer
		env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Terminal: true,
			Getenv: func(k string) string { return map[string]string{"NO_COLOR": "1"}[k] },
			Now:    time.Now, ReadFile: os.ReadFile, Stat: os.Stat}
		Main(context.Background(), []string{"grade", "-v", "--format", format, "--rubric", rub, p}, env)
		got := out.String() + errb.String()
		for _, bad := range []string{"\x1b", "\x07", "\u202E", "\u2066", "\u009b"} {
			if strings.Contains(got, bad) {
				t.Errorf("%s: the output carries %q raw:\n%s", format, bad, got)
			}
		}
		if format == "text" && (!strings.Contains(got, `\x1b]52;c;cm0gLXJmIH4=\x07overU+202Elay`) || !strings.Contains(got, "Total ")) {
			t.Errorf("text: the quoted line is not shown visibly:\n%s", got)
		}
	}
}

// grade runs the collector at GOGC=400 under a 256 MiB soft limit, unless
// the user set GOGC or GOMEMLIMIT: then theirs (what Go read) stays.
func TestGradeTunesTheCollectorUnlessTheUserDid(t *testing.T) {
	orig := debug.SetGCPercent(100)
	origLimit := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() {
		debug.SetGCPercent(orig)
		debug.SetMemoryLimit(origLimit)
	})
	tuneGC(&Env{Getenv: func(k string) string { return map[string]string{"GOGC": "50"}[k] }})
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set, GC percent changed to %d", got)
	}
	tuneGC(&Env{Getenv: func(k string) string { return map[string]string{"GOMEMLIMIT": "1GiB"}[k] }})
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set, the limit changed to %d", got)
	}
	tuneGC(&Env{Getenv: func(string) string { return "" }})
	if got := debug.SetGCPercent(100); got != 400 {
		t.Errorf("GC percent %d, want 400", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 256<<20 {
		t.Errorf("memory limit %d, want 256 MiB", got)
	}
}
