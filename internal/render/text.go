package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// Source gives the text of a report's line n (1-based), to show it under a
// finding. *document.LineIndex implements it.
type Source interface {
	Line(n int) string
}

// TextOptions tune the terminal renderer.
type TextOptions struct {
	Color   bool   // ANSI colours: only on a terminal, never with NO_COLOR
	Source  Source // nil: findings are shown without their source line
	Verbose bool   // also list credited criteria's informational findings
}

type palette struct{ bold, dim, red, green, yellow, cyan, reset string }

func colours(on bool) palette {
	if !on {
		return palette{}
	}
	return palette{bold: "\x1b[1m", dim: "\x1b[2m", red: "\x1b[31m", green: "\x1b[32m",
		yellow: "\x1b[33m", cyan: "\x1b[36m", reset: "\x1b[0m"}
}

// Text writes the report for a person at a terminal: one line per criterion
// with its points, the teacher's feedback, then each finding as
// file:line:col with the source line and a caret under the spot.
func Text(w io.Writer, rep *grader.Report, opt TextOptions) error {
	p := colours(opt.Color)
	l := rep.Lang
	ew := &errWriter{w: w}
	ew.printf("%s%s%s  %s(%s, %s)%s\n", p.bold, rep.RubricTitle, p.reset, p.dim, rep.Rubric, rep.File, p.reset)
	for _, f := range rep.Findings {
		ew.finding(rep.File, f, opt.Source, p, "  ")
	}
	ew.printf("\n")

	idw, titlew := 0, 0
	for _, c := range rep.Criteria {
		idw = max(idw, runewidth.StringWidth(c.ID))
		titlew = max(titlew, min(runewidth.StringWidth(c.Title), 48))
	}
	for _, c := range rep.Criteria {
		mark, col := "✔", p.green
		switch {
		case c.MaxPoints == 0 && c.Points < 0:
			mark, col = "✘", p.red
		case c.MaxPoints == 0:
		case c.Points <= 0:
			mark, col = "✘", p.red
		case c.Points < c.MaxPoints:
			mark, col = "◐", p.yellow
		}
		score := fmt.Sprintf("%s/%s", c.Points, c.MaxPoints)
		if c.MaxPoints == 0 {
			score = fmt.Sprintf("%s (max -%s)", c.Points, c.Penalty)
		}
		ew.printf("%s%s%s %s  %s  %s%s%s\n", col, mark, p.reset,
			pad(c.ID, idw), pad(runewidth.Truncate(c.Title, 48, "…"), titlew), p.bold, score, p.reset)
		if c.Feedback != "" && (c.Points < c.MaxPoints || c.MaxPoints == 0 && c.Points < 0) {
			ew.printf("    %s%s%s\n", p.cyan, c.Feedback, p.reset)
		}
		for _, f := range c.Findings {
			if f.Severity == rubric.Info && !opt.Verbose {
				continue
			}
			ew.finding(rep.File, f, opt.Source, p, "    ")
		}
	}

	verdict, vcol := i18n.M("PASSED", "RÉUSSI"), p.green
	if !rep.Passed {
		verdict, vcol = i18n.M("BELOW THE PASS MARK", "SOUS LE SEUIL"), p.red
	}
	ew.printf("\n%s%s %s/%s → %s/%s%s  (%s %s)  %s%s%s\n", p.bold,
		i18n.M("Total", "Total").In(l), rep.Points, rep.MaxPoints, rep.Grade, rep.Scale, p.reset,
		i18n.M("pass mark", "seuil").In(l), rep.Pass, vcol, verdict.In(l), p.reset)
	return ew.err
}

func pad(s string, w int) string {
	if d := w - runewidth.StringWidth(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, a ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, a...)
	}
}

func (e *errWriter) finding(file string, f grader.Finding, src Source, p palette, indent string) {
	col := p.yellow
	switch f.Severity {
	case rubric.Error:
		col = p.red
	case rubric.Info:
		col = p.dim
	}
	where := fmt.Sprintf("%s:%d:%d", file, f.Line, f.Col)
	if f.Whole {
		where = file
	}
	e.printf("%s%s: %s%s%s: %s\n", indent, where, col, f.Severity, p.reset, f.Message)
	if f.Hint != "" {
		e.printf("%s  %s→ %s%s\n", indent, p.cyan, f.Hint, p.reset)
	}
	// A finding about the whole report has no line to show.
	if src == nil || f.Line < 1 || f.Whole {
		return
	}
	line := src.Line(f.Line)
	if strings.TrimSpace(line) == "" {
		return
	}
	num := fmt.Sprintf("%d", f.Line)
	shown, at := excerpt(line, f.Col)
	e.printf("%s  %s%s |%s %s\n", indent, p.dim, num, p.reset, shown)
	e.printf("%s  %s |%s %s%s^%s\n", indent, strings.Repeat(" ", len(num)), p.reset, CaretPad(shown, at), col, p.reset)
}

// excerptWidth is how much of a source line is shown, in terminal cells.
const excerptWidth = 120

// excerpt cuts a long line to excerptWidth cells around column col
// (characters, 1-based) and returns it with the caret's column in it.
func excerpt(line string, col int) (string, int) {
	if runewidth.StringWidth(line) <= excerptWidth {
		return line, col
	}
	runes := []rune(line)
	start := 0
	if col > excerptWidth/2 {
		start = min(col-1-excerptWidth/3, len(runes))
	}
	shown := string(runes[start:])
	if start > 0 {
		shown = "…" + shown
		col = col - start + 1
	}
	return runewidth.Truncate(shown, excerptWidth, "…"), col
}

// CaretPad returns the blank prefix that puts a caret under column col
// (characters, 1-based), keeping tabs so terminals align them the same way
// and counting wide characters (CJK, emoji) as two cells.
func CaretPad(line string, col int) string {
	var b strings.Builder
	i := 1
	for _, r := range line {
		if i >= col {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteString(strings.Repeat(" ", runewidth.RuneWidth(r)))
		}
		i++
	}
	return b.String()
}
