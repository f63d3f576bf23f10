package grader_test

import (
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
