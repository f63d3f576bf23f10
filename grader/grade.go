package grader

import (
	"errors"
	"fmt"
	"sort"

	"github.com/tpgrade/tpgrade/grader/checks"
	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// Revision names this engine's grading rules. It changes whenever the same
// report and rubric may grade differently (a check reads values otherwise, a
// message is reworded): stored grades, such as batch grading's cache, are
// keyed by it, so that an upgraded tpgrade never serves an older grade.
const Revision = "2026-12-06.4"

// Options tune grading.
type Options struct {
	Lang     i18n.Lang // language of tpgrade's messages; the rubric's when empty
	MaxBytes int       // size limit of a report; document.DefaultMaxBytes when 0
}

func (o Options) lang(r *rubric.Rubric) i18n.Lang {
	if o.Lang != "" {
		return o.Lang
	}
	if r.Lang != "" {
		return r.Lang
	}
	return i18n.EN
}

// GradeBytes reads a submission and grades it. A submission that cannot be
// read as a report (empty, binary, too large) still gets a full report: every
// criterion at zero, and a finding that says why. The document is nil then.
func GradeBytes(name string, raw []byte, r *rubric.Rubric, opt Options) (*Report, *document.Document) {
	doc, err := document.Parse(name, raw, document.Options{MaxBytes: opt.MaxBytes})
	if err != nil {
		var ie *document.InputError
		msg := i18n.M("the report cannot be read: %v", "le rapport est illisible : %v", err)
		if errors.As(err, &ie) {
			msg = ie.Message()
		}
		return Unusable(name, r, msg, opt), nil
	}
	return Grade(doc, r, opt), doc
}

// Missing is the report of a submission whose report file does not exist.
func Missing(name string, r *rubric.Rubric, opt Options) *Report {
	return Unusable(name, r, i18n.M("no report found: expected %s", "aucun rapport trouvé : %s attendu", name), opt)
}

// Unusable grades every criterion zero (penalties do not apply to what does
// not exist) and says why at line 1.
func Unusable(name string, r *rubric.Rubric, why i18n.Msg, opt Options) *Report {
	lang := opt.lang(r)
	rep := newReport(name, r, lang)
	for _, c := range r.Criteria {
		rep.Criteria = append(rep.Criteria, Criterion{
			ID: c.ID, Title: c.Title.In(lang), Kind: c.Kind,
			MaxPoints: c.Points, Penalty: c.Penalty, Bonus: c.Bonus,
			Feedback: c.Feedback.For(0, c.Points+c.Bonus).In(lang),
			Findings: []Finding{},
		})
	}
	rep.Findings = append(rep.Findings, Finding{Line: 1, Col: 1, EndLine: 1, EndCol: 1,
		Severity: rubric.Error, Message: why.In(lang), Whole: true})
	rep.finish(r)
	return rep
}

func newReport(name string, r *rubric.Rubric, lang i18n.Lang) *Report {
	return &Report{
		Rubric: r.ID, RubricTitle: r.Title.In(lang), RubricHash: r.Hash,
		File: name, Lang: lang,
		MaxPoints: r.MaxPoints(),
		Criteria:  make([]Criterion, 0, len(r.Criteria)),
		Findings:  []Finding{},
	}
}

// Grade runs every criterion of r on doc and computes the score, once, from
// what the checks found. It is a pure function of its arguments.
func Grade(doc *document.Document, r *rubric.Rubric, opt Options) *Report {
	lang := opt.lang(r)
	rep := newReport(doc.Name, r, lang)
	rep.Encoding = string(doc.Encoding)
	rep.Usable = true
	for _, n := range doc.Notes {
		rep.Findings = append(rep.Findings, locate(doc, rubric.Finding{Span: n.Span, Whole: n.Whole, Severity: rubric.Warning, Message: n.Message}, lang, ""))
	}
	memo := new(rubric.Memo)
	// The commands shown are read once, with every command the rubric
	// names taken for a command line: the same outputs for every criterion.
	var shown *document.CommandSet
	if named := checks.NamedCommands(r.Criteria); named != nil {
		shown = doc.ReadCommands(named)
	}
	outs := make([]rubric.Outcome, len(r.Criteria))
	for i, c := range r.Criteria {
		env := &rubric.Env{Lang: lang, Assignment: r.Assignment, Criterion: c, Memo: memo, Commands: shown}
		outs[i] = c.Check.Grade(doc, env)
	}
	disputed := disputes(r, outs)
	for i, c := range r.Criteria {
		rep.Criteria = append(rep.Criteria, score(doc, c, outs[i], disputed, lang))
	}
	rep.finish(r)
	return rep
}

// dispute is a value that disagrees with others, and the criterion that
// said so.
type dispute struct {
	by    *rubric.Criterion
	label string
}

// disputes indexes the values that some criterion found in disagreement, by
// where they were read.
func disputes(r *rubric.Rubric, outs []rubric.Outcome) map[document.Span]dispute {
	var m map[document.Span]dispute
	for i, out := range outs {
		for _, d := range out.Disputes {
			for k, s := range d.Spans {
				if m == nil {
					m = map[document.Span]dispute{}
				}
				if _, ok := m[s]; !ok {
					label := ""
					if k < len(d.Labels) {
						label = d.Labels[k]
					}
					m[s] = dispute{by: r.Criteria[i], label: label}
				}
			}
		}
	}
	return m
}

// Shares of a part are counted in hundredths, so that from_output (0.75)
// and the half share of a disputed value stay exact integers.
const (
	whole = 100
	half  = 50
)

// credit turns an outcome's parts into Met out of Of: each part earns its
// shares when met; a value found only in pasted output keeps the check's
// from_output share of them, a disputed value at most half. It also returns
// the parts capped by another criterion's dispute.
func credit(c *rubric.Criterion, out rubric.Outcome, disputed map[document.Span]dispute) (met, of int, capped []rubric.Part, by *rubric.Criterion) {
	raw := whole
	if rs, ok := c.Check.(rubric.RawShare); ok {
		raw = rs.RawShare()
	}
	for _, p := range out.Parts {
		w := p.Shares() * whole
		of += w
		if !p.Met {
			continue
		}
		share := whole
		if p.Raw {
			share = raw
		}
		if d, ok := disputed[p.Span]; ok && share > half {
			share = half
			if d.by != c {
				capped, by = append(capped, p), d.by
			}
		}
		met += p.Shares() * share
	}
	return met, of, capped, by
}

// score turns an outcome into points: Points x Met/Of for a criterion,
// Bonus x Met/Of for a bonus, -Penalty x (Of-Met)/Of or -min(Penalty,
// Faults x per) for a penalty; all or nothing when partial credit is off.
func score(doc *document.Document, c *rubric.Criterion, out rubric.Outcome, disputed map[document.Span]dispute, lang i18n.Lang) Criterion {
	met, of := out.Met, out.Of
	var capped []rubric.Part
	var cappedBy *rubric.Criterion
	if len(out.Parts) > 0 {
		met, of, capped, cappedBy = credit(c, out, disputed)
	}
	if c.Penalty > 0 {
		if pf, ok := c.Check.(rubric.PerFault); ok {
			per := pf.PerFault()
			if per <= 0 || per > c.Penalty {
				per = c.Penalty
			}
			lost := min(rubric.Points(out.Faults)*per, c.Penalty)
			met, of = int(c.Penalty-lost), int(c.Penalty)
		}
	}
	if of <= 0 {
		met, of = 0, 1
	}
	if met > of {
		met = of
	}
	if met < 0 {
		met = 0
	}
	if !c.AllowsPartial() && met < of {
		met = 0
	}
	got := c.Points.Fraction(met, of) + c.Bonus.Fraction(met, of)
	if c.Penalty > 0 {
		got -= c.Penalty.Fraction(of-met, of)
	}
	res := Criterion{
		ID: c.ID, Title: c.Title.In(lang), Kind: c.Kind,
		Points: got, MaxPoints: c.Points, Penalty: c.Penalty, Bonus: c.Bonus,
		Findings: make([]Finding, 0, len(out.Findings)+1),
	}
	if c.Points > 0 || c.Bonus > 0 {
		res.Feedback = c.Feedback.For(got, c.Points+c.Bonus).In(lang)
	} else if met < of {
		res.Feedback = c.Feedback.For(0, 1).In(lang)
	} else {
		res.Feedback = c.Feedback.Pass.In(lang)
	}
	for _, f := range out.Findings {
		res.Findings = append(res.Findings, locate(doc, f, lang, c.ID))
	}
	if len(capped) > 0 {
		labels := make([]string, len(capped))
		for i, p := range capped {
			labels[i] = p.Label
		}
		list, by := i18n.And(labels), cappedBy.Title.Msg()
		if cappedBy.Title.IsZero() {
			// A criterion without a title is named by its id, as the
			// student's report lists it.
			by = i18n.Msg{EN: cappedBy.ID, FR: cappedBy.ID}
		}
		msg := i18n.Msg{
			EN: fmt.Sprintf("%s only earn half: they disagree with other values (see %q)", list.EN, by.EN),
			FR: fmt.Sprintf("%s ne rapportent que la moitié : ces valeurs ne concordent pas avec d'autres (voir « %s »)", list.FR, by.FR),
		}
		if len(capped) == 1 {
			msg = i18n.Msg{
				EN: fmt.Sprintf("%s only earns half: it disagrees with other values (see %q)", list.EN, by.EN),
				FR: fmt.Sprintf("%s ne rapporte que la moitié : cette valeur ne concorde pas avec d'autres (voir « %s »)", list.FR, by.FR),
			}
		}
		res.Findings = append(res.Findings, locate(doc, rubric.Finding{Span: capped[0].Span, Severity: rubric.Warning, Message: msg}, lang, c.ID))
	}
	sort.SliceStable(res.Findings, func(i, j int) bool {
		a, b := res.Findings[i], res.Findings[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return res
}

// locate positions what a check found and words it in lang. A finding the
// check said is about the whole report is at 1:1 with no extent (see
// Finding.Whole); any other is where its span is, the report's first byte
// included.
func locate(doc *document.Document, found rubric.Finding, lang i18n.Lang, criterion string) Finding {
	f := Finding{Line: 1, Col: 1, EndLine: 1, EndCol: 1, Severity: found.Severity,
		Message: found.Message.In(lang), Hint: found.Hint.In(lang), Criterion: criterion, Whole: found.Whole}
	if found.Whole {
		return f
	}
	s := found.Span
	start := doc.Pos(s.Start)
	end := start
	if s.End > s.Start {
		end = doc.Pos(s.End)
	}
	f.Line, f.Col, f.EndLine, f.EndCol = start.Line, start.Col, end.Line, end.Col
	return f
}

// finish adds up the criteria, clamps the total at zero (penalties never make
// a grade negative) and puts it on the rubric's scale. Bonuses count in the
// points but not in the total they are out of; the grade never exceeds the
// scale.
func (rep *Report) finish(r *rubric.Rubric) {
	var total rubric.Points
	for _, c := range rep.Criteria {
		total += c.Points
	}
	if total < 0 {
		total = 0
	}
	rep.Points = total
	rep.Scale = r.Scale
	if rep.Scale == 0 {
		rep.Scale = rep.MaxPoints
	}
	rep.Grade = min(total.Scale(rep.MaxPoints, rep.Scale), rep.Scale)
	rep.Pass = r.Pass
	rep.Passed = rep.Usable && rep.Grade >= rep.Pass
}
