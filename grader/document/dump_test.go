package document

import (
	"fmt"
	"strings"
)

// dump writes the model of doc in a stable, readable form with line:col
// positions, for golden files and for reading a failure.
func dump(doc *Document) string {
	var b strings.Builder
	pos := func(s Span) string {
		a, e := doc.Pos(s.Start), doc.Pos(s.End)
		return fmt.Sprintf("%d:%d-%d:%d", a.Line, a.Col, e.Line, e.Col)
	}
	fmt.Fprintf(&b, "encoding %s crlf=%v lines=%d\n", doc.Encoding, doc.CRLF, doc.Lines.Count())
	for _, n := range doc.Notes {
		fmt.Fprintf(&b, "note %s %s %s\n", n.Kind, pos(n.Span), n.Message.EN)
	}
	for _, s := range doc.Sections {
		fmt.Fprintf(&b, "section %s%d %q heading=%s span=%s\n", strings.Repeat("  ", s.Level), s.Level, s.Title, pos(s.Heading), pos(s.Span))
	}
	for _, bl := range doc.Blocks {
		q := ""
		if bl.Quote {
			q = " quote"
		}
		fmt.Fprintf(&b, "block %s %s words=%d%s in %q: %q\n", bl.Kind, pos(bl.Span), bl.Words, q, bl.Section.Title, bl.Text)
	}
	for _, t := range doc.Tables {
		fmt.Fprintf(&b, "table %s %s header=%v in %q\n", t.Source, pos(t.Span), t.Header, t.Section.Title)
		for _, r := range t.Rows {
			var cells []string
			for _, c := range r {
				cells = append(cells, fmt.Sprintf("%q@%s", c.Text, pos(c.Span)))
			}
			fmt.Fprintf(&b, "  row %s\n", strings.Join(cells, " "))
		}
	}
	for _, c := range doc.Code {
		fmt.Fprintf(&b, "code block=%v lang=%q %s: %q\n", c.Block, c.Lang, pos(c.Span), c.Text)
	}
	for _, f := range doc.Facts {
		fmt.Fprintf(&b, "fact %s %q=%q key@%s value@%s ctx=%q in %q\n", f.Origin, f.Key, f.Value, pos(f.KeySpan), pos(f.Span), f.Context, f.Section.Title)
	}
	return b.String()
}
