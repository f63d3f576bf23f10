package draft_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/draft"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// writeFrom drafts from raw bytes as the command does: a model that cannot
// be read as a report is the document's error.
func writeFrom(t testing.TB, raw string) (*draft.Draft, error) {
	t.Helper()
	doc, err := document.Parse("model.md", []byte(raw), document.Options{})
	if err != nil {
		return nil, err
	}
	return draft.Write(doc, draft.Options{Source: "model.md"})
}

// loads checks that a draft loads and that the model grades it whole.
func loads(t *testing.T, d *draft.Draft, model string) *rubric.Rubric {
	t.Helper()
	r, err := grader.ParseRubric("draft.yaml", d.YAML)
	if err != nil {
		t.Fatalf("the draft does not load: %v\n%s", err, d.YAML)
	}
	rep, _ := grader.GradeBytes("model.md", []byte(model), r, grader.Options{})
	if rep.Grade != rep.Scale {
		t.Errorf("the model grades %s/%s with its draft", rep.Grade, rep.Scale)
	}
	return r
}

// Any Markdown gives a draft that loads, or a clear error: never a panic.
func TestDraftOfOddModels(t *testing.T) {
	for _, tc := range []struct {
		name, model string
		nothing     bool // ErrNothing, or the document's own error
		kinds       []string
	}{
		{name: "empty", model: "", nothing: true},
		{name: "blank", model: "\n\n   \n", nothing: true},
		{name: "one word", model: "hello", nothing: true},
		{name: "headings only", model: "# TP\n\n## Partie 1\n\n## Partie 2\n", nothing: true},
		{name: "no headings", kinds: []string{"explanation"}, model: "Un conteneur partage le noyau de l'hôte : les namespaces isolent ses processus, et les cgroups limitent la mémoire qu'il consomme sur la machine.\n"},
		{name: "only code", kinds: []string{"command"}, model: "```console\n$ docker run hello-world\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n```\n"},
		{name: "only a table", kinds: []string{"fact"}, model: "| Clé | Valeur |\n|---|---|\n| Storage Driver | overlay2 |\n| CPUs | 4 |\n"},
		{name: "quotes and colons", kinds: []string{"section", "fact"}, model: "# TP: \"a\" & 'b'\n\n## Partie 1 : { [ # ? * ! | > % @ `x`\n\nDu texte, avec des : deux-points, des # dièses et des [crochets].\n\n| Clé: [x] | #valeur, {y} |\n|---|---|\n| Mot: de passe | yes |\n| 'quoted' | null |\n"},
		{name: "control characters", kinds: []string{"section"}, model: "# TP\n\n## Partie \u202e1\u0007\n\nUn texte \u200f avec des caractères de contrôle \u0001 dedans, assez long pour être lu.\n"},
		{name: "latin-1", kinds: []string{"section", "explanation"}, model: "# TP r\xe9seau\n\n## Le r\xe9seau bridge\n\nLe r\xe9seau bridge relie les conteneurs de l'h\xf4te entre eux : Docker cr\xe9e l'interface docker0 et traduit les adresses (NAT) vers l'ext\xe9rieur.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := writeFrom(t, tc.model)
			if tc.nothing {
				var ie *document.InputError
				if err == nil || !errors.Is(err, draft.ErrNothing) && !errors.As(err, &ie) {
					t.Fatalf("err = %v, want nothing to draft from", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			r := loads(t, d, tc.model)
			for _, k := range tc.kinds {
				found := false
				for _, c := range r.Criteria {
					found = found || c.Kind == k
				}
				if !found {
					t.Errorf("no %s criterion:\n%s", k, d.YAML)
				}
			}
		})
	}
}

// A huge model gives a draft of bounded size: a file a teacher reads.
func TestDraftOfAHugeModelIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Un très long TP\n\n")
	for i := 0; b.Len() < 1<<20; i++ {
		fmt.Fprintf(&b, "## Partie %d : le sujet%d\n\nLe sujet%d explique le mécanisme%d avec la notion%d et le principe%d du système.\n\n", i, i, i, i, i, i)
		fmt.Fprintf(&b, "| Clé | Valeur |\n|---|---|\n| Version%d | 1.%d.0 |\n| Taille%d | %d MB |\n\n", i, i, i, i)
		fmt.Fprintf(&b, "```console\n$ outil%d lance cible%d\nTout s'est bien passé pour la cible\n```\n\n", i, i)
	}
	model := b.String()
	d, err := writeFrom(t, model)
	if err != nil {
		t.Fatal(err)
	}
	r := loads(t, d, model)
	if len(r.Criteria) > 45 || len(d.YAML) > 64<<10 {
		t.Errorf("%d criteria, %d bytes of YAML: not bounded", len(r.Criteria), len(d.YAML))
	}
	if len(d.Left) == 0 || !strings.Contains(string(d.YAML), "Left out of this draft") && !strings.Contains(string(d.YAML), "Laissé de côté") {
		t.Errorf("the draft does not say what it left out")
	}
}

// Words every report uses never become concepts, nor a word that every
// part of the model uses, nor the words of the lab's title.
func TestGenericWordsAreNotConcepts(t *testing.T) {
	model := `# TP réseau Docker

## Le réseau bridge

Cette commande permet de voir le résultat : on utilise docker network ls, on
obtient la sortie, et on montre que le pont docker0 relie les conteneurs avec
une traduction d'adresses (NAT) vers l'extérieur.

## Le réseau host

Cette commande permet de voir le résultat : le conteneur partage directement
la pile réseau de l'hôte, sans pont ni traduction, comme un processus local.

## Le réseau none

Cette commande permet de voir le résultat : le conteneur n'a que l'interface
de bouclage, isolé de toute communication, utile pour un calcul hors ligne.
`
	d, err := writeFrom(t, model)
	if err != nil {
		t.Fatal(err)
	}
	r := loads(t, d, model)
	var concepts []string
	for _, c := range r.Criteria {
		if c.Kind != "explanation" {
			continue
		}
		for _, line := range strings.Split(string(d.YAML), "\n") {
			if strings.Contains(line, "{name: ") {
				concepts = append(concepts, strings.ToLower(line))
			}
		}
	}
	if len(concepts) == 0 {
		t.Fatalf("no concepts:\n%s", d.YAML)
	}
	for _, line := range concepts {
		for _, generic := range []string{"commande", "permet", "voir", "résultat", "sortie", "utilise", "obtient", "montre", "réseau", "docker"} {
			if strings.Contains(line, "name: "+generic+",") || strings.Contains(line, "name: "+generic+" ") {
				t.Errorf("a generic word is a concept: %s", strings.TrimSpace(line))
			}
		}
	}
	if !strings.Contains(string(d.YAML), "docker0") && !strings.Contains(string(d.YAML), "NAT") {
		t.Errorf("the bridge's distinctive terms (docker0, NAT) are not concepts:\n%s", d.YAML)
	}
}
