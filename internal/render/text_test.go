package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

type lines []string

func (l lines) Line(n int) string {
	if n < 1 || n > len(l) {
		return ""
	}
	return l[n-1]
}

// wholeAndPlaced is a report with one finding on a line and one about the
// report as a whole.
func wholeAndPlaced() *grader.Report {
	return &grader.Report{Rubric: "lab", RubricTitle: "Lab", File: "README.md", Lang: "en",
		Points: 100, MaxPoints: 300, Grade: 100, Scale: 300, Pass: 150,
		Findings: []grader.Finding{},
		Criteria: []grader.Criterion{{ID: "c", Title: "Crit", Points: 100, MaxPoints: 300, Findings: []grader.Finding{
			{Line: 3, Col: 5, EndLine: 3, EndCol: 9, Severity: rubric.Error, Message: "wrong value", Criterion: "c"},
			{Line: 1, Col: 1, EndLine: 1, EndCol: 1, Severity: rubric.Error, Message: "no section about X", Criterion: "c", Whole: true},
		}}}}
}

func TestTextShowsSourceUnderPlacedFindingsOnly(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, wholeAndPlaced(), TextOptions{Source: lines{"# Title", "", "key: édit value"}}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "README.md:3:5: error: wrong value\n") || !strings.Contains(out, "3 | key: édit value\n") {
		t.Errorf("placed finding without its line:\n%s", out)
	}
	// The caret sits under column 5, counted in characters.
	if !strings.Contains(out, "  |     ^\n") {
		t.Errorf("caret not under column 5:\n%s", out)
	}
	if !strings.Contains(out, "README.md: error: no section about X\n") || strings.Contains(out, "1 | # Title") {
		t.Errorf("whole-report finding shown on the title line:\n%s", out)
	}
	if strings.Contains(out, "\x1b[") {
		t.Errorf("colours without Color:\n%q", out)
	}
}

func TestWorkflowAnnotatesWholeReportFindingsOnTheFile(t *testing.T) {
	var b bytes.Buffer
	if _, _, err := WorkflowAnnotations(&b, wholeAndPlaced(), WorkflowOptions{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "::error file=README.md,line=3,endLine=3,col=5,endColumn=8,title=Crit::wrong value\n") {
		t.Errorf("placed finding:\n%s", out)
	}
	if !strings.Contains(out, "::error file=README.md,title=Crit::no section about X\n") {
		t.Errorf("whole-report finding is not a file annotation:\n%s", out)
	}
}

func TestMarkdownDetailsGiveNoPositionToWholeReportFindings(t *testing.T) {
	out := MarkdownDetails(wholeAndPlaced(), MarkdownOptions{})
	if !strings.Contains(out, "README.md `3:5` **error** wrong value") || !strings.Contains(out, "- README.md **error** no section about X") {
		t.Errorf("details:\n%s", out)
	}
}

func TestExcerptKeepsTheCaretOnItsCharacter(t *testing.T) {
	line := strings.Repeat("a", 200) + "X" + strings.Repeat("b", 100)
	shown, at := excerpt(line, 201)
	if r := []rune(shown); at < 1 || at > len(r) || r[at-1] != 'X' {
		t.Fatalf("caret at %d of %q", at, shown)
	}
	if w := len([]rune(shown)); w > excerptWidth {
		t.Errorf("excerpt of %d characters", w)
	}
	if shown, at := excerpt("short é line", 7); shown != "short é line" || at != 7 {
		t.Errorf("short line changed: %q %d", shown, at)
	}
	shown, at = excerpt(strings.Repeat("x", 50)+"Y"+strings.Repeat("z", 150), 51)
	if r := []rune(shown); r[at-1] != 'Y' {
		t.Errorf("caret near the start misplaced: %d in %q", at, shown)
	}
}

// A bonus criterion reads as points added above the total, and its
// feedback shows while part of the bonus is missing.
func TestBonusCriterionIsShownAsABonus(t *testing.T) {
	rep := &grader.Report{Rubric: "lab", RubricTitle: "Lab", File: "README.md", Lang: "en",
		Points: 2100, MaxPoints: 2000, Grade: 2000, Scale: 2000, Pass: 1000, Usable: true, Passed: true,
		Findings: []grader.Finding{},
		Criteria: []grader.Criterion{
			{ID: "main", Title: "Main", Points: 2000, MaxPoints: 2000, Findings: []grader.Finding{}},
			{ID: "extra", Title: "Compose", Points: 100, Bonus: 200, Feedback: "Try docker compose.", Findings: []grader.Finding{}},
			{ID: "none", Title: "Swarm", Points: 0, Bonus: 100, Findings: []grader.Finding{}},
		}}
	var b bytes.Buffer
	if err := Text(&b, rep, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		MarkPartial + " extra  Compose  +1/2 (bonus)\n",
		"    Try docker compose.\n",
		MarkNone + " none   Swarm    +0/1 (bonus)\n",
		"Total 21/20 → 20/20",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	var mb bytes.Buffer
	if err := Markdown(&mb, rep, MarkdownOptions{}); err != nil {
		t.Fatal(err)
	}
	md := mb.String()
	if !strings.Contains(md, "+1/2 (bonus)") || !strings.Contains(md, "+0/1 (bonus)") || strings.Contains(md, "max −") {
		t.Errorf("markdown shows the bonus as something else:\n%s", md)
	}
}
