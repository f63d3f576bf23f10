package checks

import (
	"fmt"
	"sort"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// Placeholder takes points away for words left in the text: template
// leftovers ("TODO", "à compléter") under the kind `placeholder`, or words
// the teacher forbids under the kind `forbidden`. Paragraphs, list items,
// headings and table cells are searched; code is not (a `# TODO` in a pasted
// script is not the student's unfinished answer), nor are HTML comments,
// which the reader of the report never sees.
type Placeholder struct {
	Words rubric.Names  `yaml:"words" required:"true" doc:"names that must not remain in the text, each occurrence costs per (code is not searched)"`
	Per   rubric.Points `yaml:"per" doc:"points lost per occurrence (default: the whole penalty at the first one)"`
}

// PenaltyOnly tells the loader that this kind takes penalty:, not points:.
func (p *Placeholder) PenaltyOnly() bool { return true }

// Validate checks the keys' values.
func (p *Placeholder) Validate() error {
	if len(p.Words) == 0 {
		return fmt.Errorf("words is required: the words that must not remain, such as words: [TODO, à compléter]")
	}
	if p.Per < 0 {
		return rubric.ErrorOn("per", "per cannot be negative (got %s)", p.Per)
	}
	return nil
}

// leftover is one occurrence of a word.
type leftover struct {
	word string
	span document.Span
}

// PerFault is what one occurrence costs (0: the whole penalty at the first).
func (p *Placeholder) PerFault() rubric.Points { return p.Per }

// Grade finds every occurrence; the engine charges them.
func (p *Placeholder) Grade(doc *document.Document, env *rubric.Env) rubric.Outcome {
	words := foldedNames(p.Words)
	var found []leftover
	seen := map[int]bool{} // one occurrence per start, when two words overlap
	var memo *rubric.Memo
	if env != nil {
		memo = env.Memo
	}
	for _, b := range doc.Blocks {
		switch b.Kind {
		case document.Paragraph, document.ListItem, document.Heading, document.TableBlock:
		default:
			continue
		}
		// Most blocks hold no leftover: look in the folded text before
		// folding it again with the offsets that place a finding.
		if !hasName(b.Text, blockKey(memo, b), words) {
			continue
		}
		ft := blockFold(memo, b)
		for _, w := range words {
			for _, r := range ft.findAll(w) {
				sp := blockRange(b, r[0], r[1])
				if seen[sp.Start] || inCode(doc, sp.Start) {
					continue
				}
				seen[sp.Start] = true
				found = append(found, leftover{word: b.Text[r[0]:r[1]], span: sp})
			}
		}
	}
	// HTML tables are read cell by cell: their block is raw HTML, comments
	// included, which the reader of the report never sees.
	for _, t := range doc.Tables {
		if t.Source != document.HTMLTable {
			continue
		}
		for _, row := range t.Rows {
			for _, cell := range row {
				ft := foldOffsets(cell.Text)
				for _, w := range words {
					for _, r := range ft.findAll(w) {
						if seen[cell.Span.Start] {
							continue
						}
						seen[cell.Span.Start] = true
						found = append(found, leftover{word: cell.Text[r[0]:r[1]], span: cell.Span})
					}
				}
			}
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].span.Start < found[j].span.Start })

	// The engine charges per (PerFault) for each occurrence, up to the
	// criterion's penalty.
	out := rubric.Outcome{Faults: len(found)}
	forbidden := env != nil && env.Criterion != nil && env.Criterion.Kind == "forbidden"
	for _, f := range found {
		msg := i18n.M("%q is a template leftover: replace it with your answer",
			"« %s » est un reste du modèle : remplacez-le par votre réponse", f.word)
		if forbidden {
			msg = i18n.M("%q must not appear in the report", "« %s » ne doit pas figurer dans le rapport", f.word)
		}
		out.Findings = append(out.Findings, rubric.Finding{Span: f.span, Severity: rubric.Error, Message: msg})
	}
	return out
}
