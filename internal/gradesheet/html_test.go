package gradesheet

import (
	"strings"
	"testing"
	"time"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

func TestReportHTMLEscapesStudentText(t *testing.T) {
	r := &rubric.Rubric{ID: "lab", Title: "Lab <u>x</u>", Scale: 20 * rubric.Unit, Pass: 10 * rubric.Unit,
		Criteria: []*rubric.Criterion{{ID: "c", Title: "C", Points: 2 * rubric.Unit}}}
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
