package feedback_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/internal/feedback"
	"github.com/tpgrade/tpgrade/internal/githubapi"
	"github.com/tpgrade/tpgrade/internal/githubtest"
)

// setup is one student's repository on the fake GitHub, a publisher over
// it that never waits, and the student's graded example report.
func setup(t *testing.T) (*feedback.Publisher, *githubtest.Org, feedback.Submission, *[]string) {
	t.Helper()
	s := githubtest.New(t)
	org := githubtest.NewOrg(s, "course")
	sha := githubtest.CommitSHA("alice")
	org.Add(&githubtest.Repo{Name: "lab-alice", Commits: []githubtest.Commit{{SHA: sha, Date: time.Unix(1.7e9, 0)}}})
	now := time.Unix(1.7e9, 0)
	client, err := githubapi.New(githubapi.Options{HTTP: s.Server.Client(), APIURL: s.APIURL(), Token: "teacher",
		Clock: githubapi.Clock{Now: func() time.Time { return now }, Sleep: func(_ context.Context, d time.Duration) error {
			now = now.Add(d)
			return nil
		}}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := grader.LoadRubric("", nil)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../fixtures/docker-tp1/example.md")
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := grader.GradeBytes("README.md", src, r, grader.Options{})
	var said []string
	p := &feedback.Publisher{Client: client.Client, Rubric: r, Lang: r.Lang, Location: time.UTC,
		Say: func(format string, a ...any) { said = append(said, format) }}
	sub := feedback.Submission{Repository: "course/lab-alice", RepositoryURL: "https://github.com/course/lab-alice",
		Commit: sha, File: "README.md", Deadline: time.Unix(1.7e9, 0), Report: rep}
	return p, org, sub, &said
}

// A dry run writes nothing and says, for each kind, what it would write.
func TestDryRunWritesNothing(t *testing.T) {
	p, org, sub, said := setup(t)
	p.DryRun = true
	for _, kind := range []string{feedback.Status, feedback.Comment, feedback.Dispatch} {
		if err := p.Publish(context.Background(), kind, sub); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
	}
	repo := org.Repo("lab-alice")
	if len(repo.Statuses)+len(repo.Issues)+len(repo.Dispatches) != 0 {
		t.Errorf("a dry run wrote %d statuses, %d issues, %d dispatches", len(repo.Statuses), len(repo.Issues), len(repo.Dispatches))
	}
	if len(*said) != 3 {
		t.Errorf("the plan says %q", *said)
	}
	for _, line := range *said {
		if !strings.HasPrefix(line, "would ") {
			t.Errorf("plan line %q", line)
		}
	}
}

// The feedback issue is opened once, left alone when its text is the same,
// and edited in place when the grade changed.
func TestFeedbackIssueIsWrittenOnceAndEditedInPlace(t *testing.T) {
	p, org, sub, _ := setup(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if err := p.Publish(ctx, feedback.Comment, sub); err != nil {
			t.Fatal(err)
		}
	}
	repo := org.Repo("lab-alice")
	body := repo.Issues[0].GetBody()
	if len(repo.Issues) != 1 || !strings.HasPrefix(body, "<!-- tpgrade:feedback:"+p.Rubric.ID+" -->") ||
		!strings.Contains(body, "Points "+sub.Report.Points.String()+"/"+sub.Report.MaxPoints.String()) {
		t.Fatalf("%d issues, first:\n%s", len(repo.Issues), body)
	}
	if n := org.Stats().ByKind["edit-issue"]; n != 0 {
		t.Errorf("the same feedback was written again (%d edits)", n)
	}
	changed := *sub.Report
	changed.Points = 0
	sub.Report = &changed
	if err := p.Publish(ctx, feedback.Comment, sub); err != nil {
		t.Fatal(err)
	}
	if n := org.Stats().ByKind["edit-issue"]; len(repo.Issues) != 1 || n != 1 {
		t.Errorf("after a change: %d issues, %d edits", len(repo.Issues), n)
	}
}

func TestUnknownKindIsAnError(t *testing.T) {
	p, _, sub, _ := setup(t)
	if err := p.Publish(context.Background(), "tweet", sub); err == nil || !strings.Contains(err.Error(), `"tweet"`) {
		t.Errorf("err = %v", err)
	}
}
