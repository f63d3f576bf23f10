package draft

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/tpgrade/tpgrade/grader/i18n"
)

// The draft is built as yaml.v3 nodes and printed by yaml.v3's encoder:
// every text is quoted where YAML needs it, whatever the model holds, so
// that the draft always parses, and comments sit where the teacher reads
// them.

// str is a text scalar: tagged !!str so that the encoder quotes a text
// that would read as a number, a boolean or null ("2", "yes", "null").
func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// plain is a scalar written as it is: numbers, booleans.
func plain(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }

// mapping is a block mapping of key, value pairs; a nil value leaves its
// pair out.
func mapping(kv ...any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	addPairs(n, kv)
	return n
}

// flowMap is mapping written on one line: {key: value, ...}.
func flowMap(kv ...any) *yaml.Node {
	n := mapping(kv...)
	n.Style = yaml.FlowStyle
	return n
}

func addPairs(n *yaml.Node, kv []any) {
	for i := 0; i+1 < len(kv); i += 2 {
		v, _ := kv[i+1].(*yaml.Node)
		if v == nil {
			continue
		}
		var k *yaml.Node
		switch key := kv[i].(type) {
		case string:
			k = plain(key)
		case *yaml.Node:
			k = key
		}
		n.Content = append(n.Content, k, v)
	}
}

// set adds or replaces key in a mapping.
func set(n *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			n.Content[i+1] = v
			return
		}
	}
	n.Content = append(n.Content, plain(key), v)
}

// seq is a block sequence.
func seq(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Content: items}
}

// flowSeq is a sequence written on one line: [a, b].
func flowSeq(items ...*yaml.Node) *yaml.Node {
	n := seq(items...)
	n.Style = yaml.FlowStyle
	return n
}

// strs is a flow sequence of texts.
func strs(items ...string) *yaml.Node {
	ns := make([]*yaml.Node, len(items))
	for i, s := range items {
		ns[i] = str(s)
	}
	return flowSeq(ns...)
}

// text is a text a student reads: one scalar when both languages say the
// same, else {fr: ..., en: ...}.
func text(m i18n.Msg) *yaml.Node {
	if m.FR == m.EN || m.FR == "" {
		return str(m.EN)
	}
	if m.EN == "" {
		return str(m.FR)
	}
	return flowMap("fr", str(m.FR), "en", str(m.EN))
}

// comment turns lines into a node comment, each line a "# " line; an
// empty line stays a blank comment line.
func comment(lines ...string) string {
	var out []string
	for _, l := range lines {
		for _, part := range strings.Split(printable(l), "\n") {
			if part == "" {
				out = append(out, "#")
				continue
			}
			for _, w := range wrap(part, commentWidth) {
				out = append(out, "# "+w)
			}
		}
	}
	return strings.Join(out, "\n")
}

// commentWidth is the width comments are wrapped to, "# " included.
const commentWidth = 98

// wrap cuts a line at spaces so that each piece fits width; its leading
// spaces are kept on every piece (an indented example stays indented).
func wrap(line string, width int) []string {
	indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
	words := strings.Fields(line)
	if len(words) == 0 {
		return []string{line}
	}
	var out []string
	cur := indent + words[0]
	for _, w := range words[1:] {
		if utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) > width {
			out = append(out, cur)
			cur = indent + w
			continue
		}
		cur += " " + w
	}
	return append(out, cur)
}

// printable replaces in s what a YAML comment cannot hold, or should not
// show: control characters but the line break, and the marks that reorder
// text on screen.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r == 0xfeff, r == 0xfffe, r == 0xffff,
			r >= 0x200e && r <= 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "?"))
}

// encode prints a document node with two spaces of indentation.
func encode(doc *yaml.Node) ([]byte, error) {
	var b bytes.Buffer
	e := yaml.NewEncoder(&b)
	e.SetIndent(2)
	if err := e.Encode(doc); err != nil {
		return nil, err
	}
	if err := e.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
