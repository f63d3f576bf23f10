package render

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
)

// DefaultMaxCell is the longest text, in characters, that one table cell or
// one finding line of the Markdown summary holds: long enough for any
// teacher's feedback, short enough that a student quoting a whole page in a
// table cell cannot push the rest of the summary past GitHub's size limits.
const DefaultMaxCell = 600

// MarkdownOptions tune the Markdown renderer.
type MarkdownOptions struct {
	Path    string // the report's path as the reader knows it; rep.File when empty
	Brief   bool   // score, criteria table and rubric only: no list of findings
	MaxCell int    // longest cell or finding text in characters; DefaultMaxCell when 0
	// AfterScore is Markdown the caller adds under the score line: one
	// paragraph (a batch's feedback says which commit it graded).
	AfterScore string
	// BeforeRubric is Markdown the caller adds at the end of the report,
	// before the rubric line that closes it.
	BeforeRubric string
	// FileURL, when set, is the graded report's web page (a blob at the
	// graded commit): each finding's place links to its line there (#L12),
	// a finding about the whole report to the page.
	FileURL string
}

func (o MarkdownOptions) path(rep *grader.Report) string {
	if o.Path != "" {
		return o.Path
	}
	return rep.File
}

func (o MarkdownOptions) maxCell() int {
	if o.MaxCell > 0 {
		return o.MaxCell
	}
	return DefaultMaxCell
}

// Markdown writes the report as GitHub-flavoured Markdown: a heading with
// the grade, the score line, one table row per criterion (points and the
// teacher's feedback), then, unless Brief, every finding under its criterion,
// and the rubric's id and sha256 last.
//
// Every text that comes from the report (criterion titles, feedback,
// messages that may quote the student) goes through Escape: it can break
// neither the table nor out of it, carries no HTML and pings nobody.
func Markdown(w io.Writer, rep *grader.Report, opt MarkdownOptions) error {
	_, err := io.WriteString(w, MarkdownString(rep, opt))
	return err
}

// MarkdownString is Markdown's text, for callers that cut or wrap it before
// it goes anywhere (a check run's summary has a size limit).
func MarkdownString(rep *grader.Report, opt MarkdownOptions) string {
	var b strings.Builder
	writeSummary(&b, rep, opt)
	if !opt.Brief {
		b.WriteString(MarkdownDetails(rep, opt))
	}
	b.WriteString(opt.BeforeRubric)
	if opt.BeforeRubric != "" {
		b.WriteString("\n")
	}
	b.WriteString(RubricLine(rep))
	return b.String()
}

func writeSummary(b *strings.Builder, rep *grader.Report, opt MarkdownOptions) {
	l := rep.Lang
	mark := "✅"
	switch {
	case !rep.Usable:
		mark = "⛔"
	case !rep.Passed:
		mark = "❌"
	}
	colon := ":"
	if rep.Lang == i18n.FR {
		colon = " :" // French puts a space before a colon
	}
	fmt.Fprintf(b, "## %s %s%s %s/%s\n\n", mark, Escape(rep.RubricTitle), colon, rep.Grade, rep.Scale)
	verdict := i18n.M("passed", "réussi")
	if !rep.Passed {
		verdict = i18n.M("below the pass mark", "sous le seuil")
	}
	fmt.Fprintf(b, "**Points %s/%s** · %s %s/%s · %s · %s %s\n\n",
		rep.Points, rep.MaxPoints,
		i18n.M("pass mark", "seuil").In(l), rep.Pass, rep.Scale,
		verdict.In(l),
		i18n.M("report", "rapport").In(l), Escape(opt.path(rep)))
	if opt.AfterScore != "" {
		b.WriteString(opt.AfterScore + "\n\n")
	}
	for _, f := range rep.Findings {
		fmt.Fprintf(b, "> **%s** %s\n>\n", SeverityWord(f.Severity, l), Cell(f.Message, opt.maxCell()))
	}
	if len(rep.Findings) > 0 {
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "| | %s | %s | %s |\n|---|---|---:|---|\n",
		i18n.M("Criterion", "Critère").In(l), i18n.M("Points", "Points").In(l), i18n.M("Feedback", "Commentaire").In(l))
	for _, c := range rep.Criteria {
		// The engine already picked the teacher's words for this result.
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", criterionMark(c), Cell(c.Title, opt.maxCell()),
			criterionScore(c), Cell(c.Feedback, opt.maxCell()))
	}
	b.WriteString("\n")
}

// MarkdownDetails renders every finding, criterion by criterion, as a list of
// `line:col` entries with the teacher's hint under each.
func MarkdownDetails(rep *grader.Report, opt MarkdownOptions) string {
	var b strings.Builder
	l := rep.Lang
	path := Escape(opt.path(rep))
	for _, c := range rep.Criteria {
		if len(c.Findings) == 0 {
			continue
		}
		fmt.Fprintf(&b, "### %s %s: %s\n\n", criterionMark(c), Cell(c.Title, opt.maxCell()), criterionScore(c))
		for _, f := range c.Findings {
			where := fmt.Sprintf("%s `%d:%d`", path, f.Line, f.Col)
			switch {
			case f.Whole && opt.FileURL != "":
				where = fmt.Sprintf("[%s](%s)", path, linkTarget(opt.FileURL))
			case f.Whole:
				where = path
			case opt.FileURL != "" && f.Line > 0:
				where = fmt.Sprintf("[%s](%s#L%d)", where, linkTarget(opt.FileURL), f.Line)
			}
			fmt.Fprintf(&b, "- %s **%s** %s\n", where,
				SeverityWord(f.Severity, l), Cell(f.Message, opt.maxCell()))
			if f.Hint != "" {
				fmt.Fprintf(&b, "  - → %s\n", Cell(f.Hint, opt.maxCell()))
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// linkTarget keeps a link's destination one destination: spaces,
// parentheses, angle brackets and line breaks are percent-encoded, so a
// file name cannot end the link or add text after it.
func linkTarget(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E",
		"\n", "%0A", "\r", "%0D", "\t", "%09").Replace(u)
}

// RubricLine names the rubric that graded and its sha256: the record a
// teacher checks to know the grade came from their rubric.
func RubricLine(rep *grader.Report) string {
	return fmt.Sprintf("<sub>%s `%s` · sha256 `%s`</sub>\n",
		i18n.M("Rubric", "Barème").In(rep.Lang), codeSafe(rep.Rubric), codeSafe(rep.RubricHash))
}

// criterionMark is the Markdown mark of a criterion's result.
func criterionMark(c grader.Criterion) string {
	return [...]string{grader.None: "❌", grader.Partial: "🟡", grader.Full: "✅"}[c.Result()]
}

// criterionScore is a criterion's score as Markdown shows it, with a
// typographic minus (−) in front of a penalty's maximum.
func criterionScore(c grader.Criterion) string { return ScoreText(c, "−") }

// Cell escapes s with Escape after cutting it to max characters, so that it
// fits one table cell or one list line.
func Cell(s string, max int) string {
	if max > 0 && utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = string(r[:max-1]) + "…"
	}
	return Escape(s)
}

// zwj is the zero-width joiner put after an @ so that "@teacher" is shown as
// written but is no longer a mention that notifies anyone, and after the
// colon of a URL's scheme and after "www." so that no link is made.
const zwj = "\u200d"

// Escape turns any text into inline Markdown that renders as that text:
//   - line breaks and tabs become spaces, so a table row stays one row;
//   - | is escaped, so a cell cannot be split;
//   - & < > become entities, so no HTML tag or entity gets through;
//   - Markdown punctuation (\ ` * _ [ ] ~ #) is backslash-escaped, so no
//     link, image, code span or emphasis is made from it;
//   - @ followed by a letter or digit, "scheme://" and "www." get a
//     zero-width joiner, so no user or team is mentioned and no bare URL
//     becomes a link (Unlinked);
//   - control characters and bidirectional overrides are shown, not obeyed:
//     \x1b, U+202E (Visible).
func Escape(s string) string {
	s = Unlinked(strings.NewReplacer("\n", " ", "\r", " ", "\t", " ", "\v", " ", "\f", " ").Replace(s))
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '|', '\\', '`', '*', '_', '[', ']', '~', '#':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isBidiControl reports the characters that reorder how text is displayed
// (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C).
func isBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F || r == 0x061C
}

// codeSafe keeps what may sit inside a code span: rubric ids and hashes are
// letters, digits, - and _; anything else is dropped rather than trusted.
func codeSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.') {
			return r
		}
		return -1
	}, s)
}
