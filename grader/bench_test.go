package grader_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/tpgrade/tpgrade/grader"
)

// BenchmarkGradeExample is parse + every check of the default rubric on the
// reference report. Target: under 1 ms per op on one core (-cpu 1).
func BenchmarkGradeExample(b *testing.B) {
	r := loadDefault(b)
	raw, err := os.ReadFile(filepath.Join(fixtureDir, "example.md"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		grader.GradeBytes("example.md", raw, r, grader.Options{})
	}
}

// BenchmarkGrade1MiB grades a 1 MiB report made of the fixtures repeated.
// Target: under 100 ms per op.
func BenchmarkGrade1MiB(b *testing.B) {
	r := loadDefault(b)
	paths, _ := filepath.Glob(filepath.Join(fixtureDir, "complete-*.md"))
	var buf bytes.Buffer
	for buf.Len() < 1<<20 {
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			buf.Write(data)
			buf.WriteString("\n\n")
		}
	}
	raw := buf.Bytes()[:1<<20]
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		rep, _ := grader.GradeBytes("big.md", raw, r, grader.Options{MaxBytes: 2 << 20})
		if !rep.Usable {
			b.Fatal("1 MiB report refused")
		}
	}
}
