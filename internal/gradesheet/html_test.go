package gradesheet

import (
	"strings"
	"testing"
	"time"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

func TestReportHTMLEscapesStudentText(t *testing.T) {
	r := &rubric.Rubric{ID: "lab", Title: rubric.Plain("Lab <u>x</u>"), Scale: 20 * rubric.Unit, Pass: 10 * rubric.Unit,
		Criteria: []*rubric.Criterion{{ID: "c", Title: rubric.Plain("C"), Points: 2 * rubric.Unit}}}
	res := []*Result{{
		Login: "alice", Repository: "o/r", RepositoryURL: "javascript:alert(1)", Commit: "0123456789",
		Flags: []Flag{}, File: "README.md",
		Report: &grader.Report{Grade: 15 * rubric.Unit, Scale: 20 * rubric.Unit, Criteria: []grader.Criterion{{
			ID: "c", Title: "C", Points: rubric.Unit, MaxPoints: 2 * rubric.Unit, Feedback: "<i>teacher</i>",
			Findings: []grader.Finding{{Line: 3, Col: 1, Severity: rubric.Error, Message: `value "<script>alert(1)</script>" is not a driver`}},
		}}},
	}}
	b, err := reportHTML(Class{Rubric: r, Assignment: Assignment{Name: "TP <1>", Deadline: time.Unix(0, 0)}, Results: res}, Summarise(res))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, bad := range []string{"<script>", "<i>teacher", "<u>x", `href="javascript:`} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	for _, good := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;i&gt;teacher&lt;/i&gt;", "TP &lt;1&gt;", "15/20"} {
		if !strings.Contains(page, good) {
			t.Errorf("page lacks %q", good)
		}
	}
}

func TestHistogramBins(t *testing.T) {
	mk := func(grades ...rubric.Points) []*Result {
		var out []*Result
		for _, g := range grades {
			out = append(out, &Result{Report: &grader.Report{Grade: g}})
		}
		out = append(out, &Result{Flags: []Flag{FlagError}}) // not graded: not counted
		return out
	}
	h := makeHistogram(mk(0, 950, 1000, 1999, 2000, 2000), 20*rubric.Unit, 10*rubric.Unit)
	if len(h.Bars) != 21 || h.Graded != 6 {
		t.Fatalf("%d bars, %d graded", len(h.Bars), h.Graded)
	}
	for i, want := range map[int]int{0: 1, 9: 1, 10: 1, 19: 1, 20: 2} {
		if h.Bars[i].Count != want {
			t.Errorf("bin %d: %d, want %d", i, h.Bars[i].Count, want)
		}
	}
	if !h.HasPass || h.PassX <= h.Bars[9].X || h.PassX > h.Bars[10].X+h.Bars[10].W {
		t.Errorf("pass line at %d, bars 9 and 10 at %d and %d", h.PassX, h.Bars[9].X, h.Bars[10].X)
	}
	// A scale of 100 gets 5-point bins.
	h = makeHistogram(mk(4200), 100*rubric.Unit, 0)
	if len(h.Bars) != 21 || h.Bars[8].Count != 1 || h.Bars[8].Label != "40–44" || h.HasPass {
		t.Errorf("scale 100: %d bars, bin 8 %+v", len(h.Bars), h.Bars[8])
	}
}

// A bonus criterion reads as a bonus in the class report ("+2 bonus", not
// "−0"), and its rates count what the bonus earned, not a penalty avoided.
func TestReportHTMLBonusCriterion(t *testing.T) {
	r := &rubric.Rubric{ID: "lab", Title: rubric.Plain("Lab"), Scale: 20 * rubric.Unit, Pass: 10 * rubric.Unit,
		Criteria: []*rubric.Criterion{
			{ID: "c", Title: rubric.Plain("C"), Points: 2 * rubric.Unit},
			{ID: "extra", Title: rubric.Plain("Extra"), Bonus: 2 * rubric.Unit},
			{ID: "left", Title: rubric.Plain("Left"), Penalty: rubric.Unit},
		}}
	student := func(login string, bonus, penalty rubric.Points) *Result {
		return &Result{Login: login, Repository: "o/" + login, Commit: "0123456789", Flags: []Flag{}, File: "README.md",
			Report: &grader.Report{Grade: 10 * rubric.Unit, Scale: 20 * rubric.Unit, Criteria: []grader.Criterion{
				{ID: "c", Title: "C", Points: rubric.Unit, MaxPoints: 2 * rubric.Unit},
				{ID: "extra", Title: "Extra", Points: bonus, Bonus: 2 * rubric.Unit},
				{ID: "left", Title: "Left", Points: penalty, Penalty: rubric.Unit},
			}}}
	}
	res := []*Result{student("alice", 2*rubric.Unit, 0), student("bob", 0, -rubric.Unit), student("carol", rubric.Unit, 0)}
	rates := criterionRates(r, res, i18n.EN)
	extra, left := rates[1], rates[2]
	// 3 of 6 bonus points earned on average, one student of three with all of it.
	if extra.Points != "+2 bonus" || extra.Average != 50 || extra.Full != 33 {
		t.Errorf("bonus criterion: %q, %d%% on average, %d%% full; want +2 bonus, 50%%, 33%%", extra.Points, extra.Average, extra.Full)
	}
	if left.Points != "−1" || left.Full != 66 {
		t.Errorf("penalty criterion: %q, %d%% without it; want −1, 66%%", left.Points, left.Full)
	}
	b, err := reportHTML(Class{Rubric: r, Assignment: Assignment{Name: "TP", Deadline: time.Unix(0, 0)}, Results: res}, Summarise(res))
	if err != nil {
		t.Fatal(err)
	}
	page := strings.ReplaceAll(string(b), "&#43;", "+") // html/template writes + so
	// Each student's scores read as grade and the check run write them.
	if strings.Contains(page, "−0") || !strings.Contains(page, "Extra (+2 bonus)") || !strings.Contains(page, `<span class="pass">+2/2 (bonus)</span>`) ||
		!strings.Contains(page, `<span class="fail">+0/2 (bonus)</span>`) {
		t.Errorf("the page does not show the bonus as a bonus:\n%s", page)
	}
	if !strings.Contains(page, `<span class="fail">-1 (max −1)</span>`) || !strings.Contains(page, `<span class="pass">0 (max −1)</span>`) {
		t.Errorf("the page does not show the penalty as grade does:\n%s", page)
	}
}

// A finding about the whole report names the report's file and links to
// it; one at line 1 (a table that starts the file) keeps its position and
// its link to that line.
func TestReportHTMLWholeReportFindings(t *testing.T) {
	res := &Result{Login: "alice", Repository: "o/alice", RepositoryURL: "https://github.com/o/alice", Commit: "0123456789",
		Flags: []Flag{}, File: "README.md",
		Report: &grader.Report{Grade: 10 * rubric.Unit, Scale: 20 * rubric.Unit,
			Findings: []grader.Finding{{Line: 1, Col: 1, EndLine: 1, EndCol: 1, Severity: rubric.Warning, Message: "saved as UTF-16", Whole: true}},
			Criteria: []grader.Criterion{{ID: "c", Title: "C", Points: rubric.Unit, MaxPoints: 2 * rubric.Unit, Findings: []grader.Finding{
				{Line: 1, Col: 1, EndLine: 1, EndCol: 1, Severity: rubric.Error, Message: "no section titled X", Whole: true},
				{Line: 1, Col: 1, EndLine: 1, EndCol: 1, Severity: rubric.Error, Message: "this table lacks the column Y"},
			}}}}}
	sv := studentOf(res, i18n.EN)
	blob := "https://github.com/o/alice/blob/0123456789/README.md"
	got := []findingView{sv.Findings[0], sv.Criteria[0].Findings[0], sv.Criteria[0].Findings[1]}
	want := []findingView{{Where: "README.md", URL: blob}, {Where: "README.md", URL: blob}, {Where: "1:1", URL: blob + "#L1"}}
	for i := range want {
		if got[i].Where != want[i].Where || got[i].URL != want[i].URL {
			t.Errorf("finding %q: at %q linked to %q, want %q linked to %q", got[i].Message, got[i].Where, got[i].URL, want[i].Where, want[i].URL)
		}
	}
	res.File = ""
	if w := studentOf(res, i18n.FR).Findings[0]; w.Where != "rapport" || w.URL != "" {
		t.Errorf("without a file name: at %q linked to %q, want rapport and no link", w.Where, w.URL)
	}
}
