package draft

import (
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/tpgrade/tpgrade/grader/i18n"
)

// The YAML of each criterion, as the draft prints it and as the probe
// tries its pieces.

// valueNode is one value of a fact: its key, the command that prints it,
// its rule.
func (c *criterion) valueNode(v *value, rule int, comments bool) *yaml.Node {
	n := mapping("key", strs(v.key))
	if c.outputOf != "" {
		set(n, "output_of", strs(c.outputOf))
	}
	if r := v.rules[rule]; r.node != nil {
		set(n, "value", r.node)
	}
	if comments {
		n.HeadComment = comment(i18n.M("line %d of your model: %s", "ligne %d de votre corrigé : %s", v.line, valueLabel(v)).In(c.lang) +
			" — " + v.rules[rule].note.In(c.lang))
	}
	return n
}

// rowNode is one row of a table.
func (c *criterion) rowNode(v *value, rule int, comments bool) *yaml.Node {
	n := flowMap("key", str(v.key))
	if r := v.rules[rule]; r.node != nil {
		set(n, "value", r.node)
	}
	if comments {
		n.LineComment = comment(i18n.M("your model: %s", "votre corrigé : %s", v.model).In(c.lang) + " — " + v.rules[rule].note.In(c.lang))
	}
	return n
}

// commandNode is one command, with its output when with is set.
func commandNode(s *shown, with bool) *yaml.Node {
	if with && s.output != "" {
		return flowMap("command", str(s.text), "output", strs(s.output))
	}
	return str(s.text)
}

// conceptNode is one concept.
func conceptNode(k *concept) *yaml.Node {
	return flowMap("name", str(clean(k.term.text)), "any", strs(k.term.names()...))
}

// node is the criterion as the draft prints it, with its comments.
// first says that c is the first criterion of its kind in the draft: its
// comment explains the kind.
func (c *criterion) node(first bool) *yaml.Node {
	l := c.lang
	n := mapping("id", plain(c.id), "title", text(c.title), "kind", plain(c.kind))
	if c.bonus {
		set(n, "bonus", plain(c.points.String()))
	} else {
		set(n, "points", plain(c.points.String()))
	}
	var lines []string
	if first {
		lines = append(lines, howTo[c.kind].In(l), "")
	}
	for _, a := range c.about {
		lines = append(lines, a.In(l))
	}
	n.HeadComment = comment(lines...)
	switch c.kind {
	case "section":
		set(n, "names", strs(c.names...))
		if c.minWords > 1 {
			set(n, "min_words", plain(strconv.Itoa(c.minWords)))
		}
	case "fact":
		var vs []*yaml.Node
		for _, v := range c.values {
			vs = append(vs, c.valueNode(v, v.chosen, true))
		}
		set(n, "values", seq(vs...))
	case "table":
		if c.colsOK {
			set(n, "columns", strs(c.columns...))
		}
		var rs []*yaml.Node
		for _, v := range c.values {
			rs = append(rs, c.rowNode(v, v.chosen, true))
		}
		if len(rs) > 0 {
			set(n, "rows", seq(rs...))
		}
	case "command":
		var cs []*yaml.Node
		for _, s := range c.cmds {
			cn := commandNode(s, s.with)
			cn.LineComment = comment(i18n.M("your model, line %d: %s", "votre corrigé, ligne %d : %s", s.line, s.typed).In(l))
			cs = append(cs, cn)
		}
		set(n, "commands", seq(cs...))
	case "explanation":
		set(n, "subject", strs(c.subject...))
		if len(c.names) > 0 {
			set(n, "in", strs(c.names...))
		}
		if c.need > 0 {
			set(n, "need", plain(strconv.Itoa(c.need)))
		}
		var ks []*yaml.Node
		said := ""
		for _, k := range c.concepts {
			kn := conceptNode(k)
			if k.term.sentence != said {
				kn.HeadComment = comment(i18n.M("your model: « %s »", "votre corrigé : « %s »", k.term.sentence).In(l))
				said = k.term.sentence
			}
			ks = append(ks, kn)
		}
		set(n, "concepts", seq(ks...))
		if c.minWords > 0 {
			set(n, "min_words", plain(strconv.Itoa(c.minWords)))
		}
	}
	return n
}
