package rubric

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse: whatever the bytes, Parse returns a rubric or errors, never
// panics (its recover would say "a bug in tpgrade"), and every error is
// inside the file.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.yaml")
	for _, path := range files {
		if src, err := os.ReadFile(path); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{
		"", "~", "[]", "id: x", "id: x\ncriteria: [{}]", "a: &a [*a]\nid: *a",
		"id: x\ncriteria:\n  - {id: a, kind: section, points: 1e400, names: A}",
		"id: x\ncriteria:\n  - {id: a, kind: version, points: 1, values: {a: {key: A}}, equal: [[a, b]]}",
		"id: x\ncriteria:\n  - {id: a, kind: table, points: 1, rows: [{key: A, value: {regex: '(?i'}}]}",
		"id: x\ncriteria:\n  - {id: a, kind: section, bonus: 1, names: [{regex: 'a(b', expected: x}, \"...\", {regx: a}, *n]}",
		"--- !!map\n? [a]\n: b\n", "id: !!binary aGVsbG8=\n", "\ufeffid: x\n", "id: x\r\ncriteria: 1\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		r, err := Parse("f.yaml", src, testKinds)
		if (r == nil) == (err == nil) {
			t.Fatalf("rubric %v and error %v", r, err)
		}
		if err == nil {
			for _, c := range r.Criteria {
				if c == nil || c.Check == nil || c.ID == "" {
					t.Fatalf("incomplete criterion in a clean rubric: %+v", c)
				}
			}
			if len(r.Hash) != 64 || len(r.Files) == 0 {
				t.Fatalf("hash %q files %v", r.Hash, r.Files)
			}
			return
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error %T %v is not a non-empty ErrorList", err, err)
		}
		lines := len(splitLines(src))
		for _, e := range list {
			if strings.Contains(e.Msg, "a bug in tpgrade") {
				t.Fatalf("internal error: %v", e)
			}
			if e.Line < 1 || e.Line > lines+1 || e.Col < 1 {
				t.Fatalf("error outside the file (%d lines): %v", lines, e)
			}
		}
	})
}
