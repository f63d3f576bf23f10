package rubric

import (
	"fmt"
	"strings"

	"github.com/tpgrade/tpgrade/grader/i18n"
	"gopkg.in/yaml.v3"
)

// Text is a teacher's words to the student (a title, a feedback, a hint, a
// label): one text for every language, or one per language.
//
//	title: Rôle de docker.socket
//	title: {fr: Rôle de docker.socket, en: Role of docker.socket}
//
// In picks the language the report is written in, falling back to the other
// one when the teacher gave only one.
type Text struct {
	FR string `yaml:"fr" doc:"the text in French"`
	EN string `yaml:"en" doc:"the text in English"`
}

// Plain is a text that reads the same in every language.
func Plain(s string) Text { return Text{FR: s, EN: s} }

// In returns the text in lang, or in the other language when it has none in
// lang. An unknown lang reads English first, as tpgrade's messages do.
func (t Text) In(lang i18n.Lang) string {
	if lang == i18n.FR {
		if t.FR != "" {
			return t.FR
		}
		return t.EN
	}
	if t.EN != "" {
		return t.EN
	}
	return t.FR
}

// IsZero reports whether there is no text in either language.
func (t Text) IsZero() bool { return t.FR == "" && t.EN == "" }

// Msg is the text as a message in both languages, for building tpgrade's
// own messages around it.
func (t Text) Msg() i18n.Msg { return i18n.Msg{EN: t.In(i18n.EN), FR: t.In(i18n.FR)} }

// UnmarshalYAML lets yaml.v3's own Decode read a text as the loader does
// (tests and tools that decode a check's keys directly).
func (t *Text) UnmarshalYAML(n *yaml.Node) error {
	d := newDecoder("", nil)
	t.decodeNode(d, n)
	return d.errs.sorted().Err()
}

// textKeys are the keys of a text given in both languages.
var textKeys = []string{"fr", "en"}

// decodeNode reads one text, or a mapping of fr and en.
func (t *Text) decodeNode(d *decoder, n *yaml.Node) {
	switch n.Kind {
	case yaml.ScalarNode:
		if !isNull(n) {
			*t = Plain(n.Value)
		}
	case yaml.MappingNode:
		t.decodeLangs(d, n, d.pairs(n))
	default:
		d.at(n, "expected a text, or one per language as {fr: ..., en: ...}, got %s", describe(n))
	}
}

// decodeLangs reads the pairs of a mapping {fr: ..., en: ...}.
func (t *Text) decodeLangs(d *decoder, n *yaml.Node, ps []pair) {
	var out Text
	for i, p := range ps {
		var dst *string
		switch p.key.Value {
		case "fr":
			dst = &out.FR
		case "en":
			dst = &out.EN
		default:
			if hint := commaHint(n, ps, i); hint != "" {
				// {fr: A, b, en: C}: "b" is the end of the French text.
				d.at(p.key, "unknown key %q%s", p.key.Value, hint)
				continue
			}
			d.unknownTextKey(n, p.key, textKeys)
			continue
		}
		v := d.resolve(p.val)
		switch {
		case v == nil:
		case v.Kind != yaml.ScalarNode:
			d.at(v, "expected the %s text, got %s", langName(p.key.Value), describe(v))
		case isNull(v) || strings.TrimSpace(v.Value) == "":
			d.at(v, "the %s text is empty: write it, or leave %s: out and the other language is shown", langName(p.key.Value), p.key.Value)
		default:
			*dst = v.Value
		}
	}
	if len(ps) == 0 {
		d.at(n, "a text in two languages needs fr:, en: or both, such as {fr: Rôle du socket, en: Role of the socket}")
	}
	*t = out
}

// unknownTextKey reports a key of a text mapping that is not a language,
// with a did-you-mean among valid.
func (d *decoder) unknownTextKey(n, key *yaml.Node, valid []string) {
	msg := fmt.Sprintf("unknown key %q: a text is one text, or one per language as {fr: ..., en: ...}", key.Value)
	if s := suggest(key.Value, valid); s != "" {
		msg = fmt.Sprintf("unknown key %q (did you mean %q?): a text is one text, or one per language as {fr: ..., en: ...}", key.Value, s)
		d.noteSuggested(n, s)
	} else if strings.Contains(key.Value, " ") {
		msg += `; a text holding ": " must be quoted ("...")`
	}
	d.at(key, "%s", msg)
}

func langName(key string) string {
	if key == "fr" {
		return "French"
	}
	return "English"
}

// textRef is how the schema points at the definition of a text.
const textRef = "#/definitions/text"

// textDefinition describes a text once, for every key that takes one: a
// string, or {fr, en}.
func textDefinition() map[string]any {
	return map[string]any{
		"description": "one text, or one per language: {fr: ..., en: ...}",
		"anyOf": []any{
			map[string]any{"type": "string"},
			map[string]any{
				"type": "object",
				"properties": map[string]any{
					"fr": map[string]any{"type": "string", "minLength": 1, "description": "the text in French"},
					"en": map[string]any{"type": "string", "minLength": 1, "description": "the text in English"},
				},
				"additionalProperties": false,
				"minProperties":        1,
			},
		},
	}
}

// JSONSchema: a reference to the definition of a text.
func (Text) JSONSchema() map[string]any {
	return map[string]any{"allOf": []any{map[string]any{"$ref": textRef}}}
}
