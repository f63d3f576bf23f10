package grader_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

func TestPassDefaultsToHalfTheScale(t *testing.T) {
	cases := map[string]string{
		"id: a\ncriteria:\n  - {id: s, kind: section, points: 3, names: [Intro]}\n":            "1.5",
		"id: a\nscale: 20\ncriteria:\n  - {id: s, kind: section, points: 3, names: [Intro]}\n": "10",
		"id: a\npass: 0\ncriteria:\n  - {id: s, kind: section, points: 3, names: [Intro]}\n":   "0",
	}
	for src, want := range cases {
		r, err := grader.ParseRubric("r.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if r.Pass.String() != want {
			t.Errorf("pass %s, want %s for:\n%s", r.Pass, want, src)
		}
	}
	r, _ := grader.ParseRubric("r.yaml", []byte("id: a\ncriteria:\n  - {id: s, kind: section, points: 3, names: [Intro]}\n"))
	rep, _ := grader.GradeBytes("x.md", []byte("# Autre chose\n\ntexte\n"), r, grader.Options{})
	if rep.Passed || rep.Points != 0 {
		t.Errorf("a report that earns nothing passed a rubric without a pass mark (%s/%s)", rep.Points, rep.MaxPoints)
	}
	if rep.Pass != 150*rubric.Unit/100 {
		t.Errorf("report pass %s", rep.Pass)
	}
}

func TestBundledRubricsLoad(t *testing.T) {
	names := grader.Bundled()
	if len(names) == 0 {
		t.Fatal("no bundled rubric")
	}
	for _, n := range names {
		if _, err := grader.LoadRubric(n, nil); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
	if !grader.IsBundled("docker-tp1") || grader.IsBundled("docker-tp1.yaml") || grader.IsBundled("./docker-tp1") {
		t.Error("IsBundled confuses names and paths")
	}
}

// TestIncludeFromDisk: paths are relative to the including file, bundled
// names come from the binary, whatever folder the rubric is in.
func TestIncludeFromDisk(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("course/tp2.yaml", "id: tp2\ninclude: [../shared/structure.yaml, leftovers]\ncriteria:\n  - {id: ping, kind: command, points: 2, commands: [ping -c 3]}\n")
	write("shared/structure.yaml", "criteria:\n  - {id: intro, kind: section, points: 1, names: [Introduction]}\n")
	r, err := grader.LoadRubric(filepath.Join(dir, "course", "tp2.yaml"), os.ReadFile)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range r.Criteria {
		ids = append(ids, c.ID)
	}
	if strings.Join(ids, ",") != "ping,intro,leftovers" || r.MaxPoints() != 3*rubric.Unit {
		t.Errorf("criteria %v, %s points", ids, r.MaxPoints())
	}
	if len(r.Included) != 2 || r.Included[1] != "include/leftovers.yaml" {
		t.Errorf("included %v", r.Included)
	}

	// An error in an included file is at its place in that file.
	write("shared/structure.yaml", "criteria:\n  - {id: intro, kind: section, points: 1, nmaes: [Introduction]}\n")
	_, err = grader.LoadRubric(filepath.Join(dir, "course", "tp2.yaml"), os.ReadFile)
	want := filepath.Join(dir, "shared", "structure.yaml") + `:2:43: unknown key "nmaes" (did you mean "names"?)`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}

	// A whole rubric is not criteria to include; an unknown name says what
	// is bundled.
	for ref, msg := range map[string]string{
		"docker-tp1": "docker-tp1 is a whole rubric, not criteria to include (bundled criteria to include: leftovers)",
		"leftover":   `no bundled criteria named "leftover" (bundled: leftovers)`,
	} {
		_, err := grader.ParseRubric("r.yaml", []byte("id: a\ninclude: ["+ref+"]\ncriteria:\n  - {id: s, kind: section, points: 1, names: S}\n"))
		if err == nil || !strings.Contains(err.Error(), "r.yaml:2:11: cannot include \""+ref+"\": "+msg) {
			t.Errorf("include %s: %v", ref, err)
		}
	}
}

// TestBundledIncludesLoad: every bundled criteria file can be included,
// and is listed apart from the rubrics.
func TestBundledIncludesLoad(t *testing.T) {
	names := grader.BundledIncludes()
	if len(names) == 0 {
		t.Fatal("no bundled criteria to include")
	}
	for _, n := range names {
		if grader.IsBundled(n) {
			t.Errorf("%s is listed as a rubric", n)
		}
		r, err := grader.ParseRubric("r.yaml", []byte("id: a\ninclude: ["+n+"]\ncriteria:\n  - {id: s, kind: section, points: 1, names: S}\n"))
		if err != nil || len(r.Criteria) < 2 {
			t.Errorf("%s: %v", n, err)
		}
	}
}

// BenchmarkLoadBundledRubric loads docker-tp1 and the file it includes, as
// every grade, Action run and batch does once.
func BenchmarkLoadBundledRubric(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := grader.LoadRubric("docker-tp1", nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRubricSyntaxErrors: the bundled rubric with three texts that
// need quotes near its end, each found, placed and explained.
func BenchmarkRubricSyntaxErrors(b *testing.B) {
	src, _ := grader.BundledSource("docker-tp1")
	lines := strings.Split(string(src), "\n")
	broken := 0
	for i := len(lines) - 1; i > 0 && broken < 3; i-- {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "en: ") && !strings.Contains(lines[i], `"`) {
			lines[i] += " Note: voir"
			broken++
		}
	}
	bad := []byte(strings.Join(lines, "\n"))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, err := grader.ParseRubric("r.yaml", bad)
		if err == nil || strings.Count(err.Error(), "\n") != 2 {
			b.Fatalf("want 3 errors, got %v", err)
		}
	}
}
