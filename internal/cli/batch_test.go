package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tpgrade/tpgrade/internal/batch"
	"github.com/tpgrade/tpgrade/internal/githubtest"
)

func TestBatchFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		err  string
	}{
		{[]string{"--org", "o", "--prefix", "p-"}, "--deadline is required"},
		{[]string{"--deadline", "2026-10-15"}, "say who the students are"},
		{[]string{"--deadline", "2026-10-15", "--org", "o"}, "say who the students are"},
		{[]string{"--deadline", "2026-10-15", "--roster", "r.csv", "--classroom-assignment", "1"}, "not both"},
		{[]string{"--deadline", "2026-10-15", "--org", "o", "--prefix", "p-", "--concurrency", "0"}, "--concurrency"},
		{[]string{"--deadline", "2026-10-15", "--org", "o", "--prefix", "p-", "--publish", "tweet"}, "--publish takes"},
		{[]string{"--deadline", "2026-10-15", "--org", "o", "--prefix", "p-", "--dry-run"}, "--dry-run shows"},
		{[]string{"--deadline", "2026-10-15", "--org", "o", "--prefix", "p-", "--similarity", "2"}, "--similarity"},
		{[]string{"--deadline", "2026-10-15", "--org", "o", "--prefix", "p-", "--template-repo", "x"}, "owner/name"},
	} {
		var got *BatchOptions
		cmd := newCmdBatch(&Env{}, func(o *BatchOptions) error { got = o; return nil })
		cmd.SetArgs(tc.args)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		err := cmd.Execute()
		if err == nil || !strings.Contains(err.Error(), tc.err) || got != nil {
			t.Errorf("%v: err %v, want %q", tc.args, err, tc.err)
		}
	}
	var got *BatchOptions
	cmd := newCmdBatch(&Env{}, func(o *BatchOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--org", "course", "--prefix", "tp1-", "--deadline", "2026-10-15", "--publish", "status,comment", "--dry-run", "-o", "out"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Org != "course" || got.Concurrency != batch.DefaultConcurrency || len(got.Publish) != 2 || !got.DryRun || got.Out != "out" {
		t.Errorf("options %+v", got)
	}
}

// batchEnv is a process environment pointed at a fake GitHub with a small
// class of three students.
func batchEnv(t *testing.T) (*Env, *bytes.Buffer, *bytes.Buffer, *githubtest.Org) {
	t.Helper()
	env, stdout, stderr, org, _ := batchEnvWith(t, map[string]string{"GITHUB_TOKEN": "teacher"})
	return env, stdout, stderr, org
}

// batchEnvWith is batchEnv with vars as the environment (GITHUB_API_URL
// added), and the fake server.
func batchEnvWith(t *testing.T, vars map[string]string) (*Env, *bytes.Buffer, *bytes.Buffer, *githubtest.Org, *githubtest.Server) {
	t.Helper()
	s := githubtest.New(t)
	org := githubtest.NewOrg(s, "course")
	report, err := os.ReadFile("../../fixtures/docker-tp1/complete-en.md")
	if err != nil {
		t.Fatal(err)
	}
	dl := time.Date(2026, 10, 15, 21, 59, 59, 0, time.UTC)
	for i, login := range []string{"alice", "bob"} {
		org.Add(&githubtest.Repo{Name: "tp1-docker-" + login, Commits: []githubtest.Commit{{
			SHA: githubtest.CommitSHA(login), Date: dl.Add(-time.Duration(i+1) * time.Hour), Files: map[string][]byte{"README.md": report}}}})
	}
	org.Add(&githubtest.Repo{Name: "tp1-docker-carol"}) // empty
	var stdout, stderr bytes.Buffer
	env := &Env{
		Stdout: &stdout, Stderr: &stderr, Stdin: strings.NewReader(""),
		Getenv: func(k string) string {
			if k == "GITHUB_API_URL" {
				return s.URL + githubtest.Prefix
			}
			return vars[k]
		},
		Now:      func() time.Time { return time.Date(2026, 10, 16, 8, 0, 0, 0, time.UTC) },
		ReadFile: os.ReadFile, Stat: os.Stat,
		HTTP: s.Server.Client(),
	}
	return env, &stdout, &stderr, org, s
}

func TestBatchCommandGradesTheOrganisation(t *testing.T) {
	env, stdout, stderr, _ := batchEnv(t)
	out := t.TempDir()
	code := Main(context.Background(), []string{"batch", "--org", "course", "--prefix", "tp1-docker-",
		"--deadline", "2026-10-15 23:59:59", "--timezone", "Europe/Paris", "--out", out}, env)
	if code != ExitPassed {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout.String(), "3 students: 2 graded, 1 missing, 0 pushed after the deadline, 0 errors") ||
		!strings.Contains(stdout.String(), "wrote grades.csv, report.html, results.json in "+out) {
		t.Errorf("summary:\n%s", stdout)
	}
	if !strings.Contains(stderr.String(), "as of 2026-10-15 23:59:59 CEST") {
		t.Errorf("the deadline was not read in the teacher's zone:\n%s", stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "grades.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(rows) != 4 || rows[1][3] != "alice" || rows[3][3] != "carol" || !strings.Contains(rows[3][len(rows[3])-1], "empty-repository") {
		t.Errorf("grades.csv %q (%v)", rows, err)
	}
}

func TestBatchCommandRosterAndDryRun(t *testing.T) {
	env, stdout, stderr, org := batchEnv(t)
	dir := t.TempDir()
	roster := filepath.Join(dir, "roster.csv")
	os.WriteFile(roster, []byte("login;identifier;email\nalice;1001;a@uni.fr\nbob;1002;b@uni.fr\ndan;1004;d@uni.fr\n"), 0o644)
	out := filepath.Join(dir, "out")
	code := Main(context.Background(), []string{"batch", "--org", "course", "--prefix", "tp1-docker-", "--roster", roster,
		"--deadline", "2026-10-15T23:59:59+02:00", "--out", out, "--publish", "status", "--dry-run"}, env)
	if code != ExitPassed {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if n := strings.Count(stdout.String(), "would set status tpgrade / docker-tp1"); n != 2 {
		t.Errorf("%d statuses shown, want 2:\n%s", n, stdout)
	}
	if len(org.Repo("tp1-docker-alice").Statuses) != 0 {
		t.Error("a dry run published")
	}
	b, err := os.ReadFile(filepath.Join(out, "moodle.csv"))
	if err != nil || !strings.Contains(string(b), "1004,d@uni.fr,0\n") {
		t.Errorf("moodle.csv %q %v", b, err)
	}
	if !strings.Contains(stderr.String(), "tp1-docker-carol") {
		t.Errorf("carol's repository is in no roster row: no warning\n%s", stderr)
	}
}

func TestBatchCommandBadInputs(t *testing.T) {
	env, stdout, stderr, _ := batchEnv(t)
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--deadline", "someday"}, ExitUsage, "RFC 3339"},
		{[]string{"--deadline", "2026-10-15", "--timezone", "Mars/Olympus"}, ExitUsage, "time zone"},
		{[]string{"--deadline", "2026-10-15", "--rubric", "nope"}, ExitUnusable, "no rubric named"},
		{[]string{"--deadline", "2026-10-15", "--org", "other"}, ExitUnusable, "organisation \"other\" not found"},
	} {
		stderr.Reset()
		args := append([]string{"batch", "--org", "course", "--prefix", "tp1-docker-", "--out", t.TempDir()}, tc.args...)
		if code := Main(context.Background(), args, env); code != tc.code || !strings.Contains(stderr.String(), tc.msg) {
			t.Errorf("%v: exit %d, want %d; stderr %q", tc.args, code, tc.code, stderr)
		}
	}
	_ = stdout
}

func TestBatchReadsGHTokenBeforeGITHUBToken(t *testing.T) {
	for _, tc := range []struct {
		vars map[string]string
		want string
	}{
		{map[string]string{"GH_TOKEN": "from-gh", "GITHUB_TOKEN": "from-github"}, "Bearer from-gh"},
		{map[string]string{"GITHUB_TOKEN": "from-github"}, "Bearer from-github"},
		{map[string]string{"GH_TOKEN": "from-gh"}, "Bearer from-gh"},
	} {
		env, stdout, stderr, _, s := batchEnvWith(t, tc.vars)
		code := Main(context.Background(), []string{"batch", "--org", "course", "--prefix", "tp1-docker-",
			"--deadline", "2026-10-15T23:59:59Z", "--out", t.TempDir()}, env)
		if code != ExitPassed {
			t.Fatalf("%v: exit %d\n%s\n%s", tc.vars, code, stdout, stderr)
		}
		reqs := s.Requests()
		if len(reqs) == 0 {
			t.Fatal("no request")
		}
		for _, r := range reqs {
			if got := r.Header.Get("Authorization"); got != tc.want {
				t.Fatalf("%v: %s %s sent Authorization %q, want %q", tc.vars, r.Method, r.Path, got, tc.want)
			}
		}
	}
}

func TestBatchJSONSummaryForScripts(t *testing.T) {
	env, stdout, stderr, org := batchEnv(t)
	out := t.TempDir()
	code := Main(context.Background(), []string{"batch", "--org", "course", "--prefix", "tp1-docker-",
		"--deadline", "2026-10-15 23:59:59", "--timezone", "Europe/Paris", "--out", out,
		"--publish", "status", "--dry-run", "--json"}, env)
	if code != ExitPassed {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	// stdout is one JSON object and nothing else: the dry run's plan is on stderr.
	dec := json.NewDecoder(bytes.NewReader(stdout.Bytes()))
	dec.DisallowUnknownFields()
	var got BatchSummary
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("stdout is not the summary: %v\n%s", err, stdout)
	}
	if dec.More() {
		t.Errorf("more than one JSON value on stdout:\n%s", stdout)
	}
	if !strings.Contains(stderr.String(), "would set status tpgrade / docker-tp1") {
		t.Errorf("the dry run's plan is not on stderr:\n%s", stderr)
	}
	if got.Rubric != "docker-tp1" || got.Deadline != "2026-10-15T23:59:59+02:00" || got.Timezone != "Europe/Paris" || got.Out != out {
		t.Errorf("run fields %+v", got)
	}
	if got.Students != 3 || got.Graded != 2 || got.Missing != 1 || got.Errors != 0 || got.Passed != 2 {
		t.Errorf("counts %+v", got.Summary)
	}
	if got.Requests.Sent == 0 || len(got.Files) != 3 || !strings.HasSuffix(got.Files[0], "grades.csv") {
		t.Errorf("requests %+v, files %q", got.Requests, got.Files)
	}
	if len(org.Repo("tp1-docker-alice").Statuses) != 0 {
		t.Error("a dry run published")
	}
	// The field names are the documented ones.
	var raw map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../../docs/batch.md")
	if err != nil {
		t.Fatal(err)
	}
	for k := range raw {
		if !strings.Contains(string(doc), "`"+k+"`") {
			t.Errorf("--json field %q is not in docs/batch.md", k)
		}
	}
}

// The progress bar is drawn on stderr: a bar only when stderr is a
// terminal, whatever stdout is.
func TestBatchProgressFollowsStderr(t *testing.T) {
	for _, tc := range []struct {
		stdout, stderr bool
		bar            bool
	}{
		{stdout: true, stderr: false, bar: false},
		{stdout: false, stderr: true, bar: true},
	} {
		env, stdout, stderr, _ := batchEnv(t)
		env.Terminal, env.ErrTerminal = tc.stdout, tc.stderr
		code := Main(context.Background(), []string{"batch", "--org", "course", "--prefix", "tp1-docker-",
			"--deadline", "2026-10-15T23:59:59Z", "--out", t.TempDir()}, env)
		if code != ExitPassed {
			t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
		}
		bar := strings.Contains(stderr.String(), "\r")
		lines := strings.Contains(stderr.String(), "graded 3/3")
		if bar != tc.bar || lines == tc.bar {
			t.Errorf("stdout terminal %v, stderr terminal %v: bar %v, progress lines %v\n%q", tc.stdout, tc.stderr, bar, lines, stderr)
		}
	}
}

// A deadline error names the time zone as people do, never Go's "Local".
func TestBatchDeadlineErrorNamesTheZone(t *testing.T) {
	env, _, stderr, _ := batchEnv(t)
	env.Zone = time.FixedZone("UTC+01:00", 3600)
	code := Main(context.Background(), []string{"batch", "--org", "course", "--prefix", "tp1-docker-", "--deadline", "someday"}, env)
	if code != ExitUsage || !strings.Contains(stderr.String(), "a date and time in UTC+01:00 (") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	// The system's zone, found by tpgrade: a name, never "Local".
	env.Zone = nil
	stderr.Reset()
	Main(context.Background(), []string{"batch", "--org", "course", "--prefix", "tp1-docker-", "--deadline", "someday"}, env)
	if strings.Contains(stderr.String(), "Local") || !strings.Contains(stderr.String(), "a date and time in ") {
		t.Errorf("system zone: %s", stderr)
	}
	// Go's unnamed time.Local itself is named by its offset.
	_, err := inZone(time.Local, time.Now(), func(loc *time.Location) (time.Time, error) { return batch.ParseDeadline("someday", loc) })
	if err == nil || strings.Contains(err.Error(), "Local") || !strings.Contains(err.Error(), "in UTC") {
		t.Errorf("time.Local: %v", err)
	}
}
