package rubric

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestQuoteAdviceReads: for every classic mistake, the example the error
// gives, put in place of the line's text, makes the rubric read.
func TestQuoteAdviceReads(t *testing.T) {
	lines := []string{
		"title: Partie 1: tableau",
		"feedback: @prof voir le cours",
		"feedback: [Voir] le cours",
		"rows: [{key: CPUs?, label: CPU}]",
		"rows: [{key: Memory, label: what? [x]}]",
		"rows: [{key: Memory, label: la mémoire #1}]",
		"names: [Intro, Introduction?]",
		`rows: [{key: Memory, value: {regex: "^\d+" GiB}}]`,
	}
	for _, line := range lines {
		src := "id: tp\n" + line + "\n"
		_, err := parseDocuments([]byte(src))
		if err == nil {
			t.Fatalf("%q reads: not a mistake", line)
		}
		ds, fixed, ok := diagnose(splitLines([]byte(src)), 2, err.Error())
		if !ok || len(ds) == 0 || fixed == "" {
			t.Errorf("%q: no fix found", line)
			continue
		}
		if _, err := parseDocuments([]byte("id: tp\n" + fixed + "\n")); err != nil {
			t.Errorf("%q: the fix %q does not read: %v", line, fixed, err)
		}
		for _, d := range ds {
			if !strings.Contains(d.msg, "quotes") || d.col < 1 || d.col > len([]rune(line)) {
				t.Errorf("%q: %d: %s", line, d.col, d.msg)
			}
		}
	}
}

func TestUnknownKey(t *testing.T) {
	k := &yaml.Node{Kind: yaml.ScalarNode, Value: "regx", Line: 3, Column: 12}
	if got := UnknownKey(k, "a command", "regex", "show").Error(); got != `:3:12: unknown key "regx" in a command (did you mean "regex"?)` {
		t.Errorf("got %s", got)
	}
	k.Value = "output"
	if got := UnknownKey(k, "a command", "regex", "show").Msg; got != `unknown key "output" in a command (the keys are "regex" and "show")` {
		t.Errorf("got %s", got)
	}
}
