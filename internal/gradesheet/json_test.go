package gradesheet

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/tpgrade/tpgrade/grader/rubric"
	"github.com/tpgrade/tpgrade/internal/similarity"
)

// results.json keeps what students and rosters wrote as it is once decoded,
// but holds no bidi override or C1 control raw.
func TestResultsJSONEscapesBidiAndC1Controls(t *testing.T) {
	hidden := "\u202Etxt.exe \u2066x\u2069 \u200E\u200F\u061C \u0085\u009b"
	r := &rubric.Rubric{ID: "lab", Title: rubric.Plain("Lab " + hidden), Scale: 20 * rubric.Unit,
		Criteria: []*rubric.Criterion{{ID: "c", Title: rubric.Plain("C " + hidden), Points: rubric.Unit}}}
	res := []*Result{{Login: "alice", Identifier: "id" + hidden, Flags: []Flag{FlagError}, Error: "fetching: " + hidden}}
	c := Class{Rubric: r, Assignment: Assignment{Name: "TP " + hidden}, Results: res,
		Pairs: []similarity.Pair{{A: "alice", B: "bob" + hidden}}}
	b, err := resultsJSON(c, Summarise(res))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range hidden {
		if bad >= 0x80 && bytes.ContainsRune(b, bad) {
			t.Errorf("U+%04X is raw in results.json", bad)
		}
	}
	var back Results
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Assignment.Name != "TP "+hidden || back.Rubric.Title != "Lab "+hidden || back.Rubric.Criteria[0].Title != "C "+hidden ||
		back.Students[0].Identifier != res[0].Identifier || back.Students[0].Error != res[0].Error || back.Similar[0].B != "bob"+hidden {
		t.Errorf("decoded differently: %+v", back)
	}
}
