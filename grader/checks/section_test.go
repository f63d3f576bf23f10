package checks

import (
	"testing"

	"github.com/tpgrade/tpgrade/grader/rubric"
)

func intp(i int) *int { return &i }

func TestSection(t *testing.T) {
	const md = "# Rapport\n\n" + // 1
		"## Le service Docker\n\n" + // 3
		"Il lance le démon dockerd, qui gère les conteneurs.\n\n" + // 5 (9 words)
		"### Commande\n\n" + // 7
		"```\nsystemctl status docker\n```\n\n" + // 9-11 (3 words)
		"## Docker socket\n\n" + // 13
		"It acts.\n\n" + // 15
		"## Vide\n" // 17
	doc := parseMD(t, md)
	tests := []struct {
		name     string
		c        Section
		met, of  int
		findings []want
	}{
		{"contains, French alias", Section{Names: names("Docker service", "Service Docker")}, 2, 2, nil},
		{"sub-sections count", Section{Names: names("service docker"), MinWords: intp(12)}, 2, 2, nil},
		{"too short earns half", Section{Names: names("service docker"), MinWords: intp(13)}, 1, 2,
			[]want{{"3:1", rubric.Error, `the section "Le service Docker" holds 12 words, at least 13 are expected`}}},
		{"exact refuses a longer title", Section{Names: names("Service Docker"), Match: "exact"}, 0, 2,
			[]want{{"1:1", rubric.Error, `no section titled "Service Docker": add this heading`}}},
		{"exact, folded", Section{Names: names("DOCKER SOCKET"), Match: "exact"}, 2, 2, nil},
		{"level", Section{Names: names("Docker socket"), Level: 3}, 0, 2,
			[]want{{"1:1", rubric.Error, `no section titled "Docker socket" (a level-3 heading, ###)`}}},
		{"empty section", Section{Names: names("Vide")}, 1, 2,
			[]want{{"17:1", rubric.Error, `the section "Vide" is empty: write your answer under its heading`}}},
		{"min_words 0 accepts an empty section", Section{Names: names("Vide"), MinWords: intp(0)}, 2, 2, nil},
		{"missing, several names", Section{Names: names("Volumes", "Stockage")}, 0, 2,
			[]want{{"1:1", rubric.Error, `no section titled "Volumes" or "Stockage"`}}},
		{"word boundaries", Section{Names: names("sock")}, 0, 2,
			[]want{{"1:1", rubric.Error, `no section titled "sock"`}}},
		{"prefix wildcard", Section{Names: names("sock*")}, 2, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.c.Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
			out := grade(t, &tt.c, doc)
			expect(t, doc, out, tt.met, tt.of, tt.findings...)
		})
	}
}

func TestSectionLongestWins(t *testing.T) {
	// Two headings match: the one with enough words earns the credit.
	doc := parseMD(t, "## Docker socket\n\nshort\n\n## Docker socket (suite)\n\none two three four five six\n")
	out := grade(t, &Section{Names: names("Docker socket"), MinWords: intp(5)}, doc)
	expect(t, doc, out, 2, 2)
}

func TestSectionReference(t *testing.T) {
	doc := reference(t)
	out := grade(t, &Section{Names: names("Docker service", "Service Docker"), Level: 2, MinWords: intp(20)}, doc)
	expect(t, doc, out, 2, 2)
	out = grade(t, &Section{Names: names("Docker socket"), Level: 2, MinWords: intp(40)}, doc)
	expect(t, doc, out, 1, 2, want{"107:1", rubric.Error, `the section "Docker socket" holds`})
}

func TestSectionValidate(t *testing.T) {
	bad := []Section{
		{},
		{Names: names("x"), Level: 7},
		{Names: names("x"), Match: "starts"},
		{Names: names("x"), MinWords: intp(-1)},
	}
	for i, c := range bad {
		if err := c.Validate(); err == nil {
			t.Errorf("section %d was accepted", i)
		}
	}
}
