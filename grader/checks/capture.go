package checks

import (
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// Capture is the `command:` of finding a value: a regular expression with
// exactly one group, matched against every command line of the report's
// code (each line of a code block, "\" continuations joined, and each code
// span); the value is what the group matched, at the first match in
// document order:
//
//	started: {command: 'docker\s+run\b.*--name[ =](\S+)'}
//
// reads "web" from `docker run -d --name web nginx`. The value is text, as
// the student typed it; relation compares such values with == and !=.
type Capture struct {
	rubric.Pattern
}

// UnmarshalYAML compiles the expression and requires one group.
func (c *Capture) UnmarshalYAML(n *yaml.Node) error {
	var p rubric.Pattern
	if err := p.UnmarshalYAML(n); err != nil {
		return err
	}
	if k := p.Regexp().NumSubexp(); k != 1 {
		return fmt.Errorf("command: the regular expression needs exactly one group in parentheses, the value to capture, such as 'docker\\s+stop\\s+(\\S+)'; %q has %d (write (?:...) for a group that is not the value)", p.String(), k)
	}
	c.Pattern = p
	return nil
}

// JSONSchema: a regular expression with one group.
func (Capture) JSONSchema() map[string]any {
	return map[string]any{
		"type":        "string",
		"format":      "regex",
		"minLength":   1,
		"pattern":     `\(`,
		"description": "a regular expression with exactly one group, matched against every command line of the report's code, case-insensitive: the value is the group of the first match",
	}
}

// find returns the value the first matching command line of sc gives, as a
// fact of origin FromCommand placed on the group, or nil.
func (c *Capture) find(doc *document.Document, sc Scope) *document.Fact {
	re := c.Regexp()
	if re == nil {
		return nil
	}
	for _, code := range doc.Code {
		if !sc.Holds(code.Span.Start) {
			continue
		}
		// A "\" continuation is read as a space of the same length, so
		// that offsets in the text stay offsets in the code.
		text := strings.ReplaceAll(code.Text, "\\\n", "  ")
		at := codeOffset(doc, code)
		for ls := 0; ls <= len(text); {
			le := strings.IndexByte(text[ls:], '\n')
			if le < 0 {
				le = len(text)
			} else {
				le += ls
			}
			if m := re.FindStringSubmatchIndex(text[ls:le]); m != nil && m[2] >= 0 && m[3] > m[2] {
				value := code.Text[ls+m[2] : ls+m[3]]
				return &document.Fact{
					Value:   value,
					KeySpan: document.Span{Start: at(ls + m[0]), End: at(ls+m[1]-1) + 1},
					Span:    document.Span{Start: at(ls + m[2]), End: at(ls+m[3]-1) + 1},
					Origin:  document.FromCommand,
					Section: code.Section,
				}
			}
			ls = le + 1
		}
	}
	return nil
}

// codeOffset maps offsets of a code span's or block's text to the report: a
// block's through the block it is (its text may lack the indentation of a
// list item), a span's from its start.
func codeOffset(doc *document.Document, code *document.Code) func(int) int {
	if code.Block {
		// The block that starts last at or before the code's content is
		// the code block itself (its span holds the fences).
		i := sort.Search(len(doc.Blocks), func(i int) bool { return doc.Blocks[i].Span.Start > code.Span.Start }) - 1
		if i >= 0 && doc.Blocks[i].Kind == document.CodeBlock && doc.Blocks[i].Span.End >= code.Span.Start {
			return doc.Blocks[i].SourceOffset
		}
	}
	return func(i int) int { return min(code.Span.Start+i, max(code.Span.End-1, code.Span.Start)) }
}
