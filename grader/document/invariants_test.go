package document

import (
	"fmt"
	"unicode/utf8"
)

// checkModel returns the first broken promise of the model: a span out of
// the text or reversed, a position past the last line, a section outside its
// parent, a segment that does not copy the source, a fact without a key.
func checkModel(doc *Document) error {
	n := len(doc.Text)
	lines := doc.Lines.Count()
	// Positions cost a count of the characters before them on their line:
	// check the first spans only, or a giant line makes the check quadratic.
	positions := 2000
	span := func(what string, s Span) error {
		if s.Start < 0 || s.End > n || s.Start > s.End {
			return fmt.Errorf("%s: span %d-%d out of the text (%d bytes)", what, s.Start, s.End, n)
		}
		if positions--; positions < 0 {
			return nil
		}
		for _, off := range []int{s.Start, s.End} {
			if p := doc.Pos(off); p.Line < 1 || p.Line > lines || p.Col < 1 {
				return fmt.Errorf("%s: position %d:%d outside %d lines", what, p.Line, p.Col, lines)
			}
		}
		return nil
	}
	if !utf8.Valid(doc.Text) {
		return fmt.Errorf("text is not valid UTF-8")
	}
	if doc.Root == nil || len(doc.Sections) == 0 || doc.Sections[0] != doc.Root || doc.Root.Span != (Span{0, n}) {
		return fmt.Errorf("root section missing or not spanning the text")
	}
	for i, s := range doc.Sections {
		if err := span(fmt.Sprintf("section %d %q", i, s.Title), s.Span); err != nil {
			return err
		}
		if err := span(fmt.Sprintf("heading %d %q", i, s.Title), s.Heading); err != nil {
			return err
		}
		if s.Parent != nil && (s.Span.Start < s.Parent.Span.Start || s.Span.End > s.Parent.Span.End || s.Level <= s.Parent.Level) {
			return fmt.Errorf("section %q (level %d, %v) is not inside its parent %q (level %d, %v)", s.Title, s.Level, s.Span, s.Parent.Title, s.Parent.Level, s.Parent.Span)
		}
		if i > 0 && s.Span.Start < doc.Sections[i-1].Span.Start {
			return fmt.Errorf("section %q out of document order", s.Title)
		}
	}
	for i, b := range doc.Blocks {
		if err := span(fmt.Sprintf("block %d (%s)", i, b.Kind), b.Span); err != nil {
			return err
		}
		if b.Section == nil {
			return fmt.Errorf("block %d has no section", i)
		}
		for _, sg := range b.segs {
			if sg.at < 0 || sg.n <= 0 || sg.at+sg.n > len(b.Text) || sg.src < 0 || sg.src+sg.n > n {
				return fmt.Errorf("block %d: segment %+v out of range", i, sg)
			}
			if b.Text[sg.at:sg.at+sg.n] != string(doc.Text[sg.src:sg.src+sg.n]) {
				return fmt.Errorf("block %d: segment %+v does not copy the source: %q vs %q", i, sg, b.Text[sg.at:sg.at+sg.n], doc.Text[sg.src:sg.src+sg.n])
			}
		}
		for k := 0; k <= len(b.Text); k += 1 + len(b.Text)/64 {
			if o := b.SourceOffset(k); o < 0 || o > n {
				return fmt.Errorf("block %d: SourceOffset(%d) = %d out of the text", i, k, o)
			}
		}
	}
	for i, t := range doc.Tables {
		if err := span(fmt.Sprintf("table %d", i), t.Span); err != nil {
			return err
		}
		if len(t.Rows) == 0 || t.Section == nil {
			return fmt.Errorf("table %d has no rows or no section", i)
		}
		for _, r := range t.Rows {
			for _, c := range r {
				if err := span(fmt.Sprintf("table %d cell %q", i, c.Text), c.Span); err != nil {
					return err
				}
			}
		}
	}
	for i, c := range doc.Code {
		if err := span(fmt.Sprintf("code %d", i), c.Span); err != nil {
			return err
		}
	}
	for i, f := range doc.Facts {
		if err := span(fmt.Sprintf("fact %d key", i), f.KeySpan); err != nil {
			return err
		}
		if err := span(fmt.Sprintf("fact %d value", i), f.Span); err != nil {
			return err
		}
		if f.Key == "" || f.Section == nil || (f.Origin == FromTable) != (f.Table != nil) {
			return fmt.Errorf("fact %d (%q=%q) lacks a key, a section or its table", i, f.Key, f.Value)
		}
	}
	for i, note := range doc.Notes {
		if err := span(fmt.Sprintf("note %d", i), note.Span); err != nil {
			return err
		}
		if note.Message.EN == "" || note.Message.FR == "" {
			return fmt.Errorf("note %d is not in both languages", i)
		}
	}
	return nil
}
