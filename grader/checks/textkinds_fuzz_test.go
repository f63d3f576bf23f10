package checks

import (
	"os"
	"testing"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// FuzzTextKinds: whatever the report, the text kinds never panic and every
// finding lies inside the report.
func FuzzTextKinds(f *testing.F) {
	ref, err := os.ReadFile("testdata/premier-tp-docker-report.md")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(ref))
	f.Add(templateReport)
	f.Add(commandReport)
	f.Add("## docker.socket\n\n| a | docker.socket |\n|--|\n| x |\n\n<table><tr><td>docker.socket</td></tr></table>\n")
	f.Add("docker.socket\n\n```\nsystemctl \\\n")
	f.Add("# é\u0301\n\n**Question 3.** Quel est le rôle de docker.socket ?\n\n- TODO `TODO` à compléter…")
	sock := explanationOf(f, socketRubric+"question: Quel est le rôle de docker.socket ?\n")
	svc := explanationOf(f, serviceRubric)
	cmd := &Command{Commands: []CommandSpec{{Text: "systemctl list-units --type=socket"}, {Text: "docker info"}}, In: rubric.NamesOf("Socket")}
	ph := &Placeholder{Words: rubric.NamesOf("TODO", "à compléter", "todo*"), Per: 50}
	env := &rubric.Env{Assignment: assignment, Criterion: &rubric.Criterion{Kind: "placeholder", Penalty: 200}}
	f.Fuzz(func(t *testing.T, md string) {
		doc, err := document.Parse("r.md", []byte(md), document.Options{})
		if err != nil {
			return
		}
		for _, c := range []rubric.Check{sock, svc, cmd, ph, new(Explanation), new(Placeholder)} {
			out := c.Grade(doc, env)
			if out.Met < 0 || out.Met > out.Of {
				t.Errorf("%T: %d/%d", c, out.Met, out.Of)
			}
			for _, fd := range out.Findings {
				if fd.Span.Start < 0 || fd.Span.End < fd.Span.Start || fd.Span.End > len(doc.Text) {
					t.Errorf("%T: finding %+v outside the report (%d bytes)", c, fd.Span, len(doc.Text))
				}
				if fd.Message.EN == "" || fd.Message.FR == "" {
					t.Errorf("%T: message not in both languages: %+v", c, fd.Message)
				}
			}
		}
	})
}
