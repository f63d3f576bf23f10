package draft_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/draft"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

var update = flag.Bool("update", false, "rewrite golden files")

// drafts holds the drafts' fixtures: the golden drafts, the earlier
// versions of the models, a report of an unrelated lab, and the grades.
const drafts = "../../fixtures/drafts"

// A lab drafted from its model: the draft must grade the model at 90% of
// the scale or more, the earlier, partial version of the same report lower,
// and a report of an unrelated lab at 35% or less (issue 8).
type lab struct {
	name      string // the golden draft is drafts/NAME.yaml
	model     string
	partial   string
	unrelated []string
	// others are reports of the same lab or another Docker lab, graded
	// for the README's figures only.
	others []string
}

var labs = []lab{
	{
		name:      "docker-tp1-example",
		model:     "../../fixtures/docker-tp1/example.md",
		partial:   drafts + "/docker-tp1-example-partiel.md",
		unrelated: []string{drafts + "/autre-tp-git.md", "../../fixtures/docker-tp2/modele.md"},
		others:    []string{"../../fixtures/docker-tp1/complete-en.md", "../../fixtures/docker-tp1/complete-fr.md", "../../fixtures/docker-tp1/partial.md"},
	},
	{
		name:      "docker-tp2-modele",
		model:     "../../fixtures/docker-tp2/modele.md",
		partial:   "../../fixtures/docker-tp2/modele-partiel.md",
		unrelated: []string{drafts + "/autre-tp-git.md", "../../fixtures/docker-tp1/example.md"},
		others:    []string{"../../fixtures/docker-tp2/complete.md", "../../fixtures/docker-tp2/english.md", "../../fixtures/docker-tp2/no-output.md"},
	},
}

func parse(t testing.TB, path string) *document.Document {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := document.Parse(filepath.Base(path), raw, document.Options{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

func grade(t testing.TB, r *rubric.Rubric, path string) *grader.Report {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := grader.GradeBytes(filepath.Base(path), raw, r, grader.Options{})
	return rep
}

// golden compares got with the file at path, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./grader/draft -update)", err)
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, d)
	}
}

// TestDraftMeetsIssue8 drafts each lab's rubric from its model, checks it
// as `tpgrade rubric check` does, and grades the model, its partial version
// and unrelated reports with it. The drafts and the grades are golden
// files of fixtures/drafts.
func TestDraftMeetsIssue8(t *testing.T) {
	var results strings.Builder
	for _, l := range labs {
		t.Run(l.name, func(t *testing.T) {
			d, err := draft.Write(parse(t, l.model), draft.Options{Source: filepath.Base(l.model)})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join(drafts, l.name+".yaml"), string(d.YAML))
			// As printed: read from its folder, with its includes, as
			// `tpgrade rubric check` reads it.
			r, err := grader.ParseRubricFile(l.name+".yaml", d.YAML, os.ReadFile)
			if err != nil {
				t.Fatalf("the draft does not load: %v", err)
			}
			if r.MaxPoints() != draft.Total*rubric.Unit || r.Scale != draft.Total*rubric.Unit {
				t.Errorf("total %s scale %s, want %d and %d", r.MaxPoints(), r.Scale, draft.Total, draft.Total)
			}
			model := grade(t, r, l.model)
			partial := grade(t, r, l.partial)
			if model.Grade*10 < model.Scale*9 || d.Model != model.Grade {
				t.Errorf("model graded %s/%s (draft says %s), want at least 90%%", model.Grade, model.Scale, d.Model)
			}
			if partial.Grade >= model.Grade {
				t.Errorf("partial version graded %s, not lower than the model's %s", partial.Grade, model.Grade)
			}
			fmt.Fprintf(&results, "%s (%d criteria)\n  model %s: %s/20\n  partial %s: %s/20\n", l.name, d.Criteria,
				filepath.Base(l.model), model.Grade, filepath.Base(l.partial), partial.Grade)
			for _, u := range l.unrelated {
				rep := grade(t, r, u)
				if rep.Grade*100 > rep.Scale*35 {
					t.Errorf("%s, of another lab, graded %s/%s: over 35%%", u, rep.Grade, rep.Scale)
				}
				fmt.Fprintf(&results, "  unrelated %s: %s/20\n", filepath.Base(u), rep.Grade)
			}
			for _, o := range l.others {
				fmt.Fprintf(&results, "  other %s: %s/20\n", filepath.Base(o), grade(t, r, o).Grade)
			}
		})
	}
	t.Run("results", func(t *testing.T) { golden(t, filepath.Join(drafts, "results.golden"), results.String()) })
}

// The draft is written in the language asked for: its comments, its lang,
// and the texts it gives in one language only (the titles are in both).
func TestDraftInTheLanguageAskedFor(t *testing.T) {
	doc := parse(t, labs[1].model)
	fr, err := draft.Write(doc, draft.Options{})
	if err != nil {
		t.Fatal(err)
	}
	en, err := draft.Write(doc, draft.Options{Lang: i18n.EN})
	if err != nil {
		t.Fatal(err)
	}
	if fr.Lang != i18n.FR || en.Lang != i18n.EN {
		t.Fatalf("langs %s and %s, want fr (the model's) and en (asked for)", fr.Lang, en.Lang)
	}
	if !strings.Contains(string(fr.YAML), "\nlang: fr\n") || !strings.Contains(string(fr.YAML), "# Votre corrigé obtient 20/20") {
		t.Errorf("the French draft is not in French:\n%.600s", fr.YAML)
	}
	if !strings.Contains(string(en.YAML), "\nlang: en\n") || !strings.Contains(string(en.YAML), "# Your model grades 20/20") {
		t.Errorf("the English draft is not in English:\n%.600s", en.YAML)
	}
	r, err := grader.ParseRubric("en.yaml", en.YAML)
	if err != nil {
		t.Fatal(err)
	}
	rep := grader.Grade(doc, r, grader.Options{})
	if c := rep.Criteria[0]; c.Title != `Part "premier conteneur"` {
		t.Errorf("first criterion's title %q, want the English one", c.Title)
	}
}
