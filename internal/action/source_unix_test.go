//go:build unix

package action

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A named pipe or a 3 GB sparse file committed as the report is refused at
// once (the job does not hang, nothing is read), the check run says why,
// and the report is unusable (exit 3).
func TestRunRefusesAPipeAndAHugeReport(t *testing.T) {
	for name, create := range map[string]func(string) error{
		"named pipe": func(p string) error { return syscall.Mkfifo(p, 0o644) },
		"3.0 GiB": func(p string) error {
			f, err := os.Create(p)
			if err != nil {
				return err
			}
			defer f.Close()
			return f.Truncate(3 << 30)
		},
	} {
		f := newFakeChecks(t)
		j := newJob(t, f, "")
		if err := create(filepath.Join(j.ws, "README.md")); err != nil {
			t.Fatal(err)
		}
		res := j.mustRun()
		want := map[string]string{"named pipe": "README.md is a named pipe (FIFO), not a regular file", "3.0 GiB": "over the 2.0 MiB limit"}[name]
		if res.Report.Usable || !strings.Contains(f.Creates[0].Output.GetSummary(), want) {
			t.Errorf("%s: usable %v, summary:\n%s", name, res.Report.Usable, f.Creates[0].Output.GetSummary())
		}
		if strings.Contains(res.Report.Findings[0].Message, j.ws) {
			t.Errorf("%s: the message names the runner's path: %s", name, res.Report.Findings[0].Message)
		}
	}
}
