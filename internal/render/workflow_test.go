package render

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

func TestWorkflowCommandEscapes(t *testing.T) {
	got := WorkflowCommand("error", []Property{{"file", "a,b:c.md"}, {"title", "50% done\nnext"}},
		"100% wrong\n::notice title=Autograding complete::Points 20/20\r")
	// The CR is a control character: shown as \x0d, not passed on.
	want := "::error file=a%2Cb%3Ac.md,title=50%25 done%0Anext::100%25 wrong%0A::notice title=Autograding complete::Points 20/20\\x0d\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if strings.Count(got, "\n") != 1 {
		t.Error("a command spans more than one line")
	}
	if got := WorkflowCommand("notice", nil, "x"); got != "::notice::x\n" {
		t.Errorf("no properties: %q", got)
	}
	// The log viewer obeys ANSI sequences: a report's are shown, not run.
	got = WorkflowCommand("warning", []Property{{"title", "\u202Etxt.exe"}}, "\x1b[31mred\x1b[0m \x1b]52;c;aGk=\x07")
	if strings.ContainsAny(got, "\x1b\x07\u202E") || !strings.Contains(got, `\x1b[31mred`) || !strings.Contains(got, "title=U+202Etxt.exe") {
		t.Errorf("control characters passed through: %q", got)
	}
}

func TestVisibleShowsWhatATerminalWouldObey(t *testing.T) {
	for in, want := range map[string]string{
		"plain é\ttab\nline":           "plain é\ttab\nline",
		"\x1b[2J\x1b]52;c;aGk=\x07":    `\x1b[2J\x1b]52;c;aGk=\x07`,
		"del\x7f nul\x00":              `del\x7f nul\x00`,
		"c1 \u009b31m":                 "c1 U+009B31m",
		"rlo \u202Egnp.exe lri \u2066": "rlo U+202Egnp.exe lri U+2066",
		"bad \xff":                     "bad \uFFFD",
	} {
		if got := Visible(in); got != want {
			t.Errorf("Visible(%q) = %q, want %q", in, got, want)
		}
	}
	line, col := visibleAt("a\x1bb\u202Ec", 5) // the caret under the c, after ESC and U+202E
	if line != `a\x1bbU+202Ec` || []rune(line)[col-1] != 'c' {
		t.Errorf("visibleAt = %q, %d", line, col)
	}
}

func TestStopCommandsWrapsAndAlwaysResumes(t *testing.T) {
	var b bytes.Buffer
	err := StopCommands(&b, "T0K3N", func(w io.Writer) error {
		io.WriteString(w, "::notice::student text")
		return errors.New("boom")
	})
	if err == nil || err.Error() != "boom" {
		t.Errorf("err = %v", err)
	}
	if got := b.String(); got != "::stop-commands::T0K3N\n::notice::student text\n::T0K3N::\n" {
		t.Errorf("got %q", got)
	}
	for _, bad := range []string{"", "a:b", "a\nb"} {
		if err := StopCommands(io.Discard, bad, func(io.Writer) error { return nil }); err == nil {
			t.Errorf("token %q accepted", bad)
		}
	}
}

func TestWorkflowAnnotationsRankAndCap(t *testing.T) {
	rep := &grader.Report{File: "README.md", Criteria: []grader.Criterion{{ID: "c", Title: "Crit, one"}}}
	for i := 1; i <= 12; i++ {
		rep.Criteria[0].Findings = append(rep.Criteria[0].Findings,
			grader.Finding{Line: 20 + i, Col: 1, EndLine: 20 + i, EndCol: 5, Severity: rubric.Info, Message: "info", Criterion: "c"})
	}
	rep.Findings = []grader.Finding{
		{Line: 9, Col: 3, EndLine: 11, EndCol: 2, Severity: rubric.Warning, Message: "span", Hint: "fix it"},
		{Line: 0, Col: 0, Severity: rubric.Error, Message: "whole file"},
	}
	var b bytes.Buffer
	written, left, err := WorkflowAnnotations(&b, rep, WorkflowOptions{Path: "docs/R.md", PerLevel: 10})
	if err != nil || written != 12 || left != 2 {
		t.Fatalf("written %d left %d err %v", written, left, err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if lines[0] != "::error file=docs/R.md,line=1,endLine=1::whole file" {
		t.Errorf("first = %q", lines[0])
	}
	if lines[1] != "::warning file=docs/R.md,line=9,endLine=11::span%0A→ fix it" {
		t.Errorf("second = %q (no columns across lines)", lines[1])
	}
	if lines[2] != "::notice file=docs/R.md,line=21,endLine=21,col=1,endColumn=4,title=Crit%2C one::info" {
		t.Errorf("third = %q", lines[2])
	}
}

func TestAnnotationSpan(t *testing.T) {
	cases := []struct {
		f    grader.Finding
		want Span
	}{
		{grader.Finding{Line: 3, Col: 5, EndLine: 3, EndCol: 9}, Span{Line: 3, EndLine: 3, Col: 5, EndCol: 8, Lines: true}},
		{grader.Finding{Line: 3, Col: 5, EndLine: 3, EndCol: 5}, Span{Line: 3, EndLine: 3, Col: 5, EndCol: 5, Lines: true}},
		{grader.Finding{Line: 3, Col: 5, EndLine: 6, EndCol: 2}, Span{Line: 3, EndLine: 6, Lines: true}},
		{grader.Finding{Line: 0, Col: 0}, Span{Line: 1, EndLine: 1, Lines: true}},
		{grader.Finding{Line: 1, Col: 1, EndLine: 1, EndCol: 1, Whole: true}, Span{}},
	}
	for _, c := range cases {
		if got := AnnotationSpan(c.f); got != c.want {
			t.Errorf("AnnotationSpan(%+v) = %+v, want %+v", c.f, got, c.want)
		}
	}
}
