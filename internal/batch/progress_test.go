package batch

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/tpgrade/tpgrade/internal/gradesheet"
)

func TestLineProgress(t *testing.T) {
	now := time.Unix(1e9, 0)
	clock := Clock{Now: func() time.Time { return now }}
	var buf bytes.Buffer
	p := NewProgress(&buf, false, clock)
	p.Start(20, 4)
	for i := 0; i < 16; i++ {
		now = now.Add(time.Second)
		r := &gradesheet.Result{Flags: []gradesheet.Flag{}}
		if i == 3 {
			r.Flags = []gradesheet.Flag{gradesheet.FlagError}
		}
		p.Done(r)
	}
	p.Finish()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if lines[0] != "resuming: 4 of 20 students already graded" {
		t.Errorf("first line %q", lines[0])
	}
	// A line at every tenth (6 of them past the 4 resumed: 6, 8, ..., 20).
	if len(lines) != 1+8 {
		t.Errorf("%d lines:\n%s", len(lines), buf.String())
	}
	// After 2 new students in 2 s, 14 left at 1 s each.
	if lines[1] != "graded 6/20 (2 missing, 0 errors), about 14s left" {
		t.Errorf("second line %q", lines[1])
	}
	if last := lines[len(lines)-1]; last != "graded 20/20 (15 missing, 1 errors)" {
		t.Errorf("last line %q", last)
	}
}

func TestBarProgress(t *testing.T) {
	var buf bytes.Buffer
	p := &barProgress{w: &buf} // redraw at every step
	p.Start(3, 1)
	p.Done(&gradesheet.Result{Flags: []gradesheet.Flag{gradesheet.FlagError}})
	p.Done(&gradesheet.Result{Flags: []gradesheet.Flag{}})
	p.Finish()
	if !strings.Contains(buf.String(), "(1 missing, 1 errors)") || !strings.Contains(buf.String(), "(2/3)") {
		t.Errorf("bar output %q", buf.String())
	}
}
