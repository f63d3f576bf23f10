package checks

import (
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader/rubric"
)

// The rubric loader decodes and validates the text kinds' keys, with
// positions.
func TestTextKindsLoad(t *testing.T) {
	src := `id: t
criteria:
  - id: socket
    kind: explanation
    points: 3
    subject: [docker.socket]
    command: {regex: 'systemctl\s+status'}
    concepts:
      - name: Unix socket
        any: [docker.sock]
        weight: 2
        hint: Which file?
    min_words: 10
  - id: cmds
    kind: command
    points: 1
    commands: [docker info, "systemctl list-units --type=socket"]
  - id: leftovers
    kind: placeholder
    penalty: 2
    per: 0.5
    words: [TODO, à compléter]
  - id: words
    kind: forbidden
    penalty: 1
    words: chatgpt
`
	r, err := rubric.Parse("t.yaml", []byte(src), Kinds)
	if err != nil {
		t.Fatal(err)
	}
	e, ok := r.Criteria[0].Check.(*Explanation)
	if !ok || e.Command == nil || !e.Command.matchLine("sudo systemctl status docker.socket") || e.Concepts[0].Hint != rubric.Plain("Which file?") {
		t.Fatalf("explanation decoded as %+v", r.Criteria[0].Check)
	}
	if c, ok := r.Criteria[1].Check.(*Command); !ok || len(c.Commands) != 2 || c.Commands[1].Text != "systemctl list-units --type=socket" {
		t.Fatalf("command decoded as %+v", r.Criteria[1].Check)
	}
	if p, ok := r.Criteria[2].Check.(*Placeholder); !ok || p.Per != 50 {
		t.Fatalf("placeholder decoded as %+v", r.Criteria[2].Check)
	}
	if _, ok := r.Criteria[3].Check.(*Placeholder); !ok {
		t.Fatalf("forbidden decoded as %+v", r.Criteria[3].Check)
	}

	bad := `id: t
criteria:
  - id: socket
    kind: explanation
    points: 3
    command: {regx: 'docker'}
    concepts:
      - {name: Unix socket, weight: 2}
  - id: leftovers
    kind: placeholder
    points: 2
    words: [TODO]
`
	_, err = rubric.Parse("bad.yaml", []byte(bad), Kinds)
	if err == nil {
		t.Fatal("a bad rubric loaded")
	}
	for _, want := range []string{
		`bad.yaml:6:15: unknown key "regx" in a command`,
		`bad.yaml:3:5:`, // subject is required
		`any`,
		`penalty`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
}
