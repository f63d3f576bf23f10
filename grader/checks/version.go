package checks

import (
	"fmt"
	"strings"

	"github.com/Masterminds/semver/v3"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// Version asks for version numbers, each within a range, and for groups of
// them that must agree (the client and the server of one installation).
type Version struct {
	Values      rubric.Named[VersionValue] `yaml:"values" required:"true" doc:"a mapping from a name you choose to where the version is found (key, context, in, output_of, label) and its constraint"`
	Equal       [][]string                 `yaml:"equal" doc:"groups of names whose versions must be the same, such as [[client, server]]; when a group disagrees, its versions earn at most half"`
	OutputShare `yaml:",inline"`
}

// VersionValue is one version to find.
type VersionValue struct {
	Lookup     `yaml:",inline"`
	Constraint *VersionRange `yaml:"constraint" doc:"the accepted versions, such as \">= 20.10\", \"^27\" or \"< 2\" (default: any)"`
}

// Validate checks each value and that equal names only known values.
func (c *Version) Validate() error {
	if len(c.Values) == 0 {
		return fmt.Errorf("version needs values, such as values: {client: {key: Client Version}}")
	}
	for _, nv := range c.Values {
		if err := nv.Value.Validate(); err != nil {
			return rubric.ErrorAt(nv.Line, nv.Col, "%s: %v", nv.Name, err)
		}
	}
	for i, group := range c.Equal {
		if len(group) < 2 {
			return rubric.ErrorOn("equal", "equal group %d must name at least two values, such as [client, server]", i+1)
		}
		for _, name := range group {
			if _, ok := c.Values.Get(name); !ok {
				return rubric.ErrorOn("equal", "equal group %d names %q, which is not one of the values (%s)",
					i+1, name, strings.Join(c.Values.Names(), ", "))
			}
		}
	}
	return c.OutputShare.validate()
}

// Validate checks the lookup and the constraint.
func (v *VersionValue) Validate() error {
	if err := v.Lookup.Validate(); err != nil {
		return err
	}
	if v.Constraint != nil {
		return v.Constraint.Validate()
	}
	return nil
}

// versionFound is a version read from the report.
type versionFound struct {
	fact  *document.Fact
	ver   *semver.Version
	label string
}

func isVersion(s string) bool { _, ok := parseVersion(s); return ok }

// Grade reports one part per value (found, a version, within its
// constraint) and one per equal group (every member found, all the same
// version). A group that disagrees is a dispute: the engine gives its
// versions at most half their share.
func (c *Version) Grade(doc *document.Document, env *rubric.Env) rubric.Outcome {
	var out rubric.Outcome
	cmds := shownCommands(doc, env, c)
	t := newTally(doc, cmds, &out, env.Lang)
	found := map[string]versionFound{}
	for _, nv := range c.Values {
		v := nv.Value
		label := v.label(env.Lang)
		f, sc := v.find(doc, cmds, isVersion, true)
		if f == nil {
			t.notFound(&v.Lookup, sc)
			continue
		}
		ver, ok := parseVersion(f.Value)
		if !ok {
			msg := i18n.M("%q is %q here: that is not a version number",
				"« %s » vaut « %s » ici : ce n'est pas un numéro de version", label, f.Value)
			if strings.TrimSpace(f.Value) == "" {
				msg = i18n.M("%q is given without a version number", "« %s » est donné sans numéro de version", label)
			}
			out.Findings = append(out.Findings, rubric.Finding{Span: valueSpan(f), Severity: rubric.Error, Message: msg})
			t.part(label, f, false, 1)
			continue
		}
		found[nv.Name] = versionFound{fact: f, ver: ver, label: label}
		if !v.Constraint.Allows(ver) {
			out.Findings = append(out.Findings, rubric.Finding{Span: f.Span, Severity: rubric.Error, Message: i18n.M(
				"%q is version %s here, expected %s", "« %s » est en version %s ici, attendu : %s",
				label, ver.String(), v.Constraint.String())})
			t.part(label, f, false, 1)
			continue
		}
		t.part(label, f, true, 1)
	}
	c.rawFinding(&out)
	t.reportMissing()
	for _, group := range c.Equal {
		labels := make([]string, len(group))
		for i, name := range group {
			v, _ := c.Values.Get(name)
			labels[i] = v.label(env.Lang)
		}
		part := rubric.Part{Label: strings.Join(labels, " = ")}
		fs, d, ok := c.agree(doc, group, found, env.Lang)
		out.Findings = append(out.Findings, fs...)
		if ok {
			part.Met = true
			t.credited = append(t.credited, part.Label)
		} else if d != nil {
			out.Disputes = append(out.Disputes, *d)
		}
		out.Parts = append(out.Parts, part)
	}
	t.reportCredited()
	return out
}

// agree checks one equal group: every member must have been read as a
// version, and all must be the same. When they are not, the versions that
// disagree are the ones outside the largest group of equal versions (all of
// them when no group is larger than the others); each is told which other
// versions it disagrees with, and where, naming them in lang.
func (c *Version) agree(doc *document.Document, group []string, found map[string]versionFound, lang i18n.Lang) ([]rubric.Finding, *rubric.Dispute, bool) {
	if len(group) < 2 {
		return nil, nil, true // nothing to compare (Validate refuses such a group)
	}
	// The finding goes to the first version found; with none, about the
	// whole report.
	var missing []string
	at := wholeReport
	for _, name := range group {
		vf, ok := found[name]
		if !ok {
			v, _ := c.Values.Get(name)
			missing = append(missing, v.label(lang))
		} else if at.whole {
			at = placeAt(vf.fact.Span)
		}
	}
	if len(missing) > 0 {
		labels := make([]string, len(group))
		for i, name := range group {
			v, _ := c.Values.Get(name)
			labels[i] = v.label(lang)
		}
		all, miss := andList(labels), andList(missing)
		return []rubric.Finding{at.finding(rubric.Error, i18n.Msg{
			EN: fmt.Sprintf("%s cannot be compared without a version number for %s", all.EN, miss.EN),
			FR: fmt.Sprintf("impossible de comparer %s sans numéro de version pour %s", all.FR, miss.FR),
		})}, nil, false
	}
	// Count each version; the most common one, when it is the only most
	// common, is taken for the right one.
	count := map[string]int{}
	for _, name := range group {
		count[found[name].ver.String()]++
	}
	best, tie := "", false
	for _, name := range group {
		v := found[name].ver.String()
		switch {
		case best == "" || count[v] > count[best]:
			best, tie = v, false
		case v != best && count[v] == count[best]:
			tie = true
		}
	}
	if count[best] == len(group) {
		return nil, nil, true
	}
	var out []rubric.Finding
	d := &rubric.Dispute{}
	for _, name := range group {
		vf := found[name]
		if !tie && vf.ver.String() == best {
			continue
		}
		var others []string
		for _, o := range group {
			of := found[o]
			if o == name || of.ver.Equal(vf.ver) {
				continue
			}
			p := doc.Pos(of.fact.Span.Start)
			others = append(others, fmt.Sprintf("%s (%s, %d:%d)", of.label, strings.TrimSpace(of.fact.Value), p.Line, p.Col))
		}
		list := andList(others)
		d.Spans = append(d.Spans, vf.fact.Span)
		d.Labels = append(d.Labels, vf.label)
		out = append(out, rubric.Finding{Span: vf.fact.Span, Severity: rubric.Error, Message: i18n.Msg{
			EN: fmt.Sprintf("%q is %q here, which disagrees with %s: the versions should agree, so each earns at most half", vf.label, strings.TrimSpace(vf.fact.Value), list.EN),
			FR: fmt.Sprintf("« %s » vaut « %s » ici, ce qui ne concorde pas avec %s : les versions devraient être identiques, chacune ne rapporte donc que la moitié", vf.label, strings.TrimSpace(vf.fact.Value), list.FR),
		}})
	}
	return out, d, false
}
