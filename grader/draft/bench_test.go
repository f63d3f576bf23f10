package draft_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/draft"
)

// BenchmarkWrite drafts from the first lab's real report: what a teacher
// waits for.
func BenchmarkWrite(b *testing.B) {
	doc := parse(b, labs[0].model)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := draft.Write(doc, draft.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteHuge drafts from a model near the size limit of a report.
func BenchmarkWriteHuge(b *testing.B) {
	var s strings.Builder
	s.WriteString("# TP\n\n")
	for i := 0; s.Len() < 1<<20; i++ {
		fmt.Fprintf(&s, "## Partie %d\n\nLe sujet%d explique le mécanisme%d et le principe%d du système.\n\n| Clé | Valeur |\n|---|---|\n| Version%d | 1.%d.0 |\n\n", i, i, i, i, i, i)
	}
	doc, err := document.Parse("huge.md", []byte(s.String()), document.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := draft.Write(doc, draft.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
