package render

import (
	"testing"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

func TestTallyLine(t *testing.T) {
	passed := &grader.Report{Usable: true, Passed: true, Findings: []grader.Finding{{Severity: rubric.Warning}},
		Criteria: []grader.Criterion{{Findings: []grader.Finding{{Severity: rubric.Error}, {Severity: rubric.Info}}}}}
	below := &grader.Report{Usable: true, Criteria: []grader.Criterion{{Findings: []grader.Finding{{Severity: rubric.Error}, {Severity: rubric.Error}}}}}
	empty := &grader.Report{Findings: []grader.Finding{{Severity: rubric.Error}}}

	var one Tally
	one.Add(passed)
	var all Tally
	for _, rep := range []*grader.Report{passed, below, passed, empty, nil} {
		all.Add(rep)
	}
	for _, c := range []struct {
		t     Tally
		lang  i18n.Lang
		notes bool
		want  string
	}{
		{one, i18n.EN, false, "1 report: 1 graded (1 passed, 0 below the pass mark), 0 unreadable; 1 error, 1 warning"},
		{one, i18n.FR, false, "1 rapport : 1 noté (1 réussi, 0 sous le seuil), 0 illisible ; 1 erreur, 1 avertissement"},
		{all, i18n.EN, true, "5 reports: 3 graded (2 passed, 1 below the pass mark), 2 unreadable; 5 errors, 2 warnings, 2 notes"},
		{all, i18n.FR, false, "5 rapports : 3 notés (2 réussis, 1 sous le seuil), 2 illisibles ; 5 erreurs, 2 avertissements"},
		{Tally{}, i18n.FR, false, "0 rapport : 0 noté (0 réussi, 0 sous le seuil), 0 illisible ; 0 erreur, 0 avertissement"},
	} {
		if got := c.t.Line(c.lang, c.notes); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
}
