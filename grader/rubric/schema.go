package rubric

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/tpgrade/tpgrade/grader/i18n"
)

// SchemaID is where the JSON Schema of rubric files is published; rubrics
// point editors at it with
// "# yaml-language-server: $schema=<SchemaID>".
const SchemaID = "https://raw.githubusercontent.com/tpgrade/tpgrade/main/rubrics/rubric.schema.json"

// JSONSchemaer is implemented by types whose YAML form is not what their Go
// type suggests (Names is a text or a list of texts, Points a number): the
// schema generator uses their JSONSchema instead of reflecting over them.
// A check kind's own types may implement it too.
type JSONSchemaer interface {
	JSONSchema() map[string]any
}

var (
	schemaerType = reflect.TypeOf((*JSONSchemaer)(nil)).Elem()
	langType     = reflect.TypeOf(i18n.Lang(""))
)

// schemaElemer is Named's way of telling the type of its values.
type schemaElemer interface {
	schemaElem() reflect.Type
}

// Schema generates the JSON Schema (draft-07) of rubric files that use
// kinds, so that editors complete and check every key as the teacher types:
// the rubric's keys, the criterion's common keys, and each kind's own keys
// (chosen by `kind` with if/then). Descriptions come from the `doc:"..."`
// struct tags, unknown keys are refused (additionalProperties: false), as
// the loader does. It fails when a kind's struct cannot be described (a
// field of a Go type the loader cannot read) or reuses a common key.
func Schema(kinds Kinds) ([]byte, error) {
	g := &schemaGen{}
	root, err := g.object(reflect.TypeOf(Rubric{}))
	if err != nil {
		return nil, err
	}
	root["$schema"] = "http://json-schema.org/draft-07/schema#"
	root["$id"] = SchemaID
	root["title"] = "tpgrade rubric"
	root["description"] = "A teacher's rubric for tpgrade: what a lab report must contain and what each part is worth. See rubrics/README.md."
	// A rubric: an id, and criteria of its own or included ones (or
	// both). Or a file that a rubric includes: criteria and include only.
	root["anyOf"] = []any{
		map[string]any{"required": []string{"id"}, "anyOf": []any{
			map[string]any{"required": []string{"criteria"}},
			map[string]any{"required": []string{"include"}},
		}},
		map[string]any{
			"description":   "a file that rubrics include: criteria (and include) only",
			"propertyNames": map[string]any{"enum": []string{"criteria", "include"}},
			"minProperties": 1,
		},
	}
	crit, err := g.criterion(kinds)
	if err != nil {
		return nil, err
	}
	root["definitions"] = map[string]any{"criterion": crit, "names": namesSchema(), "text": textDefinition()}
	out, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

type schemaGen struct {
	stack []reflect.Type // structs being described, to refuse recursive types
}

// criterion describes the flat criterion mapping: the common keys, and for
// each kind (if kind is ...) the common keys plus the kind's, nothing else.
func (g *schemaGen) criterion(kinds Kinds) (map[string]any, error) {
	common, err := g.object(criterionType)
	if err != nil {
		return nil, err
	}
	props := common["properties"].(map[string]any)
	commonKeys := map[string]bool{}
	for k := range props {
		commonKeys[k] = true
	}
	kindDoc := []string{"what is checked:"}
	for _, k := range kinds {
		kindDoc = append(kindDoc, fmt.Sprintf("%s (%s)", k.Name, k.Summary))
	}
	kindSchema := map[string]any{"type": "string", "description": strings.Join(kindDoc, " ")}
	if len(kinds) > 0 {
		kindSchema["enum"] = kinds.Names()
	}
	props["kind"] = kindSchema
	common["description"] = "One graded item: id, kind, points (or penalty, or bonus), and the kind's own keys."
	common["required"] = []string{"id", "kind"}
	common["anyOf"] = []any{
		map[string]any{"required": []string{"points"}},
		map[string]any{"required": []string{"penalty"}},
		map[string]any{"required": []string{"bonus"}},
	}
	// One of points, penalty and bonus.
	common["not"] = map[string]any{"anyOf": []any{
		map[string]any{"required": []string{"points", "penalty"}},
		map[string]any{"required": []string{"points", "bonus"}},
		map[string]any{"required": []string{"penalty", "bonus"}},
	}}
	if len(kinds) == 0 {
		// Nothing says which keys a kind takes: let them through.
		delete(common, "additionalProperties")
		return common, nil
	}
	var branches []any
	for _, k := range kinds {
		if k.New == nil {
			return nil, fmt.Errorf("kind %s: no New function", k.Name)
		}
		c := k.New()
		t := reflect.TypeOf(c)
		if c == nil || t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
			return nil, fmt.Errorf("kind %s: New must return a pointer to a struct, not %v", k.Name, t)
		}
		obj, err := g.object(t.Elem())
		if err != nil {
			return nil, fmt.Errorf("kind %s: %w", k.Name, err)
		}
		then := map[string]any{"additionalProperties": false}
		kprops := obj["properties"].(map[string]any)
		for name := range kprops {
			if commonKeys[name] {
				return nil, fmt.Errorf("kind %s: key %q is already a key of every criterion", k.Name, name)
			}
		}
		for name := range commonKeys {
			kprops[name] = true // described above, allowed here
		}
		then["properties"] = kprops
		if req, ok := obj["required"]; ok {
			then["required"] = req
		}
		if po, ok := c.(PenaltyOnly); ok && po.PenaltyOnly() {
			then["not"] = map[string]any{"required": []string{"points"}}
			then["allOf"] = []any{map[string]any{"not": map[string]any{"required": []string{"bonus"}}}}
		}
		branches = append(branches, map[string]any{
			"if":   map[string]any{"properties": map[string]any{"kind": map[string]any{"const": k.Name}}, "required": []string{"kind"}},
			"then": then,
		})
	}
	common["allOf"] = branches
	// The kinds' keys are allowed by their branch; the common mapping alone
	// cannot list them, so it does not refuse extra keys itself.
	delete(common, "additionalProperties")
	return common, nil
}

// schemaOf describes a value of type t.
func (g *schemaGen) schemaOf(t reflect.Type) (map[string]any, error) {
	if t == criterionType || (t.Kind() == reflect.Pointer && t.Elem() == criterionType) {
		return map[string]any{"$ref": "#/definitions/criterion"}, nil
	}
	if t.Implements(schemaerType) {
		return reflect.Zero(t).Interface().(JSONSchemaer).JSONSchema(), nil
	}
	if reflect.PointerTo(t).Implements(schemaerType) {
		return reflect.New(t).Interface().(JSONSchemaer).JSONSchema(), nil
	}
	if t.Implements(reflect.TypeOf((*schemaElemer)(nil)).Elem()) {
		elem, err := g.schemaOf(reflect.Zero(t).Interface().(schemaElemer).schemaElem())
		if err != nil {
			return nil, err
		}
		return map[string]any{"type": "object", "additionalProperties": elem}, nil
	}
	if t == langType {
		// i18n.Parse reads regional forms too (fr-FR, en_US).
		return map[string]any{"type": "string", "anyOf": []any{
			map[string]any{"enum": []string{"fr", "en"}},
			map[string]any{"pattern": "^([eE][nN]|[fF][rR])([-_][A-Za-z]+)?$"},
		}}, nil
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		return nil, fmt.Errorf("type %s decodes itself from YAML but has no JSONSchema method to describe that form", t)
	}
	switch t.Kind() {
	case reflect.Pointer:
		return g.schemaOf(t.Elem())
	case reflect.Struct:
		return g.object(t)
	case reflect.Slice:
		items, err := g.schemaOf(t.Elem())
		if err != nil {
			return nil, err
		}
		return map[string]any{"type": "array", "items": items}, nil
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return nil, fmt.Errorf("map %s: keys must be text", t)
		}
		elem, err := g.schemaOf(t.Elem())
		if err != nil {
			return nil, err
		}
		return map[string]any{"type": "object", "additionalProperties": elem}, nil
	case reflect.String:
		return map[string]any{"type": "string"}, nil
	case reflect.Bool:
		return map[string]any{"type": "boolean"}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return map[string]any{"type": "integer"}, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer", "minimum": 0}, nil
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}, nil
	}
	return nil, fmt.Errorf("type %s cannot be read from a rubric", t)
}

// object describes a struct: its keys, their docs, the required ones, and
// no others.
func (g *schemaGen) object(t reflect.Type) (map[string]any, error) {
	for _, s := range g.stack {
		if s == t {
			return nil, fmt.Errorf("type %s contains itself", t)
		}
	}
	g.stack = append(g.stack, t)
	defer func() { g.stack = g.stack[:len(g.stack)-1] }()

	props := map[string]any{}
	var required []string
	for _, f := range fieldsOf(t) {
		if _, dup := props[f.name]; dup {
			return nil, fmt.Errorf("type %s: key %q is given by two fields", t, f.name)
		}
		ft := t.FieldByIndex(f.index).Type
		s, err := g.schemaOf(ft)
		if err != nil {
			return nil, fmt.Errorf("key %s: %w", f.name, err)
		}
		s = copyMap(s)
		if f.doc != "" {
			s["description"] = f.doc
		}
		if len(f.enum) > 0 {
			s["enum"] = f.enum
		}
		props[f.name] = s
		if f.required {
			required = append(required, f.name)
		}
	}
	obj := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		sort.Strings(required)
		obj["required"] = required
	}
	return obj, nil
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// JSONSchema: one name, or a list of names (aliases); each a text or
// {regex: ..., expected: ...}, described once under definitions.
func (Names) JSONSchema() map[string]any {
	return map[string]any{"allOf": []any{map[string]any{"$ref": "#/definitions/names"}}}
}

// namesSchema describes Names once, for the schema's definitions.
func namesSchema() map[string]any {
	text := map[string]any{"type": []string{"string", "number", "boolean"}, "minLength": 1}
	re := map[string]any{
		"type":                 "object",
		"required":             []string{"regex"},
		"additionalProperties": false,
		"properties": map[string]any{
			"regex": map[string]any{
				"type": "string", "format": "regex", "minLength": 1,
				"description": "a regular expression matched against the text as written, case-insensitive",
			},
			"expected": map[string]any{
				"allOf":       []any{map[string]any{"$ref": textRef}},
				"description": "how the student is told about it, instead of the regular expression: one text, or {fr: ..., en: ...}",
			},
		},
	}
	name := map[string]any{"anyOf": []any{text, re}}
	return map[string]any{
		"description": "one name, or a list of aliases; a name may be {regex: ..., expected: ...}",
		"anyOf": []any{
			text,
			re,
			map[string]any{"type": "array", "items": name, "minItems": 1},
		},
	}
}

// JSONSchema: one file name, or a list of them.
func (FileNames) JSONSchema() map[string]any {
	name := map[string]any{"type": "string", "minLength": 1}
	return map[string]any{
		"description": "one file name, or a list of them",
		"anyOf": []any{
			name,
			map[string]any{"type": "array", "items": name, "minItems": 1},
		},
	}
}

// JSONSchema: a number of points with at most two decimals; a text such as
// "1,5" (French decimal comma) is read too.
func (Points) JSONSchema() map[string]any {
	return map[string]any{
		"type":        []string{"number", "string"},
		"minimum":     0,
		"pattern":     `^[0-9]+([.,][0-9]{1,2})?$`,
		"description": "a number of points, to the hundredth: 1, 1.5, 0.25",
	}
}

// JSONSchema: a regular expression, case-insensitive.
func (Pattern) JSONSchema() map[string]any {
	return map[string]any{
		"type":        "string",
		"format":      "regex",
		"minLength":   1,
		"description": "a regular expression (Go syntax), case-insensitive unless it starts with (?-i)",
	}
}

// JSONSchema: one text ({fr, en} or not), or pass/partial/fail, each a
// text.
func (Feedback) JSONSchema() map[string]any {
	long := map[string]any{}
	for _, f := range fieldsOf(reflect.TypeOf(Feedback{})) {
		long[f.name] = map[string]any{"allOf": []any{map[string]any{"$ref": textRef}}, "description": f.doc}
	}
	return map[string]any{
		"anyOf": []any{
			map[string]any{"allOf": []any{map[string]any{"$ref": textRef}}, "description": "shown whenever points are lost"},
			map[string]any{"type": "object", "properties": long, "additionalProperties": false, "minProperties": 1},
		},
	}
}
