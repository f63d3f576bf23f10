package draft

import (
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// The probe: every piece of every candidate criterion (a value with each of
// its rules, a command with and without its output, a concept) becomes a
// criterion of its own in one rubric, and the model is graded with it
// once. A piece the model does not earn in full is not what the model
// shows as tpgrade reads it (a value read otherwise, a concept in a denied
// clause): the draft leaves it out, or takes the next, looser rule.

// probe is one piece tried on the model.
type probe struct {
	node   *yaml.Node // the criterion's kind and keys, without id and points
	earned func()     // records that the model earns it
}

func probeNode(kind string, kv ...any) *yaml.Node {
	return mapping(append([]any{"kind", plain(kind)}, kv...)...)
}

// probes lists the pieces of c to try.
func (c *criterion) probes() []probe {
	var ps []probe
	switch c.kind {
	case "section":
		ps = append(ps,
			probe{probeNode("section", "names", strs(c.names...), "min_words", plain(strconv.Itoa(c.minWords))), func() { c.earnedMin = true }},
			probe{probeNode("section", "names", strs(c.names...)), func() { c.earned = true }})
	case "fact":
		for _, v := range c.values {
			v.earned = make([]bool, len(v.rules))
			for k := range v.rules {
				k, v := k, v
				ps = append(ps, probe{probeNode("fact", "values", seq(c.valueNode(v, k, false))), func() { v.earned[k] = true }})
			}
		}
	case "table":
		ps = append(ps, probe{probeNode("table", "columns", strs(c.columns...)), func() { c.colsOK = true }})
		for _, v := range c.values {
			v.earned = make([]bool, len(v.rules))
			for k := range v.rules {
				k, v := k, v
				ps = append(ps, probe{probeNode("table", "rows", seq(c.rowNode(v, k, false))), func() { v.earned[k] = true }})
			}
		}
	case "command":
		for _, s := range c.cmds {
			s := s
			if s.output != "" {
				ps = append(ps, probe{probeNode("command", "commands", seq(commandNode(s, true))), func() { s.with = true }})
			}
			ps = append(ps, probe{probeNode("command", "commands", seq(commandNode(s, false))), func() { s.earned = true }})
		}
	case "explanation":
		for _, k := range c.concepts {
			k := k
			n := probeNode("explanation", "subject", strs(c.subject...), "concepts", seq(conceptNode(k)))
			if len(c.names) > 0 {
				set(n, "in", strs(c.names...))
			}
			ps = append(ps, probe{n, func() { k.earned = true }})
		}
	}
	return ps
}

// settle keeps of c what the model earns; false when nothing is left.
func (c *criterion) settle() bool {
	switch c.kind {
	case "section":
		if !c.earnedMin {
			c.minWords = 0
		}
		return c.earned || c.earnedMin
	case "fact", "table":
		kept := c.values[:0]
		for _, v := range c.values {
			v.chosen = -1
			for k, ok := range v.earned {
				if ok {
					v.chosen = k
					break
				}
			}
			if v.chosen >= 0 {
				kept = append(kept, v)
			}
		}
		c.values = kept
		return len(c.values) > 0 || c.colsOK
	case "command":
		kept := c.cmds[:0]
		for _, s := range c.cmds {
			if s.with || s.earned {
				kept = append(kept, s)
			}
		}
		c.cmds = kept
		return len(c.cmds) > 0
	case "explanation":
		kept := c.concepts[:0]
		for _, k := range c.concepts {
			if k.earned && len(kept) < maxConcepts {
				kept = append(kept, k)
			}
		}
		c.concepts = kept
		// The concepts this answer has more of than a right answer needs
		// to give: any of them but one will do.
		c.need = 0
		if len(kept) >= 3 {
			c.need = len(kept) - 1
		}
		return len(kept) > 0
	}
	return false
}

// runProbe grades the model with every piece of cs, each a criterion of its
// own, and records what it earns.
func runProbe(doc *document.Document, cs []*criterion, lang i18n.Lang) {
	var ps []probe
	for _, c := range cs {
		ps = append(ps, c.probes()...)
	}
	if len(ps) == 0 {
		return
	}
	nodes := make([]*yaml.Node, len(ps))
	for i, p := range ps {
		nodes[i] = probeCriterion(i, p)
	}
	r, err := loadNodes("probe", nodes)
	if err != nil {
		// A piece the loader refuses (it should not happen: the draft
		// writes only what it can read) is tried alone, so that the others
		// are still judged.
		for i, p := range ps {
			if r, err := loadNodes("probe", []*yaml.Node{probeCriterion(i, p)}); err == nil {
				rep := grader.Grade(doc, r, grader.Options{Lang: lang})
				if full(rep.Criteria[0]) {
					p.earned()
				}
			}
		}
		return
	}
	rep := grader.Grade(doc, r, grader.Options{Lang: lang})
	for i, c := range rep.Criteria {
		if full(c) {
			ps[i].earned()
		}
	}
}

func probeCriterion(i int, p probe) *yaml.Node {
	n := mapping("id", plain(fmt.Sprintf("p%d", i)), "points", plain("1"))
	n.Content = append(n.Content, p.node.Content...)
	return n
}

// loadNodes loads a rubric made of criteria nodes.
func loadNodes(id string, criteria []*yaml.Node) (*rubric.Rubric, error) {
	src, err := encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{mapping("id", plain(id), "criteria", seq(criteria...))}})
	if err != nil {
		return nil, err
	}
	return grader.ParseRubric(id+".yaml", src)
}

// full reports whether a criterion's result is all it could earn.
func full(c grader.Criterion) bool { return c.Result() == grader.Full }
