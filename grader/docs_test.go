package grader_test

import (
	"encoding/json"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/checks"
	"github.com/tpgrade/tpgrade/grader/rubric"
	"gopkg.in/yaml.v3"
)

// schemaKeys walks a JSON Schema and collects every key it describes (the
// names of every "properties" map, however deep) and every kind (the enum
// of the criterion's kind).
func schemaKeys(v any, keys map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		if props, ok := x["properties"].(map[string]any); ok {
			for k := range props {
				keys[k] = true
			}
		}
		for _, sub := range x {
			schemaKeys(sub, keys)
		}
	case []any:
		for _, sub := range x {
			schemaKeys(sub, keys)
		}
	}
}

// TestReadmeDocumentsEverySchemaKey: rubrics/README.md, the teacher's only
// reference, has a section for every kind and documents every key of the
// generated JSON Schema, at every depth, both in words (`key`) and in a
// YAML example (key: ...). A kind or a key added without its documentation
// fails here.
func TestReadmeDocumentsEverySchemaKey(t *testing.T) {
	src, err := rubric.Schema(checks.Kinds)
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(src, &schema); err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../rubrics/README.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(readme)

	// The YAML examples: every ```yaml block.
	var examples strings.Builder
	for _, block := range regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(doc, -1) {
		examples.WriteString(block[1])
	}
	headings := regexp.MustCompile("(?m)^#+ .*$").FindAllString(doc, -1)

	crit := schema["definitions"].(map[string]any)["criterion"].(map[string]any)
	kinds := crit["properties"].(map[string]any)["kind"].(map[string]any)["enum"].([]any)
	if len(kinds) != len(checks.Kinds) {
		t.Fatalf("the schema lists %d kinds, the table %d", len(kinds), len(checks.Kinds))
	}
	for _, k := range kinds {
		found := false
		for _, h := range headings {
			if strings.Contains(h, "`"+k.(string)+"`") {
				found = true
			}
		}
		if !found {
			t.Errorf("kind %s has no heading in rubrics/README.md (### `%s`: ...)", k, k)
		}
		if !regexp.MustCompile(`kind: ` + regexp.QuoteMeta(k.(string)) + `\b`).MatchString(examples.String()) {
			t.Errorf("kind %s has no YAML example in rubrics/README.md (kind: %s)", k, k)
		}
	}

	keys := map[string]bool{}
	schemaKeys(schema, keys)
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	if len(names) < 40 {
		t.Fatalf("only %d keys found in the schema: %v", len(names), names)
	}
	for _, k := range names {
		if !strings.Contains(doc, "`"+k+"`") {
			t.Errorf("key %s is not documented in rubrics/README.md (write `%s` where it is explained)", k, k)
		}
		used := regexp.MustCompile(`(^|[\s{,\[-])` + regexp.QuoteMeta(k) + `:`)
		if !used.MatchString(examples.String()) {
			t.Errorf("key %s has no YAML example in rubrics/README.md (%s: ... in a ```yaml block)", k, k)
		}
	}
}

// TestReadmeExamplesRead: every YAML example of rubrics/README.md is YAML
// (a teacher copies them), and the complete rubric of "Every key in one
// rubric" loads without error and uses every kind.
func TestReadmeExamplesRead(t *testing.T) {
	readme, err := os.ReadFile("../rubrics/README.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(readme)
	for _, block := range regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(doc, -1) {
		var n yaml.Node // syntax only: an example may show two ways of writing a key
		if err := yaml.Unmarshal([]byte(block[1]), &n); err != nil {
			t.Errorf("a YAML example does not read (%v):\n%s", err, block[1])
		}
	}
	i := strings.Index(doc, "## Every key in one rubric")
	if i < 0 {
		t.Fatal("no complete example in rubrics/README.md")
	}
	m := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindStringSubmatch(doc[i:])
	if m == nil {
		t.Fatal("the complete example has no YAML block")
	}
	r, err := grader.ParseRubric("README.md", []byte(m[1]))
	if err != nil {
		t.Fatalf("the complete example does not load:\n%v", err)
	}
	used := map[string]bool{}
	for _, c := range r.Criteria {
		used[c.Kind] = true
	}
	for _, k := range checks.Kinds {
		if !used[k.Name] {
			t.Errorf("the complete example uses no %s criterion", k.Name)
		}
	}
}

// kindSection returns the part of rubrics/README.md that documents kind:
// from the heading that names it (### `kind` ..., or "(also `kind`)") to the
// next heading of that level or above.
func kindSection(doc, kind string) string {
	lines := strings.SplitAfter(doc, "\n")
	start := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "### ") && strings.Contains(l, "`"+kind+"`") {
			start = i
			break
		}
	}
	if start < 0 {
		return ""
	}
	var b strings.Builder
	for _, l := range lines[start+1:] {
		if strings.HasPrefix(l, "### ") || strings.HasPrefix(l, "## ") || strings.HasPrefix(l, "# ") {
			break
		}
		b.WriteString(l)
	}
	return b.String()
}

// TestReadmeDocumentsEachKindsKeysInItsSection: a kind's own keys are rows
// of the key table under the kind's heading, where a teacher writing that
// kind looks, not only somewhere in the file (a key that another kind
// documents, such as in or min_words, would pass the test above). Nested
// keys are documented once for every kind (Finding a value, Value rules,
// Commands) and checked above.
func TestReadmeDocumentsEachKindsKeysInItsSection(t *testing.T) {
	readme, err := os.ReadFile("../rubrics/README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range checks.Kinds {
		section := kindSection(string(readme), k.Name)
		if section == "" {
			t.Errorf("kind %s has no section in rubrics/README.md (### `%s`: ...)", k.Name, k.Name)
			continue
		}
		keys, ok := rubric.KindKeys(checks.Kinds, k.Name)
		if !ok || len(keys) == 0 {
			t.Errorf("kind %s has no keys to document", k.Name)
			continue
		}
		for _, key := range keys {
			if !strings.Contains(section, "| `"+key.Name+"` |") {
				t.Errorf("the %s section of rubrics/README.md has no row for its key %s (| `%s` | meaning | default |)", k.Name, key.Name, key.Name)
			}
		}
	}
}

// TestSchemaDescribesEveryKindKey: the JSON Schema editors complete from
// describes every key each kind reads, at every depth, as
// `tpgrade rubric kinds` lists them (the loader and the schema walk the
// same structs by separate code).
func TestSchemaDescribesEveryKindKey(t *testing.T) {
	src, err := rubric.Schema(checks.Kinds)
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(src, &schema); err != nil {
		t.Fatal(err)
	}
	described := map[string]bool{}
	schemaKeys(schema, described)
	var walk func(kind string, keys []rubric.KeyDoc, path string)
	walk = func(kind string, keys []rubric.KeyDoc, path string) {
		for _, k := range keys {
			p := path + k.Name
			if k.Name != "NAME" && !described[k.Name] {
				t.Errorf("kind %s reads the key %s, which the JSON Schema does not describe", kind, p)
			}
			walk(kind, k.Keys, p+".")
		}
	}
	for _, k := range checks.Kinds {
		keys, _ := rubric.KindKeys(checks.Kinds, k.Name)
		walk(k.Name, keys, "")
	}
	walk("(every)", rubric.CriterionKeys(), "")
	walk("(names)", rubric.NameKeys(), "")
}
