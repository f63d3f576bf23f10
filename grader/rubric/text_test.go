package rubric

import (
	"os"
	"testing"

	"github.com/tpgrade/tpgrade/grader/i18n"
	"gopkg.in/yaml.v3"
)

func TestTextIn(t *testing.T) {
	tests := []struct {
		text   Text
		fr, en string
	}{
		{Plain("Rôle"), "Rôle", "Rôle"},
		{Text{FR: "Rôle", EN: "Role"}, "Rôle", "Role"},
		{Text{FR: "Rôle"}, "Rôle", "Rôle"}, // English falls back to French
		{Text{EN: "Role"}, "Role", "Role"}, // and French to English
		{Text{}, "", ""},
	}
	for _, tt := range tests {
		if got := tt.text.In(i18n.FR); got != tt.fr {
			t.Errorf("%+v.In(fr) = %q, want %q", tt.text, got, tt.fr)
		}
		if got := tt.text.In(i18n.EN); got != tt.en {
			t.Errorf("%+v.In(en) = %q, want %q", tt.text, got, tt.en)
		}
		if m := tt.text.Msg(); m.FR != tt.fr || m.EN != tt.en {
			t.Errorf("%+v.Msg() = %+v", tt.text, m)
		}
	}
}

func TestTextsLoad(t *testing.T) {
	src, err := os.ReadFile("testdata/ok/texts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse("texts.yaml", src, testKinds)
	if err != nil {
		t.Fatal(err)
	}
	c := r.Criteria
	checks := []struct {
		what      string
		got, want Text
	}{
		{"rubric title", r.Title, Text{FR: "Premier TP", EN: "First lab"}},
		{"plain title", c[0].Title, Plain("Un seul texte")},
		{"plain feedback", c[0].Feedback.Missing, Plain("Ajoutez une introduction.")},
		{"block title", c[1].Title, Text{FR: "Deux langues", EN: "Two languages"}},
		{"feedback in two languages", c[1].Feedback.Missing, Text{FR: "Ajoutez une introduction.", EN: "Add an introduction."}},
		{"English-only title", c[2].Title, Text{EN: "English only"}},
		{"label", c[2].Check.(*testTable).Rows[0].Label, Text{FR: "la mémoire", EN: "the memory"}},
		{"pass", c[2].Feedback.Pass, Text{FR: "Parfait.", EN: "Perfect."}},
		{"partial", c[2].Feedback.Partial, Plain("Il manque des éléments.")},
		{"fail", c[2].Feedback.Fail, Text{EN: "Not done."}},
		{"empty title", c[3].Title, Text{}},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Errorf("%s = %+v, want %+v", ck.what, ck.got, ck.want)
		}
	}
	if got := c[2].Feedback.For(0, 100).In(i18n.FR); got != "Not done." {
		t.Errorf("fail in French falls back to English: got %q", got)
	}
}

// TestTextDecodesWithYAMLv3: a check decoded by yaml.v3 itself (tools,
// tests) reads texts as the loader does, and reports the same errors.
func TestTextDecodesWithYAMLv3(t *testing.T) {
	var v struct {
		A Text `yaml:"a"`
		B Text `yaml:"b"`
	}
	if err := yaml.Unmarshal([]byte("a: Un\nb: {fr: Deux, en: Two}\n"), &v); err != nil {
		t.Fatal(err)
	}
	if v.A != Plain("Un") || v.B != (Text{FR: "Deux", EN: "Two"}) {
		t.Errorf("decoded %+v", v)
	}
	if err := yaml.Unmarshal([]byte("a: {fr: Un, de: Eins}\n"), &v); err == nil {
		t.Error("an unknown language was accepted")
	}
}

// A {regex} name's expected is a text: one per language, or one for both;
// a name without it shows its text, or the expression between slashes.
func TestNameExpectedIn(t *testing.T) {
	var ns Names
	src := `[Intro, {regex: '^part\s*1', expected: {fr: Partie 1, en: Part 1}}, {regex: 'x+y', expected: Étape X}, {regex: 'a+b'}]`
	if err := yaml.Unmarshal([]byte(src), &ns); err != nil {
		t.Fatal(err)
	}
	if got := ns.In(i18n.FR); len(got) != 4 || got[0] != "Intro" || got[1] != "Partie 1" || got[2] != "Étape X" || got[3] != "/a+b/" {
		t.Errorf("In(fr) = %q", got)
	}
	if got := ns.In(i18n.EN); got[1] != "Part 1" || got[2] != "Étape X" {
		t.Errorf("In(en) = %q", got)
	}
	if ns[1].String() != "Part 1" || Names(nil).FirstIn(i18n.FR) != "?" || ns[1:].FirstIn(i18n.FR) != "Partie 1" {
		t.Errorf("String %q, FirstIn %q", ns[1].String(), ns[1:].FirstIn(i18n.FR))
	}
}
