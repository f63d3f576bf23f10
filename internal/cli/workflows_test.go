package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOwnWorkflowsLintClean lints tpgrade's own CI and release workflows
// (the release one builds the binaries the action uses) with actionlint.
func TestOwnWorkflowsLintClean(t *testing.T) {
	paths, _ := filepath.Glob("../../.github/workflows/*.yml")
	if len(paths) < 2 {
		t.Fatalf("found %d workflows, want ci.yml and release.yml", len(paths))
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lint(t, filepath.Base(p), src)
	}
}
