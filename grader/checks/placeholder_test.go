package checks

import (
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/tpgrade/tpgrade/grader/rubric"
)

const templateReport = `# Rapport — À COMPLÉTER

## Docker socket

TODO : expliquer le rôle du socket. <votre réponse>

| Clé | Valeur |
|-----|--------|
| Storage Driver | à compléter |

- Un item todo
- Un item sans reste (todos ne compte pas)

` + "```sh\n# TODO: script fourni\ndocker info\n```\n\nLe code `TODO` cité n'est pas un reste.\n\n<!-- TODO: commentaire du modèle -->\n"

func placeholderOf(t *testing.T, src string) *Placeholder {
	t.Helper()
	p := new(Placeholder)
	if err := yaml.Unmarshal([]byte(src), p); err != nil {
		t.Fatalf("decoding %s: %v", src, err)
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	return p
}

// lost is what the engine takes away for an outcome of a PerFault check:
// per for each fault (the whole penalty when per is 0), up to the penalty.
func lost(pf rubric.PerFault, penalty rubric.Points, out rubric.Outcome) rubric.Points {
	per := pf.PerFault()
	if per <= 0 || per > penalty {
		per = penalty
	}
	return min(rubric.Points(out.Faults)*per, penalty)
}

func TestPlaceholderFindsLeftoversOutsideCode(t *testing.T) {
	doc := reportOf(t, templateReport)
	p := placeholderOf(t, `words: [TODO, à compléter, "<votre réponse>"]
per: 0.5`)
	crit := &rubric.Criterion{Kind: "placeholder", Penalty: 3 * rubric.Unit}
	out := p.Grade(doc, &rubric.Env{Criterion: crit})
	fs := findingsOf(doc, out)
	var where []string
	for _, f := range out.Findings {
		pos := doc.Pos(f.Span.Start)
		where = append(where, string(doc.Text[f.Span.Start:f.Span.End])+"@"+strconv.Itoa(pos.Line)+":"+strconv.Itoa(pos.Col))
	}
	want := []string{"À COMPLÉTER@1:13", "TODO@5:1", "votre réponse@5:38", "à compléter@9:20", "todo@11:11"}
	if strings.Join(where, " ") != strings.Join(want, " ") {
		t.Errorf("leftovers at %q, want %q", where, want)
	}
	// 5 leftovers at 0.5 each: 2.5 of the 3 points.
	if got := lost(p, crit.Penalty, out); got != 250 {
		t.Errorf("penalty %s, want 2.5 (%d faults)", got, out.Faults)
	}
	if f, ok := find(fs, rubric.Error, "template leftover"); !ok || f.line != 1 {
		t.Errorf("%+v", fs)
	}

	// The penalty caps what is taken away.
	crit.Penalty = 2 * rubric.Unit
	if got := lost(p, crit.Penalty, p.Grade(doc, &rubric.Env{Criterion: crit})); got != 200 {
		t.Errorf("capped penalty %s, want 2", got)
	}
	// Without per, the first leftover costs the whole penalty.
	p.Per = 0
	if got := lost(p, crit.Penalty, p.Grade(doc, &rubric.Env{Criterion: crit})); got != 200 {
		t.Errorf("whole penalty %s, want 2", got)
	}
}

func TestPlaceholderCleanReportAndForbidden(t *testing.T) {
	doc := reportOf(t, "# Rapport\n\nTout est rempli, voir `TODO.md`.\n\n```\nTODO\n```\n")
	p := placeholderOf(t, "words: [TODO]\nper: 1")
	crit := &rubric.Criterion{Kind: "placeholder", Penalty: 2 * rubric.Unit}
	out := p.Grade(doc, &rubric.Env{Criterion: crit})
	if lost(p, crit.Penalty, out) != 0 || len(out.Findings) != 0 {
		t.Errorf("a clean report lost points: %d faults %+v", out.Faults, findingsOf(doc, out))
	}

	doc = reportOf(t, "# Rapport\n\nJ'ai utilisé ChatGPT pour ce rapport.\n")
	crit = &rubric.Criterion{Kind: "forbidden", Penalty: 1 * rubric.Unit}
	p = placeholderOf(t, "words: [chatgpt, copilot]")
	out = p.Grade(doc, &rubric.Env{Criterion: crit})
	fs := findingsOf(doc, out)
	if lost(p, crit.Penalty, out) != 100 || len(fs) != 1 || !strings.Contains(fs[0].msg, `"ChatGPT" must not appear`) {
		t.Errorf("forbidden: %d faults %+v", out.Faults, fs)
	}
	if fs[0].msg == "" || out.Findings[0].Message.FR == "" {
		t.Error("every message exists in both languages")
	}
}

func TestPlaceholderValidate(t *testing.T) {
	for src, want := range map[string]string{
		"per: 1":                 "words is required",
		"words: [TODO]\nper: -1": "cannot be negative",
	} {
		p := new(Placeholder)
		err := yaml.Unmarshal([]byte(src), p)
		if err == nil {
			err = p.Validate()
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", src, err, want)
		}
	}
	var _ rubric.PenaltyOnly = (*Placeholder)(nil)
	if !(&Placeholder{}).PenaltyOnly() {
		t.Error("placeholder is penalty-only")
	}
}
