package checks

import (
	"fmt"
	"strings"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/fold"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// Lookup says where a value is found in the report ("Finding a value" in
// rubrics/README.md): the key it is written under, optionally what must
// surround it and the sections it must be in.
type Lookup struct {
	Key     rubric.Names `yaml:"key" doc:"the key the value is written under (a table's first cell, a column header, the Key of Key: value), one name or a list of aliases; required unless command is given"`
	Command Capture      `yaml:"command" doc:"instead of key: a regular expression with one group, matched against every command line of the report's code; the value is the group of the first match, such as 'docker\\s+stop\\s+(\\S+)'"`
	Context rubric.Names `yaml:"context" doc:"optional: one of these must appear around the value (section titles above it, enclosing keys in pasted output, the column or row header)"`
	In      rubric.Names `yaml:"in" doc:"optional: only look in the sections with these titles (their sub-sections too)"`
	Label   rubric.Text  `yaml:"label" doc:"how the student is told about the value (default: the first key; give one with command, or a relation names it by its name): one text, or {fr: ..., en: ...}"`
	// OutputOf ties a value to the commands that print it.
	OutputOf Printers `yaml:"output_of" doc:"optional: the commands (as typed, or {regex: ...}) whose pasted output may give the value; the output of any other command shown is not read, nor a table that the text above it gives as another command's results (the student's other tables and text are)"`

	keys     []string     // Key folded, set by Validate when the rubric is loaded
	contexts []foldedName // Context folded, likewise
}

// Validate requires a key, or a command to capture the value from.
func (l *Lookup) Validate() error {
	if !l.Command.IsZero() {
		switch {
		case len(l.Key) > 0:
			return rubric.ErrorOn("command", "a value is found under a key or captured from a command, not both: remove key or command")
		case len(l.Context) > 0:
			return rubric.ErrorOn("context", "context does not apply to a value captured from a command: only in does")
		case len(l.OutputOf) > 0:
			return rubric.ErrorOn("output_of", "output_of does not apply to a value captured from a command: the command line itself gives it")
		}
		return nil
	}
	if len(l.Key) == 0 {
		return fmt.Errorf("a value needs a key: the name it is written under, such as key: Storage Driver (or command: a regular expression with one group that captures it from a command line)")
	}
	// A text key is never empty once folded: the loader refuses a name
	// with no letter or digit. Each command of output_of was validated as
	// it was decoded.
	keys := make([]string, len(l.Key))
	for i, k := range l.Key {
		if !k.IsRegex() { // a regex is matched against the key as written
			keys[i] = fold.NameKey(k.Text)
		}
	}
	for i := range l.OutputOf {
		if len(l.OutputOf[i].Output) > 0 {
			return rubric.ErrorOn("output_of", "output_of names the commands whose output gives the value: output: does not apply there")
		}
	}
	l.keys = keys
	l.contexts = foldedNames(l.Context)
	return nil
}

// printedElsewhere reports whether a fact was read from the output of a
// command that output_of does not list, or from a table that the text
// above it gives as the results of such commands only ("Commande : `sudo
// docker version`" over the components' versions that docker version
// prints, not docker info's). Output whose command the report does not
// show is read: the student may have cut the prompt line; and so is a
// table that no text ties to a command.
func (l *Lookup) printedElsewhere(f *document.Fact, cmds *document.CommandSet) bool {
	if len(l.OutputOf) == 0 {
		return false
	}
	if f.Origin == document.FromTable {
		return len(l.tableLead(f, cmds)) > 0
	}
	by := printer(f, cmds)
	if by == nil {
		return false
	}
	for i := range l.OutputOf {
		if l.OutputOf[i].matchLine(by.Text) {
			return false
		}
	}
	return true
}

// tableLead returns the lines above a table fact's table that name the
// commands it shows, when none of them is one of output_of; else nil.
func (l *Lookup) tableLead(f *document.Fact, cmds *document.CommandSet) []string {
	if f.Table == nil || cmds == nil {
		return nil
	}
	lead := cmds.Lead(f.Table)
	for _, line := range lead {
		for i := range l.OutputOf {
			if l.OutputOf[i].matchLine(line) {
				return nil
			}
		}
	}
	return lead
}

// printer is the command whose output gave a fact read from pasted output,
// as cmds reads the report's commands (nil: as the report's shape alone
// says); nil when no command shown printed it.
func printer(f *document.Fact, cmds *document.CommandSet) *document.Command {
	if f.Origin != document.FromOutput {
		return nil
	}
	if cmds != nil {
		return cmds.At(f.Span.Start)
	}
	return f.Command
}

// elsewhere returns a fact for the lookup that only the output of another
// command gives, when the lookup found nothing else: the student is told
// why it was not read.
func (l *Lookup) elsewhere(doc *document.Document, cmds *document.CommandSet, sc Scope) *document.Fact {
	if len(l.OutputOf) == 0 {
		return nil
	}
	for _, f := range doc.Facts {
		if sc.Holds(f.Span.Start) && l.printedElsewhere(f, cmds) && l.keyIndex(f) >= 0 && l.contextMatches(f) {
			return f
		}
	}
	return nil
}

// label names the value for the student, in lang.
func (l *Lookup) label(lang i18n.Lang) string {
	if !l.Label.IsZero() {
		return l.Label.In(lang)
	}
	if len(l.Key) == 0 && !l.Command.IsZero() {
		return "/" + l.Command.String() + "/"
	}
	return l.Key.FirstIn(lang)
}

// find returns the fact that best answers the lookup, nil when there is none,
// and the scope that was searched. Candidates are ranked, best first:
//
//  1. a value the check can use (usable: a version for the version kind, a
//     number for relation, a value that holds its rule for fact), so that
//     the "Client: Docker Engine - Community" line of `docker version` does
//     not hide the "Version: 27.3.1" under it; with usable nil, a non-empty
//     value;
//  2. from a table or text rather than from pasted output;
//  3. under an earlier alias of key: teachers write the specific name first
//     ([Server Version, Version]), so a bare "Version" elsewhere does not
//     win over "Server Version";
//  4. first in document order.
//
// When no candidate is usable and prose is set (usable can tell a value from
// any other word), the value is read from a sentence that names the key (see
// proseFact).
func (l *Lookup) find(doc *document.Document, cmds *document.CommandSet, usable func(string) bool, prose bool) (*document.Fact, Scope) {
	sc := scopeOf(doc, l.In)
	if !l.Command.IsZero() {
		return l.Command.find(doc, sc), sc
	}
	var best *document.Fact
	bestRank := 0
	for _, f := range doc.Facts {
		if !sc.Holds(f.Span.Start) {
			continue
		}
		alias := l.keyIndex(f)
		if alias < 0 || !l.contextMatches(f) || l.printedElsewhere(f, cmds) {
			continue
		}
		if g := beforeAside(doc, f, usable); g != nil {
			f = g
		}
		r := factRank(f, usable)*len(l.Key) + alias
		if best == nil || r < bestRank {
			best, bestRank = f, r
		}
	}
	if prose && usable != nil && (best == nil || factRank(best, usable) >= 2) {
		if f := l.proseFact(doc, sc, usable); f != nil {
			return f, sc
		}
	}
	return best, sc
}

// beforeAside returns the fact with the value that comes before a remark in
// parentheses, when the value as written is not usable and that part is:
// "4 (1 running, 0 paused, 3 stopped)" gives Containers 4. It returns nil
// otherwise.
func beforeAside(doc *document.Document, f *document.Fact, usable func(string) bool) *document.Fact {
	v := strings.TrimSpace(f.Value)
	i := strings.IndexByte(v, '(')
	if usable == nil || i <= 0 || usable(v) {
		return nil
	}
	head := strings.TrimSpace(v[:i])
	if head == "" || !usable(head) {
		return nil
	}
	g := *f
	g.Value = head
	if f.Span.Start >= 0 && f.Span.End <= len(doc.Text) && f.Span.Start <= f.Span.End {
		if k := strings.Index(string(doc.Text[f.Span.Start:f.Span.End]), head); k >= 0 {
			g.Span = document.Span{Start: f.Span.Start + k, End: f.Span.Start + k + len(head)}
		}
	}
	return &g
}

// factRank orders candidate facts by usability, then origin: lower is
// better.
func factRank(f *document.Fact, usable func(string) bool) int {
	r := 0
	if f.Origin == document.FromOutput {
		r = 1
	}
	v := strings.TrimSpace(f.Value)
	if v == "" || usable != nil && !usable(v) {
		r += 2
	}
	return r
}

// folded returns the keys and contexts folded: by Validate when the rubric
// was loaded, here for a Lookup built by hand (without being stored, so a
// rubric shared by goroutines is never written).
func (l *Lookup) folded() ([]string, []foldedName) {
	if len(l.keys) == len(l.Key) && len(l.contexts) == len(l.Context) {
		return l.keys, l.contexts
	}
	keys := make([]string, len(l.Key))
	for i, k := range l.Key {
		if !k.IsRegex() {
			keys[i] = fold.NameKey(k.Text)
		}
	}
	return keys, foldedNames(l.Context)
}

// keyIndex returns the index of the first alias the fact's key folds to (or,
// for a {regex: ...} alias, that matches the key as written), or -1. Both
// sides are folded once: keys by the document, aliases by Validate when the
// rubric is loaded.
func (l *Lookup) keyIndex(f *document.Fact) int {
	k := f.KeyFold
	if k == "" {
		return -1
	}
	keys, _ := l.folded()
	for i, a := range keys {
		if a == "" && i < len(l.Key) && l.Key[i].Regex.MatchString(f.Key) || a != "" && k == a {
			return i
		}
	}
	return -1
}

// aliasIndex returns the index of the first of names s folds to (or that
// matches s as written, for a regular expression), or -1.
func aliasIndex(s string, names rubric.Names) int {
	k := fold.NameKey(s)
	if k == "" {
		return -1
	}
	for i, n := range names {
		if n.IsRegex() && n.Regex.MatchString(s) || !n.IsRegex() && k == fold.NameKey(n.Text) {
			return i
		}
	}
	return -1
}

func namesEqual(s string, names rubric.Names) bool { return aliasIndex(s, names) >= 0 }

// contextMatches reports whether one of the context names appears around the
// fact: in its own key ("Server Version" is about the server), in what
// qualifies it (enclosing output keys, the column or row header) or in the
// titles of the sections above it.
func (l *Lookup) contextMatches(f *document.Fact) bool {
	if len(l.Context) == 0 {
		return true
	}
	_, ctx := l.folded()
	if hasName(f.Key, f.KeyFold, ctx) {
		return true
	}
	for _, s := range f.Context {
		if hasName(s, fold.Key(s), ctx) {
			return true
		}
	}
	for s := f.Section; s != nil && s.Level > 0; s = s.Parent {
		if hasName(s.Title, s.TitleFold, ctx) {
			return true
		}
	}
	return false
}

// notFound says that a value looked for in sc was not found, and how to
// give it, naming the value in lang.
func (l *Lookup) notFound(sc Scope, lang i18n.Lang) i18n.Msg {
	label := l.label(lang)
	key := label
	if len(l.Key) > 0 {
		key = l.Key[0].In(lang)
	}
	var msg i18n.Msg
	switch {
	case !l.Command.IsZero() && !sc.Empty():
		msg = i18n.M("%q not found: no command shown in code gives it",
			"« %s » introuvable : aucune commande montrée en code ne le donne", label)
	case sc.Empty():
		in := orNames(l.In)
		msg = i18n.Msg{
			EN: fmt.Sprintf("%q not found: the report has no section titled %s", label, in.EN),
			FR: fmt.Sprintf("« %s » introuvable : le rapport n'a pas de section intitulée %s", label, in.FR),
		}
	case len(l.Context) > 0:
		ctx := orNames(l.Context)
		msg = i18n.Msg{
			EN: fmt.Sprintf("%q not found about %s: give it in a table row or a line \"%s: value\"", label, ctx.EN, key),
			FR: fmt.Sprintf("« %s » introuvable pour %s : donnez cette valeur dans une ligne de tableau ou une ligne « %s : valeur »", label, ctx.FR, key),
		}
	default:
		msg = i18n.M("%q not found: give it in a table row or a line \"%s: value\"",
			"« %s » introuvable : donnez cette valeur dans une ligne de tableau ou une ligne « %s : valeur »", label, key)
	}
	return msg
}

// orList quotes names for a message: "a", "b" or "c" / « a », « b » ou « c ».
func orList(names []string) i18n.Msg { return i18n.Or(names) }

// andList quotes names for a message: "a", "b" and "c" / « a », « b » et « c ».
func andList(names []string) i18n.Msg { return i18n.And(names) }

// orNames is orList of a rubric's names, each shown in the message's
// language (a {regex} name's expected may be given in both).
func orNames(ns rubric.Names) i18n.Msg {
	return i18n.Msg{EN: i18n.Or(ns.In(i18n.EN)).EN, FR: i18n.Or(ns.In(i18n.FR)).FR}
}

// andNames is andList of a rubric's names, as orNames.
func andNames(ns rubric.Names) i18n.Msg {
	return i18n.Msg{EN: i18n.And(ns.In(i18n.EN)).EN, FR: i18n.And(ns.In(i18n.FR)).FR}
}

// tally gathers what a criterion's lookups found: one part per value, and
// the findings about them. Values not found in the whole report are named
// together in one finding, placed where the student wrote the criterion's
// other values (a row of the same table) rather than on the report's first
// line; the values credited are named in one finding too.
type tally struct {
	doc      *document.Document
	cmds     *document.CommandSet // the commands shown, as the criterion reads them
	out      *rubric.Outcome
	missing  []*Lookup
	anchor   *document.Span // the start of the first value found (its table, or its key)
	credited []string
	figures  bool      // the values are not parts of their own (relation)
	lang     i18n.Lang // the language values are named in
}

func newTally(doc *document.Document, cmds *document.CommandSet, out *rubric.Outcome, lang i18n.Lang) *tally {
	return &tally{doc: doc, cmds: cmds, out: out, lang: lang}
}

// notFound records a value looked for in sc and not found.
func (t *tally) notFound(l *Lookup, sc Scope) {
	if !t.figures {
		t.out.Parts = append(t.out.Parts, rubric.Part{Label: l.label(t.lang)})
	}
	if f := l.elsewhere(t.doc, t.cmds, sc); f != nil {
		shown := make([]string, len(l.OutputOf))
		for i := range l.OutputOf {
			shown[i] = l.OutputOf[i].String()
		}
		from := orList(shown)
		msg := i18n.Msg{}
		if lead := l.tableLead(f, t.cmds); lead != nil {
			under := studentWords(lead[len(lead)-1])
			msg.EN = fmt.Sprintf("%q is given here in a table under %q, about a command that does not report it: give the value that %s prints", l.label(t.lang), under, from.EN)
			msg.FR = fmt.Sprintf("« %s » est donné ici dans un tableau sous « %s », d'une commande qui ne le donne pas : donnez la valeur qu'affiche %s", l.label(t.lang), under, from.FR)
		} else {
			cmd := "?"
			if by := printer(f, t.cmds); by != nil {
				cmd = by.Text
			}
			msg.EN = fmt.Sprintf("%q is read here from the output of `%s`, which does not report it: give the value that %s prints", l.label(t.lang), cmd, from.EN)
			msg.FR = fmt.Sprintf("« %s » est lu ici dans la sortie de `%s`, qui ne la donne pas : donnez la valeur qu'affiche %s", l.label(t.lang), cmd, from.FR)
		}
		t.out.Findings = append(t.out.Findings, rubric.Finding{Span: f.Span, Severity: rubric.Error, Message: msg})
		return
	}
	if !sc.whole {
		t.out.Findings = append(t.out.Findings, sc.At().finding(rubric.Error, l.notFound(sc, t.lang)))
		return
	}
	t.missing = append(t.missing, l)
}

// found notes where a value of the criterion was found: its table, or its
// key.
func (t *tally) found(f *document.Fact) {
	if t.anchor != nil {
		return
	}
	s := f.KeySpan
	if f.Table != nil {
		s = f.Table.Span
	}
	s.End = s.Start
	t.anchor = &s
}

// part records a value found at f, met or not, with its weight in shares.
func (t *tally) part(label string, f *document.Fact, met bool, weight int) {
	t.found(f)
	t.out.Parts = append(t.out.Parts, rubric.Part{Label: label, Weight: weight, Met: met,
		Raw: f.Origin == document.FromOutput, Span: f.Span})
	if met {
		t.credited = append(t.credited, fmt.Sprintf("%s (%s)", label, strings.TrimSpace(f.Value)))
	}
}

// finish adds the findings about the values not found and credited.
func (t *tally) finish() {
	t.reportMissing()
	t.reportCredited()
}

// at is where the findings about the criterion as a whole go: where its
// first value was found, else, nothing of it being in the report, the
// report as a whole.
func (t *tally) at() place {
	if t.anchor != nil {
		return placeAt(*t.anchor)
	}
	return wholeReport
}

// reportMissing adds one finding about the values not found.
func (t *tally) reportMissing() {
	at := t.at()
	var missing []*Lookup
	for _, l := range t.missing {
		if !l.Command.IsZero() {
			// A value typed in a command is not given in a table: its
			// own finding says which command is missing.
			t.out.Findings = append(t.out.Findings, at.finding(rubric.Error, l.notFound(Scope{whole: true}, t.lang)))
			continue
		}
		missing = append(missing, l)
	}
	t.missing = nil
	switch len(missing) {
	case 0:
	case 1:
		t.out.Findings = append(t.out.Findings, at.finding(rubric.Error, missing[0].notFound(Scope{whole: true}, t.lang)))
	default:
		labels := make([]string, len(missing))
		for i, l := range missing {
			labels[i] = l.label(t.lang)
		}
		list := andList(labels)
		t.out.Findings = append(t.out.Findings, at.finding(rubric.Error, i18n.Msg{
			EN: fmt.Sprintf("not found: %s: give each in a table row or a line \"Key: value\"", list.EN),
			FR: fmt.Sprintf("introuvables : %s : donnez chacune dans une ligne de tableau ou une ligne « Clé : valeur »", list.FR),
		}))
	}
}

// reportCredited adds one finding naming what was credited.
func (t *tally) reportCredited() {
	if len(t.credited) > 0 {
		t.out.Findings = append(t.out.Findings, t.at().finding(rubric.Info, i18n.M(
			"credited: %s", "crédité : %s", strings.Join(t.credited, ", "))))
	}
}
