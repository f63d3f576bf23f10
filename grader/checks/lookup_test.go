package checks

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
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

// want is a finding a test expects: where ("line:col"), how severe, and a
// fragment of the English message.
type want struct {
	at   string
	sev  rubric.Severity
	text string
}

// grade runs a check and checks what every finding must be whatever the
// kind: inside the text, and written in both languages.
func grade(t *testing.T, c rubric.Check, doc *document.Document) rubric.Outcome {
	t.Helper()
	out := credited(c, c.Grade(doc, &rubric.Env{}))
	checkCredited(t, out)
	if out.Of <= 0 || out.Met < 0 || out.Met > out.Of {
		t.Errorf("outcome %d/%d is out of range", out.Met, out.Of)
	}
	for _, f := range out.Findings {
		if f.Span.Start < 0 || f.Span.End < f.Span.Start || f.Span.End > len(doc.Text) {
			t.Errorf("finding %q has span %v outside the text (%d bytes)", f.Message.EN, f.Span, len(doc.Text))
		}
		if f.Message.EN == "" || f.Message.FR == "" || f.Message.EN == f.Message.FR {
			t.Errorf("finding is not in both languages: %+v", f.Message)
		}
		if strings.Contains(f.Message.EN+f.Message.FR, "%!") {
			t.Errorf("finding has a formatting error: %+v", f.Message)
		}
	}
	return out
}

// credited fills Met and Of from an outcome's parts as the engine counts
// them, disputes aside: a met part earns its shares, a part read only from
// output the check's from_output share of them.
func credited(c rubric.Check, out rubric.Outcome) rubric.Outcome {
	if len(out.Parts) == 0 {
		return out
	}
	unit := 1
	if _, ok := c.(*Fact); ok {
		unit = 100 // fact's cases were written in hundredths of a share
	}
	raw := 100
	if rs, ok := c.(rubric.RawShare); ok {
		raw = rs.RawShare()
	}
	out.Met, out.Of = 0, 0
	for _, p := range out.Parts {
		out.Of += p.Shares() * unit
		switch {
		case !p.Met:
		case p.Raw:
			out.Met += p.Shares() * raw * unit / 100
		default:
			out.Met += p.Shares() * unit
		}
	}
	return out
}

// expect compares an outcome with the expected credit and findings, in order.
// kindCase is one table-driven case of a data kind: a report, the check,
// the credit and the findings expected.
type kindCase[C interface {
	rubric.Check
	rubric.Validator
}] struct {
	name     string
	md       string
	c        C
	met, of  int
	findings []want
}

// runKindCases validates each case's check as the loader would, grades the
// report and compares.
func runKindCases[C interface {
	rubric.Check
	rubric.Validator
}](t *testing.T, cases []kindCase[C]) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.c.Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
			doc := parseMD(t, tt.md)
			out := grade(t, tt.c, doc)
			expect(t, doc, out, tt.met, tt.of, tt.findings...)
		})
	}
}

// checkCredited requires, of an outcome made of values, one finding that
// names what was credited when something was, and none otherwise.
func checkCredited(t *testing.T, out rubric.Outcome) {
	t.Helper()
	var credit []string
	for _, f := range out.Findings {
		if f.Severity == rubric.Info && strings.HasPrefix(f.Message.EN, "credited: ") {
			credit = append(credit, f.Message.EN)
		}
	}
	met := 0
	for _, p := range out.Parts {
		if p.Met {
			met++
			if len(credit) == 1 && !strings.Contains(credit[0], p.Label) {
				t.Errorf("%q is credited but not named in %q", p.Label, credit[0])
			}
		}
	}
	if len(out.Parts) > 0 && (met > 0) != (len(credit) == 1) || len(credit) > 1 {
		t.Errorf("%d parts met, findings naming what was credited: %q", met, credit)
	}
}

// withoutCredited leaves out the finding that names what was credited.
func withoutCredited(fs []rubric.Finding) []rubric.Finding {
	out := fs[:0:0]
	for _, f := range fs {
		if f.Severity != rubric.Info || !strings.HasPrefix(f.Message.EN, "credited: ") {
			out = append(out, f)
		}
	}
	return out
}

func expect(t *testing.T, doc *document.Document, out rubric.Outcome, met, of int, findings ...want) {
	t.Helper()
	out.Findings = withoutCredited(out.Findings)
	if out.Met != met || out.Of != of {
		t.Errorf("credit %d/%d, want %d/%d", out.Met, out.Of, met, of)
	}
	if len(out.Findings) != len(findings) {
		t.Errorf("%d findings, want %d:\n%s", len(out.Findings), len(findings), describeFindings(doc, out.Findings))
		return
	}
	for i, w := range findings {
		f := out.Findings[i]
		p := doc.Pos(f.Span.Start)
		at := fmt.Sprintf("%d:%d", p.Line, p.Col)
		if at != w.at || f.Severity != w.sev || !strings.Contains(f.Message.EN, w.text) {
			t.Errorf("finding %d is %s %s %q, want %s %s containing %q", i, at, f.Severity, f.Message.EN, w.at, w.sev, w.text)
		}
	}
}

func describeFindings(doc *document.Document, fs []rubric.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		p := doc.Pos(f.Span.Start)
		fmt.Fprintf(&b, "  %d:%d %s %s | %s\n", p.Line, p.Col, f.Severity, f.Message.EN, f.Message.FR)
	}
	return b.String()
}

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

func TestLookupNotFound(t *testing.T) {
	doc := parseMD(t, "# Intro\n\ntext\n\n## Serveur\n\nrien\n")
	tests := []struct {
		l      Lookup
		at, en string
		fr     string
	}{
		{Lookup{Key: names("Storage Driver")}, "1:1", `"Storage Driver" not found: give it in a table row or a line "Storage Driver: value"`, "« Storage Driver » introuvable"},
		{Lookup{Key: names("Version"), Context: names("server", "serveur"), Label: rubric.Plain("server version")}, "1:1", `"server version" not found about "server" or "serveur"`, "pour « server » ou « serveur »"},
		{Lookup{Key: names("Version"), In: names("Serveur")}, "5:1", `"Version" not found: give it`, "« Version » introuvable"},
		{Lookup{Key: names("Version"), In: names("Stockage", "Storage")}, "1:1", `the report has no section titled "Stockage" or "Storage"`, "section intitulée « Stockage » ou « Storage »"},
	}
	for _, tt := range tests {
		_, sc := tt.l.find(doc, nil, nil, false)
		f := tt.l.notFound(sc, i18n.EN)
		p := doc.Pos(f.Span.Start)
		if at := fmt.Sprintf("%d:%d", p.Line, p.Col); at != tt.at || f.Severity != rubric.Error ||
			!strings.Contains(f.Message.EN, tt.en) || !strings.Contains(f.Message.FR, tt.fr) {
			t.Errorf("notFound = %s %s %+v, want %s %q / %q", at, f.Severity, f.Message, tt.at, tt.en, tt.fr)
		}
	}
}

func TestLookupValidate(t *testing.T) {
	if err := (&Lookup{}).Validate(); err == nil {
		t.Error("a lookup without a key was accepted")
	}
	if err := (&Lookup{Key: names("---")}).Validate(); err == nil {
		t.Error("a key with nothing to match was accepted")
	}
	if err := (&Lookup{Key: names("Storage Driver")}).Validate(); err != nil {
		t.Errorf("a good lookup was refused: %v", err)
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
