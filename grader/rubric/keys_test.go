package rubric

import (
	"strings"
	"testing"
)

// flatten lists keys as dotted paths, "(r)" marking required ones.
func flatten(keys []KeyDoc, prefix string) []string {
	var out []string
	for _, k := range keys {
		p := prefix + k.Name
		if k.Required {
			p += "(r)"
		}
		out = append(out, p)
		out = append(out, flatten(k.Keys, prefix+k.Name+".")...)
	}
	return out
}

func TestKindKeys(t *testing.T) {
	keys, ok := KindKeys(testKinds, "table")
	if !ok {
		t.Fatal("no table kind")
	}
	got := strings.Join(flatten(keys, ""), " ")
	// Declaration order, inline structs flattened, value rules nested.
	want := "in columns rows rows.key(r) rows.context rows.label rows.value rows.value.regex rows.value.one_of rows.value.number rows.value.number.min rows.value.number.max"
	if got != want {
		t.Errorf("table keys:\n got %s\nwant %s", got, want)
	}
	keys, _ = KindKeys(testKinds, "version")
	if got := strings.Join(flatten(keys, ""), " "); !strings.HasPrefix(got, "values(r) values.NAME values.NAME.key(r)") {
		t.Errorf("a named mapping's values: %s", got)
	}
	if _, ok := KindKeys(testKinds, "tabel"); ok {
		t.Error("a kind that does not exist has keys")
	}
	crit := strings.Join(flatten(CriterionKeys(), ""), " ")
	if !strings.Contains(crit, "id(r) title kind(r) points penalty bonus partial feedback feedback.pass feedback.partial feedback.fail why") {
		t.Errorf("criterion keys: %s", crit)
	}
	top := strings.Join(flatten(RubricKeys(), ""), " ")
	if !strings.Contains(top, "id(r)") || !strings.Contains(top, " criteria ") || !strings.HasSuffix(top, " include") {
		t.Errorf("rubric keys: %s", top)
	}
}

// A mapping's forms that each require their own key ({command: ...} or
// {regex: ...}) make neither required: each says what may replace it.
func TestKeysOfAlternativeForms(t *testing.T) {
	s := map[string]any{"anyOf": []any{
		map[string]any{"type": "string"},
		map[string]any{"required": []string{"command"}, "properties": map[string]any{"command": map[string]any{"description": "typed"}, "output": map[string]any{}}},
		map[string]any{"required": []string{"regex"}, "properties": map[string]any{"regex": map[string]any{"description": "pattern"}, "show": map[string]any{}, "output": map[string]any{}}},
	}}
	for _, schema := range []map[string]any{s, {"type": "array", "items": s}} {
		keys := schemaKeys(schema)
		got := strings.Join(flatten(keys, ""), " ")
		if got != "command output regex show" {
			t.Errorf("keys: %s", got)
		}
		if keys[0].Doc != "(required unless regex is given) typed" || keys[2].Doc != "(required unless command is given) pattern" {
			t.Errorf("docs: %q, %q", keys[0].Doc, keys[2].Doc)
		}
	}
	names := strings.Join(flatten(NameKeys(), ""), " ")
	if names != "regex(r) expected" {
		t.Errorf("name keys: %s", names)
	}
}

func TestFormatKeysWraps(t *testing.T) {
	keys := []KeyDoc{{Name: "label", Doc: strings.Repeat("word ", 30) + "one text, or {fr: ..., en: ...}", Keys: []KeyDoc{{Name: "min", Required: true, Doc: "smallest"}}}}
	out := FormatKeys(keys, "  ", 60)
	for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if len([]rune(line)) > 60 {
			t.Errorf("line longer than 60: %q", line)
		}
	}
	if !strings.Contains(out, "{fr: ..., en: ...}") || !strings.Contains(out, "\n    min  (required) smallest\n") {
		t.Errorf("formatted:\n%s", out)
	}
}
