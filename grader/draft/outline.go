package draft

import (
	"strings"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/fold"
)

// The outline: which heading titles the document, which headings are its
// parts (a section criterion each), which are bonus parts.

// numbering is what a heading says about its place rather than its
// subject: "Partie 2 :", "1.2)", "Exercise 3 -", "II.", "b)".
var numbering = lazyRegexp(`(?i)^\s*(?:(?:partie|part|exercice|exercise|question|[ée]tape|step|section|chapitre|chapter|tp|lab|ex|q)\s*[0-9ivx]+[a-z]?\s*(?:[.):\-–—]\s*|\s+)|[0-9]+(?:[.)][0-9]+)*[.)]?\s+|(?:[ivx]+|[a-z])[.)]\s+)`)

// headingName is a heading without its numbering and the punctuation
// around it: "Partie 2 : conteneur et VM" is "conteneur et VM". A heading
// that is only numbering ("Partie 2") stays whole.
func headingName(title string) string {
	t := strings.Join(strings.Fields(printable(title)), " ")
	rest := strings.TrimSpace(numbering().ReplaceAllString(t, ""))
	rest = strings.Trim(rest, " :-–—.")
	if fold.Key(rest) == "" || !hasLetter(rest) {
		return strings.Trim(t, " :-–—")
	}
	return rest
}

// isBonus reports whether a heading announces a bonus part.
func isBonus(s *document.Section) bool {
	k := s.TitleFold
	return strings.HasPrefix(k, "bonus") || strings.Contains(" "+k+" ", " bonus ")
}

// outline is how the model is organised.
type outline struct {
	title *document.Section          // the heading that titles the document, or nil
	parts []*document.Section        // the headings that become section criteria
	bonus map[*document.Section]bool // sections inside a bonus part
	many  []*document.Section        // headings left out: over maxParts
}

// maxParts bounds the section criteria of a draft.
const maxParts = 12

func readOutline(doc *document.Document) *outline {
	o := &outline{bonus: map[*document.Section]bool{}}
	tops := doc.Root.Children
	if len(tops) == 0 {
		return o
	}
	first := tops[0]
	// The title is the first heading, at the top, when nothing comes
	// before it and little under it: the lab's name, maybe a line about
	// who wrote what.
	before := 0
	for _, b := range doc.Blocks {
		if b.Span.Start >= first.Span.Start {
			break
		}
		before += b.Words
	}
	own := 0
	plainBody := true
	for _, b := range doc.Blocks {
		if b.Section == first && b.Kind != document.Heading {
			own += b.Words
			if b.Kind == document.CodeBlock || b.Kind == document.TableBlock || b.Kind == document.HTMLBlock {
				plainBody = false
			}
		}
	}
	if before == 0 && (len(tops) == 1 && len(first.Children) > 0 || own < 40 && plainBody) {
		o.title = first
	}
	var level1 []*document.Section
	if o.title != nil && len(tops) == 1 {
		level1 = first.Children
	} else {
		for _, s := range tops {
			if s != o.title {
				level1 = append(level1, s)
			}
		}
	}
	var walk func(s *document.Section, bonus bool)
	walk = func(s *document.Section, bonus bool) {
		if bonus || isBonus(s) {
			o.bonus[s] = true
		}
		for _, c := range s.Children {
			walk(c, o.bonus[s])
		}
	}
	for _, s := range tops {
		walk(s, false)
	}
	seen := map[string]bool{}
	add := func(s *document.Section) {
		name := headingName(s.Title)
		k := fold.Key(name)
		switch {
		case o.bonus[s] || k == "" || seen[k]:
			// A bonus part costs nothing when missing; a heading without
			// words or said twice names no part of its own.
		case len(o.parts) >= maxParts:
			o.many = append(o.many, s)
		default:
			seen[k] = true
			o.parts = append(o.parts, s)
		}
	}
	// Two levels of parts: the report's parts and their sub-parts. Deeper
	// headings are checked through the values and answers they hold.
	for _, s := range level1 {
		add(s)
		for _, c := range s.Children {
			add(c)
		}
	}
	return o
}
