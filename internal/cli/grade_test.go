package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
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

const watchRubric = "id: lab\nlang: en\ncriteria:\n  - id: intro\n    kind: section\n    points: 2\n    names: [Introduction]\n    min_words: 3\n"

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
	waitFor("Total 0/2")
	// The student saves the report with the missing section: graded again.
	if err := os.WriteFile(report, []byte("# Introduction\n\nWe install Docker today.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("Total 2/2")
	// A save caught half-way (the file briefly gone) does not stop the watch.
	if err := os.Remove(report); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(report, []byte("# Introduction\n\nWe install Docker and run it.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	time.Sleep(400 * time.Millisecond)
	cancel()
	select {
	case code := <-done:
		if code != ExitPassed {
			t.Errorf("watch ended with exit %d, want 0 on Ctrl-C", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("watch did not stop when its context ended")
	}
	if n := strings.Count(out.String(), "Total "); n < 2 {
		t.Errorf("graded %d times, want at least 2", n)
	}
}
