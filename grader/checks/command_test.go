package checks

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/tpgrade/tpgrade/grader/rubric"
)

func commandOf(t *testing.T, src string) *Command {
	t.Helper()
	c := new(Command)
	if err := yaml.Unmarshal([]byte(src), c); err != nil {
		t.Fatalf("decoding %s: %v", src, err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	return c
}

const commandReport = "# Informations\n\n" +
	"running ```docker info``` gives helpful informations.\n\n" +
	"## Socket\n\n" +
	"To see it, run ```sudo systemctl list-units --type=socket | grep docker```.\n\n" +
	"```console\n$ sudo docker   version\nClient: Docker Engine\n```\n\n" +
	"# Images\n\n" +
	"Then type docker images to list them.\n"

func TestCommandFoundInCode(t *testing.T) {
	doc := reportOf(t, commandReport)
	c := commandOf(t, "commands: [docker info, 'systemctl list-units --type socket', docker version, {regex: 'docker\\s+ps'}]")
	out := c.Grade(doc, &rubric.Env{})
	fs := findingsOf(doc, out)
	if out.Met != 3 || out.Of != 4 {
		t.Errorf("%d/%d, want 3/4; %+v", out.Met, out.Of, fs)
	}
	infos := 0
	for _, f := range out.Findings {
		if f.Severity == rubric.Info {
			infos++
			if got := string(doc.Text[f.Span.Start:f.Span.End]); !strings.Contains(got, "docker") {
				t.Errorf("a found command should point at its code, points at %q", got)
			}
		}
	}
	if infos != 3 {
		t.Errorf("want one info per command found, got %+v", fs)
	}
	if f, ok := find(fs, rubric.Error, "`/docker\\s+ps/` is not shown"); !ok || f.line != 1 {
		t.Errorf("a missing command is reported at the start of the report: %+v", fs)
	}
}

func TestCommandInSectionsAndPlainText(t *testing.T) {
	doc := reportOf(t, commandReport)
	c := commandOf(t, "in: [Socket, Images]\ncommands: [docker info, docker version, docker images]")
	out := c.Grade(doc, &rubric.Env{})
	fs := findingsOf(doc, out)
	// docker info is shown, but above the sections named; docker images is
	// typed as text.
	if out.Met != 1 {
		t.Errorf("%d/%d, want 1/3; %+v", out.Met, out.Of, fs)
	}
	if f, ok := find(fs, rubric.Error, "`docker info` is not shown"); !ok || f.line != 5 {
		t.Errorf("docker info should be missing at the first section searched (line 5): %+v", fs)
	}
	if f, ok := find(fs, rubric.Error, "`docker images` is written as plain text"); !ok || f.line != 16 {
		t.Errorf("docker images should be pointed at line 16: %+v", fs)
	}

	c = commandOf(t, "in: [Nowhere]\ncommands: [docker info]")
	out = c.Grade(doc, &rubric.Env{})
	if fs := findingsOf(doc, out); out.Met != 0 || len(fs) != 1 || !strings.Contains(fs[0].msg, `no section titled "Nowhere"`) {
		t.Errorf("in: naming no section: %d/%d %+v", out.Met, out.Of, fs)
	}
}

func TestCommandValidate(t *testing.T) {
	for src, want := range map[string]string{
		"in: [A]":                  "command needs commands",
		"commands: ['$ | #']":      "no words",
		"commands: [{regex: '('}]": "bad regular expression",
	} {
		c := new(Command)
		err := yaml.Unmarshal([]byte(src), c)
		if err == nil {
			err = c.Validate()
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", src, err, want)
		}
	}
}

func TestCommandInACopiedInstructionEarnsNothing(t *testing.T) {
	md := "# TP\n\nExécutez les commandes `docker version` et `docker info`, puis répondez aux questions suivantes.\n\n" +
		"## Réponses\n\nJ'ai lancé `docker info` sur ma VM.\n"
	doc := reportOf(t, md)
	c := commandOf(t, "commands: [docker version, docker info]")
	env := &rubric.Env{Assignment: "Exécutez les commandes docker version et docker info, puis répondez aux questions suivantes."}
	out := c.Grade(doc, env)
	if out.Met != 1 {
		t.Fatalf("met %d/%d, want 1: only the student's own `docker info` counts; %+v", out.Met, out.Of, findingsOf(doc, out))
	}
	// Without the assignment text, the instruction's code counts.
	if out := c.Grade(doc, &rubric.Env{}); out.Met != 2 {
		t.Errorf("without an assignment: met %d, want 2", out.Met)
	}
}
