//go:build unix

package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe where the report should be, or a 3 GB sparse file, is
// refused with exit 3 and a clear message, without waiting on the pipe or
// reading the file.
func TestGradeRefusesAPipeAndAHugeFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo", "README.md")
	huge := filepath.Join(dir, "huge", "README.md")
	for _, d := range []string{filepath.Dir(fifo), filepath.Dir(huge)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(3 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, c := range []struct {
		args       []string
		out, inErr string
	}{
		{[]string{"grade", "--lang", "en", fifo}, "", "is a named pipe (FIFO), not a regular file"},
		{[]string{"grade", filepath.Dir(fifo)}, "", "est un tube nommé (FIFO), pas un fichier ordinaire"},
		{[]string{"grade", "--lang", "en", huge}, "the report is 3072.0 MiB, over the 2.0 MiB limit", ""},
	} {
		var out, errb bytes.Buffer
		env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
			Getenv: func(string) string { return "" }, Now: time.Now, ReadFile: os.ReadFile, Stat: os.Stat}
		done := make(chan int, 1)
		go func() { done <- Main(context.Background(), c.args, env) }()
		select {
		case code := <-done:
			if code != ExitUnusable || !strings.Contains(out.String(), c.out) || !strings.Contains(errb.String(), c.inErr) {
				t.Errorf("%v: exit %d\nstdout:\n%s\nstderr:\n%s", c.args, code, out.String(), errb.String())
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%v: still running after 10 s", c.args)
		}
	}
}
