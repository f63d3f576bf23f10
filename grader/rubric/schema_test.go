package rubric

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader/document"
)

func schemaMap(t *testing.T, kinds Kinds) map[string]any {
	t.Helper()
	b, err := Schema(kinds)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	return m
}

func get(t *testing.T, v any, path ...string) any {
	t.Helper()
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%s: not an object: %v", strings.Join(path, "."), v)
		}
		v, ok = m[p]
		if !ok {
			t.Fatalf("no %q in %s", p, strings.Join(path, "."))
		}
	}
	return v
}

func TestSchemaRubric(t *testing.T) {
	m := schemaMap(t, testKinds)
	if get(t, m, "$schema") != "http://json-schema.org/draft-07/schema#" || get(t, m, "additionalProperties") != false {
		t.Errorf("root: %v", m)
	}
	if d := get(t, m, "properties", "scale", "description"); !strings.Contains(d.(string), "out of") {
		t.Errorf("scale description from doc tag: %v", d)
	}
	if get(t, m, "properties", "criteria", "items", "$ref") != "#/definitions/criterion" {
		t.Error("criteria items are not criteria")
	}
	if got := get(t, m, "properties", "files", "anyOf").([]any); len(got) != 2 {
		t.Errorf("names: %v", got)
	}
	crit := get(t, m, "definitions", "criterion")
	enum := get(t, crit, "properties", "kind", "enum").([]any)
	if len(enum) != 4 || enum[0] != "section" || enum[3] != "placeholder" {
		t.Errorf("kind enum: %v", enum)
	}
	if !strings.Contains(get(t, crit, "properties", "kind", "description").(string), "table (a table with required rows") {
		t.Error("kind description lacks the kinds' summaries")
	}
	if _, ok := get(t, crit, "properties", "feedback").(map[string]any)["anyOf"]; !ok {
		t.Error("feedback is not text-or-mapping")
	}
	branches := get(t, crit, "allOf").([]any)
	if len(branches) != 4 {
		t.Fatalf("branches: %d", len(branches))
	}
	section := branches[0]
	if get(t, section, "if", "properties", "kind", "const") != "section" {
		t.Errorf("first branch is not section: %v", section)
	}
	then := get(t, section, "then")
	if get(t, then, "additionalProperties") != false || get(t, then, "properties", "points") != true {
		t.Errorf("section keys: %v", then)
	}
	if get(t, then, "properties", "match", "enum").([]any)[1] != "exact" || get(t, then, "properties", "names", "description") != "the heading" {
		t.Errorf("section match/names: %v", get(t, then, "properties"))
	}
	if req := get(t, then, "required").([]any); len(req) != 1 || req[0] != "names" {
		t.Errorf("section required: %v", req)
	}
	// Inline locator keys, nested rules, a Pattern, a range of *float64.
	rows := get(t, branches[1], "then", "properties", "rows", "items", "properties")
	for _, k := range []string{"key", "context", "label", "value"} {
		get(t, rows, k)
	}
	if get(t, rows, "value", "properties", "regex", "format") != "regex" || get(t, rows, "value", "properties", "number", "properties", "min", "type") != "number" {
		t.Errorf("value rule: %v", get(t, rows, "value"))
	}
	// Named values are a mapping of any name to a locator.
	if get(t, branches[2], "then", "properties", "values", "additionalProperties", "properties", "constraint", "type") != "string" {
		t.Error("named values")
	}
	// Penalty-only kinds refuse points.
	if get(t, branches[3], "then", "not", "required").([]any)[0] != "points" {
		t.Error("placeholder accepts points")
	}
}

type clash struct {
	Title string `yaml:"title"`
}

func (*clash) Grade(*document.Document, *Env) Outcome { return Outcome{} }

type recursive struct {
	Next []recursive `yaml:"next"`
}

func (*recursive) Grade(*document.Document, *Env) Outcome { return Outcome{} }

type weird struct {
	F func() `yaml:"f"`
}

func (*weird) Grade(*document.Document, *Env) Outcome { return Outcome{} }

type notStruct int

func (*notStruct) Grade(*document.Document, *Env) Outcome { return Outcome{} }

func TestSchemaRefusesBadKinds(t *testing.T) {
	for want, k := range map[string]Kind{
		`key "title" is already a key of every criterion`: {Name: "c", New: func() Check { return new(clash) }},
		"contains itself":              {Name: "r", New: func() Check { return new(recursive) }},
		"cannot be read from a rubric": {Name: "w", New: func() Check { return new(weird) }},
		"pointer to a struct":          {Name: "n", New: func() Check { return new(notStruct) }},
	} {
		_, err := Schema(Kinds{k})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("kind %s: got %v, want %q", k.Name, err, want)
		}
	}
}

func TestSchemaWithoutKinds(t *testing.T) {
	m := schemaMap(t, nil)
	crit := get(t, m, "definitions", "criterion").(map[string]any)
	if _, ok := crit["additionalProperties"]; ok {
		t.Error("with no kinds known, kind keys must not be refused")
	}
	if _, ok := get(t, crit, "properties", "kind").(map[string]any)["enum"]; ok {
		t.Error("empty enum")
	}
}

// TestSchemaTextsAndIncludes: texts are one definition ({fr, en} or a
// string) that every text key points at, and a file holding only criteria
// (one a rubric includes) is valid as well as a rubric.
func TestSchemaTextsAndIncludes(t *testing.T) {
	m := schemaMap(t, testKinds)
	text := get(t, m, "definitions", "text", "anyOf").([]any)
	if len(text) != 2 || get(t, text[1], "properties", "fr", "type") != "string" || get(t, text[1], "additionalProperties") != false {
		t.Errorf("text definition: %v", text)
	}
	if get(t, m, "properties", "title", "allOf").([]any)[0].(map[string]any)["$ref"] != "#/definitions/text" {
		t.Error("the rubric's title is not a text")
	}
	rows := get(t, m, "definitions", "criterion", "allOf").([]any)[1]
	if get(t, rows, "then", "properties", "rows", "items", "properties", "label", "allOf").([]any)[0].(map[string]any)["$ref"] != "#/definitions/text" {
		t.Error("a row's label is not a text")
	}
	forms := get(t, m, "anyOf").([]any)
	if len(forms) != 2 || get(t, forms[0], "required").([]any)[0] != "id" {
		t.Fatalf("root forms: %v", forms)
	}
	if names := get(t, forms[1], "propertyNames", "enum").([]any); len(names) != 2 || names[0] != "criteria" || names[1] != "include" {
		t.Errorf("an included file's keys: %v", names)
	}
	if _, ok := m["required"]; ok {
		t.Error("id is required of included files too")
	}
}
