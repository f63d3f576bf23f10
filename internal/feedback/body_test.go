package feedback

import (
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// The student's feedback shows a bonus as grade prints it, not as bare
// points.
func TestFeedbackBodyBonus(t *testing.T) {
	p := &Publisher{Rubric: &rubric.Rubric{ID: "lab", Lang: "en"}, Lang: "en"}
	res := Submission{Commit: "0123456789", Report: &grader.Report{Criteria: []grader.Criterion{
		{ID: "c", Title: "C", Points: rubric.Unit, MaxPoints: 2 * rubric.Unit},
		{ID: "extra", Title: "Extra", Points: rubric.Unit, Bonus: 2 * rubric.Unit},
	}}}
	body := p.body(res)
	if !strings.Contains(body, "| C | 1/2 |") || !strings.Contains(body, "| Extra | +1/2 (bonus) |") {
		t.Errorf("feedback:\n%s", body)
	}
}
