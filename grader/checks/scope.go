package checks

import (
	"strings"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/fold"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// foldedName is a name folded once for many comparisons; prefix is set by a
// trailing "*".
type foldedName struct {
	key    string
	prefix bool
}

func foldedNames(names rubric.Names) []foldedName {
	out := make([]foldedName, 0, len(names))
	for _, n := range names {
		prefix := strings.HasSuffix(n, "*")
		out = append(out, foldedName{fold.Key(strings.TrimSuffix(n, "*")), prefix})
	}
	return out
}

// keyMatches reports whether a folded section title matches one of the
// folded names: exact compares keys; otherwise a name must occur in the title
// on word boundaries ("Service" matches "Le service Docker").
func keyMatches(key string, names []foldedName, exact bool) bool {
	for _, n := range names {
		if exact {
			if key == n.key {
				return true
			}
		} else if fold.IndexKey(key, n.key, n.prefix) >= 0 {
			return true
		}
	}
	return false
}

// sectionsNamed returns the sections (Root excluded) whose title matches one
// of names, in document order. level 0 accepts any level.
func sectionsNamed(doc *document.Document, names rubric.Names, level int, exact bool) []*document.Section {
	var out []*document.Section
	folded := foldedNames(names)
	for _, s := range doc.Sections {
		if s.Level == 0 || (level > 0 && s.Level != level) {
			continue
		}
		if keyMatches(s.TitleFold, folded, exact) {
			out = append(out, s)
		}
	}
	return out
}

// Scope is where a check looks: the whole document, or the spans of the
// sections named by an `in:` key (sub-sections included).
type Scope struct {
	spans []document.Span
	whole bool
}

// scopeOf resolves `in:` names. No names means the whole document; names that
// match no heading give an empty scope, so the check reports what it missed
// rather than silently crediting text from elsewhere.
func scopeOf(doc *document.Document, in rubric.Names) Scope {
	if len(in) == 0 {
		return Scope{whole: true}
	}
	var sc Scope
	for _, s := range sectionsNamed(doc, in, 0, false) {
		sc.spans = append(sc.spans, s.Span)
	}
	return sc
}

// Holds reports whether the span starting at offset is in scope.
func (sc Scope) Holds(offset int) bool {
	if sc.whole {
		return true
	}
	for _, s := range sc.spans {
		if s.Contains(offset) {
			return true
		}
	}
	return false
}

// Empty reports whether the scope names sections and none was found.
func (sc Scope) Empty() bool { return !sc.whole && len(sc.spans) == 0 }

// At is where a finding about something missing from the scope goes: the
// first section searched, or the start of the report.
func (sc Scope) At() document.Span {
	if len(sc.spans) > 0 {
		return document.Span{Start: sc.spans[0].Start, End: sc.spans[0].Start}
	}
	return document.Span{}
}
