package checks

import (
	"fmt"
	"strings"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// Table asks for a table with some rows and/or columns.
type Table struct {
	In      rubric.Names   `yaml:"in" doc:"titles of the sections to look in, sub-sections included (default: the whole report)"`
	Columns []rubric.Names `yaml:"columns" doc:"column headers one table must have, each one name or a list of aliases"`
	Rows    []TableRow     `yaml:"rows" doc:"rows some table must have: a first cell (or a header cell with the value under it) and a rule for the value"`
}

// TableRow is one row a table must have.
type TableRow struct {
	Key   rubric.Names `yaml:"key" required:"true" doc:"the row's first cell (or a header cell with the value under it), one name or a list of aliases, such as Storage Driver or [Storage Driver, Pilote de stockage]"`
	Value *ValueRule   `yaml:"value" doc:"what the value next to the key must be (default: not empty)"`
	Label rubric.Text  `yaml:"label" doc:"how the student is told about the row (default: the first key): one text, or {fr: ..., en: ...}"`
}

// Validate requires something to look for. Each row was checked by the
// loader as it decoded it: its key is required and names something, and
// its value rule validated itself.
func (c *Table) Validate() error {
	if len(c.Columns) == 0 && len(c.Rows) == 0 {
		return fmt.Errorf("table needs columns or rows to look for")
	}
	return nil
}

// label names the row for the student, in lang.
func (r *TableRow) label(lang i18n.Lang) string {
	if !r.Label.IsZero() || len(r.Key) == 0 {
		return r.Label.In(lang)
	}
	return r.Key.FirstIn(lang)
}

// firstName is the name a message shows for an alias list (a Name, given
// in the message's language by i18n.M and andNames).
func firstName(ns rubric.Names) rubric.Name {
	if len(ns) == 0 {
		return rubric.Name{Text: "?"}
	}
	return ns[0]
}

// Grade gives one share for the column set (when asked) and one per row.
func (c *Table) Grade(doc *document.Document, env *rubric.Env) rubric.Outcome {
	sc := scopeOf(doc, c.In)
	out := rubric.Outcome{Of: len(c.Rows)}
	if len(c.Columns) > 0 {
		out.Of++
	}
	if sc.Empty() {
		in := orNames(c.In)
		out.Findings = append(out.Findings, sc.At().finding(rubric.Error, i18n.Msg{
			EN: fmt.Sprintf("the report has no section titled %s, where the table is expected", in.EN),
			FR: fmt.Sprintf("le rapport n'a pas de section intitulée %s, où le tableau est attendu", in.FR),
		}))
		return out
	}
	var tables []*document.Table
	for _, t := range doc.Tables {
		if sc.Holds(t.Span.Start) {
			tables = append(tables, t)
		}
	}
	if len(c.Columns) > 0 {
		if f, ok := c.gradeColumns(tables, sc); ok {
			out.Met++
		} else {
			out.Findings = append(out.Findings, f)
		}
	}
	var missing []*TableRow
	for i := range c.Rows {
		row := &c.Rows[i]
		label := row.label(env.Lang)
		key, val := findRow(tables, row.Key, func(s string) bool { ok, _ := row.Value.check(label, s); return ok })
		if key == nil {
			missing = append(missing, row)
			continue
		}
		// An empty value is shown at its key: an empty cell has no text
		// to point at.
		text, span := "", key.Span
		if val != nil && strings.TrimSpace(val.Text) != "" {
			text, span = val.Text, val.Span
		}
		if ok, why := row.Value.check(label, text); !ok {
			out.Findings = append(out.Findings, rubric.Finding{Span: span, Severity: rubric.Error, Message: why})
			continue
		}
		out.Met++
	}
	out.Findings = append(out.Findings, missingRows(missing, sc.At(), env.Lang)...)
	return out
}

// gradeColumns looks for a table whose header row has every column. When
// none has, the finding goes to the table that has the most of them.
func (c *Table) gradeColumns(tables []*document.Table, sc Scope) (rubric.Finding, bool) {
	var best *document.Table
	var bestMissing rubric.Names
	for _, t := range tables {
		if len(t.Rows) == 0 {
			continue
		}
		var missing rubric.Names
		for _, col := range c.Columns {
			found := false
			for _, cell := range t.Rows[0] {
				if namesEqual(cell.Text, col) {
					found = true
					break
				}
			}
			if !found {
				missing = append(missing, firstName(col))
			}
		}
		if len(missing) == 0 {
			return rubric.Finding{}, true
		}
		if best == nil || len(missing) < len(bestMissing) {
			best, bestMissing = t, missing
		}
	}
	want := make(rubric.Names, len(c.Columns))
	for i, col := range c.Columns {
		want[i] = firstName(col)
	}
	all := andNames(want)
	if best == nil || len(bestMissing) == len(c.Columns) {
		return sc.At().finding(rubric.Error, i18n.Msg{
			EN: fmt.Sprintf("no table with the columns %s", all.EN),
			FR: fmt.Sprintf("aucun tableau avec les colonnes %s", all.FR),
		}), false
	}
	miss := andNames(bestMissing)
	msg := i18n.Msg{
		EN: fmt.Sprintf("this table lacks the columns %s (expected columns: %s)", miss.EN, all.EN),
		FR: fmt.Sprintf("il manque à ce tableau les colonnes %s (colonnes attendues : %s)", miss.FR, all.FR),
	}
	if len(bestMissing) == 1 {
		msg = i18n.Msg{
			EN: fmt.Sprintf("this table lacks the column %s (expected columns: %s)", miss.EN, all.EN),
			FR: fmt.Sprintf("il manque à ce tableau la colonne %s (colonnes attendues : %s)", miss.FR, all.FR),
		}
	}
	return rubric.Finding{Span: document.Span{Start: best.Span.Start, End: best.Span.Start}, Severity: rubric.Error, Message: msg}, false
}

// findRow finds the cell holding one of keys and the cell holding its value:
// the next cell of a row whose first cell is the key, or the cell under a
// header cell that is the key (the first header cell too when a single row
// sits under the header: `| Client | Server |` over one row of values). As
// for facts, a value that holds the rule is preferred (`| Storage Driver |
// Backing Filesystem |` over `| zfs | extfs |` reads both ways), then an
// earlier alias, then the first in document order. The value is nil when the
// row has no second cell.
func findRow(tables []*document.Table, keys rubric.Names, usable func(string) bool) (key, value *document.Cell) {
	var bestRank, bestAt int
	consider := func(k, v *document.Cell) {
		alias := aliasIndex(k.Text, keys)
		if alias < 0 {
			return
		}
		rank := alias
		if v == nil || strings.TrimSpace(v.Text) == "" || !usable(v.Text) {
			rank += len(keys)
		}
		at := k.Span.Start
		if v != nil {
			at = v.Span.Start
		}
		if key == nil || rank < bestRank || rank == bestRank && at < bestAt {
			key, value, bestRank, bestAt = k, v, rank, at
		}
	}
	for _, t := range tables {
		for _, r := range t.Rows {
			if len(r) == 0 {
				continue
			}
			var v *document.Cell
			if len(r) > 1 {
				v = r[1]
			}
			consider(r[0], v)
		}
		if len(t.Rows) < 2 {
			continue
		}
		first := 1
		if len(t.Rows) == 2 {
			first = 0
		}
		for j := first; j < len(t.Rows[0]) && j < len(t.Rows[1]); j++ {
			consider(t.Rows[0][j], t.Rows[1][j])
		}
	}
	return key, value
}

// missingRows is the finding about the rows no table has: one for all of
// them, naming them in lang.
func missingRows(rows []*TableRow, at place, lang i18n.Lang) []rubric.Finding {
	switch len(rows) {
	case 0:
		return nil
	case 1:
		return []rubric.Finding{at.finding(rubric.Error, i18n.M(
			"no table row %q: add a row \"| %s | value |\"",
			"aucune ligne « %s » dans un tableau : ajoutez une ligne « | %s | valeur | »", rows[0].label(lang), firstName(rows[0].Key)))}
	}
	labels := make([]string, len(rows))
	for i, r := range rows {
		labels[i] = r.label(lang)
	}
	list := andList(labels)
	return []rubric.Finding{at.finding(rubric.Error, i18n.Msg{
		EN: fmt.Sprintf("no table rows %s: add a row \"| key | value |\" for each", list.EN),
		FR: fmt.Sprintf("aucune ligne %s dans un tableau : ajoutez une ligne « | clé | valeur | » pour chacune", list.FR),
	})}
}
