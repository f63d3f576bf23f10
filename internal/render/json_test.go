package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// hiddenRunes are every character EscapeHidden must escape.
func hiddenRunes() []rune {
	rs := []rune{0x200E, 0x200F, 0x061C}
	for r := rune(0x202A); r <= 0x202E; r++ {
		rs = append(rs, r)
	}
	for r := rune(0x2066); r <= 0x2069; r++ {
		rs = append(rs, r)
	}
	for r := rune(0x80); r <= 0x9f; r++ {
		rs = append(rs, r)
	}
	return rs
}

// carriesHidden reports the first character of hiddenRunes raw in b.
func carriesHidden(b []byte) (rune, bool) {
	for _, r := range hiddenRunes() {
		if bytes.ContainsRune(b, r) {
			return r, true
		}
	}
	return 0, false
}

// A report quoting bidi controls and C1 controls: the JSON decodes to the
// same report, and its bytes hold none of them raw.
func TestJSONEscapesBidiAndC1Controls(t *testing.T) {
	quoted := "exe.\u202Etxt \u2066x\u2069 \u200E\u200F\u061C \u0085\u009b[2J"
	for _, r := range hiddenRunes() {
		quoted += string(r)
	}
	rep := &grader.Report{RubricTitle: "TP \u202Edocker", Usable: true, Findings: []grader.Finding{{
		Line: 3, Col: 2, Severity: rubric.Warning, Message: `value "` + quoted + `" is not a driver`, Hint: "écrivez <overlay2> & co",
	}}}
	var buf bytes.Buffer
	if err := JSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	if r, ok := carriesHidden(raw); ok {
		t.Errorf("U+%04X is raw in the JSON:\n%s", r, raw)
	}
	if !utf8.Valid(raw) || !strings.Contains(buf.String(), `\u202e`) || !strings.Contains(buf.String(), "<overlay2> & co") || !strings.Contains(buf.String(), "écrivez") {
		t.Errorf("escaped too much or too little:\n%s", raw)
	}
	var back grader.Report
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if back.Findings[0].Message != rep.Findings[0].Message || back.RubricTitle != rep.RubricTitle || back.Findings[0].Hint != rep.Findings[0].Hint {
		t.Errorf("decoded %q, %q; want %q, %q", back.Findings[0].Message, back.RubricTitle, rep.Findings[0].Message, rep.RubricTitle)
	}
}

func TestEscapeHiddenLeavesOtherJSONAlone(t *testing.T) {
	for _, js := range []string{`{"a":"b"}`, `["é","日本","\u202e"]`, ``} {
		if got := string(EscapeHidden([]byte(js))); got != js {
			t.Errorf("EscapeHidden(%s) = %s", js, got)
		}
	}
}

// JSONLine is the same object as JSON on one line, hidden characters
// escaped too, and a message's own line breaks escaped inside its string.
func TestJSONLineIsTheSameObjectOnOneLine(t *testing.T) {
	rep := &grader.Report{RubricTitle: "TP \u202Edocker", Usable: true, Passed: true, Findings: []grader.Finding{{
		Line: 3, Col: 2, Severity: rubric.Error, Message: "two\nlines <b> & co",
	}}}
	var line, indented bytes.Buffer
	if err := JSONLine(&line, rep); err != nil {
		t.Fatal(err)
	}
	if err := JSON(&indented, rep); err != nil {
		t.Fatal(err)
	}
	if strings.Count(line.String(), "\n") != 1 || !strings.HasSuffix(line.String(), "}\n") {
		t.Errorf("not one line:\n%s", line.String())
	}
	if _, ok := carriesHidden(line.Bytes()); ok || !strings.Contains(line.String(), "<b> & co") {
		t.Errorf("escaped too much or too little: %s", line.String())
	}
	var a, b bytes.Buffer
	if err := json.Compact(&a, line.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := json.Compact(&b, indented.Bytes()); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("JSONLine and JSON differ:\n%s\n%s", a.String(), b.String())
	}
}
