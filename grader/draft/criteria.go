package draft

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/fold"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// The candidate criteria of a draft, read from the model: a section per
// part, the values shown, the commands shown, the prose answers. Each is
// proposed with what the model shows; the probe (probe.go) keeps what the
// model itself earns.

// group is the share of the total a criterion's kind takes.
type group int

const (
	structure group = iota // the report's parts
	data                   // values
	shownCmds              // commands shown
	answers                // explanations
)

// budget is each group's share of the total, in hundredths, before the
// groups a model does not have are left out: the parts 10%, the values
// 35%, the commands 20%, the answers 35%.
var budget = [...]int{structure: 10, data: 35, shownCmds: 20, answers: 35}

// criterion is one criterion of the draft.
type criterion struct {
	id     string
	kind   string
	lang   i18n.Lang // the language of its comments
	group  group
	bonus  bool
	title  i18n.Msg
	about  []i18n.Msg // the head comment: what it checks, what to review
	line   int        // where the model shows it: criteria follow the model's order
	points rubric.Points

	names    []string // section: the heading's names; explanation: in
	minWords int      // section, explanation; 0: none
	values   []*value // fact values, table rows
	columns  []string // table
	colsOK   bool     // the model earns the columns
	outputOf string   // fact: the command whose output shows the values
	cmds     []*shown
	subject  []string
	concepts []*concept
	need     int

	// The probe's verdicts on the whole criterion (a section with and
	// without min_words).
	earnedMin, earned bool
}

// concept is one idea an explanation asks for.
type concept struct {
	term   *term
	earned bool
}

// weight is how much of its group's budget a criterion takes.
func (c *criterion) weight() float64 {
	switch c.kind {
	case "fact":
		return float64(len(c.values))
	case "table":
		w := float64(len(c.values))
		if len(c.columns) > 0 {
			w++
		}
		return w
	case "command":
		w := 0.0
		for _, s := range c.cmds {
			w++
			if s.with {
				w += 0.5
			}
		}
		return w
	case "explanation":
		w := 2 + float64(len(c.concepts))
		if c.minWords > 0 {
			w++
		}
		return w
	}
	return 1
}

// The bounds of a draft, whatever the model's size: the draft stays a file
// a teacher reads.
const (
	maxValues       = 8  // values of one fact or table criterion
	maxDataCrit     = 12 // fact and table criteria
	maxCommands     = 8  // commands of one command criterion
	maxCommandCrit  = 8  // command criteria
	maxAnswers      = 10 // explanation criteria
	minAnswerWords  = 20 // words of prose a section needs to be an answer
	probedConcepts  = 8  // candidate concepts tried per answer
	maxConcepts     = 4  // concepts kept per answer
	maxSubjectNames = 3
)

// reader holds what the draft reads from the model.
type reader struct {
	doc     *document.Document
	lang    i18n.Lang
	outline *outline
	prose   map[*document.Section]*prose
	vocab   *vocabulary
	names   map[string]bool // names the students choose, in commands
	left    []i18n.Msg      // what the draft leaves out, and why
}

func (r *reader) line(off int) int { return r.doc.Pos(off).Line }

// heading is how a section is named in titles: its name without numbering,
// or the lab's name for text before any heading.
func (r *reader) heading(s *document.Section) string {
	if s == nil || s.Level == 0 {
		return ""
	}
	return headingName(s.Title)
}

// candidates reads every criterion the model suggests.
func (r *reader) candidates() []*criterion {
	var out []*criterion
	out = append(out, r.sections()...)
	out = append(out, r.data()...)
	out = append(out, r.commands()...)
	out = append(out, r.answers()...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].line < out[j].line })
	return out
}

// sections proposes a section criterion per part of the model.
func (r *reader) sections() []*criterion {
	var out []*criterion
	for _, s := range r.outline.parts {
		name := headingName(s.Title)
		words := 0
		for _, b := range r.doc.Blocks {
			if s.Span.Contains(b.Span.Start) && b.Kind != document.Heading {
				words += b.Words
			}
		}
		out = append(out, &criterion{
			kind: "section", group: structure, line: r.line(s.Heading.Start),
			title:    i18n.M("Part \"%s\"", "Partie « %s »", name),
			names:    []string{name},
			minWords: min(max(words/3, 1), 40),
			about: []i18n.Msg{i18n.M("Your model's heading \"%s\" (line %d), %d words under it.",
				"Le titre « %s » de votre corrigé (ligne %d), %d mots dessous.", s.Title, r.line(s.Heading.Start), words)},
		})
	}
	if n := len(r.outline.many); n > 0 {
		s := r.outline.many[0]
		r.left = append(r.left, i18n.M("%d more headings from \"%s\" (line %d) on: a draft asks for %d parts at most",
			"%d titres de plus à partir de « %s » (ligne %d) : un brouillon demande %d parties au plus", n, clean(s.Title), r.line(s.Heading.Start), maxParts))
	}
	return out
}

// data proposes the values the model shows: a fact criterion per section
// for the tables and lists, one per command for pasted output, and a table
// criterion for a table with its own column titles.
func (r *reader) data() []*criterion {
	var out []*criterion
	byGroup := map[any]*criterion{}
	seen := map[string]bool{}
	tables := map[*document.Table]*criterion{}
	dropped := 0
	for _, f := range r.doc.Facts {
		if !dataFact(f) || !keyShape(f.Key) {
			continue
		}
		v := cleanValue(f.Value)
		nk := fold.NameKey(f.Key)
		if volatile(v) || seen[nk] || nk == "" {
			continue
		}
		rules := rulesFor(f.Key, v, r.names)
		if f.Origin == document.FromOutput && rules[0].node == nil {
			continue // a message, a name: pasted output's text is not data
		}
		seen[nk] = true
		val := &value{key: clean(f.Key), model: clean(v), line: r.line(f.Span.Start), rules: rules, chosen: -1}
		var c *criterion
		switch {
		case f.Table != nil && wideTable(f.Table):
			c = tables[f.Table]
			if c == nil {
				c = r.tableCriterion(f.Table)
				tables[f.Table] = c
				out = append(out, c)
			}
		case f.Origin == document.FromOutput && f.Command != nil:
			cmd := typedAs(f.Command.Text, r.names)
			c = byGroup[cmd]
			if c == nil {
				c = &criterion{kind: "fact", group: data, line: val.line, outputOf: cmd,
					title: i18n.M("Values printed by %s", "Valeurs affichées par %s", cmd),
					about: []i18n.Msg{i18n.M(
						"Values of what `%s` printed in your model (line %d). output_of reads pasted output only under that command; a student's own table or sentence counts too.",
						"Valeurs de ce qu'affiche `%s` dans votre corrigé (ligne %d). output_of ne lit la sortie collée que sous cette commande ; un tableau ou une phrase de l'étudiant compte aussi.",
						cmd, val.line)}}
				byGroup[cmd] = c
				out = append(out, c)
			}
		default:
			s := f.Section
			c = byGroup[s]
			if c == nil {
				name := r.heading(s)
				title := i18n.M("Values", "Valeurs")
				if name != "" {
					title = i18n.M("Values: %s", "Valeurs : %s", name)
				}
				c = &criterion{kind: "fact", group: data, line: val.line, title: title,
					about: []i18n.Msg{i18n.M("The values your model gives under \"%s\" (line %d).",
						"Les valeurs que votre corrigé donne sous « %s » (ligne %d).", orWhole(name, r.lang), val.line)}}
				byGroup[s] = c
				out = append(out, c)
			}
		}
		if len(c.values) >= maxValues {
			dropped++
			continue
		}
		c.values = append(c.values, val)
	}
	if dropped > 0 {
		r.left = append(r.left, i18n.M("%d more values: a criterion asks for %d values at most (keep the ones that matter)",
			"%d valeurs de plus : un critère demande %d valeurs au plus (gardez celles qui comptent)", dropped, maxValues))
	}
	if len(out) > maxDataCrit {
		r.left = append(r.left, i18n.M("%d more groups of values: a draft has %d at most",
			"%d groupes de valeurs de plus : un brouillon en a %d au plus", len(out)-maxDataCrit, maxDataCrit))
		out = out[:maxDataCrit]
	}
	return out
}

// orWhole names the text before any heading.
func orWhole(name string, lang i18n.Lang) string {
	if name != "" {
		return name
	}
	return i18n.M("the whole report", "tout le rapport").In(lang)
}

// wideTable reports whether a table has column titles of its own over
// three columns or more: a table criterion asks for those columns.
func wideTable(t *document.Table) bool {
	return len(t.Rows) >= 2 && t.Columns() >= 3 && headerLike(t.Rows[0]) && strings.TrimSpace(t.Rows[0][0].Text) != ""
}

func (r *reader) tableCriterion(t *document.Table) *criterion {
	var cols []string
	for _, c := range t.Rows[0] {
		if x := clean(c.Text); x != "" && len(cols) < 6 {
			cols = append(cols, x)
		}
	}
	name := r.heading(t.Section)
	title := i18n.M("Table: %s", "Tableau : %s", strings.Join(cols, ", "))
	if name != "" {
		title = i18n.M("Table: %s", "Tableau : %s", name)
	}
	line := r.line(t.Span.Start)
	return &criterion{kind: "table", group: data, line: line, title: title, columns: cols,
		about: []i18n.Msg{i18n.M("Your model's table at line %d.", "Le tableau de votre corrigé ligne %d.", line)}}
}

// commands proposes a command criterion per section that shows commands.
func (r *reader) commands() []*criterion {
	bySection := map[*document.Section]*criterion{}
	var out []*criterion
	byText := map[string]*shown{}
	var order []*shown
	where := map[*shown]*document.Section{}
	for _, c := range r.doc.Commands {
		ws := firstCommand(c.Text)
		if len(ws) == 0 || routine[strings.ToLower(ws[0])] {
			continue
		}
		text := typedAs(c.Text, r.names)
		if text == "" || len(strings.Fields(text)) == 1 && len(ws) > 1 {
			continue
		}
		output := ""
		if c.HasOutput() {
			output = clean(outputLine(string(r.doc.Text[c.Output.Start:c.Output.End])))
		}
		if s := byText[text]; s != nil {
			if s.output == "" && output != "" {
				s.output, s.typed, s.line = output, clean(c.Text), r.line(c.Span.Start)
			}
			continue
		}
		s := &shown{typed: clean(c.Text), text: text, output: output, line: r.line(c.Span.Start)}
		byText[text] = s
		order = append(order, s)
		where[s] = r.doc.SectionAt(c.Span.Start)
	}
	// A command that is only the start of another asks nothing more.
	kept := order[:0:0]
	for _, s := range order {
		prefix := false
		for _, o := range order {
			if o != s && strings.HasPrefix(o.text, s.text+" ") && s.output == "" {
				prefix = true
			}
		}
		if !prefix {
			kept = append(kept, s)
		}
	}
	dropped := 0
	for _, s := range kept {
		sec := where[s]
		c := bySection[sec]
		if c == nil {
			name := r.heading(sec)
			title := i18n.M("Commands shown", "Commandes montrées")
			if name != "" {
				title = i18n.M("Commands: %s", "Commandes : %s", name)
			}
			if r.outline.bonus[sec] {
				title = bonusTitle(name)
			}
			c = &criterion{kind: "command", group: shownCmds, line: s.line, title: title, bonus: r.outline.bonus[sec],
				about: []i18n.Msg{i18n.M("The commands your model shows under \"%s\".",
					"Les commandes que montre votre corrigé sous « %s ».", orWhole(name, r.lang))}}
			bySection[sec] = c
			out = append(out, c)
		}
		if len(c.cmds) >= maxCommands {
			dropped++
			continue
		}
		c.cmds = append(c.cmds, s)
	}
	if dropped > 0 {
		r.left = append(r.left, i18n.M("%d more commands: a criterion asks for %d at most", "%d commandes de plus : un critère en demande %d au plus", dropped, maxCommands))
	}
	if len(out) > maxCommandCrit {
		r.left = append(r.left, i18n.M("the commands of %d more sections: a draft has %d command criteria at most",
			"les commandes de %d sections de plus : un brouillon a %d critères de commandes au plus", len(out)-maxCommandCrit, maxCommandCrit))
		out = out[:maxCommandCrit]
	}
	return out
}

// answers proposes an explanation criterion per section whose own prose is
// an answer: its subject from the heading, its concepts the prose's
// distinctive terms.
func (r *reader) answers() []*criterion {
	var out []*criterion
	var secs []*document.Section
	for s, p := range r.prose {
		if p.words >= minAnswerWords && s != r.outline.title && (s.Level > 0 || len(r.doc.Root.Children) == 0) {
			secs = append(secs, s)
		}
	}
	sort.Slice(secs, func(i, j int) bool { return secs[i].Span.Start < secs[j].Span.Start })
	for _, s := range secs {
		if c := r.answer(s, r.prose[s]); c != nil {
			out = append(out, c)
		}
	}
	if len(out) > maxAnswers {
		r.left = append(r.left, i18n.M("the answers of %d more sections: a draft has %d explanations at most",
			"les réponses de %d sections de plus : un brouillon a %d explications au plus", len(out)-maxAnswers, maxAnswers))
		out = out[:maxAnswers]
	}
	return out
}

func (r *reader) answer(s *document.Section, p *prose) *criterion {
	name := r.heading(s)
	subject := map[string]bool{}
	var subjects, in []string
	if name != "" {
		subjects, in = []string{name}, []string{name}
		for _, w := range strings.Fields(fold.Key(name)) {
			if !isFunction(w) {
				subject[stem(w)] = true
			}
		}
		// A term of the prose made of the heading's words (docker.service
		// under "Docker service") names the subject too.
		for _, ts := range p.tokens {
			for _, t := range ts {
				parts := strings.FieldsFunc(t.key, func(r rune) bool { return strings.ContainsRune(".-_/", r) })
				if len(parts) < 2 || len(subjects) >= maxSubjectNames {
					continue
				}
				all := true
				for _, part := range parts {
					all = all && subject[stem(part)]
				}
				if all && !contains(subjects, t.text) {
					subjects = append(subjects, clean(t.text))
					subject[t.stem] = true
				}
			}
		}
	}
	ranked := r.vocab.terms(p, subject)
	if name == "" {
		// No heading: the most distinctive term is what the text is about.
		if len(ranked) == 0 {
			return nil
		}
		subjects = []string{clean(ranked[0].text)}
		for _, st := range ranked[0].stems {
			subject[st] = true
		}
		ranked = r.vocab.terms(p, subject)
	}
	cands := pick(ranked, probedConcepts)
	if len(cands) == 0 {
		return nil
	}
	c := &criterion{kind: "explanation", group: answers, line: r.line(s.Heading.Start), bonus: r.outline.bonus[s],
		title:    i18n.M("Explanation: %s", "Explication : %s", orWhole(name, r.lang)),
		subject:  subjects,
		names:    in,
		minWords: min(max(p.words*2/5, 10), 60),
		about: []i18n.Msg{i18n.M("Your model's answer under \"%s\" (%d words).",
			"La réponse de votre corrigé sous « %s » (%d mots).", orWhole(name, r.lang), p.words)},
	}
	if s.Level == 0 {
		c.line = 1
	}
	if c.bonus {
		c.title = bonusTitle(name)
	}
	for _, t := range cands {
		c.concepts = append(c.concepts, &concept{term: t})
	}
	return c
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if fold.Key(x) == fold.Key(s) {
			return true
		}
	}
	return false
}

// clean is a text of the model as a rubric holds it: printable, its spaces
// collapsed.
func clean(s string) string { return strings.Join(strings.Fields(printable(s)), " ") }

// ids gives each criterion a unique id from its kind and its subject.
func ids(cs []*criterion, lang i18n.Lang) {
	prefix := map[string]i18n.Msg{
		"section": {EN: "part", FR: "partie"}, "fact": {EN: "values", FR: "valeurs"}, "table": {EN: "table", FR: "tableau"},
		"command": {EN: "commands", FR: "commandes"}, "explanation": {EN: "answer", FR: "reponse"},
	}
	used := map[string]bool{"leftovers": true}
	for _, c := range cs {
		base := prefix[c.kind].In(lang)
		subject := ""
		switch {
		case len(c.names) > 0:
			subject = c.names[0]
		case c.outputOf != "":
			subject = c.outputOf
		default:
			subject = c.title.In(lang)
			if i := strings.Index(subject, ":"); i >= 0 {
				subject = subject[i+1:]
			}
		}
		id := base
		if s := slug(subject, 40); s != "" {
			id = base + "-" + s
		}
		unique := id
		for n := 2; used[unique]; n++ {
			unique = fmt.Sprintf("%s-%d", id, n)
		}
		used[unique] = true
		c.id = unique
	}
}

// bonusTitle names a criterion of a bonus part: "Bonus : docker compose".
func bonusTitle(heading string) i18n.Msg {
	name := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(heading[min(len(heading), len(bonusWord(heading))):]), ":-–— "))
	if name == "" {
		return i18n.M("Bonus", "Bonus")
	}
	return i18n.M("Bonus: %s", "Bonus : %s", name)
}

// bonusWord is the "Bonus" a heading starts with, or "".
func bonusWord(heading string) string {
	if len(heading) >= 5 && strings.EqualFold(heading[:5], "bonus") {
		return heading[:5]
	}
	return ""
}

// howTo says once, above the first criterion of a kind, what the teacher
// should review in the criteria of that kind.
var howTo = map[string]i18n.Msg{
	"section": i18n.M(
		"A part of the report per heading of your model. Add the headings students write instead, in French and in English: a heading that contains one of the names counts. min_words is a third of what your model writes under it; a part shorter than that earns half.",
		"Une partie du rapport par titre de votre corrigé. Ajoutez les titres que les étudiants écrivent à la place, en français et en anglais : un titre qui contient l'un des noms compte. min_words est le tiers de ce que votre corrigé écrit dessous ; une partie plus courte rapporte la moitié."),
	"fact": i18n.M(
		"Values found wherever a student writes them: a table, a list, pasted output, a sentence. Add to each key the names students use for it (in French and in English), and check each value rule: it is inferred from your model's value, and the comment says from which.",
		"Des valeurs trouvées où que l'étudiant les écrive : tableau, liste, sortie collée, phrase. Ajoutez à chaque clé les noms qu'emploient les étudiants (en français et en anglais), et vérifiez chaque règle de valeur : elle est tirée de la valeur de votre corrigé, le commentaire dit laquelle."),
	"table": i18n.M(
		"A table with your model's columns, and its rows by their first cell with the value of the second. Students who lay their data out otherwise lose this criterion: make it a fact criterion if the layout is free.",
		"Un tableau avec les colonnes de votre corrigé, et ses lignes par leur première cellule avec la valeur de la deuxième. Un étudiant qui présente autrement ses données perd ce critère : faites-en un critère fact si la présentation est libre."),
	"command": i18n.M(
		"Commands written as every student types them: the program, what it does and what it acts on; the options and the names a student chooses are left out (a command matches when its words come in this order, other words may come between them). With output:, the command earns half without that line of what it printed: check that every student's run prints it.",
		"Des commandes écrites comme tout étudiant les tape : le programme, ce qu'il fait et sur quoi ; les options et les noms que l'étudiant choisit sont retirés (une commande est reconnue quand ses mots viennent dans cet ordre, d'autres mots peuvent venir entre eux). Avec output:, la commande ne rapporte que la moitié sans cette ligne de ce qu'elle affiche : vérifiez que tout étudiant l'obtient."),
	"explanation": i18n.M(
		"An answer in the student's words. Its concepts are the terms your model's answer uses and its other parts do not: check that each is an idea a right answer must give, write in any the other ways of saying it (word* accepts any ending), and add wrong: [...] for the known wrong answers. need: N gives the concepts' whole share for any N of them.",
		"Une réponse rédigée par l'étudiant. Ses concepts sont les termes qu'emploie la réponse de votre corrigé et pas ses autres parties : vérifiez que chacun est une idée qu'une bonne réponse doit donner, écrivez dans any les autres façons de le dire (mot* accepte toute fin de mot), et ajoutez wrong: [...] pour les erreurs connues. need: N donne toute la part des concepts pour N d'entre eux."),
}
