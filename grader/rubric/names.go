package rubric

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tpgrade/tpgrade/grader/fold"
	"github.com/tpgrade/tpgrade/grader/i18n"
)

// Names is one name or a list of names (aliases): `key: Storage Driver` or
// `key: [Storage Driver, Pilote de stockage]`. An item may also be a
// regular expression, `{regex: 'Docker\s+(service|daemon)'}`, matched
// case-insensitively against the text as written (not folded), with an
// optional `expected:` that names it for the student. It is the one type of
// every key that takes names: section names, keys, contexts, terms,
// concepts, placeholder words, outputs, wrong answers.
type Names []Name

// Name is one item of a Names list: a text, compared folded (case, accents
// and punctuation ignored, on word boundaries), or a regular expression.
type Name struct {
	Text     string  // as written; empty for a regular expression
	Regex    Pattern // {regex: ...}; zero for a text
	Expected Text    // with Regex: how the student is told about it, per language
}

// NamesOf builds a list of text names, for rubrics written in Go.
func NamesOf(texts ...string) Names {
	out := make(Names, len(texts))
	for i, t := range texts {
		out[i] = Name{Text: t}
	}
	return out
}

// IsRegex reports whether the name is a regular expression.
func (n Name) IsRegex() bool { return !n.Regex.IsZero() }

// In is how the name is shown to a student reading lang: its text, else
// its expected in lang, else the expression between slashes.
func (n Name) In(lang i18n.Lang) string {
	switch {
	case n.Text != "":
		return n.Text
	case !n.Expected.IsZero():
		return n.Expected.In(lang)
	case n.IsRegex():
		return "/" + n.Regex.String() + "/"
	}
	return ""
}

// String is the name as In shows it in English (for teachers' errors; a
// student's message picks the language with In).
func (n Name) String() string { return n.In(i18n.EN) }

// In lists how each name is shown to a student reading lang.
func (ns Names) In(lang i18n.Lang) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.In(lang)
	}
	return out
}

// Strings lists the names as String shows them.
func (ns Names) Strings() []string { return ns.In(i18n.EN) }

// FirstIn is how the list is named for a student reading lang: its first
// name.
func (ns Names) FirstIn(lang i18n.Lang) string {
	if len(ns) == 0 {
		return "?"
	}
	return ns[0].In(lang)
}

// First is FirstIn in English.
func (ns Names) First() string { return ns.FirstIn(i18n.EN) }

// HasRegex reports whether one of the names is a regular expression.
func (ns Names) HasRegex() bool {
	for _, n := range ns {
		if n.IsRegex() {
			return true
		}
	}
	return false
}

// UnmarshalYAML accepts a name, a {regex: ...} mapping, or a list of them.
func (ns *Names) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode, yaml.MappingNode:
		if n.Tag == "!!null" || n.Kind == yaml.ScalarNode && n.Value == "" {
			return fmt.Errorf("expected a name or a list of names, got nothing")
		}
		name, err := decodeName(n)
		if err != nil {
			return err
		}
		*ns = Names{name}
		return nil
	case yaml.SequenceNode:
		out := make(Names, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind == yaml.AliasNode && c.Alias != nil {
				c = c.Alias
			}
			if c.Kind != yaml.ScalarNode && c.Kind != yaml.MappingNode || isNull(c) || c.Kind == yaml.ScalarNode && c.Value == "" {
				return ErrorAt(c.Line, c.Column, "expected a name or {regex: ...}, got %s", describe(c))
			}
			name, err := decodeName(c)
			if err != nil {
				return placed(c, err)
			}
			out = append(out, name)
		}
		if len(out) == 0 {
			return fmt.Errorf("expected at least one name")
		}
		*ns = out
		return nil
	}
	return fmt.Errorf("expected a name or a list of names, got %s", describe(n))
}

// placed gives err the position of node n unless it has one.
func placed(n *yaml.Node, err error) error {
	if le, ok := err.(*LoadError); ok && le.Line > 0 {
		return le
	}
	if list, ok := err.(ErrorList); ok {
		return list // a text's errors, each at its place
	}
	return ErrorAt(n.Line, n.Column, "%s", err.Error())
}

// nameKeys are the keys of a {regex: ...} name.
var nameKeys = []string{"regex", "expected"}

// decodeName reads one name: a text that can match something, or a
// {regex: ..., expected: ...} mapping.
func decodeName(n *yaml.Node) (Name, error) {
	if n.Kind == yaml.ScalarNode {
		if !CanMatch(n.Value) {
			return Name{}, ErrorAt(n.Line, n.Column, "the name %q has no letter or digit: it can never match; write the words to look for, or {regex: ...}", n.Value)
		}
		return Name{Text: n.Value}, nil
	}
	var out Name
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "regex":
			if err := out.Regex.UnmarshalYAML(v); err != nil {
				return Name{}, placed(v, err)
			}
			if out.Regex.MatchString("") {
				return Name{}, ErrorAt(v.Line, v.Column, "the regular expression %q matches an empty text: it would match anything", v.Value)
			}
		case "expected":
			if v.Kind == yaml.ScalarNode && strings.TrimSpace(v.Value) == "" || v.Kind != yaml.ScalarNode && v.Kind != yaml.MappingNode {
				return Name{}, ErrorAt(v.Line, v.Column, "expected: how the student is told about the expression, such as expected: the stopped container, or {fr: le conteneur arrêté, en: the stopped container}")
			}
			if err := out.Expected.UnmarshalYAML(v); err != nil {
				return Name{}, err
			}
		default:
			msg := fmt.Sprintf("unknown key %q in a name: a name is a text, or {regex: ..., expected: ...}", k.Value)
			if s := suggest(k.Value, nameKeys); s != "" {
				msg = fmt.Sprintf("unknown key %q in a name (did you mean %q?)", k.Value, s)
			}
			return Name{}, ErrorAt(k.Line, k.Column, "%s", msg)
		}
	}
	if out.Regex.IsZero() {
		return Name{}, ErrorAt(n.Line, n.Column, "a name written as a mapping needs regex: a regular expression, such as {regex: 'Docker\\s+(service|daemon)'}")
	}
	return out, nil
}

// CanMatch reports whether a text name can match anything: it needs a
// letter or a digit once folded ("..." or "-" never match).
func CanMatch(name string) bool {
	return fold.Key(strings.TrimSuffix(name, "*")) != ""
}

// FileNames lists a report's possible file names, first that exists wins.
type FileNames []string

// UnmarshalYAML accepts a file name or a list of file names.
func (fs *FileNames) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" || n.Value == "" {
			return fmt.Errorf("expected a file name or a list of file names, got nothing")
		}
		*fs = FileNames{n.Value}
		return nil
	case yaml.SequenceNode:
		out := make(FileNames, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode || c.Value == "" {
				return ErrorAt(c.Line, c.Column, "expected a file name, got %s", describe(c))
			}
			out = append(out, c.Value)
		}
		if len(out) == 0 {
			return fmt.Errorf("expected at least one file name")
		}
		*fs = out
		return nil
	}
	return fmt.Errorf("expected a file name or a list of file names, got %s", describe(n))
}
