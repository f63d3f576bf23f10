package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/internal/render"
)

// The README shows the legend `grade --help` gives: the same text.
func TestREADMEShowsTheLegendOfGradeHelp(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```\n"+render.Legend+"\n```\n") {
		t.Errorf("README.md lacks the legend of `grade --help`, as a code block:\n%s", render.Legend)
	}
	help := newCmdGrade(&Env{}, nil).Long
	if !strings.Contains(help, render.Legend) {
		t.Error("grade --help lacks the legend")
	}
}
