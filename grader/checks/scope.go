package checks

import (
	"strings"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/fold"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// foldedName is a name made ready for many comparisons: a text folded once
// (prefix is set by a trailing "*"), or a {regex: ...} name, matched against
// the text as written.
type foldedName struct {
	key    string
	prefix bool
	phrase fold.Phrase // key and prefix, ready to be found (fold.Phrase: insertions are skipped)
	re     rubric.Pattern
}

// foldedNames prepares names; a text that folds to nothing (the loader
// refuses it) is left out.
func foldedNames(names rubric.Names) []foldedName {
	out := make([]foldedName, 0, len(names))
	for _, n := range names {
		if f := foldedNameOf(n); f.key != "" || !f.re.IsZero() {
			out = append(out, f)
		}
	}
	return out
}

// foldedNameOf prepares one name.
func foldedNameOf(n rubric.Name) foldedName {
	if n.IsRegex() {
		return foldedName{re: n.Regex}
	}
	key, prefix := fold.Key(strings.TrimSuffix(n.Text, "*")), strings.HasSuffix(n.Text, "*")
	return foldedName{key: key, prefix: prefix, phrase: fold.NewPhrase(key, prefix)}
}

// keyName prepares a name already folded, without "*".
func keyName(key string) foldedName {
	return foldedName{key: key, phrase: fold.NewPhrase(key, false)}
}

// in reports whether the name occurs in text, whose folded key is key: on
// word boundaries in the key, a phrase's words perhaps interrupted by an
// adverb (fold.Phrase), or, for a regular expression, anywhere in the text
// as written.
func (n foldedName) in(text, key string) bool { return n.within(text, key, true) }

// within is in, told whether the key may hold a word that interrupts a
// phrase (fold.HasInsertion): false looks for the name as written only.
func (n foldedName) within(text, key string, insertions bool) bool {
	if !n.re.IsZero() {
		return n.re.MatchString(text)
	}
	i, _ := n.phrase.Find(key, 0, insertions)
	return i >= 0
}

// is reports whether text (whose folded key is key) is the name: the same
// key, or, for a regular expression, a match of the whole text.
func (n foldedName) is(text, key string) bool {
	if !n.re.IsZero() {
		return n.re.MatchWhole(strings.TrimSpace(text))
	}
	return key == n.key
}

// keyMatches reports whether a section title (and its folded key) matches
// one of the names: exact compares keys (a regular expression must match
// the whole title); otherwise a name must occur in the title on word
// boundaries ("Service" matches "Le service Docker").
func keyMatches(title, key string, names []foldedName, exact bool) bool {
	if !exact {
		return hasName(title, key, names)
	}
	for _, n := range names {
		if n.is(title, key) {
			return true
		}
	}
	return false
}

// hasName reports whether text (and its folded key) holds one of names:
// each as written first; then, when none is and the text holds a word that
// may interrupt a phrase, the phrases interrupted. A block is read once for
// its insertions, not once per name.
func hasName(text, key string, names []foldedName) bool {
	phrases := false
	for _, n := range names {
		if n.within(text, key, false) {
			return true
		}
		phrases = phrases || n.re.IsZero() && n.phrase.Interruptible()
	}
	if !phrases || !fold.HasInsertion(key) {
		return false
	}
	for _, n := range names {
		if n.re.IsZero() && n.phrase.Interruptible() && n.within(text, key, true) {
			return true
		}
	}
	return false
}

// sectionsNamed returns the sections (Root excluded) whose title matches one
// of names, in document order. level 0 accepts any level.
func sectionsNamed(doc *document.Document, names rubric.Names, level int, exact bool) []*document.Section {
	return sectionsMatching(doc, foldedNames(names), level, exact)
}

// sectionsMatching is sectionsNamed for names already prepared.
func sectionsMatching(doc *document.Document, folded []foldedName, level int, exact bool) []*document.Section {
	var out []*document.Section
	for _, s := range doc.Sections {
		if s.Level == 0 || (level > 0 && s.Level != level) {
			continue
		}
		if keyMatches(s.Title, s.TitleFold, folded, exact) {
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
// first section searched, or, when the scope is the whole report or names
// no section it has, the report as a whole.
func (sc Scope) At() place {
	if len(sc.spans) > 0 {
		return placeAt(document.Span{Start: sc.spans[0].Start, End: sc.spans[0].Start})
	}
	return wholeReport
}

// place is where a finding goes: a span of the report, or the report as a
// whole, for something missing from all of it with nowhere nearer to point
// at. A check says which (rubric.Finding.Whole): the engine does not guess
// it from the offset, since a table or heading may start the file.
type place struct {
	span  document.Span
	whole bool
}

// wholeReport is the place of a finding about the report as a whole.
var wholeReport = place{whole: true}

// placeAt is the place of a finding at s.
func placeAt(s document.Span) place { return place{span: s} }

// finding is a finding at p.
func (p place) finding(sev rubric.Severity, msg i18n.Msg) rubric.Finding {
	return rubric.Finding{Span: p.span, Whole: p.whole, Severity: sev, Message: msg}
}
