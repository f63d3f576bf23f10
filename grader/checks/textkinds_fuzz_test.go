package checks

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// fuzzedRubrics are the corpus rubrics whose criteria FuzzTextKinds grades:
// the text kinds, and the relation that compares values captured from
// command lines (issue 8's keys: commands with their output, captures, need,
// wrong answers, {regex} names).
var fuzzedRubrics = []string{
	"testdata/explanation/rubric.yaml",
	"testdata/explanation/assignment/rubric.yaml",
	"testdata/explanation/wrong/rubric.yaml",
	"testdata/explanation/output/rubric.yaml",
	"testdata/command/rubric.yaml",
	"testdata/command/output/rubric.yaml",
	"testdata/placeholder/rubric.yaml",
	"testdata/forbidden/rubric.yaml",
	"testdata/relation/capture/rubric.yaml",
}

// FuzzTextKinds: whatever the report, the text kinds never panic and every
// finding lies inside the report, written in both languages. The seeds are
// the reports of the corpus (testdata/<kind>/).
func FuzzTextKinds(f *testing.F) {
	type graded struct {
		check rubric.Check
		env   *rubric.Env
	}
	var kinds []graded
	for _, path := range fuzzedRubrics {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		r, err := rubric.Load(path, src, Kinds, nil)
		if err != nil {
			f.Fatal(err)
		}
		for _, c := range r.Criteria {
			kinds = append(kinds, graded{c.Check, &rubric.Env{Assignment: r.Assignment, Criterion: c}})
		}
		reports, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*.md"))
		for _, rep := range reports {
			md, err := os.ReadFile(rep)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(string(md))
		}
	}
	// Checks left empty, as no loader gives them.
	kinds = append(kinds, graded{new(Explanation), &rubric.Env{}}, graded{new(Placeholder), &rubric.Env{}})
	ref, err := os.ReadFile("testdata/premier-tp-docker-report.md")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(ref))
	f.Add("## docker.socket\n\n| a | docker.socket |\n|--|\n| x |\n\n<table><tr><td>docker.socket</td></tr></table>\n")
	f.Add("docker.socket\n\n```\nsystemctl \\\n")
	f.Add("# é\u0301\n\n**Question 3.** Quel est le rôle de docker.socket ?\n\n- TODO `TODO` à compléter…")
	f.Add("```\n$ docker run --name web hello-world\nHello from Docker!\ndocker ps -a\nExited (0)\n$ docker stop \\\n  web\n```\n\nUn conteneur est une machine virtuelle légère.\n")
	f.Add("# Le conteneur\n\nIl utilise alors automatiquement le noyau de l'hôte et ne démarre aucun système, car `-p 8080:80` publie le port (voir plus bas) ; quand il tourne, c'est une machine virtuelle, qui utilise les namespaces, et les couches sont modifiables.\n")
	f.Fuzz(func(t *testing.T, md string) {
		doc, err := document.Parse("r.md", []byte(md), document.Options{})
		if err != nil {
			return
		}
		for _, k := range kinds {
			out := k.check.Grade(doc, k.env)
			if out.Met < 0 || out.Met > out.Of {
				t.Errorf("%T: %d/%d", k.check, out.Met, out.Of)
			}
			for _, fd := range out.Findings {
				if fd.Span.Start < 0 || fd.Span.End < fd.Span.Start || fd.Span.End > len(doc.Text) {
					t.Errorf("%T: finding %+v outside the report (%d bytes)", k.check, fd.Span, len(doc.Text))
				}
				if fd.Message.EN == "" || fd.Message.FR == "" {
					t.Errorf("%T: message not in both languages: %+v", k.check, fd.Message)
				}
			}
		}
	})
}
