package checks

import (
	"sort"
	"strings"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/fold"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// Finding the answer: where in the report the explanation of a subject is.
// The candidates are, from the first way that finds any: the `in:`
// sections, the text after the question, the sections whose heading names
// the subject (with the part that holds them and the section just before
// as context), the text after each mention of the subject (after each
// block that opens with it as a label, "docker.socket : ...", when there is
// one). Judging what an answer asserts is judge.go's.

// answer is a stretch of the report read as the explanation.
type answer struct {
	blocks   []*document.Block   // in document order, prose and code
	sections []*document.Section // a command shown anywhere in these counts too
	heading  *document.Section   // the section whose heading introduces the answer, if any
	// context is read when the answer's own blocks hold no claim: the
	// introduction of the part that holds the section, and the section just
	// before it ("### The Docker daemon" explained above "### docker.service",
	// which only shows systemctl status).
	context []*document.Block
}

// start is where findings about what the answer lacks go: its first block of
// prose, else its heading, else its first block.
func (a *answer) start() document.Span {
	for _, b := range a.blocks {
		if isProse(b) {
			return b.Span
		}
	}
	if a.heading != nil {
		return a.heading.Heading
	}
	if len(a.blocks) > 0 {
		return a.blocks[0].Span
	}
	return document.Span{}
}

// holds reports whether offset is inside one of the answer's blocks.
func (a *answer) holds(offset int) bool {
	for _, b := range a.blocks {
		if b.Span.Contains(offset) {
			return true
		}
	}
	return false
}

// reading is one grading of an explanation: the report, what must not be
// copied, and indexes built once so that a long report is read in linear
// time.
type reading struct {
	doc      *document.Document
	cmds     *document.CommandSet // the commands shown, as the rubric reads them
	memo     *rubric.Memo         // folded blocks, shared with the other criteria
	src      copySource
	tables   map[*document.Block]*document.Table    // the table a block holds
	headings map[*document.Block]*document.Section  // the section a heading block opens
	rows     map[*document.Table][][]*document.Cell // the rows of a table that name the subject

	subject  []foldedName   // the subject's names
	labels   []foldedName   // the same, read leniently in headings and cells
	terms    [][]foldedName // in the order of Terms
	concepts [][]foldedName // in the order of Concepts
	wrong    [][]foldedName // each concept's known wrong answers

	// wrongIn caches, per piece, the mentions of each concept's wrong
	// answers: the candidate answers overlap, and wrong answers are often
	// regular expressions, the costliest names to look for.
	wrongIn map[pieceKey][][]mention
}

// wrongMentions returns the mentions of each concept's wrong answers in p.
func (r *reading) wrongMentions(p piece) [][]mention {
	if ms, ok := r.wrongIn[p.id()]; ok {
		return ms
	}
	ms := make([][]mention, len(r.wrong))
	for i, names := range r.wrong {
		if len(names) > 0 {
			ms[i] = mentionsOf([]piece{p}, names)
		}
	}
	if r.wrongIn == nil {
		r.wrongIn = map[pieceKey][][]mention{}
	}
	r.wrongIn[p.id()] = ms
	return ms
}

func (e *Explanation) newReading(doc *document.Document, cmds *document.CommandSet, memo *rubric.Memo, src copySource) *reading {
	n := e.names()
	r := &reading{doc: doc, cmds: cmds, memo: memo, src: src,
		tables:   map[*document.Block]*document.Table{},
		headings: map[*document.Block]*document.Section{},
		rows:     map[*document.Table][][]*document.Cell{},
		subject:  n.subject,
		labels:   n.labels,
		terms:    n.terms,
		concepts: n.concepts,
		wrong:    n.wrong,
	}
	opens := map[int]*document.Section{}
	for _, s := range doc.Sections {
		if s.Level > 0 {
			opens[s.Heading.Start] = s
		}
	}
	t := 0
	for _, b := range doc.Blocks {
		if b.Kind == document.Heading {
			if s := opens[b.Span.Start]; s != nil {
				r.headings[b] = s
			}
		}
		if b.Kind != document.TableBlock && b.Kind != document.HTMLBlock {
			continue
		}
		for t < len(doc.Tables) && doc.Tables[t].Span.Start < b.Span.Start {
			t++
		}
		if t < len(doc.Tables) && b.Span.Contains(doc.Tables[t].Span.Start) {
			r.tables[b] = doc.Tables[t]
		}
	}
	return r
}

// locate returns the candidate answers, from the first way that finds any:
// the `in:` sections, the text after the question, the sections whose
// heading names the subject, the text after each mention of the subject.
func (e *Explanation) locate(r *reading) []*answer {
	as := e.candidates(r)
	// Why: a report pasted many times over (1 MiB of copies) would otherwise
	// be assessed once per copy; the first candidates are where students
	// answer.
	if len(as) > maxCandidates {
		as = as[:maxCandidates]
	}
	return as
}

// maxCandidates bounds the places an answer is looked for.
const maxCandidates = 16

// candidates lists the places an answer may be, the best kind of place
// first (see locate).
func (e *Explanation) candidates(r *reading) []*answer {
	doc := r.doc
	if len(e.In) > 0 {
		if secs := outermost(sectionsNamed(doc, e.In, 0, false)); len(secs) > 0 {
			a := &answer{sections: secs, heading: secs[0]}
			for _, s := range secs {
				a.blocks = append(a.blocks, sectionBlocks(doc, s)...)
			}
			return []*answer{a}
		}
	}
	if e.Question != "" {
		if as := e.afterQuestion(r); len(as) > 0 {
			return as
		}
	}
	var out []*answer
	for _, s := range innermost(sectionsMatching(doc, r.labels, 0, false)) {
		out = append(out, sectionAnswer(doc, s))
	}
	if len(out) > 0 {
		return out
	}
	// A block that opens with the subject as its label ("docker.socket :
	// ...") is where the student answers about it: when there is one, the
	// mentions in passing ("systemctl list-units → docker.service et
	// docker.socket") are not read as the answer, nor the blocks after
	// them that answer about something else.
	var labelled []*answer
	covered := map[*document.Block]bool{}
	for i, b := range doc.Blocks {
		label := e.labelled(r, b)
		if covered[b] && !label || !e.mentions(r, b) {
			continue
		}
		a := r.following(i, e.window())
		for _, x := range a.blocks {
			covered[x] = true
		}
		out = append(out, a)
		if label {
			labelled = append(labelled, a)
		}
	}
	if len(labelled) > 0 {
		return labelled
	}
	return out
}

// maxLabelBytes bounds the label a block opens with.
const maxLabelBytes = 60

// labelled reports whether a block of prose opens with the subject as its
// label: "docker.socket : ...", "**docker.service** = ...".
func (e *Explanation) labelled(r *reading, b *document.Block) bool {
	if !isProse(b) {
		return false
	}
	i := strings.IndexAny(b.Text, ":=")
	if i <= 0 || i > maxLabelBytes {
		return false
	}
	head := fold.Key(b.Text[:i])
	for _, n := range r.subject {
		if n.re.IsZero() && n.key == head {
			return true
		}
	}
	return false
}

// mentions reports whether a block names the subject: in its text, or in a
// cell of the table it holds.
func (e *Explanation) mentions(r *reading, b *document.Block) bool {
	if t := r.tables[b]; t != nil {
		return len(r.subjectRows(t)) > 0
	}
	return isProse(b) && hasName(b.Text, blockKey(r.memo, b), r.subject)
}

// subjectRows returns the rows of t with a cell that names the subject
// (cells are labels: read as leniently as headings).
func (r *reading) subjectRows(t *document.Table) [][]*document.Cell {
	if rows, ok := r.rows[t]; ok {
		return rows
	}
	var out [][]*document.Cell
	for _, row := range t.Rows {
		for _, c := range row {
			if hasName(c.Text, fold.Key(c.Text), r.labels) {
				out = append(out, row)
				break
			}
		}
	}
	r.rows[t] = out
	return out
}

// piecesIn returns the sentences of blocks. A table that gives one row per
// unit ("docker.service | ... ", "docker.socket | ...") is read row by row:
// only the rows that name the subject, when some do, so that one unit's
// explanation is not credited with another's.
func (e *Explanation) piecesIn(r *reading, blocks []*document.Block) []piece {
	var out []piece
	for _, b := range blocks {
		if t := r.tables[b]; t != nil {
			rows := r.subjectRows(t)
			if len(rows) == 0 {
				rows = t.Rows
			}
			for _, row := range rows {
				for _, c := range row {
					out = append(out, cellPieces(r.doc, c)...)
				}
			}
			continue
		}
		if isProse(b) {
			out = append(out, blockPieces(r.memo, b)...)
		}
	}
	return out
}

// afterQuestion finds the blocks that repeat the question best and reads
// what follows each. Only the closest repeats count: "Quel est le rôle de
// docker.service ?" is close to "... de docker.socket ?" but not the same.
func (e *Explanation) afterQuestion(r *reading) []*answer {
	q := questionPairs(e.Question)
	var out []*answer
	best := questionShare
	for i, b := range r.doc.Blocks {
		if b.Kind != document.Heading && !isProse(b) {
			continue
		}
		m := questionMatch(q, blockKey(r.memo, b))
		if m < best {
			continue
		}
		if m > best {
			best, out = m, nil
		}
		if b.Kind == document.Heading {
			if s := r.headings[b]; s != nil {
				out = append(out, sectionAnswer(r.doc, s))
			}
			continue
		}
		out = append(out, r.following(i, 0))
	}
	return out
}

// questionMatch is the share of the question's pairs of consecutive words
// (its words, for a one-word question) that the folded text repeats. The
// pairs come from questionPairs, made once per question.
func questionMatch(pairs []string, key string) float64 {
	if len(pairs) == 0 || key == "" {
		return 0
	}
	hit := 0
	for _, p := range pairs {
		if fold.IndexKey(key, p, false) >= 0 {
			hit++
		}
	}
	return float64(hit) / float64(len(pairs))
}

// questionPairs folds a question into its pairs of consecutive words.
func questionPairs(question string) []string {
	q := strings.Fields(fold.Key(question))
	if len(q) == 1 {
		return q
	}
	var pairs []string
	for i := 0; i+1 < len(q); i++ {
		pairs = append(pairs, q[i]+" "+q[i+1])
	}
	return pairs
}

// headingNames adds, to each name written with dots, hyphens or underscores,
// the same name with spaces: a heading "Docker socket" names docker.socket.
// Only headings (and table cells, which are labels too) are read this
// leniently; in the text, "the docker service" is not docker.service.
func headingNames(names rubric.Names) rubric.Names {
	out := append(rubric.Names(nil), names...)
	for _, n := range names {
		if n.IsRegex() {
			continue
		}
		spaced := strings.Map(func(r rune) rune {
			if r == '.' || r == '-' || r == '_' {
				return ' '
			}
			return r
		}, n.Text)
		if fold.Key(spaced) != fold.Key(n.Text) {
			out = append(out, rubric.Name{Text: spaced})
		}
	}
	return out
}

// innermost drops the sections that contain another one of the list: the
// answer about docker.service is under "Docker service", not under the
// "Docker service and socket" part that holds it and the socket's answer.
func innermost(secs []*document.Section) []*document.Section {
	holds := map[*document.Section]bool{}
	for _, s := range secs {
		for p := s.Parent; p != nil && !holds[p]; p = p.Parent {
			holds[p] = true
		}
	}
	var out []*document.Section
	for _, s := range secs {
		if !holds[s] {
			out = append(out, s)
		}
	}
	return out
}

// outermost drops the sections contained in another one of the list, so
// that no block is read twice.
func outermost(secs []*document.Section) []*document.Section {
	listed := map[*document.Section]bool{}
	for _, s := range secs {
		listed[s] = true
	}
	var out []*document.Section
	for _, s := range secs {
		inner := false
		for p := s.Parent; p != nil; p = p.Parent {
			if listed[p] {
				inner = true
				break
			}
		}
		if !inner {
			out = append(out, s)
		}
	}
	return out
}

// sectionBlocks returns a section's blocks, sub-sections included, its own
// heading excluded. Blocks are in document order: a binary search finds the
// first.
func sectionBlocks(doc *document.Document, s *document.Section) []*document.Block {
	i := sort.Search(len(doc.Blocks), func(i int) bool { return doc.Blocks[i].Span.Start >= s.Span.Start })
	var out []*document.Block
	for ; i < len(doc.Blocks) && doc.Blocks[i].Span.Start < s.Span.End; i++ {
		if b := doc.Blocks[i]; s.Level == 0 || b.Span.Start != s.Heading.Start {
			out = append(out, b)
		}
	}
	return out
}

// sectionAnswer reads a section's blocks. A command counts anywhere in the
// part that holds the section too: students often show both units'
// commands once, above "### docker.service" and "### docker.socket". The
// introduction of that part (its blocks before its first sub-section) and
// the section just before this one are the answer's context.
func sectionAnswer(doc *document.Document, s *document.Section) *answer {
	a := &answer{sections: []*document.Section{s}, heading: s, blocks: sectionBlocks(doc, s)}
	if p := s.Parent; p != nil && p.Level > 0 {
		a.sections = append(a.sections, p)
		for _, b := range sectionBlocks(doc, p) {
			if len(p.Children) > 0 && b.Span.Start >= p.Children[0].Span.Start {
				break
			}
			a.context = append(a.context, b)
		}
	}
	if prev := previousSection(s); prev != nil {
		a.context = append(a.context, sectionBlocks(doc, prev)...)
	}
	return a
}

// previousSection is the sibling section just before s, or nil.
func previousSection(s *document.Section) *document.Section {
	if s.Parent == nil {
		return nil
	}
	sib := s.Parent.Children
	for i := 1; i < len(sib); i++ {
		if sib[i] == s {
			return sib[i-1]
		}
	}
	return nil
}

// following reads blocks from doc.Blocks[i] on: up to window words of prose
// (0: no limit), never past a heading of the same or a higher level than the
// section the first block is in (any heading before the first one), nor past
// a block that only repeats the assignment (the next question).
func (r *reading) following(i int, window int) *answer {
	doc := r.doc
	first := doc.Blocks[i]
	level := 0
	if first.Section != nil {
		level = first.Section.Level
	}
	a := &answer{}
	if first.Section != nil && first.Section.Level > 0 {
		a.sections = []*document.Section{first.Section}
	}
	words := 0
	for j := i; j < len(doc.Blocks); j++ {
		b := doc.Blocks[j]
		if j > i {
			if b.Kind == document.Heading {
				if s := r.headings[b]; s == nil || level == 0 || s.Level <= level {
					break
				}
				continue
			}
			if window > 0 && words >= window {
				break
			}
			if isProse(b) && r.src.blockCopied(blockPieces(r.memo, b)) {
				break
			}
		}
		a.blocks = append(a.blocks, b)
		if isProse(b) || r.tables[b] != nil {
			words += b.Words
		}
	}
	return a
}
