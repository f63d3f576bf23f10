package document

import (
	"bytes"

	east "github.com/yuin/goldmark/extension/ast"
	gtext "github.com/yuin/goldmark/text"

	"github.com/tpgrade/tpgrade/grader/i18n"
)

// builtCell is a cell with the mapping of its text back to the source, kept
// while the table's block text is assembled.
type builtCell struct {
	cell *Cell
	segs []segment
}

// pipeTable reads a GFM pipe table parsed by goldmark.
func (p *walker) pipeTable(n *east.Table) {
	tb := &Table{Section: p.section(), Source: PipeTable, Header: true}
	var rows [][]builtCell
	start, lastRow := -1, -1
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		if start < 0 {
			start = r.Pos()
		}
		lastRow = max(lastRow, r.Pos())
		var row []builtCell
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cell, ok := c.(*east.TableCell)
			if !ok || cell.Lines().Len() == 0 {
				continue // padding goldmark adds to short rows: not written
			}
			seg := cell.Lines().At(0)
			t := newPlain(p.src)
			p.inlines(t, cell)
			t.trim()
			s, e := clampRange(seg.Start, seg.Stop, len(p.src))
			row = append(row, builtCell{cell: p.cell(string(t.buf), Span{Start: s, End: e}), segs: t.segs})
		}
		if len(row) == 0 {
			continue
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return
	}
	if start < 0 {
		start = rows[0][0].cell.Span.Start
	}
	start = min(start, len(p.src))
	end := p.lineEnd(max(lastRow, start))
	for end > start && isSpaceByte(p.src[end-1]) {
		end--
	}
	tb.Span = Span{Start: start, End: end}
	p.addTable(tb, rows, true)
}

func (p *walker) cell(text string, span Span) *Cell {
	c := p.cells.new()
	*c = Cell{Text: text, Span: span}
	return c
}

// addTable records a table and its facts, and a block holding its text
// unless the table lies inside a block already recorded.
func (p *walker) addTable(tb *Table, rows [][]builtCell, block bool) {
	t := newPlain(p.src)
	tb.Rows = make([][]*Cell, len(rows))
	for i, row := range rows {
		if i > 0 {
			t.lit("\n")
		}
		tb.Rows[i] = make([]*Cell, len(row))
		for j, c := range row {
			if j > 0 {
				t.lit(" | ")
			}
			tb.Rows[i][j] = c.cell
			at := len(t.buf)
			t.buf = append(t.buf, c.cell.Text...)
			for _, s := range c.segs {
				t.segs = append(t.segs, segment{at: at + s.at, src: s.src, n: s.n})
			}
		}
	}
	p.doc.Tables = append(p.doc.Tables, tb)
	if block {
		p.addBlock(TableBlock, t, tb.Span)
	}
	p.tableFacts(tb)
}

// pipeRow is a line of a paragraph written as a table row.
type pipeRow struct {
	line  int    // index of the line in its paragraph
	span  Span   // the row, white space around it left out
	cells []Span // each cell's content, white space around it left out
	delim bool   // a delimiter row (|---|:--|)
}

// pipeRows finds the lines of a paragraph that read as table rows: starting
// with '|' and holding at least two cells. goldmark made no table of them,
// so they either lack a delimiter row or their delimiter row does not match
// the header.
func (p *walker) pipeRows(lines *gtext.Segments) []pipeRow {
	var rows []pipeRow
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		s, e := clampRange(seg.Start, seg.Stop, len(p.src))
		for s < e && isSpaceByte(p.src[s]) {
			s++
		}
		for e > s && isSpaceByte(p.src[e-1]) {
			e--
		}
		if e-s < 3 || p.src[s] != '|' {
			continue
		}
		row := pipeRow{line: i, span: Span{Start: s, End: e}}
		cellStart := s + 1
		for k := s + 1; k <= e; k++ {
			if k < e && (p.src[k] != '|' || p.src[k-1] == '\\') {
				continue
			}
			if k == e && k-1 > s && p.src[k-1] == '|' && p.src[k-2] != '\\' {
				break // the closing pipe already ended the last cell
			}
			a, b := cellStart, k
			for a < b && isSpaceByte(p.src[a]) {
				a++
			}
			for b > a && isSpaceByte(p.src[b-1]) {
				b--
			}
			row.cells = append(row.cells, Span{Start: a, End: b})
			cellStart = k + 1
		}
		if len(row.cells) < 2 {
			continue
		}
		row.delim = true
		for _, c := range row.cells {
			if !isDelimiterCell(p.src[c.Start:c.End]) {
				row.delim = false
				break
			}
		}
		rows = append(rows, row)
	}
	return rows
}

func isDelimiterCell(c []byte) bool {
	c = bytes.TrimPrefix(bytes.TrimSuffix(c, []byte(":")), []byte(":"))
	return len(c) > 0 && len(bytes.Trim(c, "-")) == 0
}

// recoveredTable makes a table of consecutive pipe rows of a paragraph whose
// plain text is t, and tells the student why GitHub shows no table. block
// says whether the rows are the whole paragraph (the table is then the block)
// or lie inside a paragraph block already recorded. Delimiter rows alone make
// no table.
func (p *walker) recoveredTable(t *plain, rows []pipeRow, block bool) bool {
	tb := &Table{
		Section: p.section(),
		Source:  RecoveredTable,
		Span:    Span{Start: rows[0].span.Start, End: rows[len(rows)-1].span.End},
	}
	var built [][]builtCell
	hasDelim := false
	for _, r := range rows {
		if r.delim {
			hasDelim = true
			continue
		}
		var row []builtCell
		for _, c := range r.cells {
			text, segs := sliceBySource(t.buf, t.segs, c.Start, c.End)
			cp := &plain{buf: []byte(text), segs: segs}
			cp.trim()
			row = append(row, builtCell{cell: p.cell(string(cp.buf), c), segs: cp.segs})
		}
		built = append(built, row)
	}
	if len(built) == 0 {
		return false
	}
	msg := i18n.M(
		"this table has no |---| delimiter row under its first row, so GitHub shows it as plain text, not as a table",
		"ce tableau n'a pas de ligne de séparation |---| sous sa première ligne : GitHub l'affiche comme du texte, pas comme un tableau")
	if hasDelim {
		msg = i18n.M(
			"this table's |---| delimiter row does not have as many cells as its header row, so GitHub shows it as plain text, not as a table",
			"la ligne de séparation |---| de ce tableau n'a pas autant de cellules que sa ligne d'en-tête : GitHub l'affiche comme du texte, pas comme un tableau")
	}
	p.doc.Notes = append(p.doc.Notes, Note{Kind: NoteRecoveredTable, Span: tb.Span, Message: msg})
	p.addTable(tb, built, block)
	return true
}
