package render

import (
	"strings"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// severityWords is the one table of the words a reader sees for a finding's
// severity: the label before a message (text and Markdown alike), and the
// singular and plural nouns of the closing count. JSON keeps the severity's
// own value (error, warning, info): it is a contract for scripts, not words.
var severityWords = map[rubric.Severity]struct{ label, one, many i18n.Msg }{
	rubric.Error: {
		label: i18n.M("error", "erreur"),
		one:   i18n.M("error", "erreur"), many: i18n.M("errors", "erreurs"),
	},
	rubric.Warning: {
		label: i18n.M("warning", "attention"),
		one:   i18n.M("warning", "avertissement"), many: i18n.M("warnings", "avertissements"),
	},
	rubric.Info: {
		label: i18n.M("note", "note"),
		one:   i18n.M("note", "note"), many: i18n.M("notes", "notes"),
	},
}

// SeverityWord is the label of a finding's severity in lang: "error",
// "warning", "note"; "erreur", "attention", "note".
func SeverityWord(s rubric.Severity, lang i18n.Lang) string {
	if w, ok := severityWords[s]; ok {
		return w.label.In(lang)
	}
	return string(s)
}

// Counts are how many findings of each severity a report has.
type Counts struct{ Errors, Warnings, Notes int }

// Count counts the report's findings (the whole report's and every
// criterion's) by severity.
func Count(rep *grader.Report) Counts {
	var c Counts
	for _, f := range rep.AllFindings() {
		c.add(f)
	}
	return c
}

// Line is the closing count as Vale and markdownlint give it: "2 errors,
// 1 warning" ("2 erreurs, 1 avertissement"), with ", 3 notes" when notes
// is true (the notes are shown).
func (c Counts) Line(lang i18n.Lang, notes bool) string {
	parts := []string{count(c.Errors, rubric.Error, lang), count(c.Warnings, rubric.Warning, lang)}
	if notes {
		parts = append(parts, count(c.Notes, rubric.Info, lang))
	}
	return strings.Join(parts, ", ")
}

func count(n int, s rubric.Severity, lang i18n.Lang) string {
	w := severityWords[s]
	return plural(n, w.one, w.many, lang)
}

func (c *Counts) add(f grader.Finding) {
	switch f.Severity {
	case rubric.Error:
		c.Errors++
	case rubric.Warning:
		c.Warnings++
	default:
		c.Notes++
	}
}
