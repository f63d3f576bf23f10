package action

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFitMarkdownCutsAtALineAndSaysWhat(t *testing.T) {
	short := "# ok\n"
	if got := fitMarkdown(short, 100, "summary", "whole"); got != short {
		t.Errorf("a short text was changed: %q", got)
	}
	var b strings.Builder
	b.WriteString("intro\n```\n")
	for i := 0; i < 400; i++ {
		b.WriteString("é line in a code block\n")
	}
	s := b.String()
	got := fitMarkdown(s, 2000, "details", "The rest is in the report output.")
	if len(got) > 2000 || !utf8.ValidString(got) {
		t.Fatalf("%d bytes, valid %v", len(got), utf8.ValidString(got))
	}
	kept, note, ok := strings.Cut(got, "\n\n> ✂️ **Truncated**: the last ")
	if !ok || !strings.Contains(note, "lines (") || !strings.Contains(note, "of the details were cut to fit GitHub's limit of 2000. The rest is in the report output.") {
		t.Fatalf("note missing or wrong:\n%s", got)
	}
	if !strings.HasSuffix(kept, "```\n") || fencesOpen(kept) {
		t.Errorf("the code block was left open:\n%s", kept)
	}
	lines := strings.Split(strings.TrimSuffix(strings.TrimSuffix(kept, "```\n"), "\n"), "\n")
	if last := lines[len(lines)-1]; last != "é line in a code block" {
		t.Errorf("cut inside a line: %q", last)
	}
}

func TestReadInputsAcceptsBothNameForms(t *testing.T) {
	env := map[string]string{"INPUT_CHECK-NAME": "Docker action form", "INPUT_MAX_ANNOTATIONS": "7", "INPUT_CLASSROOM": "No"}
	in, err := ReadInputs(func(k string) string { return env[k] })
	if err != nil || in.CheckName != "Docker action form" || in.MaxAnnotations != 7 || in.Classroom || !in.FailBelowPass {
		t.Errorf("inputs %+v, err %v", in, err)
	}
}
