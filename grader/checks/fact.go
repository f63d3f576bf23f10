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
	Values     []FactValue `yaml:"values" required:"true" doc:"the values to find, each a key (with optional context, in and label) and a value rule"`
	FromOutput *float64    `yaml:"from_output" doc:"share of a value's credit when it is only found in pasted raw output, not in a table or text (0 to 1, default 1)"`
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
	if c.FromOutput != nil && (*c.FromOutput < 0 || *c.FromOutput > 1 || math.IsNaN(*c.FromOutput)) {
		return rubric.ErrorOn("from_output", "from_output must be between 0 and 1 (got %s)", formatNumber(*c.FromOutput))
	}
	return nil
}

// Validate checks the lookup and the value rule.
func (v *FactValue) Validate() error {
	if err := v.Lookup.Validate(); err != nil {
		return err
	}
	return v.Value.Validate()
}

// shareUnit is the credit of one value: from_output is applied in
// hundredths of it, so Met and Of stay exact integers.
const shareUnit = 100

// outputShare is the credit, out of shareUnit, of a value found only in
// pasted output.
func (c *Fact) outputShare() int {
	if c.FromOutput == nil {
		return shareUnit
	}
	return int(math.Round(*c.FromOutput * shareUnit))
}

// Grade gives each value one share: found and holding its rule. A value found
// only in pasted output earns the from_output part of its share; those
// values are named together in one finding, at the first of them, so that a
// raw `docker info` dump does not bury the report under one warning per line.
func (c *Fact) Grade(doc *document.Document, env *rubric.Env) rubric.Outcome {
	out := rubric.Outcome{Of: shareUnit * len(c.Values)}
	var miss misses
	var raw []string // labels of the values found only in output
	var rawAt document.Span
	for i := range c.Values {
		v := &c.Values[i]
		label := v.label()
		f, sc := v.find(doc, func(s string) bool { ok, _ := v.Value.check(label, s); return ok }, v.Value.specific())
		if f == nil {
			miss.missing(&out, &v.Lookup, sc)
			continue
		}
		miss.found(f)
		if ok, why := v.Value.check(label, f.Value); !ok {
			out.Findings = append(out.Findings, rubric.Finding{Span: valueSpan(f), Severity: rubric.Error, Message: why})
			continue
		}
		if f.Origin != document.FromOutput || c.outputShare() == shareUnit {
			out.Met += shareUnit
			continue
		}
		out.Met += c.outputShare()
		if len(raw) == 0 {
			rawAt = f.Span
		}
		raw = append(raw, label)
	}
	if len(raw) > 0 {
		sev := rubric.Warning
		if c.outputShare() == 0 {
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
		out.Findings = append(out.Findings, rubric.Finding{Span: rawAt, Severity: sev, Message: msg})
	}
	miss.place(&out)
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
