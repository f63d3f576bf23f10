package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader"
)

// TestInitPinCoversIncludedFiles: the pin init writes is the rubric's hash
// with the files it includes, the one the Action compares, not the sha256
// of the rubric file alone.
func TestInitPinCoversIncludedFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"grading/rubric.yaml":       "id: lab\ninclude: [shared/intro.yaml]\ncriteria:\n  - {id: ping, kind: command, points: 1, commands: [ping]}\n",
		"grading/shared/intro.yaml": "criteria:\n  - {id: intro, kind: section, points: 1, names: [Introduction]}\n",
	}
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env, _, errb := initEnv(t)
	if code := Main(context.Background(), []string{"init", dir, "--rubric", "grading/rubric.yaml"}, env); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	wf, err := os.ReadFile(filepath.Join(dir, WorkflowPath))
	if err != nil {
		t.Fatal(err)
	}
	r, err := grader.LoadRubric(filepath.Join(dir, "grading", "rubric.yaml"), os.ReadFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Included) != 1 || !strings.Contains(string(wf), "rubric-sha256: '"+r.Hash+"'") {
		t.Errorf("pin is not %s (with %v):\n%s", r.Hash, r.Included, wf)
	}
}
