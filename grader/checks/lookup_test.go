package checks

import (
	"fmt"
	"os"
	"testing"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// parseMD parses a Markdown report for a test.
func parseMD(t *testing.T, md string) *document.Document {
	t.Helper()
	doc, err := document.Parse("report.md", []byte(md), document.Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return doc
}

// reference is the real student report the project started from.
func reference(t *testing.T) *document.Document {
	t.Helper()
	raw, err := os.ReadFile("testdata/premier-tp-docker-report.md")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := document.Parse("premier-tp-docker-report.md", raw, document.Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return doc
}

// names builds rubric.Names.
func names(ns ...string) rubric.Names { return rubric.NamesOf(ns...) }

func TestLookupFind(t *testing.T) {
	md := "# Docker\n\n" + // 1
		"```\n" + // 3
		"Client: Docker Engine - Community\n" + // 4
		" Version:           27.3.1\n" + // 5
		"Server: Docker Engine - Community\n" + // 6
		" Engine:\n" + // 7
		"  Version:          26.1.0\n" + // 8
		" containerd:\n" + // 9
		"  Version:          1.7.22\n" + // 10
		" Storage Driver: overlay2\n" + // 11
		"```\n\n" + // 12
		"## Serveur\n\n" + // 14
		"| Clé | Valeur |\n" + // 16
		"|---|---|\n" +
		"| **Pilote de stockage** | btrfs |\n" + // 18
		"| Version | 26.1.0 |\n" + // 19
		"| Storage Driver | |\n" // 20
	doc := parseMD(t, md)
	tests := []struct {
		name   string
		l      Lookup
		usable func(string) bool
		at     string // "" when not found
		value  string
	}{
		{"table before output", Lookup{Key: names("Storage Driver", "Pilote de stockage")}, nil, "18:28", "btrfs"},
		{"empty value loses to a filled one", Lookup{Key: names("Storage Driver")}, nil, "11:18", "overlay2"},
		{"enclosing output key as context", Lookup{Key: names("Version"), Context: names("client")}, isVersion, "5:21", "27.3.1"},
		{"usable value first", Lookup{Key: names("Client", "Version"), Context: names("client")}, isVersion, "5:21", "27.3.1"},
		{"nested context", Lookup{Key: names("Version"), Context: names("containerd")}, isVersion, "10:21", "1.7.22"},
		{"section title as context", Lookup{Key: names("Version"), Context: names("serveur")}, isVersion, "19:13", "26.1.0"},
		{"in: a section", Lookup{Key: names("Storage Driver"), In: names("Serveur")}, nil, "20:20", ""},
		{"in: no such section", Lookup{Key: names("Storage Driver"), In: names("Stockage")}, nil, "", ""},
		{"context nowhere", Lookup{Key: names("Storage Driver"), Context: names("client")}, nil, "", ""},
		{"accents and case folded", Lookup{Key: names("PILOTE DE STOCKAGE")}, nil, "18:28", "btrfs"},
		{"no such key", Lookup{Key: names("Cgroup Driver")}, nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expectFound(t, doc, tt.l, tt.usable, false, tt.at, tt.value)
		})
	}
}

// expectFound looks l up in doc and checks where and what it found; at is
// "line:col", or "" when nothing must be found.
func expectFound(t *testing.T, doc *document.Document, l Lookup, usable func(string) bool, prose bool, at, value string) {
	t.Helper()
	f, _ := l.find(doc, nil, usable, prose)
	if f == nil {
		if at != "" {
			t.Fatalf("not found, want %s %q", at, value)
		}
		return
	}
	p := doc.Pos(f.Span.Start)
	if got := fmt.Sprintf("%d:%d", p.Line, p.Col); got != at || f.Value != value {
		t.Errorf("found %s %q, want %s %q", got, f.Value, at, value)
	}
}

func TestLookupAliasOrder(t *testing.T) {
	// In the reference report, "Version" under "Docker Engine" (the client)
	// matches the server's context "engine" too; the teacher's specific
	// alias "Server Version" must win over the bare "Version".
	doc := reference(t)
	l := Lookup{Key: names("Server Version", "Version du serveur", "Version"), Context: names("server", "serveur", "engine")}
	f, _ := l.find(doc, nil, isVersion, true)
	if f == nil || f.Key != "Server Version" {
		t.Fatalf("found %+v, want the Server Version row", f)
	}
	if p := doc.Pos(f.Span.Start); p.Line != 27 {
		t.Errorf("found at line %d, want 27", p.Line)
	}
}

// TestDataKindsDegenerate grades checks built in Go without validation, with
// missing keys and empty lists: no panic, and the credit stays in range.
func TestDataKindsDegenerate(t *testing.T) {
	docs := []*document.Document{
		reference(t),
		parseMD(t, "x"),
		parseMD(t, "| |\n|-|\n\n<table></table>\n\n```\n:\n a:\n  :\n```\n"),
	}
	checks := []rubric.Check{
		&Section{}, &Section{Names: names(""), Level: 9},
		&Table{}, &Table{Columns: []rubric.Names{nil, {}}, Rows: []TableRow{{}, {Key: names("")}}},
		&Fact{}, &Fact{Values: []FactValue{{}}, OutputShare: OutputShare{FromOutput: num(0.5)}},
		&Version{}, &Version{Values: rubric.Named[VersionValue]{{}}, Equal: [][]string{{}, {"a"}, {"x", "y"}}},
		&Relation{}, &Relation{Values: rubric.Named[Lookup]{{Name: "a"}}, Expect: []Expression{{}, {Source: "a >"}, {Source: "a == b"}}},
	}
	for _, doc := range docs {
		for _, c := range checks {
			out := c.Grade(doc, &rubric.Env{})
			if out.Met < 0 || out.Met > out.Of {
				t.Errorf("%T graded %d/%d", c, out.Met, out.Of)
			}
			for _, f := range out.Findings {
				if f.Span.Start < 0 || f.Span.End > len(doc.Text) {
					t.Errorf("%T: finding outside the text: %v", c, f.Span)
				}
			}
		}
	}
}
