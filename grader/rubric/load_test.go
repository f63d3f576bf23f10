package rubric

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tpgrade/tpgrade/grader/i18n"
)

var update = flag.Bool("update", false, "rewrite testdata/err/*.out from the loader's output")

// TestErrCorpus loads every testdata/err/*.yaml and compares the errors,
// one "file:line:col: message" per line, with the .out file beside it.
func TestErrCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/err/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no error corpus: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Parse(filepath.Base(path), src, testKinds)
			if err == nil {
				t.Fatalf("loaded without error: %+v", r)
			}
			if r != nil {
				t.Errorf("a rubric with errors was returned")
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, want ErrorList", err)
			}
			got := err.Error() + "\n"
			golden := strings.TrimSuffix(path, ".yaml") + ".out"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("errors differ from %s (-want +got):\n%s", golden, diff)
			}
			checkPositions(t, src, list)
		})
	}
}

// checkPositions asserts that errors are sorted and inside the file.
func checkPositions(t *testing.T, src []byte, list ErrorList) {
	t.Helper()
	lines := len(splitLines(src))
	for i, e := range list {
		if e.Line < 1 || e.Line > lines+1 || e.Col < 1 {
			t.Errorf("error outside the file (%d lines): %v", lines, e)
		}
		if i > 0 {
			p := list[i-1]
			if p.Line > e.Line || (p.Line == e.Line && p.Col > e.Col) {
				t.Errorf("errors not sorted: %v before %v", p, e)
			}
		}
	}
}

// TestOKCorpus loads every testdata/ok/*.yaml without error.
func TestOKCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/ok/*.yaml")
	if len(files) == 0 {
		t.Fatal("no ok corpus")
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Parse(path, src, testKinds)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if len(r.Criteria) == 0 {
			t.Errorf("%s: no criteria", path)
		}
		for _, c := range r.Criteria {
			if c.Check == nil || c.Line == 0 || c.Col == 0 {
				t.Errorf("%s: criterion %q: check %v at %d:%d", path, c.ID, c.Check, c.Line, c.Col)
			}
		}
	}
}

func loadFull(t *testing.T) *Rubric {
	t.Helper()
	src, err := os.ReadFile("testdata/ok/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse("full.yaml", src, testKinds)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestParseFillsEverything(t *testing.T) {
	r := loadFull(t)
	src, _ := os.ReadFile("testdata/ok/full.yaml")
	sum := sha256.Sum256(src)
	if r.Hash != hex.EncodeToString(sum[:]) || r.Name != "full.yaml" || string(r.Source) != string(src) {
		t.Errorf("hash/name/source not set: %q %q", r.Hash, r.Name)
	}
	if r.ID != "docker-tp1" || r.Lang != i18n.FR || r.Scale != 20*Unit || r.Pass != 10*Unit || r.Total != 4*Unit {
		t.Errorf("top level: %+v", r)
	}
	if diff := cmp.Diff(FileNames{"README.md", "RAPPORT.md"}, r.Files); diff != "" {
		t.Errorf("files: %s", diff)
	}
	if !strings.HasPrefix(r.Assignment, "Quel est le rôle") {
		t.Errorf("assignment: %q", r.Assignment)
	}
	if len(r.Criteria) != 4 {
		t.Fatalf("criteria: %d", len(r.Criteria))
	}

	sec := r.Criteria[0]
	if sec.Line != 13 || sec.Col != 5 || sec.AllowsPartial() || sec.Feedback.Missing != Plain("Reprenez le plan demandé : ...") || sec.Why == "" {
		t.Errorf("section criterion: %+v", sec)
	}
	s := sec.Check.(*testSection)
	if diff := cmp.Diff(&testSection{Names: NamesOf("Docker service", "Service Docker"), Level: 2, Match: "exact", MinWords: 20}, s); diff != "" {
		t.Errorf("section keys: %s", diff)
	}

	tab := r.Criteria[1]
	if tab.Points != 150 || tab.Feedback.Pass != Plain("Parfait.") || tab.Feedback.Partial.IsZero() || tab.Feedback.Fail.IsZero() || !tab.Feedback.Missing.IsZero() {
		t.Errorf("table criterion: %+v", tab)
	}
	tc := tab.Check.(*testTable)
	if len(tc.Columns) != 2 || len(tc.Columns[0]) != 2 || tc.Columns[1][0].Text != "Server" {
		t.Errorf("columns: %v", tc.Columns)
	}
	if len(tc.Rows) != 2 || tc.Rows[0].Key[1].Text != "Pilote de stockage" || tc.Rows[1].Label != Plain("la mémoire") {
		t.Errorf("rows: %+v", tc.Rows)
	}
	if !tc.Rows[0].Value.Regex.MatchString("OVERLAY2") || tc.Rows[0].Value.Regex.MatchString("overlay 2") {
		t.Errorf("regex %q does not match case-insensitively", tc.Rows[0].Value.Regex)
	}
	if n := tc.Rows[1].Value.Number; n == nil || *n.Min != 0.5 || *n.Max != 256 {
		t.Errorf("number range: %+v", n)
	}

	v := r.Criteria[2].Check.(*testVersion)
	if diff := cmp.Diff([]string{"server", "client"}, v.Values.Names()); diff != "" {
		t.Errorf("named values lost their order: %s", diff)
	}
	client, ok := v.Values.Get("client")
	if !ok || client.Constraint != ">= 20.10" || client.Key[0].Text != "Client Version" {
		t.Errorf("client: %+v", client)
	}
	if _, ok := v.Values.Get("nobody"); ok {
		t.Error("Get found a name that is not there")
	}
	if v.Values[0].Line != 43 || v.Values[0].Col != 7 {
		t.Errorf("position of server: %d:%d", v.Values[0].Line, v.Values[0].Col)
	}
	if v.Ratio != 0.5 || v.Strict == nil || !*v.Strict || len(v.Equal) != 1 {
		t.Errorf("version: %+v", v)
	}

	pen := r.Criteria[3]
	if pen.Penalty != 200 || pen.Points != 0 || pen.Check.(*testPlaceholder).Per != 50 {
		t.Errorf("placeholder: %+v", pen)
	}
	if r.MaxPoints() != 400 {
		t.Errorf("max points %s", r.MaxPoints())
	}
}

func TestDefaults(t *testing.T) {
	r, err := Parse("m.yaml", []byte("id: tp\ncriteria:\n  - {id: a, kind: section, points: 1, names: A}\n"), testKinds)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(FileNames{"README.md"}, r.Files); diff != "" {
		t.Errorf("default files: %s", diff)
	}
	if r.Lang != "" || r.Scale != r.MaxPoints() || r.Pass != r.Scale.Fraction(1, 2) || !r.Criteria[0].AllowsPartial() {
		t.Errorf("defaults: %+v", r)
	}
	// The default is a copy: changing one rubric's files leaves the next alone.
	r.Files[0] = "X.md"
	if DefaultFiles[0] != "README.md" {
		t.Error("DefaultFiles shared with a rubric")
	}
}

func TestAliasesAreFollowed(t *testing.T) {
	src, _ := os.ReadFile("testdata/ok/aliases.yaml")
	r, err := Parse("aliases.yaml", src, testKinds)
	if err != nil {
		t.Fatal(err)
	}
	b := r.Criteria[1]
	if diff := cmp.Diff(NamesOf("Introduction", "Intro"), b.Check.(*testSection).Names); diff != "" || b.Feedback.Fail != Plain("Missing.") {
		t.Errorf("aliased values: %s %+v", diff, b.Feedback)
	}
}

// TestAliasBombIsStopped feeds a list of 300 aliases of a list of 300
// names: the loader must stop with one error rather than walk 90,000 nodes
// (with deeper kinds, nested aliases grow exponentially).
func TestAliasBombIsStopped(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: bomb\ncriteria:\n  - id: a\n    kind: version\n    points: 1\n    values: {a: {key: A}}\n    equal:\n      - &big [")
	for i := 0; i < 300; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("a")
	}
	b.WriteString("]\n")
	for i := 1; i < 300; i++ {
		b.WriteString("      - *big\n")
	}
	_, err := Parse("bomb.yaml", []byte(b.String()), testKinds)
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 || !strings.Contains(list[0].Msg, "too many values") {
		t.Fatalf("alias bomb: %v", err)
	}
}

func TestErrorListFormat(t *testing.T) {
	l := ErrorList{{File: "r.yaml", Line: 3, Col: 7, Msg: "b"}, {File: "r.yaml", Line: 1, Col: 2, Msg: "a"}, {File: "r.yaml", Line: 1, Col: 2, Msg: "a"}, {File: "r.yaml", Msg: "whole"}}
	got := l.sorted().Error()
	want := "r.yaml: whole\nr.yaml:1:2: a\nr.yaml:3:7: b"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if (ErrorList{}).Err() != nil {
		t.Error("empty list is an error")
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"id", "title", "kind", "key", "points", "penalty", "columns", "min_words"}
	for word, want := range map[string]string{
		"colums": "columns", "titre": "title", "Points": "points", "minwords": "min_words",
		"penalite": "penalty", "in": "id", "xy": "", "zzzzzz": "", "kye": "key", "pionts": "points",
	} {
		if got := suggest(word, keys); got != want {
			t.Errorf("suggest(%q) = %q, want %q", word, got, want)
		}
	}
}

// A kind's own validation is reported with the other errors of the rubric,
// at the key it is about.
func TestKindValidationWithOtherErrors(t *testing.T) {
	src := "id: tp\ncriteria:\n  - id: a\n    kind: table\n    pionts: 1\n    in: [Intro]\n    columns: [a, b, c, d]\n"
	_, err := Parse("r.yaml", []byte(src), testKinds)
	want := []string{
		`r.yaml:5:5: unknown key "pionts" (did you mean "points"?)`,
		`r.yaml:7:14: at most 3 columns (got 4)`,
	}
	if err == nil {
		t.Fatal("no error")
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("errors lack %q:\n%v", w, err)
		}
	}
}
