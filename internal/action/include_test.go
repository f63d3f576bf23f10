package action

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// TestPinCoversIncludedFiles: a rubric of the student's repository that
// includes a file is pinned by the hash `tpgrade rubric hash` prints, which
// covers the included file: a student who edits that file is refused, and
// an include that leaves the repository is refused.
func TestPinCoversIncludedFiles(t *testing.T) {
	f := newFakeChecks(t)
	j := newJob(t, f, "good.md")
	j.env["GITHUB_ACTION_PATH"] = t.TempDir()
	main := "id: lab-test\nlang: en\ninclude: [parts/intro.yaml]\ncriteria:\n  - {id: driver, kind: table, points: 2, rows: [{key: Storage Driver}]}\n"
	part := "criteria:\n  - {id: intro, kind: section, points: 2, names: [Introduction]}\n"
	write := func(name, src string) {
		p := filepath.Join(j.ws, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("tp/rubric.yaml", main)
	write("tp/parts/intro.yaml", part)
	r, err := grader.LoadRubric(filepath.Join(j.ws, "tp/rubric.yaml"), os.ReadFile)
	if err != nil {
		t.Fatal(err)
	}
	if r.Hash == rubric.HashOf([]byte(main)) || len(r.Criteria) != 2 {
		t.Fatalf("hash %s covers the rubric alone, or %d criteria", r.Hash, len(r.Criteria))
	}

	j.env["INPUT_RUBRIC"] = "tp/rubric.yaml"
	if _, err := j.run(); err == nil || !strings.Contains(err.Error(), "rubric-sha256: "+r.Hash) {
		t.Errorf("unpinned: %v, want the hash of both files to pin", err)
	}
	j.env["INPUT_RUBRIC_SHA256"] = r.Hash
	res, err := j.run()
	if err != nil || res.Report.RubricHash != r.Hash || len(res.Report.Criteria) != 2 {
		t.Fatalf("pinned: %v %+v", err, res)
	}

	// The student makes the included criterion worthless: refused.
	write("tp/parts/intro.yaml", strings.Replace(part, "points: 2", "points: 0", 1))
	if _, err := j.run(); err == nil || !strings.Contains(err.Error(), "refusing to grade") {
		t.Errorf("edited included file: %v", err)
	}

	// An include that leaves the repository is not read, relative or not.
	for _, ref := range []string{"../../outside.yaml", "/etc/passwd"} {
		write("tp/rubric.yaml", strings.Replace(main, "parts/intro.yaml", ref, 1))
		if _, err := j.run(); err == nil || !strings.Contains(err.Error(), "must be inside") || strings.Contains(err.Error(), "root:") {
			t.Errorf("include %s: %v", ref, err)
		}
	}
}
