package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// Every kind of criterion (points, penalty, bonus) in every result gets the
// same mark in text and Markdown, its score in one wording, and its
// feedback in the text output exactly when it did not earn all it could.
func TestCriterionResultIsReadTheSameEverywhere(t *testing.T) {
	u := rubric.Unit
	for _, c := range []struct {
		crit          grader.Criterion
		text, md, txt string
	}{
		{grader.Criterion{Points: 2 * u, MaxPoints: 2 * u}, MarkFull, "✅", "2/2"},
		{grader.Criterion{Points: u / 2, MaxPoints: 2 * u}, MarkPartial, "🟡", "0.5/2"},
		{grader.Criterion{Points: 0, MaxPoints: 2 * u}, MarkNone, "❌", "0/2"},
		{grader.Criterion{Points: 0, Penalty: 2 * u}, MarkFull, "✅", "0 (max -2)"},
		{grader.Criterion{Points: -u / 2, Penalty: 2 * u}, MarkNone, "❌", "-0.5 (max -2)"},
		{grader.Criterion{Points: u, Bonus: u}, MarkFull, "✅", "+1/1 (bonus)"},
		{grader.Criterion{Points: u / 2, Bonus: u}, MarkPartial, "🟡", "+0.5/1 (bonus)"},
		{grader.Criterion{Points: 0, Bonus: u}, MarkNone, "❌", "+0/1 (bonus)"},
	} {
		c.crit.ID, c.crit.Title, c.crit.Feedback = "c", "C", "teacher's words"
		if got := criterionMarkText(c.crit); got != c.text {
			t.Errorf("%s: text mark %s, want %s", c.txt, got, c.text)
		}
		if got := criterionMark(c.crit); got != c.md {
			t.Errorf("%s: Markdown mark %s, want %s", c.txt, got, c.md)
		}
		if got := ScoreText(c.crit, "-"); got != c.txt {
			t.Errorf("score %q, want %q", got, c.txt)
		}
		if got, want := criterionScore(c.crit), strings.ReplaceAll(c.txt, "max -", "max −"); got != want {
			t.Errorf("Markdown score %q, want %q", got, want)
		}
		var b bytes.Buffer
		rep := &grader.Report{Lang: "en", Usable: true, Criteria: []grader.Criterion{c.crit}}
		if err := Text(&b, rep, TextOptions{}); err != nil {
			t.Fatal(err)
		}
		if shown := strings.Contains(b.String(), "teacher's words"); shown != (c.text != MarkFull) {
			t.Errorf("%s: feedback shown = %v for a %s result:\n%s", c.txt, shown, c.text, b.String())
		}
	}
}

// The closing counts follow each language's plural: French puts 0 and 1 in
// the singular, English only 1.
func TestCountsPlural(t *testing.T) {
	c := Counts{Errors: 0, Warnings: 1, Notes: 2}
	if got, want := c.Line("en", true), "0 errors, 1 warning, 2 notes"; got != want {
		t.Errorf("en: %q, want %q", got, want)
	}
	if got, want := c.Line("fr", true), "0 erreur, 1 avertissement, 2 notes"; got != want {
		t.Errorf("fr: %q, want %q", got, want)
	}
}
