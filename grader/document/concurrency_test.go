package document

import (
	"strings"
	"sync"
	"testing"
)

// Batch grading parses many reports at once: the shared goldmark parser
// must give each the same model as a lone parse (run with -race).
func TestConcurrentParses(t *testing.T) {
	raw := readExample(t)
	want := dump(parse(t, string(raw)))
	var wg sync.WaitGroup
	got := make([]string, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			doc, err := Parse("r.md", raw, Options{})
			if err == nil {
				got[i] = dump(doc)
			}
		}()
	}
	wg.Wait()
	for i, g := range got {
		if g != want {
			t.Errorf("parse %d differs from a lone parse", i)
		}
	}
}

func TestDefusedInputsKeepTheirText(t *testing.T) {
	// Below the limit, links are links.
	doc := parse(t, strings.Repeat("[a](b) ", 10))
	if strings.Contains(doc.Blocks[0].Text, "(") {
		t.Errorf("links were not read as links: %q", doc.Blocks[0].Text)
	}
	// Above it, the paragraph keeps all its text, brackets and all.
	doc = parse(t, "# T\n\n"+strings.Repeat("[a](b) ", maxLinkOpeners+1)+"\n\n[lien](http://x) ailleurs\n")
	if b := doc.Blocks[1]; !strings.HasPrefix(b.Text, "[a](b) [a](b)") {
		t.Errorf("the defused paragraph reads %.40q", b.Text)
	}
	if b := doc.Blocks[2]; b.Text != "lien ailleurs" {
		t.Errorf("a paragraph after the defused one is still read normally: %q", b.Text)
	}
	// Nesting deeper than maxNesting: the rest of the line, from the first
	// marker too deep, is text.
	deep := strings.Repeat("> ", maxNesting+5) + "fond\n"
	doc = parse(t, deep)
	b := doc.Blocks[0]
	if !b.Quote || b.Text != strings.Repeat("> ", 5)+"fond" {
		t.Errorf("deep quote block: quote %v text %q", b.Quote, b.Text)
	}
	if doc.Sections[0].Span.End != len(deep) {
		t.Errorf("root span %v", doc.Sections[0].Span)
	}
}

// BenchmarkParseNestedBrackets is 200,000 nested "[": goldmark alone takes
// seconds on it; defused, it must parse like any text.
func BenchmarkParseNestedBrackets(b *testing.B) {
	raw := []byte("# T\n\n" + strings.Repeat("[", 200000) + "x" + strings.Repeat("]", 200000) + "\n")
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := Parse("b.md", raw, Options{MaxBytes: 1 << 20}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestNestedBracketsKeepTheirText(t *testing.T) {
	text := strings.Repeat("[", maxLinkOpeners+1) + "x" + strings.Repeat("]", maxLinkOpeners+1)
	doc := parse(t, "# T\n\n"+text+"\n")
	if len(doc.Blocks) < 2 || doc.Blocks[1].Text != text {
		t.Fatalf("the defused paragraph lost its text: %q", doc.Blocks[len(doc.Blocks)-1].Text)
	}
}
