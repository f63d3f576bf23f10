package gradesheet

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/tpgrade/tpgrade/grader/rubric"
	"github.com/tpgrade/tpgrade/internal/similarity"
)

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"alice":         "alice",
		"=1+2":          "'=1+2",
		"@SUM(A1:A2)":   "'@SUM(A1:A2)",
		"+33612":        "+33612",
		"+33 6 12":      "'+33 6 12",
		"-0.5":          "-0.5",
		"-2+3":          "'-2+3",
		"\tcmd":         "'\tcmd",
		"\r=1":          `'\x0d=1`,
		"x\x1b[2Jy":     `x\x1b[2Jy`,
		"\u202Etxt.exe": "U+202Etxt.exe",
		"":              "",
		"3.14":          "3.14",
		"-":             "'-",
		"a=1":           "a=1",
	} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// results.json keeps what students and rosters wrote as it is once decoded,
// but holds no bidi override or C1 control raw.
func TestResultsJSONEscapesBidiAndC1Controls(t *testing.T) {
	hidden := "\u202Etxt.exe \u2066x\u2069 \u200E\u200F\u061C \u0085\u009b"
	r := &rubric.Rubric{ID: "lab", Title: "Lab " + hidden, Scale: 20 * rubric.Unit,
		Criteria: []*rubric.Criterion{{ID: "c", Title: "C " + hidden, Points: rubric.Unit}}}
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
	if back.Assignment.Name != "TP "+hidden || back.Rubric.Title != r.Title || back.Rubric.Criteria[0].Title != "C "+hidden ||
		back.Students[0].Identifier != res[0].Identifier || back.Students[0].Error != res[0].Error || back.Similar[0].B != "bob"+hidden {
		t.Errorf("decoded differently: %+v", back)
	}
}
