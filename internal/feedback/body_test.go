package feedback

import (
	"strings"
	"testing"
	"time"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/rubric"
	"github.com/tpgrade/tpgrade/internal/render"
)

// hostileReport is a graded report whose texts quote a hostile student.
func hostileReport() *grader.Report {
	u := rubric.Unit
	return &grader.Report{Rubric: "lab", RubricTitle: "Lab", RubricHash: "abc", File: "README.md", Lang: "en",
		Points: 2 * u, MaxPoints: 4 * u, Grade: 10 * u, Scale: 20 * u, Pass: 10 * u, Usable: true, Passed: true,
		Findings: []grader.Finding{},
		Criteria: []grader.Criterion{
			{ID: "c", Title: "C", Points: u, MaxPoints: 2 * u, Findings: []grader.Finding{
				{Line: 12, Col: 3, Severity: rubric.Error, Message: "quoted: @teacher <img src=x> " + strings.Repeat("x", 2000)},
				{Line: 1, Col: 1, Whole: true, Severity: rubric.Warning, Message: "no conclusion"},
			}},
			{ID: "extra", Title: "Extra", Points: u, Bonus: 2 * u, Findings: []grader.Finding{}},
			{ID: "left", Title: "Left", Points: -u, Penalty: 2 * u, Findings: []grader.Finding{}},
		}}
}

// The student's feedback is the report as the check run shows it
// (render's Markdown: severity words, the penalty's maximum, bonuses,
// cut cells, escaped text), under the marker, with the graded commit under
// the score and each finding linked to its line of the graded commit.
func TestFeedbackBodyIsTheCheckRunsMarkdown(t *testing.T) {
	p := &Publisher{Rubric: &rubric.Rubric{ID: "lab", Lang: "en"}, Lang: "en"}
	sha := "0123456789abcdef0123456789abcdef01234567"
	res := Submission{Repository: "course/lab-alice", RepositoryURL: "https://github.com/course/lab-alice", Commit: sha,
		File: "docs/my report (v2).md", Deadline: time.Date(2026, 3, 1, 23, 59, 0, 0, time.UTC), Report: hostileReport()}
	body := p.body(res)
	if !strings.HasPrefix(body, "<!-- tpgrade:feedback:lab -->\n## ") {
		t.Errorf("the body does not start with the marker and the heading:\n%s", body)
	}
	blob := "https://github.com/course/lab-alice/blob/" + sha + "/docs/my%20report%20%28v2%29.md"
	for _, want := range []string{
		"**Points 2/4**",
		"Graded commit `0123456`, the last on the default branch before the deadline (2026-03-01 23:59 UTC).",
		"| 🟡 | C | 1/2 |",
		"| 🟡 | Extra | +1/2 (bonus) |",
		"| ❌ | Left | -1 (max −2) |",
		"- [docs/my report (v2).md `12:3`](" + blob + "#L12) **error** quoted: @\u200dteacher &lt;img src=x&gt; xxx",
		"- [docs/my report (v2).md](" + blob + ") **warning** no conclusion",
		"<sub>Rubric `lab` · sha256 `abc`</sub>",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the feedback lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, strings.Repeat("x", render.DefaultMaxCell+1)) || !strings.Contains(body, "x…") {
		t.Errorf("a finding's text is not cut to a cell:\n%s", body)
	}
	for _, bad := range []string{"<img", "@teacher", "/L1)"} {
		if strings.Contains(body, bad) {
			t.Errorf("the feedback carries %q:\n%s", bad, body)
		}
	}
	// Without the repository's address the places are plain text.
	res.RepositoryURL = ""
	if body := p.body(res); strings.Contains(body, "](") || !strings.Contains(body, "- docs/my report (v2).md `12:3` **error**") {
		t.Errorf("without a repository URL:\n%s", body)
	}
}

// A hostile server's commit SHA cannot break out of its code span.
func TestFeedbackBodyKeepsTheCommitInItsCodeSpan(t *testing.T) {
	p := &Publisher{Rubric: &rubric.Rubric{ID: "lab", Lang: "en"}, Lang: "en"}
	body := p.body(Submission{Commit: "a`<b>\n", Report: hostileReport()})
	if !strings.Contains(body, "Graded commit `ab`,") {
		t.Errorf("the commit line:\n%s", body)
	}
}
