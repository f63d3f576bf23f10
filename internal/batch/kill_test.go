package batch_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tpgrade/tpgrade/internal/cli"
	"github.com/tpgrade/tpgrade/internal/githubtest"
	"github.com/tpgrade/tpgrade/internal/gradesheet"
)

// cliEnv, set in a child's environment, makes this test binary run tpgrade
// itself instead of the tests, so that a test can kill a real tpgrade process.
const cliEnv = "TPGRADE_TEST_CLI"

func TestMain(m *testing.M) {
	if os.Getenv(cliEnv) == "1" {
		os.Exit(cli.Main(context.Background(), os.Args[1:], cli.OSEnv("test", false)))
	}
	os.Exit(m.Run())
}

// child is a tpgrade process started by a test.
type child struct {
	cmd            *exec.Cmd
	stdout, stderr *syncBuffer
	exited         chan struct{} // closed when the process has ended
	err            error         // Wait's answer, once exited is closed
}

// startCLI runs `tpgrade args...` as a child process against the fake API
// only: the token is the teacher's, the time zone UTC, and nothing of the
// caller's GitHub or proxy settings leaks in. The child is killed when the
// test ends, whatever happened.
func startCLI(t *testing.T, args ...string) *child {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), os.Args[0], args...)
	cmd.WaitDelay = 5 * time.Second
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch strings.ToUpper(name) {
		case cliEnv, "GITHUB_TOKEN", "GH_TOKEN", "GITHUB_API_URL", "TZ",
			"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY":
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	cmd.Env = append(cmd.Env, cliEnv+"=1", "GITHUB_TOKEN=teacher-token", "TZ=UTC")
	c := &child{cmd: cmd, stdout: &syncBuffer{}, stderr: &syncBuffer{}, exited: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = c.stdout, c.stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting tpgrade: %v", err)
	}
	go func() {
		c.err = cmd.Wait()
		close(c.exited)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill() // an error only says it has ended already
		<-c.exited
	})
	return c
}

// wait waits for the child to end by itself and returns its exit code.
func (c *child) wait(t *testing.T, limit time.Duration) int {
	t.Helper()
	select {
	case <-c.exited:
		var ee *exec.ExitError
		if c.err != nil && !errors.As(c.err, &ee) {
			t.Fatalf("tpgrade %s: %v", strings.Join(c.cmd.Args[1:], " "), c.err)
		}
		return c.cmd.ProcessState.ExitCode()
	case <-time.After(limit):
		_ = c.cmd.Process.Kill()
		<-c.exited
		t.Fatalf("tpgrade did not finish within %s\nstdout:\n%s\nstderr:\n%s", limit, c.stdout, c.stderr)
	}
	return -1
}

// journalEntries lists the complete journal entries of dir (a killed run may
// leave a temporary file behind: the atomic writes start with a dot).
func journalEntries(dir string) []string {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, de := range des {
		if !de.IsDir() && strings.HasSuffix(de.Name(), ".json") && !strings.HasPrefix(de.Name(), ".") {
			out = append(out, filepath.Join(dir, de.Name()))
		}
	}
	return out
}

// firstDifference says where two files part, by line.
func firstDifference(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < max(len(la), len(lb)); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y || i >= len(la) || i >= len(lb) {
			cut := func(s string) string {
				if len(s) > 300 {
					return s[:300] + "..."
				}
				return s
			}
			return fmt.Sprintf("line %d:\n  resumed: %q\n  clean:   %q", i+1, cut(x), cut(y))
		}
	}
	return "no line differs"
}

// pushListings returns the repositories whose pushes (activity) were listed
// by reqs.
func pushListings(reqs []githubtest.Request) map[string]int {
	out := map[string]int{}
	for _, r := range reqs {
		name, ok := strings.CutPrefix(r.Path, "/repos/"+orgName+"/")
		if !ok || r.Method != "GET" {
			continue
		}
		if repo, ok := strings.CutSuffix(name, "/activity"); ok && !strings.Contains(repo, "/") {
			out[strings.ToLower(repo)]++
		}
	}
	return out
}

// A real tpgrade process killed (SIGKILL: no chance to clean up) while it
// grades a class, then run again with the same command, ends with the same
// bytes as a run never interrupted, and does not fetch again the students its
// journal holds.
func TestBatchKilledMidwayResumes(t *testing.T) {
	const n = 120
	start := time.Now()
	h := newHarness(t, n)
	// The server goes silent halfway through the class, so that the first
	// run is still grading when it is killed however fast or slow the
	// machine: about half the students are journaled by then, and no more
	// can be.
	h.org.SetFaults(githubtest.Faults{StallFrom: firstPassBudget(h, n) / 2})
	lab, err := filepath.Abs("testdata/lab.yaml")
	if err != nil {
		t.Fatal(err)
	}
	command := func(out string) []string {
		return []string{"batch", "--org", orgName, "--prefix", prefix, "--deadline", deadline.Format(time.RFC3339),
			"--out", out, "--rubric", lab, "--api-url", h.s.APIURL(), "--concurrency", "2"}
	}

	// 1. Kill a run once its journal holds a quarter of the class.
	out := t.TempDir()
	journal := filepath.Join(out, ".tpgrade", "students") // the journal (store.go: stateDir, studentsDir)
	killed := startCLI(t, command(out)...)
	poll := time.Now()
	for len(journalEntries(journal)) < n/4 {
		select {
		case <-killed.exited:
			t.Fatalf("tpgrade ended (%v) before it was killed, with %d journal entries\nstdout:\n%s\nstderr:\n%s",
				killed.err, len(journalEntries(journal)), killed.stdout, killed.stderr)
		case <-time.After(2 * time.Millisecond):
		}
		if time.Since(poll) > 60*time.Second {
			t.Fatalf("after 60 s the journal %s holds %d entries, want %d\nstderr:\n%s", journal, len(journalEntries(journal)), n/4, killed.stderr)
		}
	}
	if err := killed.cmd.Process.Kill(); err != nil {
		t.Fatalf("kill: %v", err)
	}
	<-killed.exited
	err = killed.err
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != -1 {
		t.Fatalf("the killed run ended with %v, want death by a signal\nstdout:\n%s", err, killed.stdout)
	}
	killedAt := time.Since(start)
	h.org.SetFaults(githubtest.Faults{}) // GitHub answers again
	done := map[string]bool{}
	for _, p := range journalEntries(journal) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var e struct {
			Data struct {
				Key string `json:"key"`
			} `json:"data"`
		}
		if err := json.Unmarshal(b, &e); err != nil || e.Data.Key == "" {
			t.Fatalf("journal entry %s is damaged after the kill (%v): %.200s", filepath.Base(p), err, b)
		}
		done[e.Data.Key] = true
	}
	if len(done) == 0 || len(done) >= n {
		t.Fatalf("killed with %d of %d students in the journal, want some but not all", len(done), n)
	}
	for _, name := range []string{gradesheet.GradesCSV, gradesheet.ResultsJSON, gradesheet.ReportHTML} {
		if _, err := os.Stat(filepath.Join(out, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the killed run left %s (%v): outputs come only from a complete run", name, err)
		}
	}

	// 2. The same command again resumes and finishes.
	before := len(h.s.Requests())
	resumed := startCLI(t, command(out)...)
	if code := resumed.wait(t, 60*time.Second); code != cli.ExitPassed {
		t.Fatalf("resumed run: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, cli.ExitPassed, resumed.stdout, resumed.stderr)
	}
	resumedAt := time.Since(start)
	reqs := h.s.Requests()[before:]
	m := regexp.MustCompile(`resumed: (\d+) students taken from the interrupted run`).FindStringSubmatch(resumed.stdout.String())
	if m == nil {
		t.Fatalf("the resumed run does not say it resumed:\n%s", resumed.stdout)
	}
	if reused, _ := strconv.Atoi(m[1]); reused != len(done) {
		t.Errorf("resumed %d students, the journal held %d", reused, len(done))
	}
	// Every student outside the journal is listed again, none inside it.
	// (A request the killed run sent just before dying may land in this
	// window; it is for a student not yet journaled, listed again anyway.)
	listed := pushListings(reqs)
	for _, p := range h.pupils {
		repo := strings.ToLower(prefix + p.login)
		switch {
		case done[p.login] && listed[repo] > 0:
			t.Errorf("%s was in the journal, yet its pushes were listed again %d times", p.login, listed[repo])
		case !done[p.login] && listed[repo] == 0:
			t.Errorf("%s was not in the journal, yet the resumed run never listed its pushes", p.login)
		}
	}

	// 3. A run never interrupted, into another folder.
	clean := t.TempDir()
	whole := startCLI(t, command(clean)...)
	if code := whole.wait(t, 60*time.Second); code != cli.ExitPassed {
		t.Fatalf("clean run: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, cli.ExitPassed, whole.stdout, whole.stderr)
	}
	if strings.Contains(whole.stdout.String(), "resumed:") {
		t.Errorf("a run into an empty folder says it resumed:\n%s", whole.stdout)
	}
	t.Logf("killed after %v with %d/%d students journaled; resumed run done at %v with %d requests; clean run done at %v",
		killedAt.Round(time.Millisecond), len(done), n, resumedAt.Round(time.Millisecond), len(reqs), time.Since(start).Round(time.Millisecond))

	// 4. The same bytes.
	got, want := readOutputs(t, out), readOutputs(t, clean)
	for _, name := range []string{gradesheet.GradesCSV, gradesheet.ResultsJSON, gradesheet.ReportHTML} {
		if want[name] == nil {
			t.Errorf("the clean run wrote no %s", name)
		}
	}
	for name, b := range want {
		if got[name] == nil {
			t.Errorf("the resumed run wrote no %s", name)
		} else if !bytes.Equal(got[name], b) {
			t.Errorf("%s differs between the resumed run and a clean one, at %s", name, firstDifference(got[name], b))
		}
	}
	for name := range got {
		if want[name] == nil {
			t.Errorf("the resumed run wrote %s, a clean run does not", name)
		}
	}
	// No half-written file left where the teacher looks.
	ls := func(dir string) []string {
		des, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, de := range des {
			names = append(names, de.Name())
		}
		return names
	}
	if a, b := ls(out), ls(clean); !slices.Equal(a, b) {
		t.Errorf("the output folder after a kill and a resume holds %q, after a clean run %q", a, b)
	}

	// 5. Every student exactly once in grades.csv.
	rows, err := csv.NewReader(bytes.NewReader(got[gradesheet.GradesCSV])).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("grades.csv: %v (%d rows)", err, len(rows))
	}
	col := slices.Index(rows[0], "github_username")
	if col < 0 {
		t.Fatalf("grades.csv has no github_username column: %q", rows[0])
	}
	seen := map[string]int{}
	for _, r := range rows[1:] {
		seen[r[col]]++
	}
	for _, p := range h.pupils {
		if seen[p.login] != 1 {
			t.Errorf("%s appears %d times in grades.csv, want once", p.login, seen[p.login])
		}
		delete(seen, p.login)
	}
	for login, k := range seen {
		t.Errorf("grades.csv has %d rows for %q, who is not a student", k, login)
	}
}
