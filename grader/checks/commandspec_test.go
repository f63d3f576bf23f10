package checks

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/tpgrade/tpgrade/grader/rubric"
)

func TestCommandLineMatching(t *testing.T) {
	cases := []struct {
		spec, line string
		want       bool
	}{
		{"docker info", "docker info", true},
		{"docker info", "$ sudo   docker    info", true},
		{"docker info", "# docker info --format '{{json .}}'", true},
		{"docker info", "user@vm:~$ DOCKER INFO", true},
		{"docker info", "docker version", false},
		{"docker info", "docker infos", false},
		{"docker info", "info docker", false},
		{"systemctl list-units --type=socket", "sudo systemctl list-units --type=socket | grep docker", true},
		{"systemctl list-units --type=socket", "systemctl list-units --type socket", true},
		{"systemctl list-units --type=socket", "systemctl list-units --all --type=socket", true},
		{"systemctl list-units --type=socket", "systemctl list-units --type=service | grep socket", false},
		{"systemctl list-units --type socket", "systemctl list-units --type=socket", true},
		{"systemctl status docker.service", "systemctl status docker", false},
		{"systemctl status docker.service", "sudo systemctl status Docker.Service", true},
		// A subcommand is not a flag: `docker --version` prints only the
		// client's version.
		{"docker version", "docker --version", false},
		{"docker version", "docker -v", false},
		{"docker --version", "docker --version", true},
		{"docker --version", "docker version", false},
		{"docker version", "docker version --format '{{.Server.Version}}'", true},
	}
	for _, c := range cases {
		spec := CommandSpec{Text: c.spec}
		if got := spec.matchLine(c.line); got != c.want {
			t.Errorf("%q matches %q = %v, want %v", c.spec, c.line, got, c.want)
		}
	}
}

func TestCommandRegex(t *testing.T) {
	var spec CommandSpec
	if err := yaml.Unmarshal([]byte(`{regex: 'systemctl\s+(status|list-units).*docker'}`), &spec); err != nil {
		t.Fatal(err)
	}
	if !spec.matchLine("sudo SYSTEMCTL status docker.socket") {
		t.Error("regex should match case-insensitively")
	}
	if spec.matchLine("systemctl restart docker") {
		t.Error("regex matched a line it does not describe")
	}
	if got := spec.String(); got != `/systemctl\s+(status|list-units).*docker/` {
		t.Errorf("String() = %q", got)
	}
}

func TestCommandSpecYAML(t *testing.T) {
	var specs []CommandSpec
	if err := yaml.Unmarshal([]byte("[docker info, {regex: '^docker'}, {regex: 'systemctl\\s+status', show: systemctl status docker}]"), &specs); err != nil {
		t.Fatal(err)
	}
	if len(specs) != 3 || specs[0].Text != "docker info" || specs[1].Regex.IsZero() {
		t.Fatalf("decoded %+v", specs)
	}
	// Students are told the command, not the teacher's regular expression.
	if got := specs[1].String(); got != "/^docker/" {
		t.Errorf("regex without show is shown as %q", got)
	}
	if got := specs[2].String(); got != "systemctl status docker" {
		t.Errorf("regex with show is shown as %q", got)
	}
	for src, want := range map[string]string{
		"{regx: docker}":       `unknown key "regx"`,
		"{regex: '(a'}":        "bad regular expression",
		"{regex: a, show: ''}": "show: expected the command",
		"''":                   "got nothing",
		"[a, b]":               "expected a command",
	} {
		var s CommandSpec
		err := yaml.Unmarshal([]byte(src), &s)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("decoding %s: error %v, want one containing %q", src, err, want)
		}
	}
	if err := (&CommandSpec{Text: "| $"}).Validate(); err == nil {
		t.Error("a command with no words should not validate")
	}
}

func TestCodeLinesJoinContinuations(t *testing.T) {
	got := codeLines("docker run \\\n  --rm hello-world\nls")
	if len(got) != 2 || !strings.Contains(got[0], "--rm hello-world") || got[1] != "ls" {
		t.Errorf("codeLines = %q", got)
	}
	spec := CommandSpec{Text: "docker run --rm hello-world"}
	if !spec.matchLine(got[0]) {
		t.Error("a continued command should match")
	}
}

func TestCommandSpecSchema(t *testing.T) {
	var s rubric.JSONSchemaer = (*CommandSpec)(nil)
	any, ok := s.JSONSchema()["anyOf"].([]any)
	if !ok || len(any) != 3 {
		t.Fatalf("schema %v: want a string, a {command} or a {regex} mapping", s.JSONSchema())
	}
}
