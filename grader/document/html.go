package document

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlBlock reads an HTML block: its visible text, and the <table> elements
// it opens. A table may run past the block (goldmark ends an HTML block at a
// blank line); the block then grows to the table's end and the Markdown
// blocks goldmark made of the rest of the table are skipped.
func (p *walker) htmlBlock(n *ast.HTMLBlock) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	span := p.linesSpan(lines)
	if n.HasClosure() {
		if _, e := clampRange(n.ClosureLine.Start, n.ClosureLine.Stop, len(p.src)); e > span.End {
			span.End = e
			for span.End > span.Start && isSpaceByte(p.src[span.End-1]) {
				span.End--
			}
		}
	}
	var tables []*Table
	for from := span.Start; from < span.End; {
		i := indexFold(p.src[from:span.End], []byte("<table"))
		if i < 0 {
			break
		}
		at := from + i
		tb := p.htmlTable(at)
		if tb == nil {
			from = at + len("<table")
			continue
		}
		tables = append(tables, tb)
		span.End = max(span.End, tb.Span.End)
		from = tb.Span.End
	}
	if span.End > p.skip {
		p.skip = span.End
	}

	t := newPlain(p.src)
	p.htmlText(t, span)
	t.collapse()
	t.trim()
	p.addBlock(HTMLBlock, t, span)
	for _, tb := range tables {
		p.doc.Tables = append(p.doc.Tables, tb)
		p.tableFacts(tb)
	}
}

// htmlText appends the visible text of the HTML in span: text outside tags,
// entities resolved, script and style left out, a space where a tag stood.
func (p *walker) htmlText(t *plain, span Span) {
	z := html.NewTokenizer(bytes.NewReader(p.src[span.Start:span.End]))
	off := span.Start
	hidden := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		raw := z.Raw()
		switch tt {
		case html.TextToken:
			if hidden == 0 {
				if bytes.IndexByte(raw, '&') >= 0 {
					t.lit(unescapeHTML(raw))
				} else {
					t.raw(off, off+len(raw))
				}
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Script, atom.Style:
				if tt == html.StartTagToken {
					hidden++
				} else if tt == html.EndTagToken && hidden > 0 {
					hidden--
				}
			}
			t.space()
		}
		off += len(raw)
	}
}

// maxHTMLTableRegion bounds how far past its start an unclosed <table> is
// read, so that a report full of unclosed tables stays linear.
const maxHTMLTableRegion = 256 << 10

// htmlTable reads the <table> element starting at off, up to its closing tag,
// or when it is never closed, up to the first blank line followed by a line
// that is not a tag.
func (p *walker) htmlTable(off int) *Table {
	limit := p.tableRegion(off)
	z := html.NewTokenizer(bytes.NewReader(p.src[off:limit]))
	pos := off
	depth := 0
	tb := &Table{Section: p.section(), Source: HTMLTable}
	var (
		rows    [][]builtCell
		row     []builtCell
		inRow   bool
		cell    *plain
		cellAt  int
		allTH   bool
		headRow = -1
		inHead  bool
		hidden  int
	)
	closeCell := func(end int) {
		if cell == nil {
			return
		}
		cell.collapse()
		cell.trim()
		a, b := cellAt, end
		for a < b && isSpaceByte(p.src[a]) {
			a++
		}
		for b > a && isSpaceByte(p.src[b-1]) {
			b--
		}
		row = append(row, builtCell{cell: p.cell(string(cell.buf), Span{Start: a, End: b}), segs: cell.segs})
		cell = nil
	}
	closeRow := func(end int) {
		closeCell(end)
		if inRow && len(row) > 0 {
			if headRow < 0 && (inHead || allTH) && len(rows) == 0 {
				headRow = 0
			}
			rows = append(rows, row)
		}
		row, inRow = nil, false
	}
	end := limit
loop:
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		tokStart, tokEnd := pos, pos+len(raw)
		pos = tokEnd
		var a atom.Atom
		if tt == html.StartTagToken || tt == html.EndTagToken || tt == html.SelfClosingTagToken {
			name, _ := z.TagName() // once per token: the tokenizer consumes it
			a = atom.Lookup(name)
		}
		if tokStart == off && (tt != html.StartTagToken || a != atom.Table) {
			return nil // "<tablet>" or "<table" with no end: not a table
		}
		switch tt {
		case html.TextToken:
			if depth >= 1 && cell != nil && hidden == 0 { // a nested table's text joins the outer cell
				if bytes.IndexByte(raw, '&') >= 0 {
					cell.lit(unescapeHTML(raw))
				} else {
					cell.raw(tokStart, tokEnd)
				}
			}
			continue
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		start := tt == html.StartTagToken || tt == html.SelfClosingTagToken
		if a == atom.Table {
			if start {
				depth++
			} else if depth--; depth == 0 {
				closeRow(tokStart)
				end = tokEnd
				break loop
			}
			if cell != nil {
				cell.space()
			}
			continue
		}
		if depth != 1 {
			if cell != nil {
				cell.space() // a nested table's text joins the outer cell
			}
			continue
		}
		switch a {
		case atom.Thead:
			inHead = start
		case atom.Tr:
			closeRow(tokStart)
			if start {
				inRow, allTH = true, true
			}
		case atom.Td, atom.Th:
			closeCell(tokStart)
			if start {
				if !inRow {
					inRow, allTH = true, true
				}
				if a == atom.Td {
					allTH = false
				}
				cell = newPlain(p.src)
				cellAt = tokEnd
			}
		case atom.Script, atom.Style:
			if start {
				hidden++
			} else if hidden > 0 {
				hidden--
			}
		default:
			if cell != nil {
				cell.space()
			}
		}
	}
	if depth > 0 {
		closeRow(end)
	}
	if len(rows) == 0 {
		return nil // "<table" that was not a table tag, or a table with no cell
	}
	tb.Header = headRow == 0
	tb.Span = Span{Start: off, End: end}
	tb.Rows = make([][]*Cell, len(rows))
	for i, r := range rows {
		tb.Rows[i] = make([]*Cell, len(r))
		for j, c := range r {
			tb.Rows[i][j] = c.cell
		}
	}
	return tb
}

// tableRegion is where an HTML table starting at off can end at the latest:
// the first blank line followed by a line that does not start with a tag.
func (p *walker) tableRegion(off int) int {
	limit := min(len(p.src), off+maxHTMLTableRegion)
	i := off
	for i < limit {
		nl := bytes.IndexByte(p.src[i:limit], '\n')
		if nl < 0 {
			return limit
		}
		i += nl + 1
		// Is the line starting at i blank?
		j := i
		for j < limit && (p.src[j] == ' ' || p.src[j] == '\t') {
			j++
		}
		if j < limit && p.src[j] != '\n' {
			continue
		}
		// Blank: look at the next non-blank line.
		k := j
		for k < limit && isSpaceByte(p.src[k]) {
			k++
		}
		if k >= limit || p.src[k] != '<' {
			return i
		}
	}
	return limit
}

// indexFold is bytes.Index for an ASCII lower-case needle, ignoring case.
func indexFold(s, needle []byte) int {
	for i := 0; i+len(needle) <= len(s); i++ {
		j := bytes.IndexByte(s[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		if i+len(needle) > len(s) {
			return -1
		}
		if bytes.EqualFold(s[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}
