package render

import (
	"fmt"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
)

// Tally counts what one run of `tpgrade grade FILE...` gave, for its
// closing line: the reports graded (passed or below the pass mark), those
// that could not be (missing, refused, empty, binary, too large), and the
// findings shown.
type Tally struct {
	Passed, Below, Unreadable int
	Counts
}

// Add counts one report; nil is an argument that named no report.
func (t *Tally) Add(rep *grader.Report) {
	switch {
	case rep == nil:
		t.Unreadable++
		return
	case !rep.Usable:
		t.Unreadable++
	case rep.Passed:
		t.Passed++
	default:
		t.Below++
	}
	c := Count(rep)
	t.Errors += c.Errors
	t.Warnings += c.Warnings
	t.Notes += c.Notes
}

// Line is the closing line: "30 reports: 28 graded (25 passed, 3 below the
// pass mark), 2 unreadable; 41 errors, 12 warnings" ("30 rapports : 28
// notés (25 réussis, 3 sous le seuil), 2 illisibles ; 41 erreurs, 12
// avertissements"), with the notes when notes is true (they are shown).
func (t Tally) Line(lang i18n.Lang, notes bool) string {
	graded := t.Passed + t.Below
	total := graded + t.Unreadable
	return fmt.Sprintf(i18n.M("%s: %s (%s, %s), %s; %s", "%s : %s (%s, %s), %s ; %s").In(lang),
		plural(total, i18n.M("report", "rapport"), i18n.M("reports", "rapports"), lang),
		plural(graded, i18n.M("graded", "noté"), i18n.M("graded", "notés"), lang),
		plural(t.Passed, i18n.M("passed", "réussi"), i18n.M("passed", "réussis"), lang),
		plural(t.Below, i18n.M("below the pass mark", "sous le seuil"), i18n.M("below the pass mark", "sous le seuil"), lang),
		plural(t.Unreadable, i18n.M("unreadable", "illisible"), i18n.M("unreadable", "illisibles"), lang),
		t.Counts.Line(lang, notes))
}

// plural is "n word", the word singular for 1 (and for 0 in French).
func plural(n int, one, many i18n.Msg, lang i18n.Lang) string {
	w := many
	if n == 1 || n == 0 && lang == i18n.FR {
		w = one
	}
	return fmt.Sprintf("%d %s", n, w.In(lang))
}
