package rubric

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// KeyDoc is one key a rubric file may hold, described as the JSON Schema
// describes it (from the same doc:"..." struct tags and JSONSchema
// methods), for `tpgrade rubric kinds KIND`.
type KeyDoc struct {
	Name     string   // the key; NAME for a name the teacher chooses (the values of version)
	Doc      string   // what it means
	Required bool     // the mapping needs it
	Keys     []KeyDoc // the keys of its value, when its value is a mapping (or a list of them)
}

// KindKeys lists the keys of kind, in the order its Go struct declares
// them, each with the keys nested in its value (value rules, concepts,
// commands ...). ok is false when no kind has that name.
func KindKeys(kinds Kinds, kind string) ([]KeyDoc, bool) {
	k, ok := kinds.Lookup(kind)
	if !ok || k.New == nil {
		return nil, false
	}
	t := reflect.TypeOf(k.New())
	if t == nil || t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return nil, false
	}
	return structKeys(t.Elem(), nil), true
}

// CriterionKeys lists the keys every criterion takes, whatever its kind.
func CriterionKeys() []KeyDoc {
	keys := structKeys(criterionType, nil)
	for i := range keys {
		if keys[i].Name == "kind" {
			keys[i].Required = true
		}
		if keys[i].Name == "id" {
			keys[i].Required = true
		}
	}
	return keys
}

// RubricKeys lists the keys of a rubric file itself.
func RubricKeys() []KeyDoc {
	keys := structKeys(reflect.TypeOf(Rubric{}), nil)
	for i := range keys {
		switch keys[i].Name {
		case "id":
			keys[i].Required = true
		case "criteria":
			keys[i].Keys = nil // criteria are described by kind
		}
	}
	return keys
}

// structKeys describes the keys of struct type t; seen guards against a
// type that contains itself.
func structKeys(t reflect.Type, seen []reflect.Type) []KeyDoc {
	for _, s := range seen {
		if s == t {
			return nil
		}
	}
	seen = append(seen, t)
	var out []KeyDoc
	for _, f := range fieldsOf(t) {
		ft := t.FieldByIndex(f.index).Type
		out = append(out, KeyDoc{Name: f.name, Doc: f.doc, Required: f.required, Keys: valueKeys(ft, seen)})
	}
	return out
}

// valueKeys describes the keys of a value of type t, if it is a mapping
// (or a list or a named mapping of them).
func valueKeys(t reflect.Type, seen []reflect.Type) []KeyDoc {
	switch {
	case t == criterionType || t.Kind() == reflect.Pointer && t.Elem() == criterionType:
		return nil // criteria are described by kind
	case t == reflect.TypeOf(Text{}):
		return nil // {fr, en} is the same everywhere
	case t == reflect.TypeOf(Feedback{}):
		return structKeys(t, seen) // pass, partial, fail, in this order
	}
	if t.Implements(schemaerType) {
		return schemaKeys(reflect.Zero(t).Interface().(JSONSchemaer).JSONSchema())
	}
	if reflect.PointerTo(t).Implements(schemaerType) {
		return schemaKeys(reflect.New(t).Interface().(JSONSchemaer).JSONSchema())
	}
	if t.Implements(reflect.TypeOf((*schemaElemer)(nil)).Elem()) {
		elem := reflect.Zero(t).Interface().(schemaElemer).schemaElem()
		return []KeyDoc{{Name: "NAME", Doc: "a name you choose, for the value it is given", Keys: valueKeys(elem, seen)}}
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice:
		return valueKeys(t.Elem(), seen)
	case reflect.Struct:
		return structKeys(t, seen)
	}
	return nil
}

// schemaKeys describes the properties of a JSON Schema that a type gives
// itself (a command's {regex, show}, feedback's {pass, partial, fail}):
// required keys first, then in alphabetical order, the schema keeping
// none. A text's {fr, en} (a reference) is not repeated at every text. A
// key that only some of the forms require ({command: ...} or {regex: ...})
// is not required: its meaning says which other key may replace it.
func schemaKeys(s map[string]any) []KeyDoc {
	var out []KeyDoc
	seen := map[string]bool{}
	var walk func(v any, either map[string][]string)
	walk = func(v any, either map[string][]string) {
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		if props, ok := m["properties"].(map[string]any); ok {
			required := map[string]bool{}
			switch r := m["required"].(type) {
			case []string:
				for _, k := range r {
					required[k] = true
				}
			case []any:
				for _, k := range r {
					required[fmt.Sprint(k)] = true
				}
			}
			names := make([]string, 0, len(props))
			for k := range props {
				names = append(names, k)
			}
			sort.Slice(names, func(i, j int) bool {
				if required[names[i]] != required[names[j]] {
					return required[names[i]]
				}
				return names[i] < names[j]
			})
			for _, k := range names {
				if seen[k] {
					continue
				}
				seen[k] = true
				p, _ := props[k].(map[string]any)
				doc, _ := p["description"].(string)
				req := required[k]
				if others, ok := either[k]; ok {
					req = false
					doc = "(required unless " + strings.Join(others, " or ") + " is given) " + doc
				}
				out = append(out, KeyDoc{Name: k, Doc: doc, Required: req, Keys: schemaKeys(p)})
			}
		}
		// The forms of this schema may each require their own key.
		inner := either
		if alt := alternativeKeys(m); alt != nil {
			inner = alt
		}
		for _, key := range []string{"anyOf", "oneOf", "allOf"} {
			if alts, ok := m[key].([]any); ok {
				for _, a := range alts {
					walk(a, inner)
				}
			}
		}
		walk(m["items"], nil)
	}
	walk(s, nil)
	return out
}

// alternativeKeys finds the keys that one form of s requires and another
// does not ({command: ...} or {regex: ...}): for each, the keys the other
// forms require instead.
func alternativeKeys(s map[string]any) map[string][]string {
	var forms [][]string
	for _, key := range []string{"anyOf", "oneOf"} {
		alts, _ := s[key].([]any)
		for _, a := range alts {
			m, ok := a.(map[string]any)
			if !ok || m["properties"] == nil {
				continue
			}
			var req []string
			switch r := m["required"].(type) {
			case []string:
				req = r
			case []any:
				for _, k := range r {
					req = append(req, fmt.Sprint(k))
				}
			}
			forms = append(forms, req)
		}
	}
	if len(forms) < 2 {
		return nil
	}
	out := map[string][]string{}
	for i, f := range forms {
		for _, k := range f {
			inAll := true
			for _, g := range forms {
				if !slices.Contains(g, k) {
					inAll = false
				}
			}
			if inAll {
				continue
			}
			for j, g := range forms {
				for _, o := range g {
					if j != i && o != k && !slices.Contains(out[k], o) {
						out[k] = append(out[k], o)
					}
				}
			}
		}
	}
	return out
}

// NameKeys lists the keys of a name written as a mapping, {regex: ...,
// expected: ...}, wherever a key takes names.
func NameKeys() []KeyDoc {
	return schemaKeys(namesSchema())
}

// FormatKeys prints the keys as an indented list: the key, "(required)", and
// what it means, wrapped to width columns.
func FormatKeys(keys []KeyDoc, indent string, width int) string {
	var b strings.Builder
	var write func(keys []KeyDoc, depth int)
	nameWidth := 0
	var measure func(keys []KeyDoc, depth int)
	measure = func(keys []KeyDoc, depth int) {
		for _, k := range keys {
			nameWidth = max(nameWidth, 2*depth+len(k.Name))
			measure(k.Keys, depth+1)
		}
	}
	measure(keys, 0)
	nameWidth += 2
	write = func(keys []KeyDoc, depth int) {
		for _, k := range keys {
			name := strings.Repeat("  ", depth) + k.Name
			doc := k.Doc
			if k.Required {
				doc = "(required) " + doc
			}
			lead := indent + name + strings.Repeat(" ", nameWidth-len(name))
			b.WriteString(strings.TrimRight(lead+wrap(doc, width-len(lead), strings.Repeat(" ", len(lead))), " ") + "\n")
			write(k.Keys, depth+1)
		}
	}
	write(keys, 0)
	return b.String()
}

// wrap breaks text into lines of at most width characters (at least 30),
// the lines after the first starting with pad.
func wrap(text string, width int, pad string) string {
	width = max(width, 30)
	var b strings.Builder
	line := 0
	for i, w := range unbreakable(strings.Fields(text)) {
		n := len([]rune(w))
		if i > 0 {
			if line+1+n > width {
				b.WriteString("\n" + pad)
				line = 0
			} else {
				b.WriteByte(' ')
				line++
			}
		}
		b.WriteString(w)
		line += n
	}
	return b.String()
}

// unbreakable joins the words of a {...} example ({fr: ..., en: ...}), so
// that wrapping keeps it on one line.
func unbreakable(words []string) []string {
	var out []string
	depth := 0
	for _, w := range words {
		if depth > 0 {
			out[len(out)-1] += " " + w
		} else {
			out = append(out, w)
		}
		depth += strings.Count(w, "{") - strings.Count(w, "}")
		if depth < 0 {
			depth = 0
		}
	}
	return out
}
