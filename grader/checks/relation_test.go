package checks

import (
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader/rubric"
)

// TestRelationNotValidated grades a relation built in Go and never
// validated, which the loader never gives (testdata/relation/ grades loaded
// ones): the expression is compiled on the fly, and a bad one is reported,
// not a panic.
func TestRelationNotValidated(t *testing.T) {
	doc := parseMD(t, "## Serveur\n\n| Containers | 2 |\n|---|---|\n| Running | 1 |\n| Paused | 0 |\n| Stopped | 1 |\n")
	counts := func(expect string) *Relation {
		return &Relation{
			Values: rubric.Named[Lookup]{
				{Name: "containers", Value: Lookup{Key: names("Containers")}},
				{Name: "running", Value: Lookup{Key: names("Running")}},
				{Name: "paused", Value: Lookup{Key: names("Paused")}},
				{Name: "stopped", Value: Lookup{Key: names("Stopped")}},
			},
			Expect: []Expression{{Source: expect}},
		}
	}
	out := counts("containers == running + paused + stopped").Grade(doc, &rubric.Env{})
	if len(out.Parts) != 1 || !out.Parts[0].Met {
		t.Errorf("figures that add up: parts %+v, findings %+v", out.Parts, out.Findings)
	}
	out = counts("containers == total").Grade(doc, &rubric.Env{})
	if len(out.Parts) != 1 || out.Parts[0].Met {
		t.Errorf("a bad expression was met: %+v", out.Parts)
	}
	found := false
	for _, f := range out.Findings {
		found = found || f.Severity == rubric.Error && strings.Contains(f.Message.EN, `the rubric's expression cannot be checked: unknown name "total"`) && f.Message.FR != ""
	}
	if !found {
		t.Errorf("a bad expression is not reported: %+v", out.Findings)
	}
}
