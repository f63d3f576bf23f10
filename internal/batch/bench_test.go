package batch_test

import (
	"context"
	"testing"
	"time"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/internal/batch"
	"github.com/tpgrade/tpgrade/internal/githubtest"
)

// BenchmarkBatch300 grades a 300-student organisation against the fake API
// answering every request in 20 ms, at the default concurrency, with the
// bundled docker-tp1 rubric. Each iteration is a first pass into a fresh
// folder; a second pass over the same folder must fetch no report. It
// reports requests per student on both passes.
func BenchmarkBatch300(b *testing.B) {
	r, err := grader.LoadRubric("docker-tp1", nil)
	if err != nil {
		b.Fatalf("docker-tp1: %v", err)
	}
	h := harnessFor(b, r, 300)
	h.org.Faults = githubtest.Faults{Latency: 20 * time.Millisecond}
	var first, second githubtest.OrgStats
	var elapsed time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out := b.TempDir()
		h.org.ResetStats()
		start := time.Now()
		if _, err := batch.Run(context.Background(), h.options(out)); err != nil {
			b.Fatal(err)
		}
		elapsed = time.Since(start)
		first = h.org.Stats()
		b.StopTimer()
		h.org.ResetStats()
		if _, err := batch.Run(context.Background(), h.options(out)); err != nil {
			b.Fatal(err)
		}
		second = h.org.Stats()
		b.StartTimer()
	}
	b.StopTimer()
	if elapsed > 15*time.Second {
		b.Errorf("first pass took %v, want under 15s", elapsed)
	}
	pages := 4
	if per := float64(first.Requests-pages) / 300; per > 2.2 {
		b.Errorf("%.2f requests per student on a first pass", per)
	}
	if n := second.ByKind["contents"]; n != 0 {
		b.Errorf("second pass downloaded %d reports", n)
	}
	b.ReportMetric(float64(first.Requests), "requests/pass1")
	b.ReportMetric(float64(first.Requests-pages)/300, "requests/student")
	b.ReportMetric(float64(second.Requests), "requests/pass2")
	b.ReportMetric(float64(second.NotModified), "304s/pass2")
	b.ReportMetric(float64(second.ByKind["contents"]), "reports/pass2")
}
