package batch_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/internal/batch"
)

// A journal entry edited by hand (a grade raised) no longer matches its
// checksum: the resumed run grades that student again instead of trusting
// it. Temporary files a killed run left behind are removed.
func TestBatchEditedJournalEntryIsGradedAgain(t *testing.T) {
	h := newHarness(t, 20)
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	opt := h.options(out)
	opt.Concurrency = 1
	opt.Progress = &cancelAfter{n: 10, cancel: cancel}
	if _, err := batch.Run(ctx, opt); !errors.Is(err, batch.ErrInterrupted) {
		t.Fatalf("interrupted run: %v", err)
	}
	journal := filepath.Join(out, ".tpgrade", "students")
	files, _ := filepath.Glob(filepath.Join(journal, "*.json"))
	if len(files) < 2 {
		t.Fatalf("%d journal entries", len(files))
	}
	var edited string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var env struct {
			SHA256 string         `json:"sha256"`
			Data   map[string]any `json:"data"`
		}
		if err := json.Unmarshal(b, &env); err != nil {
			t.Fatal(err)
		}
		res := env.Data["result"].(map[string]any)
		rep, ok := res["report"].(map[string]any)
		if !ok || rep["usable"] != true {
			continue
		}
		rep["points"], rep["grade"], rep["passed"] = 999, 20, true
		edited = res["login"].(string)
		b, _ = json.MarshalIndent(env, "", "  ")
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
		break
	}
	if edited == "" {
		t.Fatal("no graded entry to edit")
	}
	// What a run killed during a write leaves: half-written temporaries.
	leftovers := []string{filepath.Join(journal, ".x.json.tmp-123"), filepath.Join(out, ".grades.csv.tmp-456")}
	for _, f := range leftovers {
		if err := os.WriteFile(f, []byte("{half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	res, err := batch.Run(context.Background(), h.options(out))
	if err != nil {
		t.Fatal(err)
	}
	checkResults(t, h, res.Results) // the edited grade is gone: every grade is the engine's
	if res.Reused == 0 || res.Reused >= 10 {
		t.Errorf("reused %d entries, want the intact ones only", res.Reused)
	}
	if !strings.Contains(h.log.String(), "the journal entry of "+edited+" fails its checksum") {
		t.Errorf("no warning about the edited entry:\n%s", h.log)
	}
	for _, f := range leftovers {
		if _, err := os.Stat(f); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left in place (%v)", f, err)
		}
	}
}
