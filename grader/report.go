package grader

import (
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// Report is the result of grading one submission: the JSON contract of
// `tpgrade grade --format json`, of the Action's `report` output and of
// batch grading's results.json. Fields are only ever added.
type Report struct {
	Rubric      string        `json:"rubric"`        // rubric id
	RubricTitle string        `json:"rubric_title"`  // rubric title
	RubricHash  string        `json:"rubric_sha256"` // sha256 of the rubric file
	File        string        `json:"file"`          // the graded report's path
	Encoding    string        `json:"encoding"`      // how it was decoded
	Lang        i18n.Lang     `json:"lang"`          // language of the messages
	Points      rubric.Points `json:"points"`        // earned, penalties and bonuses included, never below 0
	MaxPoints   rubric.Points `json:"max_points"`    // sum of the criteria's points, bonuses excluded
	Grade       rubric.Points `json:"grade"`         // Points on the rubric's scale, never above it
	Scale       rubric.Points `json:"scale"`         // the grade is out of this
	Pass        rubric.Points `json:"pass"`          // pass threshold on the scale
	Passed      bool          `json:"passed"`        // Grade >= Pass
	Usable      bool          `json:"usable"`        // false when the report could not be read at all
	Criteria    []Criterion   `json:"criteria"`
	Findings    []Finding     `json:"findings"` // about the report as a whole: encoding, unreadable file, recovered tables
}

// Criterion is the result of one rubric criterion.
type Criterion struct {
	ID        string        `json:"id"`
	Title     string        `json:"title"`
	Kind      string        `json:"kind"`
	Points    rubric.Points `json:"points"`     // earned; negative for a penalty that applied
	MaxPoints rubric.Points `json:"max_points"` // 0 for a pure penalty
	Penalty   rubric.Points `json:"penalty,omitempty"`
	Bonus     rubric.Points `json:"bonus,omitempty"`    // a bonus: the most it adds above the total (MaxPoints is 0)
	Feedback  string        `json:"feedback,omitempty"` // the teacher's words for this result
	Findings  []Finding     `json:"findings"`
}

// Finding is a positioned message. Line and Col are 1-based; Col counts
// Unicode characters. EndLine/EndCol close the span (EndCol exclusive).
type Finding struct {
	Line      int             `json:"line"`
	Col       int             `json:"col"`
	EndLine   int             `json:"end_line"`
	EndCol    int             `json:"end_col"`
	Severity  rubric.Severity `json:"severity"`
	Message   string          `json:"message"`
	Hint      string          `json:"hint,omitempty"` // the teacher's words
	Criterion string          `json:"criterion,omitempty"`
	// Whole is set on a finding about the report as a whole: something
	// missing that has no place of its own. Line and Col are then 1:1, and
	// renderers show it without pointing at the report's first line.
	Whole bool `json:"whole,omitempty"`
}

// Result is how much of what it could earn a criterion earned: the mark
// every renderer shows before it.
type Result int

// The results of a criterion.
const (
	None    Result = iota // no point earned; a penalty that took points off
	Partial               // some of its points (or bonus) earned
	Full                  // all it could earn; a penalty that took nothing
)

// Most is the most the criterion can earn: its points, its bonus, or 0 for
// a penalty (which can only take points off). A criterion has one of them.
func (c Criterion) Most() rubric.Points { return c.MaxPoints + c.Bonus }

// Result says whether the criterion earned all it could, some, or nothing.
func (c Criterion) Result() Result {
	switch {
	case c.Points >= c.Most():
		return Full
	case c.Points <= 0:
		return None
	}
	return Partial
}

// AllFindings lists the report's findings and every criterion's, in order.
func (r *Report) AllFindings() []Finding {
	out := append([]Finding(nil), r.Findings...)
	for _, c := range r.Criteria {
		out = append(out, c.Findings...)
	}
	return out
}
