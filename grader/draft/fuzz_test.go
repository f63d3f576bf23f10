package draft_test

import (
	"os"
	"testing"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/draft"
)

// FuzzWrite: whatever the model, Write never panics, and a draft it
// returns loads and gives the model the whole scale.
func FuzzWrite(f *testing.F) {
	for _, p := range []string{"../../fixtures/docker-tp1/example.md", "../../fixtures/docker-tp2/modele.md", drafts + "/autre-tp-git.md"} {
		raw, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte("# T\n\n## A: b\n\n| k | v |\n|---|---|\n| x: y | 1 |\n\n```\n$ a b\nc d e\n```\n"))
	f.Add([]byte("## Bonus\n\n```console\n$ docker compose up\nStarted all the services\n```\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		doc, err := document.Parse("model.md", raw, document.Options{MaxBytes: 64 << 10})
		if err != nil {
			return
		}
		d, err := draft.Write(doc, draft.Options{})
		if err != nil {
			return
		}
		r, err := grader.ParseRubric("draft.yaml", d.YAML)
		if err != nil {
			t.Fatalf("the draft does not load: %v\n%s", err, d.YAML)
		}
		if rep := grader.Grade(doc, r, grader.Options{}); rep.Grade != rep.Scale {
			t.Fatalf("the model grades %s/%s with its draft:\n%s", rep.Grade, rep.Scale, d.YAML)
		}
	})
}
