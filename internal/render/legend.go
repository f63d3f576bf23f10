package render

import (
	"fmt"

	"github.com/tpgrade/tpgrade/grader"
)

// The marks the text output puts before each criterion; Legend explains them.
const (
	MarkFull    = "✔" // every point earned; a penalty that took nothing
	MarkPartial = "◐" // some points earned
	MarkNone    = "✘" // no point earned; a penalty that took points off
)

// Legend explains the text output's marks and scores, for `grade --help`
// and the README (a test keeps the README's copy the same).
const Legend = `Reading the result:
  ` + MarkFull + `                   every point of the criterion earned (a penalty: nothing taken off)
  ` + MarkPartial + `                   some of its points earned
  ` + MarkNone + `                   no point earned (a penalty: points taken off)
  1.5/2               points earned / the criterion's points
  0 (max -2)          a penalty: points taken off the total (0: none), and the most it can take
  +0.5/1 (bonus)      a bonus: points added above the total, and the most it can add (the grade never exceeds the scale)
  error, erreur       points lost, with where (file:line:col) and the teacher's hint (→)
  warning, attention  worth fixing; may have cost part of the points
  note                what was found and credited (shown with --verbose)
The last line counts them: "2 errors, 1 warning" ("2 erreurs, 1 avertissement").`

// criterionMarkText is the text mark of a criterion's result.
func criterionMarkText(c grader.Criterion) string {
	return [...]string{grader.None: MarkNone, grader.Partial: MarkPartial, grader.Full: MarkFull}[c.Result()]
}

// ScoreText is a criterion's score as every output shows it: "1.5/2", for a
// penalty "-0.5 (max -2)", for a bonus "+0.5/1 (bonus)"; minus is what goes
// in front of a penalty's maximum ("-" in plain text, "−" where typography
// is free).
func ScoreText(c grader.Criterion, minus string) string {
	switch {
	case c.Bonus > 0:
		return fmt.Sprintf("+%s/%s (bonus)", c.Points, c.Bonus)
	case c.MaxPoints == 0:
		return fmt.Sprintf("%s (max %s%s)", c.Points, minus, c.Penalty)
	}
	return fmt.Sprintf("%s/%s", c.Points, c.MaxPoints)
}
