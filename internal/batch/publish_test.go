package batch_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tpgrade/tpgrade/internal/batch"
	"github.com/tpgrade/tpgrade/internal/feedback"
	"github.com/tpgrade/tpgrade/internal/githubapi"
	"github.com/tpgrade/tpgrade/internal/githubtest"
)

const marker = "<!-- tpgrade:feedback:lab-batch -->"

func TestBatchPublishesStatusesCommentsAndDispatches(t *testing.T) {
	h := newHarness(t, 12)
	// student000 has Classroom's Feedback pull request with an old feedback
	// comment of ours and a teacher's comment.
	pr := h.org.AddPullRequest(prefix+"student000", "Feedback")
	h.org.AddComment(prefix+"student000", pr, "Nice work overall.")
	h.org.AddComment(prefix+"student000", pr, marker+"\nold feedback")
	opt := h.options(t.TempDir())
	opt.Publish = []string{feedback.Status, feedback.Comment}
	opt.Dispatch = true
	res, err := batch.Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	graded := 0
	for _, r := range res.Results {
		repo := h.org.Repo(strings.TrimPrefix(r.Repository, orgName+"/"))
		if r.Commit == "" {
			if repo != nil && (len(repo.Statuses) > 0 || len(repo.Issues) > 0 || len(repo.Dispatches) > 0) {
				t.Errorf("%s: published with nothing graded", r.Login)
			}
			continue
		}
		graded++
		if len(repo.Statuses) != 1 {
			t.Fatalf("%s: %d statuses", r.Login, len(repo.Statuses))
		}
		st := repo.Statuses[0] // the lab is in French: "note" for the grade
		want := "failure"
		if r.Report.Passed {
			want = "success"
		}
		if st.GetContext() != "tpgrade / lab-batch" || st.GetState() != want ||
			!strings.HasPrefix(st.GetDescription(), "Points "+r.Report.Points.String()+"/"+r.Report.MaxPoints.String()+" · note "+r.Report.Grade.String()+"/20") || utf8.RuneCountInString(st.GetDescription()) > githubapi.MaxStatusDescription {
			t.Errorf("%s: status %s %s %q", r.Login, st.GetContext(), st.GetState(), st.GetDescription())
		}
		if len(repo.Dispatches) != 1 || repo.Dispatches[0].EventType != feedback.DispatchEvent {
			t.Errorf("%s: dispatches %+v", r.Login, repo.Dispatches)
		}
		if r.Login == "student000" {
			cs := repo.Comments[pr]
			if len(cs) != 2 || cs[0].GetBody() != "Nice work overall." || !strings.HasPrefix(cs[1].GetBody(), marker) ||
				strings.Contains(cs[1].GetBody(), "old feedback") || len(repo.Issues) != 1 {
				t.Errorf("student000: the feedback comment was not edited in place: %d comments, %d issues", len(cs), len(repo.Issues))
			}
			continue
		}
		if len(repo.Issues) != 1 || !strings.HasPrefix(repo.Issues[0].GetBody(), marker) ||
			!strings.Contains(repo.Issues[0].GetBody(), "Points "+r.Report.Points.String()+"/"+r.Report.MaxPoints.String()) {
			t.Errorf("%s: feedback issues %d", r.Login, len(repo.Issues))
		}
	}
	if graded < 8 {
		t.Fatalf("only %d graded students", graded)
	}
	stats := h.org.Stats()
	if stats.ByKind["create-comment"] != 0 || stats.ByKind["edit-comment"] != 1 || stats.ByKind["create-issue"] != graded-1 {
		t.Errorf("writes %v", stats.ByKind)
	}

	// Again with nothing changed: the feedback is found and left alone.
	h.org.ResetStats()
	opt.Out = t.TempDir()
	if _, err := batch.Run(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	st := h.org.Stats().ByKind
	if st["create-issue"]+st["edit-issue"]+st["create-comment"]+st["edit-comment"] != 0 {
		t.Errorf("unchanged feedback written again: %v", st)
	}
}

func TestBatchDryRunPublishesNothing(t *testing.T) {
	h := newHarness(t, 8)
	h.org.AddPullRequest(prefix+"student000", "Feedback")
	var stdout bytes.Buffer
	opt := h.options(t.TempDir())
	opt.Publish = []string{feedback.Status, feedback.Comment}
	opt.Dispatch, opt.DryRun, opt.Stdout = true, true, &stdout
	res, err := batch.Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range h.s.Requests() {
		if r.Method != "GET" {
			t.Errorf("dry run sent %s %s", r.Method, r.Path)
		}
	}
	graded := 0
	for _, r := range res.Results {
		if r.Commit != "" {
			graded++
		}
	}
	out := stdout.String()
	for what, want := range map[string]int{
		"would set status tpgrade / lab-batch":               graded,
		"would send repository_dispatch":                     graded,
		"would open feedback issue":                          graded - 1,
		"would comment on the feedback pull request course/": 1,
	} {
		if n := strings.Count(out, what); n != want {
			t.Errorf("%q %d times, want %d:\n%s", what, n, want, out)
		}
	}
}

// TestFeedbackCommentInjectsNothing grades a report whose values carry HTML,
// a mention and Markdown, and checks that the feedback comment shows them as
// text: no tag, no ping, no link, and the marker is still the only comment
// marker.
func TestFeedbackCommentInjectsNothing(t *testing.T) {
	h := newHarness(t, 1)
	login := "student000"
	// A code span keeps its text in the model: "<img ...>" reaches the
	// finding's message as written.
	hostile := "# TP\n\n| Clé | Valeur |\n|---|---|\n| Storage Driver | `<img src=x onerror=alert(1)>` @teacher [x](http://evil) <!-- |\n"
	h.org.Push(prefix+login, githubtest.Commit{SHA: githubtest.CommitSHA(login, "hostile"), Date: deadline.Add(-time.Hour),
		Files: map[string][]byte{"README.md": []byte(hostile)}}, deadline.Add(-time.Hour))
	opt := h.options(t.TempDir())
	opt.Publish = []string{feedback.Comment}
	if _, err := batch.Run(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	repo := h.org.Repo(prefix + login)
	if len(repo.Issues) != 1 {
		t.Fatalf("%d feedback issues", len(repo.Issues))
	}
	body := repo.Issues[0].GetBody()
	for _, bad := range []string{"<img", "@teacher", "](http://evil)"} {
		if strings.Contains(body, bad) {
			t.Errorf("the comment carries %q as written:\n%s", bad, body)
		}
	}
	if strings.Count(body, "<!--") != 1 || !strings.HasPrefix(body, marker) {
		t.Errorf("the student's text opened an HTML comment:\n%s", body)
	}
	// The model keeps a cell's text (inline HTML and link targets are not
	// text); what is left is shown as written, defused.
	if !strings.Contains(body, "&lt;img src=x onerror=alert(1)&gt; @\u200dteacher x &lt;!--") {
		t.Errorf("the student's value is not shown as text:\n%s", body)
	}
}
