package checks

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/fold"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// DefaultWindow is how many words after a mention of the subject are read
// as its explanation when no section holds it.
const DefaultWindow = 120

// questionShare is how much of the question (pairs of consecutive folded
// words) a block must repeat to be taken for the question itself.
const questionShare = 0.75

// Explanation asks the student to explain something in their own words.
type Explanation struct {
	Subject  rubric.Names   `yaml:"subject" required:"true" doc:"names of what is explained, such as docker.service"`
	In       rubric.Names   `yaml:"in" doc:"names of the sections that hold the answer (default: found from question, then from mentions of subject)"`
	Question string         `yaml:"question" doc:"the question as the assignment words it: the answer is what follows it, and repeating it earns nothing"`
	Window   int            `yaml:"window" doc:"words read after a mention of the subject when no section holds the answer (default 120)"`
	Command  *CommandSpec   `yaml:"command" doc:"a command the answer must show in code, as typed (systemctl status docker) or {regex: ...}"`
	Terms    []rubric.Names `yaml:"terms" doc:"names the answer must each contain, one share each"`
	Concepts []Concept      `yaml:"concepts" doc:"ideas the answer must cover: any one of a concept's names earns its weight"`
	MinWords int            `yaml:"min_words" doc:"shortest acceptable answer in words, one share when set (default 0: no length required)"`
}

// Concept is one idea an explanation must cover, said in any of several ways.
type Concept struct {
	Name   string       `yaml:"name" doc:"how the student is told about the idea when it is missing"`
	Any    rubric.Names `yaml:"any" required:"true" doc:"ways of saying it: any one of these names in the answer covers the concept (word* accepts any ending)"`
	Weight int          `yaml:"weight" doc:"shares the concept is worth (default 1)"`
	Hint   string       `yaml:"hint" doc:"what the student is told when the concept is missing, in the rubric's language"`
}

func (c *Concept) weight() int {
	if c.Weight <= 0 {
		return 1
	}
	return c.Weight
}

func (c *Concept) label() string {
	if c.Name != "" {
		return c.Name
	}
	if len(c.Any) > 0 {
		return c.Any[0]
	}
	return "?"
}

// Validate checks the keys' values.
func (e *Explanation) Validate() error {
	if len(e.Subject) == 0 {
		return fmt.Errorf("subject is required: what is explained, such as subject: [docker.socket, socket Docker]")
	}
	if e.Window < 0 {
		return rubric.ErrorOn("window", "window cannot be negative (got %d)", e.Window)
	}
	if e.MinWords < 0 {
		return rubric.ErrorOn("min_words", "min_words cannot be negative (got %d)", e.MinWords)
	}
	if e.Command != nil {
		if err := e.Command.Validate(); err != nil {
			return err
		}
	}
	for i := range e.Concepts {
		c := &e.Concepts[i]
		if len(c.Any) == 0 {
			return rubric.ErrorOn("concepts", "concept %q needs any: the words that show it, such as any: [socket unix, unix socket]", c.label())
		}
		if c.Weight < 0 {
			return rubric.ErrorOn("concepts", "concept %q: weight cannot be negative (got %d)", c.label(), c.Weight)
		}
	}
	if e.shares() == 0 {
		return fmt.Errorf("an explanation needs something to check: command, terms, concepts or min_words")
	}
	return nil
}

func (e *Explanation) window() int {
	if e.Window <= 0 {
		return DefaultWindow
	}
	return e.Window
}

// shares is what a complete answer earns.
func (e *Explanation) shares() int {
	n := len(e.Terms)
	if e.Command != nil {
		n++
	}
	for i := range e.Concepts {
		n += e.Concepts[i].weight()
	}
	if e.MinWords > 0 {
		n++
	}
	return n
}

// answer is a stretch of the report read as the explanation.
type answer struct {
	blocks   []*document.Block   // in document order, prose and code
	sections []*document.Section // a command shown anywhere in these counts too
	heading  *document.Section   // the section whose heading introduces the answer, if any
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

// assessment is what an answer earns.
type assessment struct {
	ans      *answer
	met      int
	own      []piece // the student's own sentences
	copied   []piece // sentences that repeat the assignment or the question
	words    int
	command  *document.Code
	terms    []bool
	concepts []bool
}

// reading is one grading of an explanation: the report, what must not be
// copied, and indexes built once so that a long report is read in linear
// time.
type reading struct {
	doc      *document.Document
	memo     *rubric.Memo // folded blocks, shared with the other criteria
	src      copySource
	tables   map[*document.Block]*document.Table    // the table a block holds
	headings map[*document.Block]*document.Section  // the section a heading block opens
	rows     map[*document.Table][][]*document.Cell // the rows of a table that name the subject

	subject  []string   // the subject's names, folded
	labels   []string   // the same, read leniently in headings and cells
	terms    [][]string // folded, in the order of Terms
	concepts [][]string // folded, in the order of Concepts
}

func (e *Explanation) newReading(doc *document.Document, memo *rubric.Memo, src copySource) *reading {
	r := &reading{doc: doc, memo: memo, src: src,
		tables:   map[*document.Block]*document.Table{},
		headings: map[*document.Block]*document.Section{},
		rows:     map[*document.Table][][]*document.Cell{},
		subject:  foldNames(e.Subject),
		labels:   foldNames(headingNames(e.Subject)),
	}
	for _, t := range e.Terms {
		r.terms = append(r.terms, foldNames(t))
	}
	for i := range e.Concepts {
		r.concepts = append(r.concepts, foldNames(e.Concepts[i].Any))
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

// Grade locates the answer, drops copied sentences and counts what the rest
// shows.
func (e *Explanation) Grade(doc *document.Document, env *rubric.Env) rubric.Outcome {
	assignment := ""
	var memo *rubric.Memo
	if env != nil {
		assignment, memo = env.Assignment, env.Memo
	}
	r := e.newReading(doc, memo, newCopySource(assignment, e.Question))
	out := rubric.Outcome{Of: e.shares()}
	var best *assessment
	for _, a := range e.locate(r) {
		as := e.assess(r, a)
		if best == nil || as.met > best.met {
			best = as
		}
	}
	if best == nil {
		// Nothing names the subject: the start of the report is the only
		// place to say so.
		out.Findings = append(out.Findings, rubric.Finding{Span: document.Span{}, Severity: rubric.Error, Message: i18n.M(
			"no explanation of %s found: answer under a heading that names it",
			"aucune explication de %s trouvée : répondez sous un titre qui le nomme", e.subjectMsg())})
		return out
	}
	out.Met = best.met
	out.Findings = e.findings(doc, best)
	return out
}

func (e *Explanation) subjectMsg() string {
	if len(e.Subject) == 0 {
		return "?"
	}
	return "`" + e.Subject[0] + "`"
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
	for _, s := range innermost(sectionsNamed(doc, r.labels, 0, false)) {
		out = append(out, sectionAnswer(doc, s))
	}
	if len(out) > 0 {
		return out
	}
	covered := map[*document.Block]bool{}
	for i, b := range doc.Blocks {
		if covered[b] || !e.mentions(r, b) {
			continue
		}
		a := r.following(i, e.window())
		for _, x := range a.blocks {
			covered[x] = true
		}
		out = append(out, a)
	}
	return out
}

// mentions reports whether a block names the subject: in its text, or in a
// cell of the table it holds.
func (e *Explanation) mentions(r *reading, b *document.Block) bool {
	if t := r.tables[b]; t != nil {
		return len(r.subjectRows(t)) > 0
	}
	return isProse(b) && hasName(blockKey(r.memo, b), r.subject)
}

// hasName reports whether a folded text holds one of the folded names.
func hasName(key string, names []string) bool {
	for _, n := range names {
		if fold.Index(key, n) >= 0 {
			return true
		}
	}
	return false
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
			if hasName(fold.Key(c.Text), r.labels) {
				out = append(out, row)
				break
			}
		}
	}
	r.rows[t] = out
	return out
}

// piecesIn returns the sentences of an answer. A table that gives one row
// per unit ("docker.service | ... ", "docker.socket | ...") is read row by
// row: only the rows that name the subject, when some do, so that one
// unit's explanation is not credited with another's.
func (e *Explanation) piecesIn(r *reading, a *answer) []piece {
	var out []piece
	for _, b := range a.blocks {
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
		spaced := strings.Map(func(r rune) rune {
			if r == '.' || r == '-' || r == '_' {
				return ' '
			}
			return r
		}, n)
		if fold.Key(spaced) != fold.Key(n) {
			out = append(out, spaced)
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
// commands once, above "### docker.service" and "### docker.socket".
func sectionAnswer(doc *document.Document, s *document.Section) *answer {
	a := &answer{sections: []*document.Section{s}, heading: s, blocks: sectionBlocks(doc, s)}
	if s.Parent != nil && s.Parent.Level > 0 {
		a.sections = append(a.sections, s.Parent)
	}
	return a
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

// start is where findings about what the answer lacks go: its first
// sentence, else where the answer was looked for.
func (as *assessment) start() document.Span {
	first := document.Span{Start: -1}
	for _, ps := range [][]piece{as.own, as.copied} {
		if len(ps) > 0 && (first.Start < 0 || ps[0].span().Start < first.Start) {
			first = ps[0].span()
		}
	}
	if first.Start >= 0 {
		return first
	}
	return as.ans.start()
}

// assess counts what an answer earns.
func (e *Explanation) assess(r *reading, a *answer) *assessment {
	as := &assessment{ans: a, terms: make([]bool, len(e.Terms)), concepts: make([]bool, len(e.Concepts))}
	as.own, as.copied = r.src.split(e.piecesIn(r, a))
	for _, p := range as.own {
		as.words += p.ownWords(r.doc)
	}
	if e.Command != nil {
		spans := make([]document.Span, 0, len(a.blocks)+len(a.sections))
		for _, b := range a.blocks {
			spans = append(spans, b.Span)
		}
		for _, s := range a.sections {
			spans = append(spans, s.Span)
		}
		as.command = e.Command.findCode(r.doc, spans, nil)
		if as.command != nil {
			as.met++
		}
	}
	for i, t := range r.terms {
		if ownHas(as.own, t) {
			as.terms[i] = true
			as.met++
		}
	}
	for i := range e.Concepts {
		if ownHas(as.own, r.concepts[i]) {
			as.concepts[i] = true
			as.met += e.Concepts[i].weight()
		}
	}
	// Length alone is filler: it counts once the answer says something the
	// rubric asks for.
	if e.MinWords > 0 && as.words >= e.MinWords && (slices.Contains(as.terms, true) || slices.Contains(as.concepts, true)) {
		as.met++
	}
	return as
}

// ownHas reports whether one of the sentences holds one of names, and does
// not deny it ("ce n'est pas un socket unix" does not name the Unix socket).
func ownHas(ps []piece, names []string) bool {
	for _, p := range ps {
		if p.hasAffirmed(names) {
			return true
		}
	}
	return false
}

// findings tells the student what the answer lacks, where it is.
func (e *Explanation) findings(doc *document.Document, as *assessment) []rubric.Finding {
	var fs []rubric.Finding
	at := as.start()
	for _, p := range as.copied {
		if p.isQuestion() {
			continue // restating the question before answering is fine; it just earns nothing
		}
		fs = append(fs, rubric.Finding{Span: p.span(), Severity: rubric.Warning, Message: i18n.M(
			"this sentence repeats the assignment: it earns nothing, explain in your own words",
			"cette phrase reprend l'énoncé : elle ne rapporte rien, expliquez avec vos propres mots")})
	}
	if e.Command != nil && as.command == nil {
		fs = append(fs, missingCommand(doc, e.Command, at, func(b *document.Block) bool { return as.ans.holds(b.Span.Start) }))
	}
	if as.words == 0 {
		msg := i18n.M("no explanation of %s here: the section holds none of your own words",
			"aucune explication de %s ici : la section ne contient aucune phrase de vous", e.subjectMsg())
		if len(as.copied) > 0 {
			msg = i18n.M("the explanation of %s only repeats the assignment: answer in your own words",
				"l'explication de %s ne fait que reprendre l'énoncé : répondez avec vos propres mots", e.subjectMsg())
		}
		return append(fs, rubric.Finding{Span: at, Severity: rubric.Error, Message: msg})
	}
	var found []string
	for i, t := range e.Terms {
		if as.terms[i] {
			found = append(found, t[0])
			continue
		}
		names := orList(t)
		fs = append(fs, rubric.Finding{Span: at, Severity: rubric.Error, Message: i18n.Msg{
			EN: fmt.Sprintf("the explanation of %s does not mention %s", e.subjectMsg(), names.EN),
			FR: fmt.Sprintf("l'explication de %s ne mentionne pas %s", e.subjectMsg(), names.FR),
		}})
	}
	for i := range e.Concepts {
		c := &e.Concepts[i]
		if as.concepts[i] {
			found = append(found, c.label())
			continue
		}
		fs = append(fs, rubric.Finding{Span: at, Severity: rubric.Error, Hint: c.Hint, Message: i18n.M(
			"the explanation of %s misses an idea: %s",
			"il manque une idée à l'explication de %s : %s", e.subjectMsg(), c.label())})
	}
	if e.MinWords > 0 && as.words < e.MinWords {
		fs = append(fs, rubric.Finding{Span: at, Severity: rubric.Error, Message: i18n.M(
			"the explanation of %s is %d words of your own, at least %d are expected",
			"l'explication de %s fait %d mots de vous, au moins %d sont attendus", e.subjectMsg(), as.words, e.MinWords)})
	}
	if len(found) > 0 {
		fs = append(fs, rubric.Finding{Span: at, Severity: rubric.Info, Message: i18n.M(
			"explanation of %s read here (%d words): it covers %s",
			"explication de %s lue ici (%d mots) : elle couvre %s", e.subjectMsg(), as.words, strings.Join(found, ", "))})
	}
	return fs
}
