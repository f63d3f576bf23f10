package checks

import (
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/fold"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// CommandSpec is a command a report must show in code. In a rubric it is
// either written as a student would type it:
//
//	command: systemctl list-units --type=socket
//
// or, for anything subtler, a regular expression:
//
//	command: {regex: 'systemctl\s+(status|list-units).*docker'}
//
// Typed words match a line of a code block, or a code span, that holds the
// same words in the same order, compared folded (case and accents ignored);
// other words may come between them, so a leading `sudo`, a `$ ` or `# `
// prompt, extra options or a `| grep` do not matter. An option written with
// `=` in the rubric (`--type=socket`) matches `--type=socket` and
// `--type socket`, but its value must follow the option directly. A regular
// expression is matched against each line of a code block and each code span.
type CommandSpec struct {
	Text  string         // words as typed; empty when Regex is set
	Regex rubric.Pattern // the teacher's expression; zero when Text is set
	Show  string         // with Regex: the command as the student is told about it
}

// UnmarshalYAML reads a command string or a {regex: ..., show: ...} mapping.
func (c *CommandSpec) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" || strings.TrimSpace(n.Value) == "" {
			return fmt.Errorf("expected a command such as \"docker info\" or {regex: ...}, got nothing")
		}
		*c = CommandSpec{Text: n.Value}
		return nil
	case yaml.MappingNode:
		var out CommandSpec
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			switch k.Value {
			case "regex":
				if err := out.Regex.UnmarshalYAML(v); err != nil {
					return rubric.ErrorAt(v.Line, v.Column, "%s", err.Error())
				}
			case "show":
				if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
					return rubric.ErrorAt(v.Line, v.Column, "show: expected the command as students should type it")
				}
				out.Show = v.Value
			default:
				return rubric.UnknownKey(k, "a command", "regex", "show")
			}
		}
		if out.Regex.IsZero() {
			return fmt.Errorf("expected {regex: ...} with a regular expression")
		}
		*c = out
		return nil
	}
	return fmt.Errorf("expected a command such as \"docker info\" or {regex: ...}")
}

// JSONSchema: a command as typed, or {regex: ...}.
func (*CommandSpec) JSONSchema() map[string]any {
	return map[string]any{
		"description": "a command as the student types it (systemctl list-units --type=socket), or {regex: ...}",
		"anyOf": []any{
			map[string]any{"type": "string", "minLength": 1},
			map[string]any{
				"type":                 "object",
				"required":             []string{"regex"},
				"additionalProperties": false,
				"properties": map[string]any{
					"regex": map[string]any{
						"type": "string", "format": "regex", "minLength": 1,
						"description": "a regular expression matched against each line of code, case-insensitive",
					},
					"show": map[string]any{
						"type": "string", "minLength": 1,
						"description": "the command as students are told about it, instead of the regular expression",
					},
				},
			},
		},
	}
}

// Validate checks that the spec says something.
func (c *CommandSpec) Validate() error {
	if !c.Regex.IsZero() {
		return nil
	}
	if len(commandUnits(c.Text)) == 0 {
		return fmt.Errorf("the command %q has no words to look for", c.Text)
	}
	return nil
}

// String is how the command is shown to a student.
func (c *CommandSpec) String() string {
	if !c.Regex.IsZero() {
		if c.Show != "" {
			return c.Show
		}
		return "/" + c.Regex.String() + "/"
	}
	return strings.Join(strings.Fields(c.Text), " ")
}

// cmdToken is one folded word of a command line.
type cmdToken struct {
	word string
	opt  bool // written as an option (leading "-")
	glue bool // an option's value written with "=": must directly follow it
}

// commandTokens splits a line as a shell would, roughly: on spaces, with
// "--opt=value" cut in two; each piece folded, so that "--type" is "type"
// and "Docker.Service" is "docker.service". Punctuation-only pieces ("|",
// "$", "#", "&&") vanish.
func commandTokens(line string) []cmdToken {
	var out []cmdToken
	for _, raw := range strings.Fields(line) {
		opt := strings.HasPrefix(raw, "-")
		val, glued := "", false
		if strings.HasPrefix(raw, "--") {
			if i := strings.IndexByte(raw, '='); i > 0 {
				raw, val, glued = raw[:i], raw[i+1:], true
			}
		}
		for j, w := range strings.Fields(fold.Key(raw)) {
			out = append(out, cmdToken{word: w, opt: opt && j == 0})
		}
		if glued {
			for _, w := range strings.Fields(fold.Key(val)) {
				out = append(out, cmdToken{word: w, glue: true})
			}
		}
	}
	return out
}

// commandUnits groups a spec's tokens into units that must each appear,
// contiguous, in order: a word alone, or an option with its "=" value. A
// word keeps whether it was written as an option: `docker --version` is not
// `docker version` (a subcommand), so each must match its own kind.
func commandUnits(spec string) [][]cmdToken {
	var units [][]cmdToken
	for _, t := range commandTokens(spec) {
		if t.glue && len(units) > 0 {
			units[len(units)-1] = append(units[len(units)-1], t)
			continue
		}
		units = append(units, []cmdToken{t})
	}
	return units
}

// matchLine reports whether one line of code shows the command.
func (c *CommandSpec) matchLine(line string) bool { return c.matcher()(line) }

// matcher compiles the spec once for many lines.
func (c *CommandSpec) matcher() func(line string) bool {
	if !c.Regex.IsZero() {
		return c.Regex.MatchString
	}
	units := commandUnits(c.Text)
	return func(line string) bool { return matchUnits(units, line) }
}

// matchUnits reports whether a line holds the units in order.
func matchUnits(units [][]cmdToken, line string) bool {
	if len(units) == 0 {
		return false
	}
	words := commandTokens(line)
	// Greedy leftmost placement of each unit is optimal for an ordered
	// match of contiguous units.
	at := 0
	for _, u := range units {
		found := -1
		for i := at; i+len(u) <= len(words); i++ {
			if equalTokens(words[i:i+len(u)], u) {
				found = i
				break
			}
		}
		if found < 0 {
			return false
		}
		at = found + len(u)
	}
	return true
}

// equalTokens compares a run of a line's tokens with a unit of the spec:
// the same words, each an option where the spec's is.
func equalTokens(a, b []cmdToken) bool {
	for i := range b {
		if a[i].word != b[i].word || a[i].opt != b[i].opt {
			return false
		}
	}
	return true
}

// codeLines returns the lines of a code span or block as the student would
// run them: a block's lines, with "\" continuations joined; a span whole.
func codeLines(code string) []string {
	var out []string
	cur := ""
	for _, l := range strings.Split(code, "\n") {
		l = strings.TrimRight(l, " \t\r")
		if strings.HasSuffix(l, "\\") {
			cur += strings.TrimSuffix(l, "\\") + " "
			continue
		}
		out = append(out, cur+l)
		cur = ""
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// findCode returns the first code span or block that starts inside one of
// spans and shows the command, leaving out those excluded reports (a code
// span in a sentence copied from the assignment).
func (c *CommandSpec) findCode(doc *document.Document, spans []document.Span, excluded func(*document.Code) bool) *document.Code {
	match := c.matcher()
	var best *document.Code
	for _, sp := range spans {
		for _, code := range codeIn(doc, sp) {
			if best != nil && code.Span.Start >= best.Span.Start {
				break
			}
			for _, l := range codeLines(code.Text) {
				if match(l) && (excluded == nil || !excluded(code)) {
					best = code
					break
				}
			}
			if best == code {
				break
			}
		}
	}
	return best
}

// codeIn returns the code spans and blocks that start inside sp, in
// document order (doc.Code is in document order: a binary search finds the
// first).
func codeIn(doc *document.Document, sp document.Span) []*document.Code {
	i := sort.Search(len(doc.Code), func(i int) bool { return doc.Code[i].Span.Start >= sp.Start })
	j := i
	for j < len(doc.Code) && doc.Code[j].Span.Start < sp.End {
		j++
	}
	return doc.Code[i:j]
}

// findProse returns a block of prose, among those accepted by where, that
// holds the command outside code: the student typed it but not as code.
func (c *CommandSpec) findProse(doc *document.Document, where func(*document.Block) bool) *document.Block {
	match := c.matcher()
	for _, b := range doc.Blocks {
		if !isProse(b) || !where(b) {
			continue
		}
		for _, l := range strings.Split(b.Text, "\n") {
			if match(l) {
				return b
			}
		}
	}
	return nil
}
