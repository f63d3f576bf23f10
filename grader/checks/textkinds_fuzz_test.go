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
	lab, err := rubric.Parse("lab.yaml", []byte(fuzzLab), Kinds)
	if err != nil {
		f.Fatal(err)
	}
	kinds := []rubric.Check{sock, svc, cmd, ph, new(Explanation), new(Placeholder)}
	for _, c := range lab.Criteria {
		kinds = append(kinds, c.Check)
	}
	f.Add("```\n$ docker run --name web hello-world\nHello from Docker!\ndocker ps -a\nExited (0)\n$ docker stop \\\n  web\n```\n\nUn conteneur est une machine virtuelle légère.\n")
	f.Fuzz(func(t *testing.T, md string) {
		doc, err := document.Parse("r.md", []byte(md), document.Options{})
		if err != nil {
			return
		}
		for _, c := range kinds {
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

// fuzzLab uses issue 8's keys: commands with their output, values captured
// from commands, need and wrong answers, {regex} names.
const fuzzLab = `id: lab
criteria:
  - id: run
    kind: command
    points: 2
    commands:
      - {command: docker run hello-world, output: ["Hello from Docker!"]}
      - {regex: 'docker\s+ps\s+-a', show: docker ps -a, output: [{regex: 'Exited \(0\)', expected: arrêté}]}
  - id: same
    kind: relation
    points: 1
    values:
      started: {command: 'docker\s+run\b.*--name[ =](\S+)'}
      stopped: {command: 'docker\s+stop\s+(\S+)'}
    expect: ["started == stopped"]
  - id: vm
    kind: explanation
    points: 2
    subject: [conteneur, {regex: 'contain(er|eur)s?'}]
    command: {command: docker run hello-world, output: ["Hello from Docker!"]}
    need: 1
    concepts:
      - {name: noyau, any: [noyau, {regex: 'kernel'}], wrong: [machine virtuelle, {regex: 'propre\s+noyau'}], hint: "Quel noyau ?"}
      - {name: isolation, any: [namespaces]}
`
