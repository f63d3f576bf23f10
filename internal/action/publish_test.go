package action

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-github/v66/github"
	"github.com/tpgrade/tpgrade/internal/githubtest"
)

// A fine-grained personal token gets its own 403 on check runs: recognised
// like a classic one, with a commit status instead and a clear message.
func TestRunFineGrainedTokenPublishesCommitStatus(t *testing.T) {
	f := newFakeChecks(t)
	j := newJob(t, f, "good.md")
	j.env["INPUT_TOKEN"] = "github_pat_11ABCDEFG"
	res := j.mustRun()
	if res.PublishErr != nil || !strings.Contains(res.Fallback, "fine-grained personal access token") {
		t.Fatalf("fallback %q err %v", res.Fallback, res.PublishErr)
	}
	if len(f.Statuses) != 1 || !strings.HasPrefix(f.Statuses[0].GetDescription(), "Points 4/4") {
		t.Fatalf("statuses %+v", f.Statuses)
	}
	if !strings.Contains(j.log.String(), `published the commit status "tpgrade / lab-test" instead`) {
		t.Errorf("log:\n%s", j.log.String())
	}
}

// One 502 on the check-run POST, whether GitHub made the run or not, still
// gives exactly one check run with all its annotations.
func TestRunOne502OnCreateYieldsOneCheckRun(t *testing.T) {
	for _, fault := range []githubtest.CreateFault{githubtest.FailBeforeCreating, githubtest.FailAfterCreating} {
		f := newFakeChecks(t)
		f.CreateFaults = []githubtest.CreateFault{fault}
		j := newJob(t, f, "todo120.md")
		res := j.mustRun()
		if res.PublishErr != nil || res.Published == nil {
			t.Fatalf("fault %d: published %v, err %v\n%s", fault, res.Published, res.PublishErr, j.log.String())
		}
		if len(f.Runs) != 1 || f.Runs[0].Output.GetAnnotationsCount() != 120 {
			t.Errorf("fault %d: %d check runs, annotations %d", fault, len(f.Runs), f.Runs[0].Output.GetAnnotationsCount())
		}
		t.Logf("fault %d: %d requests (%d creates, %d updates)", fault, len(f.Server.Requests()), len(f.Creates), len(f.Updates))
	}
}

// A check run of the same name made by another app is neither found as
// ours nor updated: tpgrade makes its own. When the token's app is not
// known, GitHub's refusal to update tells, and a new one is made too.
func TestRunLeavesAnotherAppsCheckRunAlone(t *testing.T) {
	other := &github.App{ID: github.Int64(99), Slug: github.String("teacher-bot")}
	for _, jobToken := range []bool{true, false} {
		f := newFakeChecks(t)
		f.Runs = append(f.Runs, &github.CheckRun{ID: github.Int64(7), Name: github.String("tpgrade / lab-test"),
			HeadSHA: github.String(testSHA), App: other, Output: &github.CheckRunOutput{AnnotationsCount: github.Int(0)}})
		j := newJob(t, f, "good.md")
		if jobToken {
			j.env["TPGRADE_TOKEN_IS_JOB_TOKEN"] = "true"
		}
		res := j.mustRun()
		if res.PublishErr != nil || res.Published == nil || res.Published.Updated || res.Published.ID == 7 {
			t.Fatalf("job token %v: published %+v err %v\n%s", jobToken, res.Published, res.PublishErr, j.log.String())
		}
		if len(f.Runs) != 2 || f.Runs[1].GetApp().GetSlug() != "github-actions" || f.Runs[0].GetConclusion() != "" {
			t.Errorf("job token %v: runs %d, the other app's run touched: %+v", jobToken, len(f.Runs), f.Runs[0])
		}
		refused := 0
		for _, u := range f.Updates {
			if u.ID == 7 {
				refused++
			}
		}
		if want := map[bool]int{true: 0, false: 1}[jobToken]; refused != want {
			t.Errorf("job token %v: %d updates tried on the other app's run, want %d", jobToken, refused, want)
		}
	}
}

// A private template is read with template-token; without it the job's
// token cannot, and the reason says what to give.
func TestRunPrivateTemplateNeedsTemplateToken(t *testing.T) {
	f := newFakeChecks(t)
	f.Private = map[string][]string{"course/lab-template": {"ghp_teacher_reads_template"}}
	blob := &github.TreeEntry{Path: github.String(".github/workflows/classroom.yml"), Type: github.String("blob"), SHA: github.String("aaa")}
	f.Trees["course/lab-template@main"] = []*github.TreeEntry{blob}
	f.Trees["course/lab-alice@"+testSHA] = []*github.TreeEntry{blob}
	j := newJob(t, f, "good.md")
	j.env["INPUT_TEMPLATE_REPOSITORY"] = "course/lab-template"
	if res := j.mustRun(); res.Tamper.Tampered() != "unknown" || !strings.Contains(res.Tamper.Reason, "template-token") {
		t.Errorf("without template-token: %+v", res.Tamper)
	}
	j.env["INPUT_TEMPLATE_TOKEN"] = "ghp_teacher_reads_template"
	if res := j.mustRun(); res.Tamper.Tampered() != "false" {
		t.Errorf("with template-token: %+v", res.Tamper)
	}
	for _, r := range f.Server.Requests() {
		auth := r.Header.Get("Authorization")
		switch {
		case strings.Contains(r.Path, "/lab-template") && auth != "Bearer ghs_test" && auth != "Bearer ghp_teacher_reads_template":
			t.Errorf("%s read with %q", r.Path, auth)
		case strings.Contains(r.Path, "/lab-alice") && auth != "Bearer ghs_test":
			t.Errorf("%s: the student's repository read with %q, not the job's token", r.Path, auth)
		}
	}
}

// In fallback, the two Classroom notices come before any other, and the
// findings' notices leave them room within the 10 GitHub shows.
func TestRunClassroomNoticesComeFirstInFallback(t *testing.T) {
	f := newFakeChecks(t)
	f.ReadOnly = true
	j := newJob(t, f, "commands.md") // twelve notes: more notices than a step shows
	j.env["INPUT_RUBRIC"] = "commands.yaml"
	j.mustRun()
	var notices []string
	for _, line := range strings.Split(j.log.String(), "\n") {
		if strings.HasPrefix(line, "::notice ") {
			notices = append(notices, line)
		}
	}
	if len(notices) < 2 || !strings.HasPrefix(notices[0], "::notice title=Autograding complete::Points ") ||
		!strings.HasPrefix(notices[1], "::notice title=Autograding report::") {
		t.Fatalf("first notices %q", notices[:min(len(notices), 3)])
	}
	if len(notices) != CommandAnnotationsPerLevel {
		t.Errorf("%d notices in one step, want the %d GitHub shows", len(notices), CommandAnnotationsPerLevel)
	}
	if !strings.Contains(j.log.String(), "8 findings shown as annotations, 4 more in the job summary") {
		t.Errorf("the log does not say where the other notes are:\n%s", j.log.String())
	}
}

// A report with terminal escapes, bidi overrides and bare URLs: none
// reaches the log, an annotation, the check run or the job summary as
// such; they are shown (\x1b, U+202E) and no link is made of the URLs.
func TestRunEscapesAndLinksFromTheReportReachNobody(t *testing.T) {
	for _, fallback := range []bool{false, true} {
		f := newFakeChecks(t)
		f.ReadOnly = fallback
		j := newJob(t, f, "escapes.md")
		j.mustRun()
		c := f.Creates[0]
		texts := map[string]string{"log": j.log.String(), "job summary": j.summary()}
		if !fallback {
			texts["summary"], texts["text"] = c.Output.GetSummary(), c.Output.GetText()
			for i, a := range c.Output.Annotations {
				texts[fmt.Sprintf("annotation %d", i)] = a.GetMessage() + "\n" + a.GetTitle() + "\n" + a.GetRawDetails()
			}
		}
		quoted := false
		for where, s := range texts {
			for _, bad := range []string{"\x1b", "\x07", "\u202E", "\u2066", "\u009b"} {
				if strings.Contains(s, bad) {
					t.Errorf("fallback %v: %s carries %q raw", fallback, where, bad)
				}
			}
			if where != "log" && (strings.Contains(s, "https://evil") || strings.Contains(s, "www.evil")) {
				t.Errorf("fallback %v: %s would link a student's URL:\n%s", fallback, where, s)
			}
			quoted = quoted || strings.Contains(s, "U+202E")
		}
		if !quoted {
			t.Errorf("fallback %v: the override is not shown anywhere: %v", fallback, texts)
		}
	}
}
