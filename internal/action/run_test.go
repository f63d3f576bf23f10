package action

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tpgrade/tpgrade/internal/feedback"
	"github.com/tpgrade/tpgrade/internal/githubtest"

	"github.com/google/go-github/v66/github"
	"github.com/tpgrade/tpgrade/grader"
)

const testSHA = "1111111111111111111111111111111111111111"

// job is one fake runner job: a workspace, RUNNER_TEMP, output and summary
// files, the environment, and the log.
type job struct {
	t      *testing.T
	now    time.Time       // the fake clock: sleeping moves it, nobody waits
	slept  []time.Duration // every wait the client asked for
	f      *githubtest.Checks
	ws     string
	temp   string
	env    map[string]string
	log    bytes.Buffer
	tokens int
}

func testdata(t testing.TB, name string) string {
	p, err := filepath.Abs(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func readTestdata(t testing.TB, name string) []byte {
	b, err := os.ReadFile(testdata(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// newJob makes a job whose workspace holds report (a testdata file) as
// README.md, or nothing when report is "".
func newJob(t *testing.T, f *githubtest.Checks, report string) *job {
	j := &job{t: t, f: f, ws: t.TempDir(), temp: t.TempDir(), now: time.Date(2026, 9, 14, 8, 0, 0, 0, time.UTC)}
	if report != "" {
		if err := os.WriteFile(filepath.Join(j.ws, "README.md"), readTestdata(t, report), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	j.env = map[string]string{
		"GITHUB_ACTIONS":      "true",
		"GITHUB_REPOSITORY":   "course/lab-alice",
		"GITHUB_SHA":          testSHA,
		"GITHUB_EVENT_NAME":   "push",
		"GITHUB_EVENT_PATH":   testdata(t, "event-push.json"),
		"GITHUB_WORKSPACE":    j.ws,
		"GITHUB_API_URL":      f.APIURL(),
		"GITHUB_SERVER_URL":   "https://github.com",
		"GITHUB_RUN_ID":       "42",
		"GITHUB_OUTPUT":       filepath.Join(j.temp, "output"),
		"GITHUB_STEP_SUMMARY": filepath.Join(j.temp, "summary"),
		"GITHUB_ACTION_PATH":  testdata(t, ""),
		"RUNNER_TEMP":         j.temp,
		"INPUT_RUBRIC":        "rubric.yaml",
		"INPUT_TOKEN":         "ghs_test",
	}
	return j
}

func (j *job) system() System {
	return System{
		Getenv:   func(k string) string { return j.env[k] },
		ReadFile: os.ReadFile,
		WriteFile: func(name string, data []byte) error {
			return os.WriteFile(name, data, 0o644)
		},
		AppendFile: func(name string, data []byte) error {
			fh, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
			if err != nil {
				return err
			}
			defer fh.Close()
			_, err = fh.Write(data)
			return err
		},
		RealPath: filepath.EvalSymlinks,
		Log:      &j.log,
		HTTP:     j.f.Server.Server.Client(),
		Now:      func() time.Time { return j.now },
		Sleep: func(ctx context.Context, d time.Duration) error {
			j.slept = append(j.slept, d)
			j.now = j.now.Add(d)
			return ctx.Err()
		},
		Token: func() string {
			j.tokens++
			return "tok" + strings.Repeat("x", j.tokens)
		},
		Version: "test",
	}
}

func (j *job) run() (*Result, error) {
	j.t.Helper()
	j.log.Reset()
	return Run(context.Background(), j.system())
}

func (j *job) mustRun() *Result {
	j.t.Helper()
	res, err := j.run()
	if err != nil {
		j.t.Fatalf("Run: %v\nlog:\n%s", err, j.log.String())
	}
	return res
}

func (j *job) outputs() map[string]string {
	b, err := os.ReadFile(j.env["GITHUB_OUTPUT"])
	if err != nil {
		j.t.Fatal(err)
	}
	return parseOutputs(string(b))
}

func (j *job) summary() string {
	b, err := os.ReadFile(j.env["GITHUB_STEP_SUMMARY"])
	if err != nil {
		j.t.Fatal(err)
	}
	return string(b)
}

// parseOutputs reads a GITHUB_OUTPUT file as the runner does.
func parseOutputs(s string) map[string]string {
	out := map[string]string{}
	lines := strings.Split(s, "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if k, delim, ok := strings.Cut(l, "<<"); ok && !strings.Contains(k, "=") {
			var v []string
			for i++; i < len(lines) && lines[i] != delim; i++ {
				v = append(v, lines[i])
			}
			out[k] = strings.Join(v, "\n")
			continue
		}
		if k, v, ok := strings.Cut(l, "="); ok {
			out[k] = v
		}
	}
	return out
}

func TestRunCreatesOneCheckRun(t *testing.T) {
	f := newFakeChecks(t)
	j := newJob(t, f, "good.md")
	res := j.mustRun()

	if len(f.Creates) != 1 || len(f.Updates) != 0 {
		t.Fatalf("creates %d, updates %d; want 1 create", len(f.Creates), len(f.Updates))
	}
	c := f.Creates[0]
	if c.Name != "tpgrade / lab-test" || c.HeadSHA != testSHA || c.GetConclusion() != "success" || c.GetStatus() != "completed" {
		t.Errorf("create = name %q sha %q conclusion %q status %q", c.Name, c.HeadSHA, c.GetConclusion(), c.GetStatus())
	}
	if c.GetDetailsURL() != "https://github.com/course/lab-alice/actions/runs/42" {
		t.Errorf("details_url = %q", c.GetDetailsURL())
	}
	if !strings.HasPrefix(c.GetExternalID(), "tpgrade:lab-test:") {
		t.Errorf("external_id = %q", c.GetExternalID())
	}
	if got := c.Output.GetTitle(); got != "Points 4/4" {
		t.Errorf("title = %q", got)
	}
	if text := c.Output.GetText(); !strings.HasPrefix(text, `{"totalPoints":4,"maxPoints":4}`) {
		t.Errorf("text starts %q", text[:min(len(text), 60)])
	}
	sum := c.Output.GetSummary()
	for _, want := range []string{"| Introduction | 2/2 |", "| Storage driver | 2/2 |", "Rubric `lab-test`", res.Rubric.SHA256} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary lacks %q:\n%s", want, sum)
		}
	}
	if n := strings.Count(sum, res.Rubric.SHA256); n != 1 {
		t.Errorf("the rubric's hash is %d times in the summary, want once", n)
	}
	out := j.outputs()
	for k, v := range map[string]string{"points": "4", "max-points": "4", "grade": "20", "scale": "20", "passed": "true", "tampered": "unknown"} {
		if out[k] != v {
			t.Errorf("output %s = %q, want %q", k, out[k], v)
		}
	}
	var rep grader.Report
	if b, err := os.ReadFile(out["report"]); err != nil || json.Unmarshal(b, &rep) != nil || rep.Rubric != "lab-test" {
		t.Errorf("report output %q: %v %+v", out["report"], err, rep.Rubric)
	}
	log := j.log.String()
	for _, want := range []string{
		"::notice title=Autograding complete::Points 4/4\n",
		"::notice title=Autograding report::{\"totalPoints\":4,\"maxPoints\":4}\n",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	if s := j.summary(); !strings.Contains(s, "| Introduction | 2/2 |") || !strings.Contains(s, "runs/1000") {
		t.Errorf("job summary:\n%s", s)
	}
}

func TestRunAgainOnSameSHAUpdatesWithoutDuplicates(t *testing.T) {
	f := newFakeChecks(t)
	j := newJob(t, f, "hostile.md")
	first := j.mustRun()
	n := f.Runs[0].Output.GetAnnotationsCount()
	if n == 0 {
		t.Fatal("the first run posted no annotations")
	}
	second := j.mustRun()
	if len(f.Creates) != 1 || len(f.Runs) != 1 {
		t.Fatalf("a re-run created another check run: %d creates", len(f.Creates))
	}
	if !second.Published.Updated || !second.Published.AnnotationsKept || second.Published.ID != first.Published.ID {
		t.Errorf("second publish = %+v", second.Published)
	}
	if got := f.Runs[0].Output.GetAnnotationsCount(); got != n {
		t.Errorf("annotations after the re-run = %d, want %d (not duplicated)", got, n)
	}
	if last := f.Updates[len(f.Updates)-1].Opts; last.GetConclusion() != "failure" || last.Output.GetTitle() == "" {
		t.Errorf("update = %+v", last)
	}
}

func TestRunOnChangedResultSupersedesEarlierRun(t *testing.T) {
	f := newFakeChecks(t)
	j := newJob(t, f, "hostile.md")
	j.mustRun()
	// Same commit, other result (the teacher changed the report file input).
	if err := os.WriteFile(filepath.Join(j.ws, "RAPPORT.md"), readTestdata(t, "todo120.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	j.env["INPUT_FILE"] = "RAPPORT.md"
	res := j.mustRun()
	if len(f.Runs) != 2 || res.Published.Superseded != f.Runs[0].GetID() {
		t.Fatalf("runs %d, published %+v", len(f.Runs), res.Published)
	}
	if f.Runs[0].GetConclusion() != "neutral" || f.Runs[0].Output.GetTitle() != "Superseded" ||
		!strings.Contains(f.Runs[0].Output.GetSummary(), f.Runs[1].GetHTMLURL()) {
		t.Errorf("earlier run = %+v", f.Runs[0].Output)
	}
}

func TestRun120FindingsGiveThreeAnnotationRequests(t *testing.T) {
	f := newFakeChecks(t)
	j := newJob(t, f, "todo120.md")
	res := j.mustRun()
	if n := len(res.Report.AllFindings()); n != 120 {
		t.Fatalf("the report has %d findings, want 120", n)
	}
	if got := f.AnnotationBatches(); len(got) != 3 || got[0] != 50 || got[1] != 50 || got[2] != 20 {
		t.Fatalf("annotation requests = %v, want [50 50 20]", got)
	}
	if got := f.Runs[0].Output.GetAnnotationsCount(); got != 120 {
		t.Errorf("check run has %d annotations", got)
	}
	for _, u := range f.Updates {
		if u.Opts.Name != "tpgrade / lab-test" || u.Opts.Output.GetSummary() == "" {
			t.Errorf("update without name or summary: %+v", u.Opts)
		}
	}
	a := f.Creates[0].Output.Annotations[0]
	if a.GetPath() != "README.md" || a.GetAnnotationLevel() != "failure" || a.GetStartLine() != a.GetEndLine() || a.StartColumn == nil || a.GetTitle() != "No leftovers" {
		t.Errorf("first annotation = %+v", a)
	}

	// max-annotations caps them, and the summary says so.
	f2 := newFakeChecks(t)
	j2 := newJob(t, f2, "todo120.md")
	j2.env["INPUT_MAX_ANNOTATIONS"] = "60"
	j2.mustRun()
	if got := f2.AnnotationBatches(); len(got) != 2 || got[0] != 50 || got[1] != 10 {
		t.Errorf("with max-annotations 60: requests %v", got)
	}
	if s := f2.Creates[0].Output.GetSummary(); !strings.Contains(s, "120 findings: the 60 most important are annotations") {
		t.Errorf("summary does not say annotations were capped:\n%s", s)
	}
}

func TestRunForbiddenFallsBackToCommandsAndSummary(t *testing.T) {
	f := newFakeChecks(t)
	f.ReadOnly = true
	j := newJob(t, f, "todo120.md")
	j.env["GITHUB_EVENT_PATH"] = testdata(t, "event-pr-fork.json")
	j.env["GITHUB_EVENT_NAME"] = "pull_request"
	res := j.mustRun()
	if res.PublishErr != nil || res.Published != nil || !strings.Contains(res.Fallback, "fork") {
		t.Fatalf("result: err %v, published %v, fallback %q", res.PublishErr, res.Published, res.Fallback)
	}
	if len(f.Statuses) != 0 {
		t.Errorf("a read-only token was used to post a status")
	}
	if f.Creates[0].HeadSHA != "2222222222222222222222222222222222222222" {
		t.Errorf("head_sha = %s, want the pull request's head", f.Creates[0].HeadSHA)
	}
	log := j.log.String()
	if !strings.Contains(log, "no check run: the token may not write checks") {
		t.Errorf("the log does not say why:\n%s", log)
	}
	if n := strings.Count(log, "\n::error file=README.md,line="); n != CommandAnnotationsPerLevel {
		t.Errorf("%d ::error annotations, want %d", n, CommandAnnotationsPerLevel)
	}
	if !strings.Contains(log, "110 more in the job summary") {
		t.Errorf("the log does not say where the rest are:\n%s", log)
	}
	s := j.summary()
	if !strings.Contains(s, "No check run was published") || strings.Count(s, "**error**") < 120 {
		t.Errorf("job summary lacks the fallback note or the findings (%d)", strings.Count(s, "**error**"))
	}
	if out := j.outputs(); out["points"] == "" {
		t.Error("no outputs in fallback")
	}
}

func TestRunPersonalTokenPublishesCommitStatus(t *testing.T) {
	f := newFakeChecks(t)
	j := newJob(t, f, "good.md")
	j.env["INPUT_TOKEN"] = "ghp_classic_personal_token"
	res := j.mustRun()
	if res.PublishErr != nil || !strings.Contains(res.Fallback, "personal access token") {
		t.Fatalf("fallback %q err %v", res.Fallback, res.PublishErr)
	}
	if len(f.Statuses) != 1 {
		t.Fatalf("%d statuses", len(f.Statuses))
	}
	st := f.Statuses[0]
	if st.GetState() != "success" || st.GetContext() != "tpgrade / lab-test" || !strings.HasPrefix(st.GetDescription(), "Points 4/4") ||
		len(st.GetDescription()) > MaxStatusDescription || st.GetTargetURL() == "" {
		t.Errorf("status = %+v", st)
	}
}

// The Action's commit status is the batch's for the same report
// (feedback.CommitStatus): same context, same description, and below the
// pass mark a failure even with fail-below-pass: false, as a status has no
// neutral state.
func TestRunCommitStatusIsTheBatchs(t *testing.T) {
	f := newFakeChecks(t)
	j := newJob(t, f, "hostile.md")
	j.env["INPUT_TOKEN"] = "ghp_classic_personal_token"
	j.env["INPUT_FAIL_BELOW_PASS"] = "false"
	res := j.mustRun()
	if len(f.Statuses) != 1 || res.Report.Passed {
		t.Fatalf("%d statuses, passed %v", len(f.Statuses), res.Report.Passed)
	}
	st, want := f.Statuses[0], feedback.CommitStatus(res.Report)
	if st.GetState() != "failure" || st.GetContext() != want.GetContext() || st.GetDescription() != want.GetDescription() {
		t.Errorf("status %s %s %q, the batch sets %s %s %q", st.GetContext(), st.GetState(), st.GetDescription(),
			want.GetContext(), want.GetState(), want.GetDescription())
	}
}

func TestRunOtherAPIFailureIsReported(t *testing.T) {
	f := newFakeChecks(t)
	j := newJob(t, f, "good.md")
	j.env["GITHUB_API_URL"] = f.APIURL() + "/broken"
	f.Server.Handle("GET /broken/repos/{owner}/{repo}/commits/{ref}/check-runs", func(w http.ResponseWriter, r *http.Request) {
		githubtest.Error(w, 502, "Bad Gateway")
	})
	res := j.mustRun()
	if res.PublishErr == nil || res.Fallback == "" {
		t.Fatalf("a 502 was not reported: %+v", res)
	}
	if !strings.Contains(j.summary(), "No check run was published") {
		t.Error("no fallback summary")
	}
}

func TestRunOversizedOutputsAreTruncated(t *testing.T) {
	f := newFakeChecks(t)
	j := newJob(t, f, "")
	var b strings.Builder
	b.WriteString("# Introduction\n\nThis report has leftovers.\n\n")
	for i := 0; i < 3000; i++ {
		b.WriteString("TODO this part\n\n")
	}
	if err := os.WriteFile(filepath.Join(j.ws, "README.md"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// An earlier step of the job already used most of the summary's room.
	earlier := strings.Repeat("x", MaxStepSummary-100_000) + "\n"
	if err := os.WriteFile(j.env["GITHUB_STEP_SUMMARY"], []byte(earlier), 0o644); err != nil {
		t.Fatal(err)
	}
	j.mustRun()
	text := f.Creates[0].Output.GetText()
	if len(text) > MaxCheckText || !strings.Contains(text, "✂️ **Truncated**") || !strings.HasPrefix(text, `{"totalPoints":`) {
		t.Errorf("text: %d bytes, note present %v", len(text), strings.Contains(text, "Truncated"))
	}
	s := j.summary()
	if len(s) > MaxStepSummary || !strings.Contains(s, "of the job summary were cut") {
		t.Errorf("job summary: %d bytes (limit %d), note present %v", len(s), MaxStepSummary, strings.Contains(s, "cut"))
	}
}

func TestRunMissingReportSaysSo(t *testing.T) {
	f := newFakeChecks(t)
	j := newJob(t, f, "")
	res := j.mustRun()
	if res.Report.Usable {
		t.Fatal("a missing report was usable")
	}
	c := f.Creates[0]
	if c.Output.GetTitle() != "Points 0/4: no report found" || c.GetConclusion() != "failure" {
		t.Errorf("title %q conclusion %q", c.Output.GetTitle(), c.GetConclusion())
	}
	if s := c.Output.GetSummary(); !strings.Contains(s, "no report found: expected README.md") ||
		!strings.Contains(s, "Files looked for, in this order: README.md, RAPPORT.md.") {
		t.Errorf("summary:\n%s", s)
	}
	if !strings.Contains(j.log.String(), "::error title=tpgrade::no report found: expected README.md (looked for: README.md, RAPPORT.md)") {
		t.Errorf("log:\n%s", j.log.String())
	}
}

func TestRunReportSymlinkOutsideWorkspaceIsRefused(t *testing.T) {
	f := newFakeChecks(t)
	j := newJob(t, f, "")
	secret := filepath.Join(t.TempDir(), "environ")
	if err := os.WriteFile(secret, []byte("# Introduction\n\nINPUT_TOKEN=ghs_secret words words\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(j.ws, "README.md")); err != nil {
		t.Fatal(err)
	}
	res := j.mustRun()
	if res.Report.Usable || !strings.Contains(f.Creates[0].Output.GetSummary(), "symbolic link") {
		t.Errorf("summary:\n%s", f.Creates[0].Output.GetSummary())
	}
	if strings.Contains(j.log.String()+j.summary(), "ghs_secret") {
		t.Error("the file behind the link was read")
	}
}

// ourCommand lists the workflow commands tpgrade itself may print.
var ourCommand = regexp.MustCompile(`^::(stop-commands::tok x+|tok x+::|notice title=Autograding (complete::Points [0-9.]+/[0-9.]+|report::\{"totalPoints":[0-9.]+,"maxPoints":[0-9.]+\})|(error|warning|notice) file=README\.md,line=\d+,.*)$`)

func TestRunHostileReportInjectsNothing(t *testing.T) {
	f := newFakeChecks(t)
	j := newJob(t, f, "hostile.md")
	res := j.mustRun()

	// The log: outside the stop-commands block, only tpgrade's own commands.
	inBlock := ""
	for _, line := range strings.Split(j.log.String(), "\n") {
		switch {
		case inBlock == "" && strings.HasPrefix(line, "::stop-commands::"):
			inBlock = strings.TrimPrefix(line, "::stop-commands::")
			continue
		case inBlock != "" && line == "::"+inBlock+"::":
			inBlock = ""
			continue
		case inBlock != "":
			continue
		}
		if strings.HasPrefix(line, "::") && !ourCommand.MatchString(strings.ReplaceAll(line, "tokx", "tok x")) {
			t.Errorf("log line is a command tpgrade did not mean: %q", line)
		}
	}
	if inBlock != "" {
		t.Error("the stop-commands block was not closed")
	}
	// The student's fake score never became a notice.
	if strings.Contains(j.log.String(), "\n::notice title=Autograding complete::Points 20/20") {
		t.Error("the student's notice reached the log as a command")
	}
	want := "::notice title=Autograding complete::Points " + res.Report.Points.String() + "/4"
	if !strings.Contains(j.log.String(), want) {
		t.Errorf("log lacks %q", want)
	}
	// The check run and the summary: no HTML, no mention, no broken table.
	c := f.Creates[0]
	for where, s := range map[string]string{"summary": c.Output.GetSummary(), "text": c.Output.GetText(), "job summary": j.summary()} {
		if strings.Contains(s, "<img") || strings.Contains(s, "onerror=alert(1)>") && !strings.Contains(s, "&lt;img") {
			t.Errorf("%s carries HTML:\n%s", where, s)
		}
		if regexp.MustCompile(`@teacher`).MatchString(s) {
			t.Errorf("%s mentions @teacher:\n%s", where, s)
		}
		for _, line := range strings.Split(s, "\n") {
			if strings.HasPrefix(line, "| ") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 5 && !strings.HasPrefix(line, "| File") {
				t.Errorf("%s table row has the wrong number of cells: %q", where, line)
			}
		}
	}
	if !strings.Contains(c.Output.GetText(), "@\u200dteacher") {
		t.Error("the student's @teacher was dropped rather than shown neutralised")
	}
}

func TestRunTemplateComparisonFlagsChanges(t *testing.T) {
	f := newFakeChecks(t)
	blob := func(p, sha string) *github.TreeEntry {
		return &github.TreeEntry{Path: github.String(p), Type: github.String("blob"), SHA: github.String(sha)}
	}
	f.Trees["course/lab-template@main"] = []*github.TreeEntry{
		blob(".github/workflows/classroom.yml", "aaa"), blob("README.md", "r0"), blob("grading/rubric.yaml", "ccc"),
	}
	f.Trees["course/lab-alice@"+testSHA] = []*github.TreeEntry{
		blob(".github/workflows/classroom.yml", "bbb"), blob(".github/workflows/fake-grade.yml", "ddd"),
		blob("README.md", "r1"), blob("grading/rubric.yaml", "ccc"),
	}
	j := newJob(t, f, "good.md")
	j.env["INPUT_TEMPLATE_REPOSITORY"] = "course/lab-template"
	res := j.mustRun()
	if res.Tamper.Tampered() != "true" || len(res.Tamper.Differences) != 2 {
		t.Fatalf("tamper = %+v", res.Tamper)
	}
	if j.outputs()["tampered"] != "true" {
		t.Error("output tampered is not true")
	}
	s := f.Creates[0].Output.GetSummary()
	for _, want := range []string{"| .github/workflows/classroom.yml | changed |", "| .github/workflows/fake-grade.yml | added |"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "README.md | changed") {
		t.Error("the report itself was flagged")
	}

	// Identical files: not tampered.
	f.Trees["course/lab-alice@"+testSHA] = f.Trees["course/lab-template@main"]
	if res := j.mustRun(); res.Tamper.Tampered() != "false" {
		t.Errorf("identical trees: %+v", res.Tamper)
	}
	// An unreadable template: unknown, and grading goes on.
	j.env["INPUT_TEMPLATE_REPOSITORY"] = "course/private-template"
	if res := j.mustRun(); res.Tamper.Tampered() != "unknown" || !strings.Contains(res.Tamper.Reason, "cannot") {
		t.Errorf("unreadable template: %+v", res.Tamper)
	}
}

func TestRunConfigurationErrors(t *testing.T) {
	f := newFakeChecks(t)
	cases := []struct {
		name string
		set  map[string]string
		want string
	}{
		{"missing token", map[string]string{"INPUT_TOKEN": ""}, "no token: the `token` input is empty"},
		{"malformed event", map[string]string{"GITHUB_EVENT_PATH": testdata(t, "event-malformed.json")}, "is not valid JSON"},
		{"missing event file", map[string]string{"GITHUB_EVENT_PATH": testdata(t, "nope.json")}, "cannot read the event payload"},
		{"not in actions", map[string]string{"GITHUB_REPOSITORY": "", "GITHUB_SHA": ""}, "not running in a GitHub Actions job: GITHUB_REPOSITORY (owner/name), GITHUB_SHA not set"},
		{"bad boolean", map[string]string{"INPUT_FAIL_BELOW_PASS": "maybe"}, `input fail-below-pass must be true or false (got "maybe")`},
		{"bad max", map[string]string{"INPUT_MAX_ANNOTATIONS": "-1"}, "input max-annotations must be a whole number"},
		{"bad pin", map[string]string{"INPUT_RUBRIC_SHA256": "abc"}, "input rubric-sha256 must be 64 hexadecimal digits"},
		{"bad template", map[string]string{"INPUT_TEMPLATE_REPOSITORY": "just-a-name"}, "input template-repository must be owner/name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			j := newJob(t, f, "good.md")
			for k, v := range c.set {
				j.env[k] = v
			}
			_, err := j.run()
			var ce *ConfigError
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want a ConfigError with %q", err, c.want)
			}
		})
	}
	if len(f.Creates) != 0 {
		t.Error("a misconfigured run published")
	}
}

func TestRubricComesFromWhereTheStudentCannotEditIt(t *testing.T) {
	f := newFakeChecks(t)
	src := readTestdata(t, "rubric.yaml")
	sum := sha256.Sum256(src)
	hash := hex.EncodeToString(sum[:])

	// In the action's repository: used as is.
	j := newJob(t, f, "good.md")
	if res := j.mustRun(); res.Rubric.Source != FromAction || res.Report.RubricHash != hash {
		t.Errorf("action rubric: source %s hash %s", res.Rubric.Source, res.Report.RubricHash)
	}

	// Only in the workspace: refused without a pin, with the hash to pin.
	j = newJob(t, f, "good.md")
	j.env["GITHUB_ACTION_PATH"] = t.TempDir()
	if err := os.WriteFile(filepath.Join(j.ws, "my-rubric.yaml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	j.env["INPUT_RUBRIC"] = "my-rubric.yaml"
	if _, err := j.run(); err == nil || !strings.Contains(err.Error(), "pin this one with the input `rubric-sha256: "+hash+"`") {
		t.Errorf("unpinned workspace rubric: %v", err)
	}
	// Pinned: used.
	j.env["INPUT_RUBRIC_SHA256"] = hash
	if res, err := j.run(); err != nil || res.Rubric.Source != FromWorkspace || res.Rubric.RepoPath != "my-rubric.yaml" {
		t.Errorf("pinned workspace rubric: %v %+v", err, res)
	}
	// Pinned to another hash (the student edited it): refused.
	j.env["INPUT_RUBRIC-SHA256"] = strings.Repeat("0", 64)
	if _, err := j.run(); err == nil || !strings.Contains(err.Error(), "refusing to grade") {
		t.Errorf("mismatched pin: %v", err)
	}

	// An action inside the student's repository is the student's.
	j = newJob(t, f, "good.md")
	if err := os.WriteFile(filepath.Join(j.ws, "rubric.yaml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	j.env["GITHUB_ACTION_PATH"] = j.ws
	if _, err := j.run(); err == nil || !strings.Contains(err.Error(), "rubric-sha256") {
		t.Errorf("rubric of a local action: %v", err)
	}
	// Leaving the repository with .. is refused.
	j.env["INPUT_RUBRIC"] = "../x.yaml"
	if _, err := j.run(); err == nil || !strings.Contains(err.Error(), "leaves the repository") {
		t.Errorf("../x.yaml: %v", err)
	}
	if n := f.Server.Count("GET", "/repos/course/lab-alice/commits/"+testSHA+"/check-runs"); n != 2 {
		t.Errorf("%d publications, want 2 (the action rubric and the pinned one)", n)
	}
}

func TestRunNeutralBelowPassWhenAsked(t *testing.T) {
	f := newFakeChecks(t)
	j := newJob(t, f, "hostile.md")
	j.env["INPUT_FAIL_BELOW_PASS"] = "false"
	j.env["INPUT_CLASSROOM"] = "false"
	j.env["INPUT_CHECK_NAME"] = "Grade"
	res := j.mustRun()
	if res.Report.Passed || f.Creates[0].GetConclusion() != "neutral" || f.Creates[0].Name != "Grade" {
		t.Errorf("passed %v conclusion %q name %q", res.Report.Passed, f.Creates[0].GetConclusion(), f.Creates[0].Name)
	}
	if strings.Contains(j.log.String(), "\n::notice title=Autograding") {
		t.Error("classroom notices printed with classroom: false")
	}
}

// TestRunAnnotatesOnlyFindingsWithALine: a missing section has no line of
// its own; it is in the summary's details, not an annotation on line 1.
func TestRunAnnotatesOnlyFindingsWithALine(t *testing.T) {
	f := newFakeChecks(t)
	j := newJob(t, f, "missing-intro.md")
	j.mustRun()
	if len(f.Creates) != 1 {
		t.Fatalf("%d check runs", len(f.Creates))
	}
	c := f.Creates[0]
	anns := c.Output.Annotations
	if len(anns) != 1 || anns[0].GetStartLine() != 5 || !strings.Contains(anns[0].GetMessage(), "ext4") {
		for _, a := range anns {
			t.Logf("annotation %d: %s", a.GetStartLine(), a.GetMessage())
		}
		t.Fatalf("%d annotations, want the wrong value's only (line 5)", len(anns))
	}
	if !strings.Contains(c.Output.GetText(), "Introduction") {
		t.Errorf("the missing section is not in the details:\n%s", c.Output.GetText())
	}
}
