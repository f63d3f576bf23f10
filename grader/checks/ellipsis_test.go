package checks

import (
	"strings"
	"testing"
)

func TestWithOptions(t *testing.T) {
	for _, c := range []struct{ cmd, opts, want string }{
		{"systemctl list-units --type=service | grep docker", "--type=socket", "systemctl list-units --type=socket | grep docker"},
		{"systemctl list-units -t service", "-t socket", "systemctl list-units -t socket"},
		{"systemctl list-units | grep docker", "--all", "systemctl list-units --all | grep docker"},
		{"docker ps", "-a", "docker ps -a"},
		{"docker ps --format json", "-a --no-trunc", "docker ps --format json -a --no-trunc"},
	} {
		if got := withOptions(strings.Fields(c.cmd), strings.Fields(c.opts)); got != c.want {
			t.Errorf("%q with %q: %q, want %q", c.cmd, c.opts, got, c.want)
		}
	}
}

// The options complete the command of their paragraph, never of another.
func TestCompletedCommand(t *testing.T) {
	for _, c := range []struct{ md, want string }{
		{"# TP\n\nJ'ai tapé `systemctl list-units --type=service | grep docker` puis la même chose avec `--type=socket`.\n",
			"systemctl list-units --type=socket | grep docker"},
		{"# TP\n\nJ'ai tapé `systemctl list-units --type=service`.\n\nOn peut ajouter `--all`.\n", ""},
		{"# TP\n\nL'option `--type=socket` filtre.\n", ""},
		{"# TP\n\n```\nsystemctl list-units\n```\n\nAvec `--all` aussi.\n", ""},
	} {
		doc := parseMD(t, c.md)
		got := ""
		for _, code := range doc.Code {
			if full, ok := completed(doc, code); ok {
				got = full
			}
		}
		if got != c.want {
			t.Errorf("%q: completed %q, want %q", c.md, got, c.want)
		}
	}
}
