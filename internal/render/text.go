package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/fatih/color"
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

// palette paints text in the terminal's colours through fatih/color, which
// also makes Windows consoles understand them. Every colour is switched on
// or off by the caller's decision (TextOptions.Color), never by the library's
// own look at the process: the command layer decides, from the injected
// environment (a terminal, NO_COLOR, TERM=dumb).
type palette struct{ bold, dim, red, green, yellow, cyan *color.Color }

func colours(on bool) palette {
	p := palette{bold: color.New(color.Bold), dim: color.New(color.Faint), red: color.New(color.FgRed),
		green: color.New(color.FgGreen), yellow: color.New(color.FgYellow), cyan: color.New(color.FgCyan)}
	for _, c := range []*color.Color{p.bold, p.dim, p.red, p.green, p.yellow, p.cyan} {
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return p
}

// Text writes the report for a person at a terminal: one line per criterion
// with its points, the teacher's feedback, then each finding as
// file:line:col with the source line and a caret under the spot, and last
// the total and the count of errors and warnings (Legend explains them).
func Text(w io.Writer, rep *grader.Report, opt TextOptions) error {
	p := colours(opt.Color)
	l := rep.Lang
	ew := &errWriter{w: w}
	// Every text of the report goes through Visible: a report's escape
	// sequences and bidi overrides are shown, never obeyed by the terminal.
	ew.printf("%s  %s\n", p.bold.Sprint(Visible(rep.RubricTitle)), p.dim.Sprintf("(%s, %s)", Visible(rep.Rubric), Visible(rep.File)))
	shown := Counts{}
	for _, f := range rep.Findings {
		ew.finding(rep.File, f, opt.Source, p, "  ", l)
		shown.add(f)
	}
	ew.printf("\n")
	idw, titlew := 0, 0
	for _, c := range rep.Criteria {
		idw = max(idw, runewidth.StringWidth(Visible(c.ID)))
		titlew = max(titlew, min(runewidth.StringWidth(Visible(c.Title)), 48))
	}
	for _, c := range rep.Criteria {
		mark := criterionMarkText(c)
		col := map[string]*color.Color{MarkFull: p.green, MarkPartial: p.yellow, MarkNone: p.red}[mark]
		ew.printf("%s %s  %s  %s\n", col.Sprint(mark),
			pad(Visible(c.ID), idw), pad(runewidth.Truncate(Visible(c.Title), 48, "…"), titlew), p.bold.Sprint(ScoreText(c, "-")))
		if c.Feedback != "" && c.Result() != grader.Full {
			ew.printf("    %s\n", p.cyan.Sprint(Visible(c.Feedback)))
		}
		for _, f := range c.Findings {
			if f.Severity == rubric.Info && !opt.Verbose {
				continue
			}
			ew.finding(rep.File, f, opt.Source, p, "    ", l)
			shown.add(f)
		}
	}
	verdict, vcol := i18n.M("PASSED", "RÉUSSI"), p.green
	if !rep.Passed {
		verdict, vcol = i18n.M("BELOW THE PASS MARK", "SOUS LE SEUIL"), p.red
	}
	ew.printf("\n%s  (%s %s)  %s\n",
		p.bold.Sprintf("%s %s/%s → %s/%s", i18n.M("Total", "Total").In(l), rep.Points, rep.MaxPoints, rep.Grade, rep.Scale),
		i18n.M("pass mark", "seuil").In(l), rep.Pass, vcol.Sprint(verdict.In(l)))
	ew.printf("%s\n", shown.Line(l, opt.Verbose))
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

func (e *errWriter) finding(file string, f grader.Finding, src Source, p palette, indent string, lang i18n.Lang) {
	col := p.yellow
	switch f.Severity {
	case rubric.Error:
		col = p.red
	case rubric.Info:
		col = p.dim
	}
	file = Visible(file)
	where := fmt.Sprintf("%s:%d:%d", file, f.Line, f.Col)
	if f.Whole {
		where = file
	}
	e.printf("%s%s: %s: %s\n", indent, where, col.Sprint(SeverityWord(f.Severity, lang)), Visible(f.Message))
	if f.Hint != "" {
		e.printf("%s  %s\n", indent, p.cyan.Sprint("→ "+Visible(f.Hint)))
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
	shown, at := visibleAt(excerpt(line, f.Col))
	e.printf("%s  %s %s\n", indent, p.dim.Sprint(num+" |"), shown)
	e.printf("%s  %s | %s%s\n", indent, strings.Repeat(" ", len(num)), CaretPad(shown, at), col.Sprint("^"))
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
