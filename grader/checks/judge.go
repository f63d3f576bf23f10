package checks

import (
	"slices"
	"strings"

	"github.com/tpgrade/tpgrade/grader/document"
)

// Judging an answer: what the student asserts in it. A concept or a term
// counts only when a clause with a verb of the student's own prose names it
// without denying it (claims.go). Words that are not in such a clause (a
// bullet list of terms, a comma list, a heading, a link's label or an
// image's alternative text) are not an explanation; an answer made mostly
// of the rubric's own words earns nothing beyond its command. A known wrong
// answer, asserted, cancels its concept, and what its clause and the
// clauses that hang on it say (claims.go's groups).

// mostlyRubric is the share of an answer's content words that, when they
// are the rubric's own names (subject, terms, concepts), make the answer a
// recitation of the rubric rather than an explanation.
const mostlyRubric = 0.8

// minContentWords is the fewest words an answer needs before it can be
// judged a recitation: "dockerd lance les conteneurs" is short, not
// recited.
const minContentWords = 6

// sentenceWords is the fewest words of a piece without a verb that count
// towards an answer's length.
const sentenceWords = 6

// cellClauseWords is the fewest words of a clause without a verb that
// reads as a definition in a table cell or a list item under a lead.
const cellClauseWords = 6

// minRecited is the fewest of the rubric's names a recitation strings
// together: "le socket unix /run/docker.sock démarre le démon à la demande"
// is dense, not recited.
const minRecited = 5

// assessment is what an answer earns.
type assessment struct {
	ans       *answer
	met       int
	own       []piece // the student's own sentences
	copied    []piece // sentences that repeat the assignment or the question
	words     int     // words of the student's own claims
	command   *document.Span
	output    *outputVerdict // how the command's required output was shown
	terms     []bool
	concepts  []bool
	denied    map[int]document.Span // concept index -> where the student denies it
	wrong     map[int]mention       // concept index -> where the student asserts a known wrong answer
	falsified map[int]document.Span // concept index -> where it is stated, only in clauses that assert a wrong answer
	listed    *document.Span        // the first rubric name met outside a claim, when none counts
	recited   bool                  // the claims are mostly the rubric's own words
	context   bool                  // the claims were read in the answer's context
}

// mention is where one of a concept's or term's names sits in a piece.
type mention struct {
	p   piece
	key int // offset in the piece's folded key
	n   int // length in the key
}

// mentionsOf lists the word-bounded occurrences of names in the pieces.
func mentionsOf(ps []piece, names []foldedName) []mention {
	var out []mention
	for _, p := range ps {
		for _, n := range names {
			for _, k := range p.ft.findKeys(n) {
				out = append(out, mention{p: p, key: k[0], n: k[1] - k[0]})
			}
		}
	}
	return out
}

// span is where a mention was written.
func (m mention) span() document.Span {
	return m.p.at([2]int{m.p.ft.start[m.key], m.p.ft.end[m.key+m.n-1]})
}

// claim is how an answer names one of a concept's or a term's names.
type claim struct {
	ok        bool           // asserted in a clause with a verb, not denied, not false
	denied    *document.Span // else where a clause denies it
	listed    *document.Span // else where it is named outside any clause with a verb
	falsified *document.Span // else where it is asserted, only in clauses that assert a known wrong answer
}

// claimedBy reports how the mentions of one concept's or term's names
// name it.
func claimedBy(ms []mention, clauses map[pieceKey][]clause) claim {
	var out claim
	for _, m := range ms {
		c, ok := clauseOf(clauses[m.p.id()], m.key)
		if !ok {
			continue
		}
		s := m.span()
		switch {
		case !c.verb:
			if out.listed == nil {
				out.listed = &s
			}
		case c.denies(m.key):
			if out.denied == nil {
				out.denied = &s
			}
		case c.wrong:
			if out.falsified == nil {
				out.falsified = &s
			}
		default:
			return claim{ok: true}
		}
	}
	return out
}

// clauseOf returns the clause that holds offset i of a piece's key.
func clauseOf(cs []clause, i int) (clause, bool) {
	for _, c := range cs {
		if i >= c.start && i < c.end {
			return c, true
		}
	}
	return clause{}, false
}

// assertedOf returns the mentions that a clause with a verb asserts without
// denying them.
func assertedOf(ms []mention, clauses map[pieceKey][]clause) []mention {
	var out []mention
	for _, m := range ms {
		if c, ok := clauseOf(clauses[m.p.id()], m.key); ok && c.verb && !c.denies(m.key) {
			out = append(out, m)
		}
	}
	return out
}

// falsify marks as wrong the group of clauses that holds the mention: a
// known wrong answer cancels what its clause says, and what hangs on it.
func falsify(m mention, clauses map[pieceKey][]clause) {
	cs := clauses[m.p.id()]
	c, ok := clauseOf(cs, m.key)
	if !ok {
		return
	}
	for k := range cs {
		if cs[k].group == c.group {
			cs[k].wrong = true
		}
	}
}

// assess judges an answer.
func (e *Explanation) assess(r *reading, a *answer) *assessment {
	as := &assessment{ans: a, terms: make([]bool, len(e.Terms)), concepts: make([]bool, len(e.Concepts))}
	as.own, as.copied = r.src.split(e.piecesIn(r, a.blocks))
	clauses := map[pieceKey][]clause{}
	claims := func(ps []piece) int {
		n := 0
		for i := range ps {
			cs := ps[i].clauses()
			if ps[i].terse {
				// A table cell defines rather than tells: "The Unix
				// socket: communication channel between the CLI and the
				// daemon" is an answer there, a bare term is not; so
				// does a list item that goes on from the sentence above
				// its list ("- Seamless communication between the CLI
				// and the daemon").
				for k := range cs {
					if !cs[k].verb && len(strings.Fields(ps[i].ft.key[cs[k].start:cs[k].end])) >= cellClauseWords {
						cs[k].verb, cs[k].defines = true, true
					}
				}
			}
			clauses[ps[i].id()] = cs
			if slices.ContainsFunc(cs, func(c clause) bool { return c.verb }) {
				n++
			}
		}
		return n
	}
	if claims(as.own) == 0 && len(a.context) > 0 && !slices.ContainsFunc(a.blocks, isProse) {
		// Nothing but code and output under the heading: the explanation
		// may sit just above it.
		ctx, _ := r.src.split(e.piecesIn(r, a.context))
		if claims(ctx) > 0 {
			as.own, as.context = append(as.own, ctx...), true
		}
	}
	// Words count in sentences: a clause with a verb, or a run of words
	// long enough to be one ("Voir la commande ci-dessous pour le lister").
	for i := range as.own {
		n := as.own[i].ownWords(r.doc)
		if n >= sentenceWords || slices.ContainsFunc(clauses[as.own[i].id()], func(c clause) bool { return c.verb }) {
			as.words += n
		}
	}
	as.command, as.output = e.commandShown(r, a)
	if as.command != nil {
		as.met++
	}
	// Each name's mentions, found once: judged one by one below, and
	// counted together to tell a recitation.
	termMs := make([][]mention, len(r.terms))
	for i, t := range r.terms {
		termMs[i] = mentionsOf(as.own, t)
	}
	conceptMs := make([][]mention, len(r.concepts))
	for i, c := range r.concepts {
		conceptMs[i] = mentionsOf(as.own, c)
	}
	subjectMs := mentionsOf(as.own, r.subject)
	undefine(clauses, subjectMs, termMs, conceptMs)
	as.recited = recited(as.own, clauses, subjectMs, termMs, conceptMs)
	note := func(listed *document.Span) {
		if listed != nil && as.listed == nil {
			as.listed = listed
		}
	}
	// A known wrong answer, asserted, cancels its concept wherever the
	// right words are: "Docker est une machine virtuelle" is not saved by a
	// right word beside it. Denied ("n'est pas une machine virtuelle"), it
	// is right. And the clause that asserts it earns nothing, with the
	// clauses that hang on it: "docker.socket is a log file in
	// /var/run/docker.sock" names the socket's path to say something false
	// of it, "un conteneur est une machine virtuelle, qui utilise les
	// namespaces" too; but in "chaque instruction ajoute une couche, et les
	// couches sont modifiables", the first clause stands on its own.
	for _, p := range as.own {
		for i, ms := range r.wrongMentions(p) {
			ms = assertedOf(ms, clauses)
			if len(ms) == 0 {
				continue
			}
			if as.wrong == nil {
				as.wrong = map[int]mention{}
			}
			if _, seen := as.wrong[i]; !seen {
				as.wrong[i] = ms[0]
			}
			for _, m := range ms {
				falsify(m, clauses)
			}
		}
	}
	for i := range r.terms {
		c := claimedBy(termMs[i], clauses)
		note(c.listed)
		if c.ok && !as.recited {
			as.terms[i] = true
			as.met++
		}
	}
	for i := range e.Concepts {
		c := claimedBy(conceptMs[i], clauses)
		note(c.listed)
		if _, bad := as.wrong[i]; bad {
			continue
		}
		switch {
		case c.ok && !as.recited:
			as.concepts[i] = true
			as.met += e.Concepts[i].weight()
		case c.ok:
		case c.denied != nil:
			if as.denied == nil {
				as.denied = map[int]document.Span{}
			}
			as.denied[i] = *c.denied
		case c.falsified != nil:
			if as.falsified == nil {
				as.falsified = map[int]document.Span{}
			}
			as.falsified[i] = *c.falsified
		}
	}
	if slices.Contains(as.terms, true) || slices.Contains(as.concepts, true) {
		as.listed = nil // a list beside real claims is the student's summary
	}
	// Length alone is filler: it counts once the answer says something the
	// rubric asks for.
	if e.MinWords > 0 && as.words >= e.MinWords && (slices.Contains(as.terms, true) || slices.Contains(as.concepts, true)) {
		as.met++
	}
	return as
}

// commandShown finds the explanation's command: in code inside the answer
// or the part that holds it, or anywhere in the report when it is shown
// with its output (a teacher credits `systemctl status docker` and what it
// printed wherever it sits). When the command requires its output, the
// verdict says how much of it was shown, and where.
func (e *Explanation) commandShown(r *reading, a *answer) (*document.Span, *outputVerdict) {
	if e.Command == nil {
		return nil, nil
	}
	var spans []document.Span
	if a != nil {
		spans = make([]document.Span, 0, len(a.blocks)+len(a.sections))
		for _, b := range a.blocks {
			spans = append(spans, b.Span)
		}
		for _, s := range a.sections {
			spans = append(spans, s.Span)
		}
	}
	if len(e.Command.Output) > 0 {
		var local outputVerdict
		if a != nil {
			local = e.Command.judgeOutput(r.doc, r.cmds, spans, nil, false)
			if local.best.full() {
				return &local.best.span, &local
			}
		}
		global := e.Command.judgeOutput(r.doc, r.cmds, nil, nil, true)
		v := &global
		if !global.best.full() && local.best != nil {
			v = &local
		}
		if v.best == nil {
			return nil, v
		}
		return &v.best.span, v
	}
	if a != nil {
		if c := e.Command.findCode(r.doc, spans, nil); c != nil {
			return &c.Span, nil
		}
	}
	match := e.Command.matcher()
	for _, c := range r.cmds.List {
		if c.HasOutput() && match(c.Text) {
			return &c.Span, nil
		}
	}
	return nil, nil
}

// undefine takes back the verb of a verbless clause read as a definition
// (clause.defines) when it is mostly the rubric's own names, counted in
// words: "- démon dockerd arrière-plan conteneurs images réseaux volumes"
// under "docker.service sert à :" defines nothing, "- seamless
// communication between the Docker CLI and the daemon" does. The mentions
// are those of the subject, the terms and the concepts.
func undefine(clauses map[pieceKey][]clause, subject []mention, groups ...[][]mention) {
	type coverage struct {
		key string
		cv  []bool // per byte of the key: inside a mention
	}
	var covered map[pieceKey]*coverage
	cover := func(m mention) {
		c, ok := clauseOf(clauses[m.p.id()], m.key)
		if !ok || !c.defines {
			return
		}
		cg := covered[m.p.id()]
		if cg == nil {
			if covered == nil {
				covered = map[pieceKey]*coverage{}
			}
			cg = &coverage{key: m.p.ft.key, cv: make([]bool, len(m.p.ft.key))}
			covered[m.p.id()] = cg
		}
		for k := m.key; k < m.key+m.n && k < len(cg.cv); k++ {
			cg.cv[k] = true
		}
	}
	for _, m := range subject {
		cover(m)
	}
	for _, g := range groups {
		for _, ms := range g {
			for _, m := range ms {
				cover(m)
			}
		}
	}
	for id, cg := range covered {
		cs := clauses[id]
		for k := range cs {
			if !cs[k].defines {
				continue
			}
			words, named := 0, 0
			for i := cs[k].start; i < cs[k].end && i < len(cg.key); i++ {
				if cg.key[i] != ' ' && (i == 0 || cg.key[i-1] == ' ') {
					words++
					if cg.cv[i] {
						named++
					}
				}
			}
			if words > 0 && float64(named) >= mostlyRubric*float64(words) {
				cs[k].verb, cs[k].defines = false, false
			}
		}
	}
}

// recited reports whether the claims are mostly the rubric's own names,
// counted in words: "docker.socket est le socket unix /var/run/docker.sock,
// canal de communication, activation par socket à la demande" names
// everything and explains nothing. The mentions are those of the subject,
// the terms and the concepts in the answer's pieces.
func recited(own []piece, clauses map[pieceKey][]clause, subject []mention, groups ...[][]mention) bool {
	covered := make(map[pieceKey][]bool, len(own))
	for _, p := range own {
		if slices.ContainsFunc(clauses[p.id()], func(c clause) bool { return c.verb }) {
			covered[p.id()] = make([]bool, len(p.ft.key))
		}
	}
	named := 0
	cover := func(m mention) {
		cv := covered[m.p.id()]
		if cv == nil {
			return
		}
		if !cv[m.key] {
			named++
		}
		for k := m.key; k < m.key+m.n; k++ {
			cv[k] = true
		}
	}
	for _, m := range subject {
		cover(m)
	}
	for _, g := range groups {
		for _, ms := range g {
			for _, m := range ms {
				cover(m)
			}
		}
	}
	content, rubricWords := 0, 0
	for _, p := range own {
		cv := covered[p.id()]
		if cv == nil {
			continue
		}
		for i := 0; i < len(p.ft.key); {
			j := strings.IndexByte(p.ft.key[i:], ' ')
			if j < 0 {
				j = len(p.ft.key) - i
			}
			content++
			if cv[i] {
				rubricWords++
			}
			i += j + 1
		}
	}
	return content >= minContentWords && named >= minRecited && float64(rubricWords) >= mostlyRubric*float64(content)
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
