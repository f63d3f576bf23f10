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
	Values rubric.Named[VersionValue] `yaml:"values" required:"true" doc:"a mapping from a name you choose to where the version is found (key, context, in, label) and its constraint"`
	Equal  [][]string                 `yaml:"equal" doc:"groups of names whose versions must be the same, such as [[client, server]]"`
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
	return nil
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

// Grade gives each value one share (found, a version, within its
// constraint) and each equal group one share (every member found, all the
// same version).
func (c *Version) Grade(doc *document.Document, env *rubric.Env) rubric.Outcome {
	out := rubric.Outcome{Of: len(c.Values) + len(c.Equal)}
	var miss misses
	found := map[string]versionFound{}
	for _, nv := range c.Values {
		v := nv.Value
		label := v.label()
		f, sc := v.find(doc, isVersion, true)
		if f == nil {
			miss.missing(&out, &v.Lookup, sc)
			continue
		}
		miss.found(f)
		ver, ok := parseVersion(f.Value)
		if !ok {
			msg := i18n.M("%q is %q here: that is not a version number",
				"« %s » vaut « %s » ici : ce n'est pas un numéro de version", label, f.Value)
			if strings.TrimSpace(f.Value) == "" {
				msg = i18n.M("%q is given without a version number", "« %s » est donné sans numéro de version", label)
			}
			out.Findings = append(out.Findings, rubric.Finding{Span: valueSpan(f), Severity: rubric.Error, Message: msg})
			continue
		}
		found[nv.Name] = versionFound{fact: f, ver: ver, label: label}
		if !v.Constraint.Allows(ver) {
			out.Findings = append(out.Findings, rubric.Finding{Span: f.Span, Severity: rubric.Error, Message: i18n.M(
				"%q is version %s here, expected %s", "« %s » est en version %s ici, attendu : %s",
				label, ver.String(), v.Constraint.String())})
			continue
		}
		out.Met++
	}
	for _, group := range c.Equal {
		if f, ok := c.agree(group, found); ok {
			out.Met++
		} else {
			out.Findings = append(out.Findings, f...)
		}
	}
	miss.place(&out)
	return out
}

// agree checks one equal group: every member must have been read as a
// version, and each must be the first member's version.
func (c *Version) agree(group []string, found map[string]versionFound) ([]rubric.Finding, bool) {
	if len(group) < 2 {
		return nil, true // nothing to compare (Validate refuses such a group)
	}
	var missing []string
	var at document.Span
	for _, name := range group {
		vf, ok := found[name]
		if !ok {
			v, _ := c.Values.Get(name)
			missing = append(missing, v.label())
		} else if at == (document.Span{}) {
			at = vf.fact.Span
		}
	}
	if len(missing) > 0 {
		labels := make([]string, len(group))
		for i, name := range group {
			v, _ := c.Values.Get(name)
			labels[i] = v.label()
		}
		all, miss := andList(labels), andList(missing)
		return []rubric.Finding{{Span: at, Severity: rubric.Error, Message: i18n.Msg{
			EN: fmt.Sprintf("%s cannot be compared without a version number for %s", all.EN, miss.EN),
			FR: fmt.Sprintf("impossible de comparer %s sans numéro de version pour %s", all.FR, miss.FR),
		}}}, false
	}
	ref := found[group[0]]
	var out []rubric.Finding
	for _, name := range group[1:] {
		vf := found[name]
		if vf.ver.Equal(ref.ver) {
			continue
		}
		out = append(out, rubric.Finding{Span: vf.fact.Span, Severity: rubric.Error, Message: i18n.M(
			"%q is %q here but %q for %q: the versions should agree",
			"« %s » vaut « %s » ici mais « %s » pour « %s » : les versions devraient être identiques",
			vf.label, strings.TrimSpace(vf.fact.Value), strings.TrimSpace(ref.fact.Value), ref.label)})
	}
	return out, len(out) == 0
}
