package grader_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// TestGradeConcurrently grades 50 reports at once with one loaded rubric
// per lab, as `tpgrade grade DIR/*.md` and batch grading do, and wants
// every result identical to the same report graded alone. Run with -race:
// a check that writes to the rubric (a cache filled on first use, a slice
// appended to) is a data race there even when the scores come out right.
func TestGradeConcurrently(t *testing.T) {
	type job struct {
		r    *rubric.Rubric
		name string
		raw  []byte
		lang i18n.Lang
		want string
	}
	tp1 := loadDefault(t)
	tp2r := loadDockerTP2(t)
	var reports []job
	for _, set := range []struct {
		r    *rubric.Rubric
		glob string
	}{
		{tp1, filepath.Join(fixtureDir, "*.md")},
		{tp1, filepath.Join(fixtureDir, "copies", "*.md")},
		{tp1, filepath.Join(fixtureDir, "holdout", "*.md")},
		{tp2r, filepath.Join(tp2, "*.md")},
	} {
		paths, _ := filepath.Glob(set.glob)
		for _, p := range paths {
			if filepath.Base(p) == "README.md" {
				continue
			}
			raw, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			reports = append(reports, job{r: set.r, name: p, raw: raw})
		}
	}
	if len(reports) < 25 {
		t.Fatalf("only %d fixture reports", len(reports))
	}
	// 50 jobs: every report, in French and in English, until there are 50.
	var jobs []job
	for i := 0; len(jobs) < 50; i++ {
		j := reports[i%len(reports)]
		if i/len(reports)%2 == 1 {
			j.lang = i18n.EN
		}
		rep, _ := grader.GradeBytes(j.name, j.raw, j.r, grader.Options{Lang: j.lang})
		j.want = summary(rep)
		jobs = append(jobs, j)
	}
	got := make([]string, len(jobs))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, j := range jobs {
		wg.Go(func() {
			<-start
			rep, _ := grader.GradeBytes(j.name, j.raw, j.r, grader.Options{Lang: j.lang})
			got[i] = summary(rep)
		})
	}
	close(start)
	wg.Wait()
	for i, j := range jobs {
		if got[i] != j.want {
			t.Errorf("%s (%s) graded concurrently differs from graded alone:\n--- alone\n%s--- concurrently\n%s", j.name, j.lang, j.want, got[i])
		}
	}
}
