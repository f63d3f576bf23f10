package document

import (
	"strings"
	"testing"
	"time"
)

// Inputs built to make a Markdown parser slow or deep. Each must parse
// within a time that grows linearly with its size, and keep the model's
// promises.
func TestPathologicalInputs(t *testing.T) {
	cases := []struct {
		name string
		text string
	}{
		{"nested quotes", strings.Repeat(">", 10000) + " deep\n"},
		{"nested quotes lines", strings.Repeat("> ", 5000) + "a\n" + strings.Repeat("> ", 5000) + "b\n"},
		{"nested lists", func() string {
			var b strings.Builder
			for i := 0; i < 3000; i++ {
				b.WriteString(strings.Repeat(" ", 2*i%200))
				b.WriteString("- item\n")
			}
			return b.String()
		}()},
		{"deep list items on one line", strings.Repeat("- ", 10000) + "x\n"},
		{"stars", strings.Repeat("*", 100000)},
		{"stars and words", strings.Repeat("*a ", 50000)},
		{"underscores", strings.Repeat("_a", 50000)},
		{"brackets", strings.Repeat("[", 100000)},
		{"bracket pairs", strings.Repeat("[a](", 50000)},
		{"link openers", strings.Repeat("[a]", 50000)},
		{"backticks", strings.Repeat("`", 100000)},
		{"backtick runs", strings.Repeat("`a``", 50000)},
		{"pipes", strings.Repeat("|", 100000)},
		{"pipe rows", strings.Repeat("| a | b |\n", 50000)},
		{"wide table", "|" + strings.Repeat(" a |", 20000) + "\n|" + strings.Repeat("---|", 20000) + "\n|" + strings.Repeat(" 1 |", 20000) + "\n"},
		{"html tables unclosed", strings.Repeat("<table><tr><td>a\n", 20000)},
		{"html table openers", strings.Repeat("<table", 100000)},
		{"entities", strings.Repeat("&amp;&#1234;&#x;&", 20000)},
		{"escapes", strings.Repeat("\\", 100000)},
		{"colons", strings.Repeat("a: ", 100000)},
		{"headings", strings.Repeat("# h\n## h\n###### h\n", 20000)},
		{"fences", strings.Repeat("```\n", 50000)},
		{"output", "```\n" + strings.Repeat(" ", 1000) + strings.Repeat("k:\n ", 50000) + "```\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			doc, err := Parse("evil.md", []byte(c.text), Options{})
			took := time.Since(start)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if err := checkModel(doc); err != nil {
				t.Fatal(err)
			}
			// Generous for a loaded machine: these take milliseconds to a few
			// hundred; a quadratic case takes minutes.
			if took > 10*time.Second {
				t.Fatalf("took %v for %d bytes", took, len(c.text))
			}
			t.Logf("%v for %d bytes", took, len(c.text))
		})
	}
}
