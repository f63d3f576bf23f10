package checks

import (
	"fmt"
	"math"
	"strings"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// Fact asks for values wherever the student wrote them: a table, a "Key:
// value" line, or pasted command output.
type Fact struct {
	Values      []FactValue `yaml:"values" required:"true" doc:"the values to find, each a key (with optional context, in, output_of and label) and a value rule"`
	OutputShare `yaml:",inline"`
}

// OutputShare is the from_output key of the kinds that read values: the
// share of a value's credit kept when it is only found in pasted output.
type OutputShare struct {
	FromOutput *float64 `yaml:"from_output" doc:"share of a value's credit when it is only found in pasted raw output, not in a table or text (0 to 1, default 1)"`
}

// RawShare is the from_output share in hundredths (rubric.RawShare).
func (o *OutputShare) RawShare() int {
	if o.FromOutput == nil {
		return 100
	}
	return int(math.Round(*o.FromOutput * 100))
}

func (o *OutputShare) validate() error {
	if o.FromOutput != nil && (*o.FromOutput < 0 || *o.FromOutput > 1 || math.IsNaN(*o.FromOutput)) {
		return rubric.ErrorOn("from_output", "from_output must be between 0 and 1 (got %s)", formatNumber(*o.FromOutput))
	}
	return nil
}

// rawFinding names the values found only in pasted output, in one finding
// at the first of them, so that a raw `docker info` dump does not bury the
// report under one warning per line. The engine gives them their
// from_output share.
func (o *OutputShare) rawFinding(out *rubric.Outcome) {
	var raw []string
	var at document.Span
	for _, p := range out.Parts {
		if p.Met && p.Raw {
			if len(raw) == 0 {
				at = p.Span
			}
			raw = append(raw, p.Label)
		}
	}
	if len(raw) == 0 || o.RawShare() == 100 {
		return
	}
	sev := rubric.Warning
	if o.RawShare() == 0 {
		sev = rubric.Error
	}
	list := andList(raw)
	msg := i18n.Msg{
		EN: fmt.Sprintf("%s is only in pasted command output: write it in a table or a sentence for full credit", list.EN),
		FR: fmt.Sprintf("%s ne figure que dans une sortie de commande collée : reportez-le dans un tableau ou une phrase pour obtenir tous les points", list.FR),
	}
	if len(raw) > 1 {
		msg = i18n.Msg{
			EN: fmt.Sprintf("%s are only in pasted command output: write them in a table or in sentences for full credit", list.EN),
			FR: fmt.Sprintf("%s ne figurent que dans une sortie de commande collée : reportez-les dans un tableau ou des phrases pour obtenir tous les points", list.FR),
		}
	}
	out.Findings = append(out.Findings, rubric.Finding{Span: at, Severity: sev, Message: msg})
}

// FactValue is one value a fact criterion looks for.
type FactValue struct {
	Lookup `yaml:",inline"`
	Value  *ValueRule `yaml:"value" doc:"what the value must be (default: not empty)"`
}

// Validate checks each value and the from_output share.
func (c *Fact) Validate() error {
	if len(c.Values) == 0 {
		return fmt.Errorf("fact needs values to find, such as values: [{key: Storage Driver}]")
	}
	for i := range c.Values {
		if err := c.Values[i].Validate(); err != nil {
			return fmt.Errorf("value %d: %v", i+1, err)
		}
	}
	return c.OutputShare.validate()
}

// Grade reports one part per value: found and holding its rule, read from
// a table or text, or only from pasted output.
func (c *Fact) Grade(doc *document.Document, env *rubric.Env) rubric.Outcome {
	var out rubric.Outcome
	cmds := shownCommands(doc, env, c)
	t := newTally(doc, cmds, &out, env.Lang)
	found := make([]*document.Fact, len(c.Values))
	scopes := make([]Scope, len(c.Values))
	for i := range c.Values {
		v := &c.Values[i]
		label := v.label(env.Lang)
		found[i], scopes[i] = v.find(doc, cmds, func(s string) bool { ok, _ := v.Value.check(label, s); return ok }, v.Value.specific())
	}
	c.unkeyed(doc, found)
	for i := range c.Values {
		v := &c.Values[i]
		label := v.label(env.Lang)
		f, sc := found[i], scopes[i]
		if f == nil {
			t.notFound(&v.Lookup, sc)
			continue
		}
		ok, why := v.Value.check(label, f.Value)
		if !ok {
			out.Findings = append(out.Findings, rubric.Finding{Span: valueSpan(f), Severity: rubric.Error, Message: why})
		}
		t.part(label, f, ok, 1)
	}
	c.rawFinding(&out)
	t.finish()
	return out
}

// valueSpan is where a finding about a fact's value goes: the value, or its
// key when the value is empty.
func valueSpan(f *document.Fact) document.Span {
	if strings.TrimSpace(f.Value) == "" && f.KeySpan.End > f.KeySpan.Start {
		return f.KeySpan
	}
	return f.Span
}
