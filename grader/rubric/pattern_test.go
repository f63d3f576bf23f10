package rubric

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestPattern(t *testing.T) {
	p, err := CompilePattern(`systemctl\s+status`)
	if err != nil {
		t.Fatal(err)
	}
	if !p.MatchString("$ SYSTEMCTL  Status docker") || p.MatchString("systemctl-status") {
		t.Error("case-insensitive match")
	}
	if got := p.FindStringIndex("run systemctl status"); len(got) != 2 || got[0] != 4 || got[1] != 20 {
		t.Errorf("FindStringIndex = %v", got)
	}
	if p.String() != `systemctl\s+status` || p.IsZero() || p.Regexp() == nil {
		t.Errorf("String = %q", p.String())
	}
	strict := MustPattern(`(?-i)^Docker$`)
	if strict.MatchString("docker") || !strict.MatchString("Docker") {
		t.Error("(?-i) does not make the pattern case-sensitive")
	}
	// The anchored form, compiled on first use, by copies as by the original.
	alt := MustPattern(`overlay2|btrfs`)
	copied := alt
	if !copied.MatchWhole("Overlay2") || alt.MatchWhole("overlay2 fs") || !alt.MatchWhole("btrfs") {
		t.Error("MatchWhole does not match the whole text, each alternative anchored")
	}
	var zero Pattern
	if zero.MatchString("") || zero.MatchWhole("") || zero.FindStringIndex("x") != nil || !zero.IsZero() {
		t.Error("the zero Pattern matches")
	}
	for src, want := range map[string]string{
		"^(abc": "bad regular expression: missing closing ): `^(abc`",
		"*":     "bad regular expression: missing argument to repetition operator: `*`",
		"":      "expected a regular expression, got nothing",
		// Valid alone, but \Q quotes the anchored form's closing parenthesis:
		// refused when the rubric loads, never a panic when it grades.
		`\Qdocker`: "bad regular expression: error parsing regexp: missing closing ): `(?i)^(?:\\Qdocker)$`",
	} {
		if _, err := CompilePattern(src); err == nil || err.Error() != want {
			t.Errorf("CompilePattern(%q) = %v, want %q", src, err, want)
		}
	}
}

func TestPatternUnmarshalYAML(t *testing.T) {
	var doc struct {
		Regex Pattern `yaml:"regex"`
	}
	if err := yaml.Unmarshal([]byte("regex: '^v[0-9]+'"), &doc); err != nil || !doc.Regex.MatchString("V27") {
		t.Errorf("decoded %q: %v", doc.Regex, err)
	}
	err := yaml.Unmarshal([]byte("regex: [a]"), &doc)
	if err == nil || !strings.Contains(err.Error(), "expected a regular expression, got a list") {
		t.Errorf("list accepted: %v", err)
	}
	b, _ := doc.Regex.MarshalText()
	if string(b) != "^v[0-9]+" {
		t.Errorf("MarshalText = %q", b)
	}
}

func TestNamedRefusesEmptyNames(t *testing.T) {
	src := "id: tp\ncriteria:\n  - id: a\n    kind: version\n    points: 1\n    values: {'': {key: A}, b: {key: B}}\n"
	_, err := Parse("n.yaml", []byte(src), testKinds)
	if err == nil || err.Error() != "n.yaml:6:14: a name cannot be empty" {
		t.Errorf("got %v", err)
	}
}
