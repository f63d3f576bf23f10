package checks

import (
	"fmt"
	"strings"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/fold"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// Lookup says where a value is found in the report ("Finding a value" in
// rubrics/README.md): the key it is written under, optionally what must
// surround it and the sections it must be in.
type Lookup struct {
	Key     rubric.Names `yaml:"key" required:"true" doc:"the key the value is written under (a table's first cell, a column header, the Key of Key: value), one name or a list of aliases"`
	Context rubric.Names `yaml:"context" doc:"optional: one of these must appear around the value (section titles above it, enclosing keys in pasted output, the column or row header)"`
	In      rubric.Names `yaml:"in" doc:"optional: only look in the sections with these titles (their sub-sections too)"`
	Label   string       `yaml:"label" doc:"how the student is told about the value (default: the first key)"`

	keys     []string     // Key folded, set by Validate when the rubric is loaded
	contexts []foldedName // Context folded, likewise
}

// Validate requires a key.
func (l *Lookup) Validate() error {
	if len(l.Key) == 0 {
		return fmt.Errorf("a value needs a key: the name it is written under, such as key: Storage Driver")
	}
	keys := make([]string, len(l.Key))
	for i, k := range l.Key {
		if keys[i] = fold.NameKey(k); keys[i] == "" {
			return fmt.Errorf("key %q has no letters or digits to match", k)
		}
	}
	l.keys = keys
	l.contexts = foldedNames(l.Context)
	return nil
}

// label names the value for the student.
func (l *Lookup) label() string {
	if l.Label != "" {
		return l.Label
	}
	if len(l.Key) > 0 {
		return l.Key[0]
	}
	return "?"
}

// find returns the fact that best answers the lookup, nil when there is none,
// and the scope that was searched. Candidates are ranked, best first:
//
//  1. a value the check can use (usable: a version for the version kind, a
//     number for relation, a value that holds its rule for fact), so that
//     the "Client: Docker Engine - Community" line of `docker version` does
//     not hide the "Version: 27.3.1" under it; with usable nil, a non-empty
//     value;
//  2. from a table or text rather than from pasted output;
//  3. under an earlier alias of key: teachers write the specific name first
//     ([Server Version, Version]), so a bare "Version" elsewhere does not
//     win over "Server Version";
//  4. first in document order.
//
// When no candidate is usable and prose is set (usable can tell a value from
// any other word), the value is read from a sentence that names the key (see
// proseFact).
func (l *Lookup) find(doc *document.Document, usable func(string) bool, prose bool) (*document.Fact, Scope) {
	sc := scopeOf(doc, l.In)
	var best *document.Fact
	bestRank := 0
	for _, f := range doc.Facts {
		if !sc.Holds(f.Span.Start) {
			continue
		}
		alias := l.keyIndex(f)
		if alias < 0 || !l.contextMatches(f) {
			continue
		}
		r := factRank(f, usable)*len(l.Key) + alias
		if best == nil || r < bestRank {
			best, bestRank = f, r
		}
	}
	if prose && usable != nil && (best == nil || factRank(best, usable) >= 2) {
		if f := l.proseFact(doc, sc, usable); f != nil {
			return f, sc
		}
	}
	return best, sc
}

// factRank orders candidate facts by usability, then origin: lower is
// better.
func factRank(f *document.Fact, usable func(string) bool) int {
	r := 0
	if f.Origin == document.FromOutput {
		r = 1
	}
	v := strings.TrimSpace(f.Value)
	if v == "" || usable != nil && !usable(v) {
		r += 2
	}
	return r
}

// folded returns the keys and contexts folded: by Validate when the rubric
// was loaded, here for a Lookup built by hand (without being stored, so a
// rubric shared by goroutines is never written).
func (l *Lookup) folded() ([]string, []foldedName) {
	if len(l.keys) == len(l.Key) && len(l.contexts) == len(l.Context) {
		return l.keys, l.contexts
	}
	keys := make([]string, len(l.Key))
	for i, k := range l.Key {
		keys[i] = fold.NameKey(k)
	}
	return keys, foldedNames(l.Context)
}

// keyIndex returns the index of the first alias the fact's key folds to, or
// -1. Both sides are folded once: keys by the document, aliases by Validate
// when the rubric is loaded.
func (l *Lookup) keyIndex(f *document.Fact) int {
	k := f.KeyFold
	if k == "" {
		return -1
	}
	keys, _ := l.folded()
	for i, a := range keys {
		if k == a {
			return i
		}
	}
	return -1
}

// aliasIndex returns the index of the first of names s folds to, or -1.
func aliasIndex(s string, names rubric.Names) int {
	k := fold.NameKey(s)
	if k == "" {
		return -1
	}
	for i, n := range names {
		if k == fold.NameKey(n) {
			return i
		}
	}
	return -1
}

func namesEqual(s string, names rubric.Names) bool { return aliasIndex(s, names) >= 0 }

// contextMatches reports whether one of the context names appears around the
// fact: in its own key ("Server Version" is about the server), in what
// qualifies it (enclosing output keys, the column or row header) or in the
// titles of the sections above it.
func (l *Lookup) contextMatches(f *document.Fact) bool {
	if len(l.Context) == 0 {
		return true
	}
	_, ctx := l.folded()
	matches := func(key string) bool {
		for _, c := range ctx {
			if fold.IndexKey(key, c.key, c.prefix) >= 0 {
				return true
			}
		}
		return false
	}
	if matches(f.KeyFold) {
		return true
	}
	for _, s := range f.Context {
		if matches(fold.Key(s)) {
			return true
		}
	}
	for s := f.Section; s != nil && s.Level > 0; s = s.Parent {
		if matches(s.TitleFold) {
			return true
		}
	}
	return false
}

// notFound is the finding for a value that was looked for in sc and not
// found: at the first section searched, or the start of the report.
func (l *Lookup) notFound(sc Scope) rubric.Finding {
	label := l.label()
	key := label
	if len(l.Key) > 0 {
		key = l.Key[0]
	}
	var msg i18n.Msg
	switch {
	case sc.Empty():
		in := orList(l.In)
		msg = i18n.Msg{
			EN: fmt.Sprintf("%q not found: the report has no section titled %s", label, in.EN),
			FR: fmt.Sprintf("« %s » introuvable : le rapport n'a pas de section intitulée %s", label, in.FR),
		}
	case len(l.Context) > 0:
		ctx := orList(l.Context)
		msg = i18n.Msg{
			EN: fmt.Sprintf("%q not found about %s: give it in a table row or a line \"%s: value\"", label, ctx.EN, key),
			FR: fmt.Sprintf("« %s » introuvable pour %s : donnez cette valeur dans une ligne de tableau ou une ligne « %s : valeur »", label, ctx.FR, key),
		}
	default:
		msg = i18n.M("%q not found: give it in a table row or a line \"%s: value\"",
			"« %s » introuvable : donnez cette valeur dans une ligne de tableau ou une ligne « %s : valeur »", label, key)
	}
	return rubric.Finding{Span: sc.At(), Severity: rubric.Error, Message: msg}
}

// orList quotes names for a message: "a", "b" or "c" / « a », « b » ou « c ».
func orList(names []string) i18n.Msg { return i18n.Or(names) }

// andList quotes names for a message: "a", "b" and "c" / « a », « b » et « c ».
func andList(names []string) i18n.Msg { return i18n.And(names) }

// misses places the findings about values not found. Looked for in the whole
// report, a missing value has no place of its own; the student will add it
// where they wrote the criterion's other values (a row of the same table), so
// the finding goes there rather than on the report's first line.
type misses struct {
	idx    []int // indices in the outcome's findings
	anchor *document.Span
}

// missing records the finding for a value not found in sc.
func (m *misses) missing(out *rubric.Outcome, l *Lookup, sc Scope) {
	if sc.whole {
		m.idx = append(m.idx, len(out.Findings))
	}
	out.Findings = append(out.Findings, l.notFound(sc))
}

// found notes where a value of the criterion was found: its table, or its key.
func (m *misses) found(f *document.Fact) {
	if m.anchor != nil {
		return
	}
	s := f.KeySpan
	if f.Table != nil {
		s = f.Table.Span
	}
	s.End = s.Start
	m.anchor = &s
}

// place moves the recorded findings to the first value found, if any.
func (m *misses) place(out *rubric.Outcome) {
	if m.anchor == nil {
		return
	}
	for _, i := range m.idx {
		out.Findings[i].Span = *m.anchor
	}
}
