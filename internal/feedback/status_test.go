package feedback

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/rubric"
	"github.com/tpgrade/tpgrade/internal/githubapi"
)

func TestCommitStatus(t *testing.T) {
	u := rubric.Unit
	rep := func(grade rubric.Points, title string) *grader.Report {
		return &grader.Report{Rubric: "docker-tp1", RubricTitle: title, Lang: "fr", Usable: true,
			Points: grade * 3 / 2, MaxPoints: 30 * u, Grade: grade, Scale: 20 * u, Pass: 10 * u, Passed: grade >= 10*u}
	}
	for _, c := range []struct {
		name        string
		rep         *grader.Report
		state, desc string
	}{
		{"passed", rep(12*u, "TP Docker"), "success", "Points 18/30 · note 12/20 · TP Docker"},
		{"below the pass mark", rep(8*u, "TP Docker"), "failure", "Points 12/30 · note 8/20 · TP Docker"},
		{"no title", rep(8*u, ""), "failure", "Points 12/30 · note 8/20"},
	} {
		st := CommitStatus(c.rep)
		if st.GetContext() != "tpgrade / docker-tp1" || st.GetState() != c.state || st.GetDescription() != c.desc {
			t.Errorf("%s: %s %s %q, want tpgrade / docker-tp1 %s %q", c.name, st.GetContext(), st.GetState(), st.GetDescription(), c.state, c.desc)
		}
	}

	// GitHub refuses a description over 140 characters (422): a long title
	// in accented French is cut, the score pair kept whole.
	long := rep(12*u, strings.Repeat("Découverte de Docker et des conteneurs · ", 8))
	d := CommitStatus(long).GetDescription()
	if utf8.RuneCountInString(d) > githubapi.MaxStatusDescription || len(d) > githubapi.MaxStatusDescription ||
		!strings.HasPrefix(d, "Points 18/30 · note 12/20 · Découverte") || !strings.HasSuffix(d, "…") {
		t.Errorf("long description (%d characters): %q", utf8.RuneCountInString(d), d)
	}

	// A report that could not be graded says why, shown not obeyed.
	missing := rep(0, "TP Docker")
	missing.Usable = false
	missing.Lang = "en"
	missing.Findings = []grader.Finding{{Severity: rubric.Error, Message: "the report \u202Eevil.md is not a regular file"}}
	st := CommitStatus(missing)
	if st.GetState() != "failure" || st.GetDescription() != "Points 0/30 · grade 0/20 · the report U+202Eevil.md is not a regular file" {
		t.Errorf("unusable: %s %q", st.GetState(), st.GetDescription())
	}
}
