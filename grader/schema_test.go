package grader_test

import (
	"bytes"
	"flag"
	"os"
	"testing"

	tpgrade "github.com/tpgrade/tpgrade"
	"github.com/tpgrade/tpgrade/grader/checks"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// The -update flag is shared with the other golden tests of this package:
// it is defined here only when no other test file defines it.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestSchemaIsCurrent keeps the shipped rubrics/rubric.schema.json equal to
// what the kinds table generates: a new key in a check kind must reach
// teachers' editors. Run `go test ./grader -run Schema -update` to refresh.
func TestSchemaIsCurrent(t *testing.T) {
	want, err := rubric.Schema(checks.Kinds)
	if err != nil {
		t.Fatal(err)
	}
	const path = "../rubrics/rubric.schema.json"
	if updating() {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date: run go test ./grader -run Schema -update", path)
	}
	embedded, err := tpgrade.Rubrics.ReadFile("rubrics/rubric.schema.json")
	if err != nil || !bytes.Equal(embedded, got) {
		t.Errorf("the binary does not embed the current schema: %v", err)
	}
}
