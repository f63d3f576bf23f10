//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestSIGTERMStopsLikeCtrlC sends SIGTERM (what kill, docker stop and CI
// runners send) to a tpgrade watching a report: it stops as on Ctrl-C, with
// exit code 0, instead of being killed by the signal.
func TestSIGTERMStopsLikeCtrlC(t *testing.T) {
	dir := t.TempDir()
	report, err := os.ReadFile("../../fixtures/docker-tp1/example.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "README.md"), report, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), os.Args[0], "grade", "--watch", dir)
	cmd.Env = append(os.Environ(), mainEnv+"=1")
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr syncBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })

	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(stderr.String(), "watching"); {
		if time.Now().After(deadline) {
			t.Fatalf("tpgrade never started watching\nstdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("after SIGTERM: %v (want exit 0, as on Ctrl-C)\nstderr:\n%s", err, stderr.String())
		} else if err != nil {
			t.Fatal(err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("tpgrade did not stop on SIGTERM")
	}
	if !strings.Contains(stdout.String(), "Total ") {
		t.Errorf("the report was not graded before the signal:\n%s", stdout.String())
	}
}
