package checks

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// Section asks for a heading, with some words under it.
type Section struct {
	Names    rubric.Names `yaml:"names" required:"true" doc:"the heading, any of these names"`
	Level    int          `yaml:"level" doc:"heading level: 1 for #, 2 for ## ... (default: any level)"`
	Match    string       `yaml:"match" enum:"contains,exact" doc:"contains: the heading contains a name (default); exact: the heading is the name"`
	MinWords *int         `yaml:"min_words" doc:"words the section must hold, sub-sections included, headings not counted (default: 1, not empty)"`
}

// Validate checks the keys' values.
func (c *Section) Validate() error {
	if len(c.Names) == 0 {
		return fmt.Errorf("section needs names: the heading to find, such as names: [Docker service, Service Docker]")
	}
	if c.Level < 0 || c.Level > 6 {
		return rubric.ErrorOn("level", "level must be 1 to 6 (got %d)", c.Level)
	}
	switch strings.ToLower(c.Match) {
	case "", "contains", "exact":
	default:
		return rubric.ErrorOn("match", "match must be contains or exact (got %q)", c.Match)
	}
	if c.MinWords != nil && *c.MinWords < 0 {
		return rubric.ErrorOn("min_words", "min_words cannot be negative (got %d)", *c.MinWords)
	}
	return nil
}

func (c *Section) minWords() int {
	if c.MinWords == nil {
		return 1
	}
	return *c.MinWords
}

// Grade finds the heading: full credit when it holds enough words, half when
// it is too short, nothing when it is missing. When several headings match,
// the longest section counts.
func (c *Section) Grade(doc *document.Document, env *rubric.Env) rubric.Outcome {
	exact := strings.EqualFold(c.Match, "exact")
	var best *document.Section
	bestWords := -1
	for _, s := range sectionsNamed(doc, c.Names, c.Level, exact) {
		if w := sectionWords(doc, s); w > bestWords {
			best, bestWords = s, w
		}
	}
	if best == nil {
		names := orNames(c.Names)
		level := i18n.Msg{}
		if c.Level > 0 {
			hashes := strings.Repeat("#", c.Level)
			level = i18n.M(" (a level-%d heading, %s)", " (titre de niveau %d, %s)", c.Level, hashes)
		}
		return rubric.Outcome{Met: 0, Of: 2, Findings: []rubric.Finding{{
			Whole:    true,
			Severity: rubric.Error,
			Message: i18n.Msg{
				EN: fmt.Sprintf("no section titled %s%s: add this heading", names.EN, level.EN),
				FR: fmt.Sprintf("aucune section intitulée %s%s : ajoutez ce titre", names.FR, level.FR),
			},
		}}}
	}
	if min := c.minWords(); bestWords < min {
		var msg i18n.Msg
		switch {
		case bestWords == 0 && min == 1:
			msg = i18n.M("the section %q is empty: write your answer under its heading",
				"la section « %s » est vide : écrivez votre réponse sous son titre", best.Title)
		case bestWords == 0:
			msg = i18n.M("the section %q is empty: write at least %d words in it",
				"la section « %s » est vide : écrivez-y au moins %d mots", best.Title, min)
		default:
			msg = i18n.M("the section %q holds %d words, at least %d are expected",
				"la section « %s » contient %d mots, au moins %d sont attendus", best.Title, bestWords, min)
		}
		return rubric.Outcome{Met: 1, Of: 2, Findings: []rubric.Finding{{
			Span: best.Heading, Severity: rubric.Error, Message: msg,
		}}}
	}
	return rubric.Outcome{Met: 2, Of: 2}
}

// sectionWords counts the words of the section's blocks, sub-sections
// included, headings excluded.
func sectionWords(doc *document.Document, s *document.Section) int {
	n := 0
	// Blocks are in document order: start at the first one in the section.
	i := sort.Search(len(doc.Blocks), func(i int) bool { return doc.Blocks[i].Span.Start >= s.Span.Start })
	for ; i < len(doc.Blocks) && doc.Blocks[i].Span.Start < s.Span.End; i++ {
		if b := doc.Blocks[i]; b.Kind != document.Heading {
			n += b.Words
		}
	}
	return n
}
