package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tpgrade/tpgrade/grader/document"
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
	Need     int            `yaml:"need" doc:"the concepts' share is whole once this many concepts are met, and fewer earn their part of it (need: 3 of 5 concepts; default: every concept)"`

	folded *explanationNames // the names folded, by Validate when the rubric is loaded
}

// explanationNames are an explanation's names folded once, so that grading
// a report does not fold the rubric again.
type explanationNames struct {
	subject, labels []foldedName
	terms           [][]foldedName
	concepts, wrong [][]foldedName
}

// names folds the explanation's names: a rubric's once, when it is loaded
// (Validate), an explanation built by hand each time (without storing
// them, so that an explanation shared by goroutines is never written).
func (e *Explanation) names() *explanationNames {
	if e.folded != nil {
		return e.folded
	}
	n := &explanationNames{subject: foldedNames(e.Subject), labels: foldedNames(headingNames(e.Subject))}
	for _, t := range e.Terms {
		n.terms = append(n.terms, foldedNames(t))
	}
	for i := range e.Concepts {
		n.concepts = append(n.concepts, foldedNames(e.Concepts[i].Any))
		n.wrong = append(n.wrong, foldedNames(e.Concepts[i].Wrong))
	}
	return n
}

// Concept is one idea an explanation must cover, said in any of several ways.
type Concept struct {
	Name   rubric.Text  `yaml:"name" doc:"how the student is told about the idea when it is missing: one text, or {fr: ..., en: ...}"`
	Any    rubric.Names `yaml:"any" required:"true" doc:"ways of saying it: any one of these names in the answer covers the concept (word* accepts any ending)"`
	Weight int          `yaml:"weight" doc:"shares the concept is worth (default 1)"`
	Hint   rubric.Text  `yaml:"hint" doc:"what the student is told when the concept is missing or wrong: one text, or {fr: ..., en: ...}"`
	Wrong  rubric.Names `yaml:"wrong" doc:"known wrong answers: one of these asserted in the answer cancels the concept, and the student is told where, with the hint"`
}

func (c *Concept) weight() int {
	if c.Weight <= 0 {
		return 1
	}
	return c.Weight
}

// label names the concept for the student, in lang.
func (c *Concept) label(lang i18n.Lang) string {
	if !c.Name.IsZero() {
		return c.Name.In(lang)
	}
	if len(c.Any) > 0 {
		return c.Any[0].In(lang)
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
			return rubric.ErrorOn("concepts", "concept %q needs any: the words that show it, such as any: [socket unix, unix socket]", c.label(i18n.EN))
		}
		if c.Weight < 0 {
			return rubric.ErrorOn("concepts", "concept %q: weight cannot be negative (got %d)", c.label(i18n.EN), c.Weight)
		}
	}
	switch {
	case e.Need < 0:
		return rubric.ErrorOn("need", "need cannot be negative (got %d)", e.Need)
	case e.Need > len(e.Concepts):
		return rubric.ErrorOn("need", "need is %d but the explanation has %d concepts: need counts concepts, at most all of them", e.Need, len(e.Concepts))
	}
	if e.shares() == 0 {
		return fmt.Errorf("an explanation needs something to check: command, terms, concepts or min_words")
	}
	e.folded = nil
	e.folded = e.names()
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

// Grade finds the answer (answer.go), judges what it asserts (judge.go)
// and reports one part per command, term, concept and length.
func (e *Explanation) Grade(doc *document.Document, env *rubric.Env) rubric.Outcome {
	assignment := ""
	var memo *rubric.Memo
	if env != nil {
		assignment, memo = env.Assignment, env.Memo
	}
	r := e.newReading(doc, shownCommands(doc, env, e), memo, newCopySource(assignment, e.Question))
	var best *assessment
	for _, a := range e.locate(r) {
		as := e.assess(r, a)
		if best == nil || as.met > best.met {
			best = as
		}
	}
	var out rubric.Outcome
	if best == nil {
		// Nothing names the subject: the command may still be shown, and
		// the rest is said about the report as a whole.
		best = &assessment{ans: &answer{}, terms: make([]bool, len(e.Terms)), concepts: make([]bool, len(e.Concepts))}
		best.command, best.output = e.commandShown(r, nil)
		out.Findings = append(out.Findings, rubric.Finding{Whole: true, Severity: rubric.Error, Message: i18n.M(
			"no explanation of %s found: answer under a heading that names it",
			"aucune explication de %s trouvée : répondez sous un titre qui le nomme", e.subjectMsg())})
		switch {
		case e.Command != nil && best.output != nil:
			fs := e.Command.outputFindings(doc, *best.output)
			if best.command == nil && len(fs) == 0 {
				fs = append(fs, missingCommand(doc, e.Command, wholeReport, func(*document.Block) bool { return true }))
			}
			out.Findings = append(out.Findings, fs...)
		case e.Command != nil && best.command == nil:
			out.Findings = append(out.Findings, missingCommand(doc, e.Command, wholeReport, func(*document.Block) bool { return true }))
		}
	} else {
		out.Findings = e.findings(doc, best, env.Lang)
	}
	out.Parts = e.parts(best, env.Lang)
	return out
}

// parts lists what the answer earned, share by share, named in lang. A
// command that requires its output is two halves: shown, and shown with its
// output. With need, the concepts are N parts worth all their weight
// together, met as many as concepts are (at most N). Every other part is
// scaled so that shares stay whole numbers.
func (e *Explanation) parts(as *assessment, lang i18n.Lang) []rubric.Part {
	halves := 1
	if e.Command != nil && len(e.Command.Output) > 0 {
		halves = 2
	}
	n := 1
	if e.Need > 0 {
		n = e.Need
	}
	unit := halves * n
	var ps []rubric.Part
	if e.Command != nil {
		p := rubric.Part{Label: e.Command.String(), Weight: unit / halves, Met: as.command != nil}
		if as.command != nil {
			p.Span = *as.command
		}
		ps = append(ps, p)
		if halves == 2 {
			full := as.output.full()
			ps = append(ps, rubric.Part{Label: e.Command.String() + " (output)", Weight: n, Met: full, Span: p.Span})
		}
	}
	for i, t := range e.Terms {
		ps = append(ps, rubric.Part{Label: t.FirstIn(lang), Weight: unit, Met: as.terms[i]})
	}
	if e.Need > 0 {
		total, met := 0, 0
		for i := range e.Concepts {
			total += e.Concepts[i].weight()
			if as.concepts[i] {
				met++
			}
		}
		for k := 0; k < e.Need; k++ {
			ps = append(ps, rubric.Part{Label: fmt.Sprintf("concept %d/%d", k+1, e.Need), Weight: total * halves, Met: k < met})
		}
	} else {
		for i := range e.Concepts {
			c := &e.Concepts[i]
			ps = append(ps, rubric.Part{Label: c.label(lang), Weight: c.weight() * halves, Met: as.concepts[i]})
		}
	}
	if e.MinWords > 0 {
		met := as.words >= e.MinWords && (slices.Contains(as.terms, true) || slices.Contains(as.concepts, true))
		ps = append(ps, rubric.Part{Label: "min_words", Weight: unit, Met: met})
	}
	return ps
}

// subjectMsg names what is explained, in each language (i18n.M gives a
// message's pattern the subject in its own language).
func (e *Explanation) subjectMsg() i18n.Msg {
	if len(e.Subject) == 0 {
		return i18n.Msg{EN: "?", FR: "?"}
	}
	s := e.Subject[0]
	return i18n.Msg{EN: "`" + s.In(i18n.EN) + "`", FR: "`" + s.In(i18n.FR) + "`"}
}

// findings tells the student what the answer lacks, where it is, and what
// it was credited with, naming concepts in lang.
func (e *Explanation) findings(doc *document.Document, as *assessment, lang i18n.Lang) []rubric.Finding {
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
	if e.Command != nil && as.output != nil {
		out := e.Command.outputFindings(doc, *as.output)
		if as.command == nil && len(out) == 0 {
			out = append(out, missingCommand(doc, e.Command, placeAt(at), func(b *document.Block) bool { return as.ans.holds(b.Span.Start) }))
		}
		for _, f := range out {
			if f.Severity != rubric.Info {
				fs = append(fs, f)
			}
		}
	} else if e.Command != nil && as.command == nil {
		fs = append(fs, missingCommand(doc, e.Command, placeAt(at), func(b *document.Block) bool { return as.ans.holds(b.Span.Start) }))
	}
	if as.listed != nil {
		fs = append(fs, rubric.Finding{Span: *as.listed, Severity: rubric.Error, Message: i18n.M(
			"a list of words is not an explanation: write sentences that say what %s does",
			"une liste de mots n'est pas une explication : écrivez des phrases qui disent ce que fait %s", e.subjectMsg())})
	}
	if as.recited {
		fs = append(fs, rubric.Finding{Span: at, Severity: rubric.Error, Message: i18n.M(
			"the explanation of %s is made mostly of the expected words: say in your own words what they mean",
			"l'explication de %s n'est faite que des mots attendus : dites avec vos propres mots ce qu'ils signifient", e.subjectMsg())})
	}
	if as.words == 0 && as.listed == nil {
		msg := i18n.M("no explanation of %s here: the section holds none of your own sentences",
			"aucune explication de %s ici : la section ne contient aucune phrase de vous", e.subjectMsg())
		if len(as.copied) > 0 {
			msg = i18n.M("the explanation of %s only repeats the assignment: answer in your own words",
				"l'explication de %s ne fait que reprendre l'énoncé : répondez avec vos propres mots", e.subjectMsg())
		}
		return append(fs, rubric.Finding{Span: at, Severity: rubric.Error, Message: msg})
	}
	var found []string
	if as.command != nil {
		shown := "`" + e.Command.String() + "`"
		if as.output.full() {
			shown += " → " + strings.Join(e.Command.Output.In(lang), ", ")
		}
		found = append(found, shown)
	}
	for i, t := range e.Terms {
		if as.terms[i] {
			found = append(found, t.FirstIn(lang))
			continue
		}
		names := orNames(t)
		fs = append(fs, rubric.Finding{Span: at, Severity: rubric.Error, Message: i18n.Msg{
			EN: fmt.Sprintf("the explanation of %s does not mention %s", e.subjectMsg().EN, names.EN),
			FR: fmt.Sprintf("l'explication de %s ne mentionne pas %s", e.subjectMsg().FR, names.FR),
		}})
	}
	met := 0
	for i := range as.concepts {
		if as.concepts[i] {
			met++
		}
	}
	var missing []*Concept
	for i := range e.Concepts {
		c := &e.Concepts[i]
		if as.concepts[i] {
			found = append(found, c.label(lang))
			continue
		}
		if m, ok := as.wrong[i]; ok {
			words := studentWords(string(doc.Text[m.span().Start:m.span().End]))
			fs = append(fs, rubric.Finding{Span: m.span(), Severity: rubric.Error, Hint: c.Hint, Message: i18n.M(
				"%q is a known wrong answer about %s: the idea %q earns nothing here",
				"« %s » est une erreur connue sur %s : l'idée « %s » ne rapporte rien ici", words, e.subjectMsg(), c.label(lang))})
			continue
		}
		if e.Need > 0 {
			// With need, an idea left out is only missing while fewer
			// than need are met; one finding names them all below.
			if met < e.Need {
				missing = append(missing, c)
			}
			if d, ok := as.denied[i]; ok && met < e.Need {
				fs = append(fs, rubric.Finding{Span: d, Severity: rubric.Warning, Message: i18n.M(
					"the explanation of %s denies this idea: %s (a denied idea earns nothing)",
					"l'explication de %s nie cette idée : %s (une idée niée ne rapporte rien)", e.subjectMsg(), c.label(lang))})
			}
			continue
		}
		if d, ok := as.denied[i]; ok {
			fs = append(fs, rubric.Finding{Span: d, Severity: rubric.Error, Hint: c.Hint, Message: i18n.M(
				"the explanation of %s denies an idea it should state: %s (a denied idea earns nothing)",
				"l'explication de %s nie une idée qu'elle devrait affirmer : %s (une idée niée ne rapporte rien)", e.subjectMsg(), c.label(lang))})
			continue
		}
		if d, ok := as.falsified[i]; ok {
			fs = append(fs, rubric.Finding{Span: d, Severity: rubric.Error, Hint: c.Hint, Message: i18n.M(
				"the explanation of %s states the idea %q only in a clause that says something known to be false: a false statement earns nothing",
				"l'explication de %s n'énonce l'idée « %s » que dans une proposition qui contient une erreur connue : ce qui est faux ne rapporte rien", e.subjectMsg(), c.label(lang))})
			continue
		}
		fs = append(fs, rubric.Finding{Span: at, Severity: rubric.Error, Hint: c.Hint, Message: i18n.M(
			"the explanation of %s misses an idea: %s",
			"il manque une idée à l'explication de %s : %s", e.subjectMsg(), c.label(lang))})
	}
	if len(missing) > 0 {
		labels := make([]string, len(missing))
		hints := make([]rubric.Text, 0, len(missing))
		for i, c := range missing {
			labels[i] = c.label(lang)
			hints = append(hints, c.Hint)
		}
		list := orList(labels)
		fs = append(fs, rubric.Finding{Span: at, Severity: rubric.Error, Hint: joinHints(hints), Message: i18n.Msg{
			EN: fmt.Sprintf("the explanation of %s gives %d of the %d ideas expected: it could also say %s", e.subjectMsg().EN, met, e.Need, list.EN),
			FR: fmt.Sprintf("l'explication de %s donne %d des %d idées attendues : elle pourrait aussi dire %s", e.subjectMsg().FR, met, e.Need, list.FR),
		}})
	}
	if e.MinWords > 0 && as.words < e.MinWords {
		fs = append(fs, rubric.Finding{Span: at, Severity: rubric.Error, Message: i18n.M(
			"the explanation of %s is %d words of your own, at least %d are expected",
			"l'explication de %s fait %d mots de vous, au moins %d sont attendus", e.subjectMsg(), as.words, e.MinWords)})
	}
	if len(found) > 0 {
		where := i18n.M("read here", "lue ici")
		if as.context {
			where = i18n.M("read above its heading", "lue au-dessus de son titre")
		}
		fs = append(fs, rubric.Finding{Span: at, Severity: rubric.Info, Message: i18n.Msg{
			EN: fmt.Sprintf("explanation of %s %s (%d words): credited: %s", e.subjectMsg().EN, where.EN, as.words, strings.Join(found, ", ")),
			FR: fmt.Sprintf("explication de %s %s (%d mots) : crédité : %s", e.subjectMsg().FR, where.FR, as.words, strings.Join(found, ", ")),
		}})
	}
	return fs
}

// joinHints is the hints of several concepts as one, each language's texts
// joined by " / " without repeats.
func joinHints(hints []rubric.Text) rubric.Text {
	var fr, en []string
	for _, h := range hints {
		if h.IsZero() {
			continue
		}
		if t := h.In(i18n.FR); !slices.Contains(fr, t) {
			fr = append(fr, t)
		}
		if t := h.In(i18n.EN); !slices.Contains(en, t) {
			en = append(en, t)
		}
	}
	return rubric.Text{FR: strings.Join(fr, " / "), EN: strings.Join(en, " / ")}
}
