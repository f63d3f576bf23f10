package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Forty reports of very different sizes, the big ones first so that the
// small ones after them finish first: the output is still each report's
// own output, byte for byte as when it is graded alone, in argument order,
// and the tally and the exit code are those of the whole set.
func TestGradeManyKeepsArgumentOrder(t *testing.T) {
	// More workers than reports finishing in order would need.
	prev := runtime.GOMAXPROCS(4)
	t.Cleanup(func() { runtime.GOMAXPROCS(prev) })
	dir := t.TempDir()
	example, err := os.ReadFile("../../fixtures/docker-tp1/example.md")
	if err != nil {
		t.Fatal(err)
	}
	untouched, err := os.ReadFile("../../fixtures/docker-tp1/template-untouched.md")
	if err != nil {
		t.Fatal(err)
	}
	env := func(out, errb *bytes.Buffer) *Env {
		return &Env{Stdin: strings.NewReader(""), Stdout: out, Stderr: errb,
			Getenv: func(string) string { return "" }, Now: time.Now, ReadFile: os.ReadFile, Stat: os.Stat}
	}
	var args []string
	var want strings.Builder
	for i := range 40 {
		var body []byte
		switch {
		case i < 6: // long: the example repeated
			body = bytes.Repeat(append(example, '\n'), 12)
		case i%3 == 0:
			body = untouched
		default:
			body = example
		}
		p := filepath.Join(dir, fmt.Sprintf("r%02d.md", 40-i))
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
		if i == 20 {
			args = append(args, filepath.Join(dir, "missing.md"))
		}
		args = append(args, p)
	}
	for i, a := range args {
		var out, errb bytes.Buffer
		Main(context.Background(), []string{"grade", "--lang", "en", a}, env(&out, &errb))
		if i > 0 && out.Len() > 0 && want.Len() > 0 {
			want.WriteString("\n")
		}
		want.Write(out.Bytes())
	}
	var out, errb bytes.Buffer
	code := Main(context.Background(), append([]string{"grade", "--lang", "en"}, args...), env(&out, &errb))
	if code != ExitUnusable {
		t.Errorf("exit %d, want %d (one report missing)", code, ExitUnusable)
	}
	got := out.String()
	body, tally, ok := strings.Cut(got, "\n\n41 reports: ")
	if !ok {
		t.Fatalf("no tally of 41 reports at the end:\n%s", got[max(0, len(got)-500):])
	}
	if body+"\n" != want.String() {
		t.Errorf("the reports are not each one's own output in argument order")
	}
	if !strings.HasPrefix(tally, "40 graded (") || !strings.Contains(tally, "1 unreadable; ") {
		t.Errorf("tally: %q", tally)
	}
	if e := errb.String(); e != "tpgrade: no report "+filepath.Join(dir, "missing.md")+": no such file\n" {
		t.Errorf("stderr: %q", e)
	}
}

// Ctrl-C (the context ended) stops a run between two reports, exit 3,
// saying how far it went.
func TestGradeManyStopsOnInterrupt(t *testing.T) {
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }, Now: time.Now, ReadFile: os.ReadFile, Stat: os.Stat}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ex := "../../fixtures/docker-tp1/example.md"
	code := Main(ctx, []string{"grade", ex, ex, ex}, env)
	if code != ExitUnusable || errb.String() != "tpgrade: interrupted after 0 of 3 reports\n" || out.Len() != 0 {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
}
