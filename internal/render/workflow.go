package render

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// Property is one key=value of a workflow command, such as file=README.md.
type Property struct{ Key, Value string }

// WorkflowCommand formats one GitHub Actions workflow command line, such as
// "::warning file=README.md,line=3::message", escaping the message and the
// property values so that neither can end the line nor start another
// command: whatever a student wrote stays inside this one command, and its
// control characters and bidi overrides are shown (Visible), not passed to
// the log viewer, which obeys ANSI escape sequences.
//
// Why: the runner reads %25 %0D %0A in data and also %3A %2C in properties
// https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions
func WorkflowCommand(name string, props []Property, message string) string {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(name)
	for i, p := range props {
		if i == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteByte(',')
		}
		b.WriteString(p.Key)
		b.WriteByte('=')
		b.WriteString(EscapeProperty(Visible(p.Value)))
	}
	b.WriteString("::")
	b.WriteString(EscapeData(Visible(message)))
	b.WriteByte('\n')
	return b.String()
}

// EscapeData escapes a workflow command's message.
func EscapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// EscapeProperty escapes a workflow command's property value.
func EscapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// StopCommands writes what body writes between ::stop-commands::token and
// ::token::, so that the runner executes none of it: a line of the student's
// report that starts with "::" is shown, not obeyed. token must be random and
// unknown to the student, or they could end the block themselves.
//
// Why: https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#stopping-and-starting-workflow-commands
func StopCommands(w io.Writer, token string, body func(io.Writer) error) error {
	if token == "" || strings.ContainsAny(token, ":\r\n") {
		return fmt.Errorf("stop-commands token %q is empty or contains ':' or a line break", token)
	}
	if _, err := fmt.Fprintf(w, "::stop-commands::%s\n", token); err != nil {
		return err
	}
	berr := body(w)
	// Always resume commands, even when the body failed half way.
	if _, err := fmt.Fprintf(w, "\n::%s::\n", token); err != nil && berr == nil {
		berr = err
	}
	return berr
}

// CommandLevel is the workflow command that shows a finding of a severity.
func CommandLevel(s rubric.Severity) string {
	switch s {
	case rubric.Error:
		return "error"
	case rubric.Warning:
		return "warning"
	}
	return "notice"
}

// RankFindings orders findings by importance for a reader who will not see
// them all: errors, then warnings, then notes, each by line and column.
func RankFindings(fs []grader.Finding) []grader.Finding {
	out := append([]grader.Finding(nil), fs...)
	rank := func(s rubric.Severity) int {
		switch s {
		case rubric.Error:
			return 0
		case rubric.Warning:
			return 1
		}
		return 2
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if rank(a.Severity) != rank(b.Severity) {
			return rank(a.Severity) < rank(b.Severity)
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return out
}

// WorkflowOptions tune WorkflowAnnotations.
type WorkflowOptions struct {
	Path     string // the report's path relative to the repository root; rep.File when empty
	PerLevel int    // at most this many commands per level (error, warning, notice); 0: no limit
	// Already counts the commands of each level the step printed before:
	// they use up PerLevel too.
	Already map[string]int
}

// WorkflowAnnotations writes the report's findings as ::error, ::warning and
// ::notice commands on the report's lines, the most important first, at most
// PerLevel of each level. It returns how many it wrote and how many it left
// out.
func WorkflowAnnotations(w io.Writer, rep *grader.Report, opt WorkflowOptions) (written, left int, err error) {
	path := opt.Path
	if path == "" {
		path = rep.File
	}
	titles := map[string]string{}
	for _, c := range rep.Criteria {
		titles[c.ID] = c.Title
	}
	perLevel := map[string]int{}
	for level, n := range opt.Already {
		perLevel[level] = n
	}
	for _, f := range RankFindings(rep.AllFindings()) {
		level := CommandLevel(f.Severity)
		if opt.PerLevel > 0 && perLevel[level] >= opt.PerLevel {
			left++
			continue
		}
		perLevel[level]++
		props := []Property{{"file", path}}
		// A finding about the whole report is a file annotation, on no line.
		if sp := AnnotationSpan(f); sp.Lines {
			props = append(props, Property{"line", strconv.Itoa(sp.Line)}, Property{"endLine", strconv.Itoa(sp.EndLine)})
			if sp.Col > 0 {
				props = append(props, Property{"col", strconv.Itoa(sp.Col)}, Property{"endColumn", strconv.Itoa(sp.EndCol)})
			}
		}
		if t := titles[f.Criterion]; t != "" {
			props = append(props, Property{"title", t})
		}
		msg := f.Message
		if f.Hint != "" {
			msg += "\n→ " + f.Hint
		}
		if _, err := io.WriteString(w, WorkflowCommand(level, props, msg)); err != nil {
			return written, left, err
		}
		written++
	}
	return written, left, nil
}

// Span is where an annotation sits on the report: 1-based lines, and columns
// (characters, end inclusive) only when it starts and ends on one line, as
// GitHub accepts them. Whole-report findings have no lines (Lines false).
type Span struct {
	Line, EndLine int
	Col, EndCol   int // 0 when the span covers more than one line
	Lines         bool
}

// AnnotationSpan places a finding for GitHub's annotations, the same way for
// check runs and workflow commands.
//
// Why: columns are only accepted when start and end line are the same.
// https://docs.github.com/rest/checks/runs#update-a-check-run
func AnnotationSpan(f grader.Finding) Span {
	if f.Whole {
		return Span{}
	}
	line := max(f.Line, 1)
	sp := Span{Line: line, EndLine: max(f.EndLine, line), Lines: true}
	if sp.EndLine == line && f.Col > 0 {
		sp.Col, sp.EndCol = f.Col, max(f.EndCol-1, f.Col)
	}
	return sp
}
