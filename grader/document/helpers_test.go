package document

import (
	"fmt"
	"testing"
)

// parse parses text and fails the test when it cannot, or when the model
// breaks one of its promises.
func parse(t *testing.T, text string) *Document {
	t.Helper()
	doc, err := Parse("report.md", []byte(text), Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if err := checkModel(doc); err != nil {
		t.Fatalf("model: %v", err)
	}
	return doc
}

// at renders a span as "line:col-line:col".
func at(doc *Document, s Span) string {
	a, b := doc.Pos(s.Start), doc.Pos(s.End)
	return fmt.Sprintf("%d:%d-%d:%d", a.Line, a.Col, b.Line, b.Col)
}

// text is the source under a span.
func text(doc *Document, s Span) string { return string(doc.Text[s.Start:s.End]) }
