package i18n

import "fmt"

// Lang is a feedback language: "en" or "fr".
type Lang string

// The supported languages.
const (
	EN Lang = "en"
	FR Lang = "fr"
)

// Parse accepts "en", "fr" and regional forms such as "fr-FR" or "en_US".
func Parse(s string) (Lang, bool) {
	if len(s) >= 2 {
		switch s[:2] {
		case "en", "EN", "En":
			return EN, true
		case "fr", "FR", "Fr":
			return FR, true
		}
	}
	return "", false
}

// Msg is one message in both languages.
type Msg struct {
	EN string `json:"en"`
	FR string `json:"fr"`
}

// Localized is a text with a form per language: a Msg, or a rubric's
// text or name given in French and English.
type Localized interface {
	In(Lang) string
}

// M formats the same arguments into the English and the French pattern;
// a Localized argument is given in each pattern's language.
func M(en, fr string, args ...any) Msg {
	if len(args) == 0 {
		return Msg{EN: en, FR: fr}
	}
	return Msg{EN: fmt.Sprintf(en, localize(args, EN)...), FR: fmt.Sprintf(fr, localize(args, FR)...)}
}

// localize replaces the Localized arguments by their text in lang.
func localize(args []any, lang Lang) []any {
	var out []any
	for i, a := range args {
		l, ok := a.(Localized)
		if !ok {
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		out[i] = l.In(lang)
	}
	if out == nil {
		return args
	}
	return out
}

// In returns the message in lang, English when lang is unknown.
func (m Msg) In(lang Lang) string {
	if lang == FR && m.FR != "" {
		return m.FR
	}
	return m.EN
}

// IsZero reports whether the message is empty in both languages.
func (m Msg) IsZero() bool { return m.EN == "" && m.FR == "" }

// And quotes names for a message: "a", "b" and "c" / « a », « b » et « c ».
func And(names []string) Msg { return join(names, "and", "et") }

// Or quotes names for a message: "a", "b" or "c" / « a », « b » ou « c ».
func Or(names []string) Msg { return join(names, "or", "ou") }

func join(names []string, en, fr string) Msg {
	var m Msg
	for i, n := range names {
		sepEN, sepFR := ", ", ", "
		if i == len(names)-1 {
			sepEN, sepFR = " "+en+" ", " "+fr+" "
		}
		if i > 0 {
			m.EN += sepEN
			m.FR += sepFR
		}
		m.EN += fmt.Sprintf("%q", n)
		m.FR += "« " + n + " »"
	}
	return m
}
