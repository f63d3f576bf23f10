package draft

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/fold"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// Total is what a draft's points add up to, and its scale.
const Total = 20

// SchemaURL is the rubric JSON Schema a draft names for editors.
const SchemaURL = rubric.SchemaID

// Options tune a draft.
type Options struct {
	// Lang is the draft's lang: the language of its comments and of its
	// report. Empty: the model's, guessed from its words.
	Lang i18n.Lang
	// Source names the model in the draft's first comment (its file name).
	Source string
}

// Draft is a rubric drafted from a model answer.
type Draft struct {
	YAML     []byte    // the rubric, commented
	Lang     i18n.Lang // its lang
	Criteria int       // its criteria, the included leftovers criterion not counted
	// Model is the model graded with the draft, out of Total: what the
	// draft asks for is what the model shows, so it is Total unless a
	// criterion could not be kept whole.
	Model rubric.Points
	// Left says what the draft leaves out, and why, in Lang (also written
	// at the end of YAML).
	Left []string
}

// ErrNothing is returned for a model with nothing a rubric can ask for: no
// heading, no value, no command, no prose answer.
var ErrNothing = errors.New("the model holds nothing a rubric can ask for: no heading, no key/value data, no command, no answer of 20 words or more")

// Write drafts a rubric from a parsed model answer. It is a pure function
// of its arguments: the model is graded with the draft in memory, nothing
// is read or written.
func Write(doc *document.Document, opt Options) (*Draft, error) {
	if doc == nil || doc.Root == nil {
		return nil, ErrNothing
	}
	lang := opt.Lang
	if lang == "" {
		lang = modelLang(doc)
	}
	r := &reader{doc: doc, lang: lang, outline: readOutline(doc), prose: readProse(doc), names: chosenNames(doc.Commands)}
	r.vocab = newVocabulary(proseList(r.prose), r.excluded())
	cs := r.candidates()
	for _, c := range cs {
		c.lang = lang
	}
	if len(cs) == 0 {
		return nil, ErrNothing
	}
	runProbe(doc, cs, lang)
	cs = settled(cs, r)
	if len(cs) == 0 {
		return nil, ErrNothing
	}
	ids(cs, lang)
	d := &drafter{doc: doc, lang: lang, opt: opt, title: r.title(), include: true}
	// Grade the model with the draft; a criterion it does not earn whole
	// (pieces judged together differ from pieces judged apart: a longer
	// answer is located elsewhere) loses its min_words, then goes.
	for round := 0; ; round++ {
		rep, err := d.grade(cs)
		if err != nil {
			return nil, err
		}
		var keep []*criterion
		changed := false
		for i, c := range cs {
			switch res := rep.Criteria[i]; {
			case full(res):
				keep = append(keep, c)
			case c.kind == "explanation" && c.minWords > 0 && round < 3:
				c.minWords, changed = 0, true
				keep = append(keep, c)
			default:
				changed = true
				r.left = append(r.left, i18n.M("%s: your model does not earn it whole as tpgrade reads it (%s of %s)",
					"%s : votre corrigé ne l'obtient pas en entier tel que tpgrade le lit (%s sur %s)", c.title.In(lang), res.Points, res.MaxPoints))
			}
		}
		if d.include && len(rep.Criteria) > len(cs) && rep.Criteria[len(cs)].Points < 0 {
			d.include, changed = false, true
			r.left = append(r.left, i18n.M("include: [leftovers]: your model itself holds a template's leftover word (TODO, à compléter ...)",
				"include: [leftovers] : votre corrigé contient lui-même un reste de modèle (TODO, à compléter ...)"))
		}
		if len(keep) == 0 {
			return nil, ErrNothing
		}
		allBonus := true
		for _, c := range keep {
			allBonus = allBonus && c.bonus
		}
		if allBonus {
			// A model that is all bonus: its parts are the lab.
			for _, c := range keep {
				c.bonus, changed = false, true
			}
		}
		if !changed {
			d.model = rep.Grade
			break
		}
		cs = keep
	}
	for _, m := range r.left {
		d.left = append(d.left, m.In(lang))
	}
	src, err := d.yaml(cs)
	if err != nil {
		return nil, err
	}
	return &Draft{YAML: src, Lang: lang, Criteria: len(cs), Model: d.model, Left: d.left}, nil
}

// modelLang guesses the model's language from its prose.
func modelLang(doc *document.Document) i18n.Lang {
	var texts []string
	for _, b := range doc.Blocks {
		if b.Kind != document.CodeBlock && !b.Output {
			texts = append(texts, b.Text)
		}
	}
	if fr, en := detectLang(texts); en > fr {
		return i18n.EN
	}
	return i18n.FR
}

func proseList(m map[*document.Section]*prose) []*prose {
	out := make([]*prose, 0, len(m))
	for _, p := range m {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].section.Span.Start < out[j].section.Span.Start })
	return out
}

// excluded are the stems that never make a concept: the words of the
// lab's title (every report of the lab says them) and the programs the
// model runs (docker, systemctl: named in every answer).
func (r *reader) excluded() map[string]bool {
	out := map[string]bool{}
	if t := r.outline.title; t != nil {
		for _, w := range strings.Fields(t.TitleFold) {
			out[stem(w)] = true
		}
	}
	// The words of every heading name a part: the subject of that part,
	// not a concept of another.
	for _, s := range r.doc.Sections {
		for _, w := range strings.Fields(fold.Key(headingName(s.Title))) {
			if !isFunction(w) {
				out[stem(w)] = true
			}
		}
	}
	for _, c := range r.doc.Commands {
		if ws := firstCommand(c.Text); len(ws) > 0 {
			for _, w := range strings.Fields(strings.ToLower(ws[0])) {
				out[stem(w)] = true
			}
		}
	}
	return out
}

// title is the lab's title: its heading, else the first heading.
func (r *reader) title() string {
	if r.outline.title != nil {
		return clean(r.outline.title.Title)
	}
	if len(r.doc.Root.Children) > 0 {
		return clean(r.doc.Root.Children[0].Title)
	}
	return ""
}

// settled keeps the criteria and pieces the probe found earned, and says
// what went.
func settled(cs []*criterion, r *reader) []*criterion {
	var out []*criterion
	for _, c := range cs {
		if c.settle() {
			out = append(out, c)
			continue
		}
		r.left = append(r.left, i18n.M("%s: tpgrade does not read in your model what this criterion would ask for",
			"%s : tpgrade ne lit pas dans votre corrigé ce que ce critère demanderait", c.title.In(r.lang)))
	}
	return out
}

// drafter prints the draft and grades the model with it.
type drafter struct {
	doc     *document.Document
	lang    i18n.Lang
	opt     Options
	title   string
	include bool // include the bundled leftovers criterion
	model   rubric.Points
	left    []string
}

// grade spreads the points over cs, loads the draft and grades the model.
func (d *drafter) grade(cs []*criterion) (*grader.Report, error) {
	spread(cs)
	src, err := d.yaml(cs)
	if err != nil {
		return nil, err
	}
	r, err := grader.ParseRubric("draft.yaml", src)
	if err != nil {
		return nil, fmt.Errorf("the draft does not load (a bug of tpgrade rubric draft): %w", err)
	}
	return grader.Grade(d.doc, r, grader.Options{Lang: d.lang}), nil
}

// yaml prints the draft.
func (d *drafter) yaml(cs []*criterion) ([]byte, error) {
	l := d.lang
	id := slug(d.title, 40)
	if id == "" {
		id = slug(d.opt.Source, 40)
	}
	if id == "" {
		id = "my-lab"
	}
	title := d.title
	if title == "" {
		title = i18n.M("My lab", "Mon TP").In(l)
	}
	top := mapping(
		"id", plain(id),
		"title", str(title),
		"lang", plain(string(l)),
		"scale", plain(fmt.Sprint(Total)),
		"total", plain(fmt.Sprint(Total)),
	)
	source := d.opt.Source
	if source == "" {
		source = i18n.M("your model", "votre corrigé").In(l)
	}
	head := []string{
		i18n.M("A rubric drafted by `tpgrade rubric draft` from %s.", "Barème tiré de %s par `tpgrade rubric draft`.", source).In(l),
		"",
	}
	if d.model > 0 {
		head = append(head, i18n.M(
			"Your model grades %s/%d with it: each criterion below is something your model shows, as tpgrade reads it, with points spread over a total of %d (the parts 10%%, the values 35%%, the commands 20%%, the answers 35%%).",
			"Votre corrigé obtient %s/%d avec ce barème : chaque critère ci-dessous est quelque chose que montre votre corrigé, tel que tpgrade le lit, et les points sont répartis sur un total de %d (les parties 10 %%, les valeurs 35 %%, les commandes 20 %%, les réponses 35 %%).",
			d.model, Total, Total).In(l))
	}
	head = append(head, i18n.M(
		"It is a start, not a rubric: read each criterion (its comment says what to check), add the other ways of answering right, fix the points, then check it on real reports:",
		"C'est un point de départ, pas un barème : relisez chaque critère (son commentaire dit quoi vérifier), ajoutez les autres façons de bien répondre, ajustez les points, puis essayez-le sur de vraies copies :").In(l),
		"  tpgrade rubric check my-lab.yaml",
		"  tpgrade grade --rubric my-lab.yaml "+i18n.M("a-report.md", "une-copie.md").In(l),
		i18n.M("Every key is described in rubrics/README.md and by tpgrade rubric kinds KIND.",
			"Chaque clé est décrite dans rubrics/README.md et par tpgrade rubric kinds KIND.").In(l))
	// The schema line is read by editors as it is: never wrapped.
	doc := &yaml.Node{Kind: yaml.DocumentNode, HeadComment: "# yaml-language-server: $schema=" + SchemaURL + "\n#\n" + comment(head...)}
	assignment := comment(
		i18n.M("assignment: the questions of your lab statement, pasted as they are: an answer that copies them earns nothing. Paste them here, indented under assignment: |",
			"assignment : les questions de votre énoncé, collées telles quelles : une réponse qui les recopie ne rapporte rien. Collez-les ici, en retrait sous assignment: |").In(l),
		"assignment: |",
		"  "+i18n.M("What is ...?", "Quel est ... ?").In(l),
		"")
	items := make([]*yaml.Node, len(cs))
	seen := map[string]bool{}
	for i, c := range cs {
		items[i] = c.node(!seen[c.kind])
		seen[c.kind] = true
	}
	critKey := plain("criteria")
	if d.include {
		inc := plain("include")
		inc.HeadComment = assignment + "\n" + comment(i18n.M(
			"The template's leftovers (TODO, à compléter, your answer ...) cost points: a criterion bundled with tpgrade (tpgrade rubric show leftovers).",
			"Les restes du modèle (TODO, à compléter, votre réponse ...) coûtent des points : un critère fourni avec tpgrade (tpgrade rubric show leftovers).").In(l))
		top.Content = append(top.Content, inc, strs("leftovers"))
	} else {
		critKey.HeadComment = assignment
	}
	top.Content = append(top.Content, critKey, seq(items...))
	if len(d.left) > 0 {
		lines := []string{i18n.M("Left out of this draft:", "Laissé de côté dans ce brouillon :").In(l)}
		for _, s := range d.left {
			lines = append(lines, "- "+s)
		}
		top.FootComment = comment(lines...)
	}
	doc.Content = []*yaml.Node{top}
	return encode(doc)
}

// spread gives each criterion its points: each group its share of the
// total (the groups the draft has), each criterion its share of its
// group's by weight, in quarters of a point, at least one quarter, adding
// up to the total exactly. Bonus criteria take none of the total: each
// adds one point.
func spread(cs []*criterion) {
	const quarters = Total * 4
	var graded []*criterion
	weights := map[group]float64{}
	for _, c := range cs {
		if c.bonus {
			c.points = rubric.Unit
			continue
		}
		graded = append(graded, c)
		weights[c.group] += c.weight()
	}
	if len(graded) == 0 {
		return
	}
	budgets := 0
	for g, w := range weights {
		if w > 0 {
			budgets += budget[g]
		}
	}
	raw := make([]float64, len(graded))
	q := make([]int, len(graded))
	sum := 0
	for i, c := range graded {
		raw[i] = float64(quarters) * float64(budget[c.group]) / float64(budgets) * c.weight() / weights[c.group]
		q[i] = max(int(raw[i]), 1)
		sum += q[i]
	}
	// The quarters left (or over) go to the criteria whose share was cut
	// (or raised) the most.
	order := make([]int, len(graded))
	for i := range order {
		order[i] = i
	}
	for sum != quarters {
		sort.SliceStable(order, func(a, b int) bool {
			da, db := raw[order[a]]-float64(q[order[a]]), raw[order[b]]-float64(q[order[b]])
			if sum < quarters {
				return da > db
			}
			return da < db
		})
		moved := false
		for _, i := range order {
			if sum < quarters {
				q[i]++
				sum++
				moved = true
				break
			}
			if q[i] > 1 {
				q[i]--
				sum--
				moved = true
				break
			}
		}
		if !moved {
			break // more criteria than quarters: each keeps its quarter
		}
	}
	for i, c := range graded {
		c.points = rubric.Points(q[i]) * rubric.Unit / 4
	}
}
