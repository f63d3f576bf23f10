package checks

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// Command asks for commands shown in code, each one share. A command that
// requires its output earns its whole share with it, half without it, and
// nothing for its output shown under another command. A command only named
// in a heading ("## docker version") earns half its share, as teachers
// give it: the student says what they ran, but does not show it.
type Command struct {
	Commands []CommandSpec `yaml:"commands" required:"true" doc:"the commands the report must show in code, each one share: as typed (docker info), {command: ..., output: [...]} or {regex: ..., show: ..., output: [...]}; with output, the command without it earns half"`
	In       rubric.Names  `yaml:"in" doc:"names of the sections to look in, sub-sections included (default: the whole report)"`
}

// Validate checks that there is a command to look for (each command was
// validated by the loader as it decoded it).
func (c *Command) Validate() error {
	if len(c.Commands) == 0 {
		return fmt.Errorf("command needs commands: the commands to find, such as commands: [docker info, docker version]")
	}
	return nil
}

// Grade looks for each command in the code of the scope. A command found in
// the text but not formatted as code earns nothing and is pointed at; so
// does one inside a sentence copied from the assignment ("Exécutez les
// commandes `docker version` et `docker info`" left from the template).
func (c *Command) Grade(doc *document.Document, env *rubric.Env) rubric.Outcome {
	sc := scopeOf(doc, c.In)
	// Every command counts in halves: a command only named in a heading
	// earns one, and one that requires its output earns one shown without
	// it.
	const whole = 2
	out := rubric.Outcome{Of: whole * len(c.Commands)}
	cmdWords := c.words()
	assignment := newCopiedProse(env)
	copied := assignment.codeTest(doc)
	spans := sc.spans
	if sc.whole {
		spans = []document.Span{doc.Root.Span}
	}
	for i := range c.Commands {
		spec := &c.Commands[i]
		if sc.Empty() {
			in := orNames(c.In)
			out.Findings = append(out.Findings, sc.At().finding(rubric.Error, i18n.Msg{
				EN: fmt.Sprintf("command `%s` not found: the report has no section titled %s", spec, in.EN),
				FR: fmt.Sprintf("commande `%s` introuvable : le rapport n'a pas de section intitulée %s", spec, in.FR),
			}))
			continue
		}
		if len(spec.Output) > 0 {
			v := spec.judgeOutput(doc, shownCommands(doc, env, c), spans, copied, false)
			switch {
			case v.best.full():
				out.Met += whole
			case v.best != nil:
				out.Met += whole / 2
			}
			fs := spec.outputFindings(doc, v)
			if v.best == nil && len(fs) == 0 {
				if h := assignment.heading(doc, spec, sc, cmdWords); h != nil {
					out.Met += whole / 2
					fs = append(fs, headingOnly(spec, h))
				} else {
					fs = append(fs, assignment.missing(doc, spec, sc))
				}
			}
			out.Findings = append(out.Findings, fs...)
			continue
		}
		if code := spec.findCode(doc, spans, copied); code != nil {
			out.Met += whole
			out.Findings = append(out.Findings, rubric.Finding{Span: code.Span, Severity: rubric.Info,
				Message: i18n.M("command `%s` shown", "commande `%s` montrée", spec)})
			continue
		}
		if h := assignment.heading(doc, spec, sc, cmdWords); h != nil {
			out.Met += whole / 2
			out.Findings = append(out.Findings, headingOnly(spec, h))
			continue
		}
		out.Findings = append(out.Findings, assignment.missing(doc, spec, sc))
	}
	return out
}

// headingOnly is the finding for a command named in the heading h and
// shown nowhere.
func headingOnly(spec *CommandSpec, h *document.Section) rubric.Finding {
	return rubric.Finding{Span: h.Heading, Severity: rubric.Warning, Message: i18n.M(
		"command `%s` named in a heading but not shown: show it in a code block with its output",
		"commande `%s` nommée dans un titre mais pas montrée : montrez-la dans un bloc de code avec sa sortie",
		spec)}
}

// heading returns the first section of the scope whose title names the
// command, as typed or in other case ("## Docker version"), and is not
// the assignment's instruction left as a title; nil when there is none.
// A title that only names the commands ("Docker version et docker info")
// is the student's, even though the assignment names them the same way:
// it is an instruction when, besides the commands' words (cmdWords), it
// says enough to repeat the assignment.
func (cp *copiedProse) heading(doc *document.Document, spec *CommandSpec, sc Scope, cmdWords map[string]bool) *document.Section {
	match := spec.matcher()
	for _, s := range doc.Sections {
		if s.Level == 0 || !sc.Holds(s.Heading.Start) || !match(s.Title) {
			continue
		}
		if cp != nil && cp.src.copied(s.TitleFold) {
			other := 0
			for _, w := range strings.Fields(s.TitleFold) {
				if !cmdWords[w] {
					other++
				}
			}
			if other >= shingleSize {
				continue
			}
		}
		return s
	}
	return nil
}

// words returns the words of the commands, folded.
func (c *Command) words() map[string]bool {
	out := map[string]bool{}
	for i := range c.Commands {
		for _, u := range c.Commands[i].textUnits() {
			for _, t := range u {
				out[t.word] = true
			}
		}
	}
	return out
}

// missingCommand is the finding for a command not shown in code: at the
// text where it was typed without code formatting, if any, else at where.
func missingCommand(doc *document.Document, spec *CommandSpec, where place, scope func(*document.Block) bool) rubric.Finding {
	if b := spec.findProse(doc, scope); b != nil {
		return rubric.Finding{Span: b.Span, Severity: rubric.Error, Message: i18n.M(
			"the command `%s` is written as plain text: put it in code (`...` or a ``` block) so that it reads as a command",
			"la commande `%s` est écrite comme du texte : mettez-la en code (`...` ou un bloc ```) pour qu'elle se lise comme une commande",
			spec)}
	}
	return where.finding(rubric.Error, i18n.M(
		"the command `%s` is not shown: give it in a code block with its output",
		"la commande `%s` n'est pas montrée : donnez-la dans un bloc de code avec sa sortie", spec))
}

// copiedProse tells the sentences of the report's prose that repeat the
// rubric's assignment: a command in one of them is the statement's
// instruction left in the report ("Exécutez les commandes `docker version`
// et `docker info`"), not a command the student ran. It is nil without an
// assignment, and then no sentence is.
type copiedProse struct {
	src  copySource
	memo *rubric.Memo
}

func newCopiedProse(env *rubric.Env) *copiedProse {
	if env == nil || env.Assignment == "" {
		return nil
	}
	return &copiedProse{src: newCopySource(env.Assignment), memo: env.Memo}
}

// codeTest returns a test of whether a code span sits in a sentence that
// repeats the assignment; nil without an assignment. It reads only the
// blocks of the code it is asked about: the few that show a command.
func (cp *copiedProse) codeTest(doc *document.Document) func(*document.Code) bool {
	if cp == nil {
		return nil
	}
	return func(c *document.Code) bool {
		if c.Block {
			return false
		}
		i := sort.Search(len(doc.Blocks), func(i int) bool { return doc.Blocks[i].Span.Start > c.Span.Start }) - 1
		if i < 0 {
			return false
		}
		b := doc.Blocks[i]
		if !isProse(b) || !b.Span.Contains(c.Span.Start) {
			return false
		}
		_, copied := cp.src.split(blockPieces(cp.memo, b))
		for _, p := range copied {
			if p.span().Contains(c.Span.Start) {
				return true
			}
		}
		return false
	}
}

// onlyCopied returns the first sentence of b that names the command and
// repeats the assignment, when every sentence of b that names it does.
func (cp *copiedProse) onlyCopied(spec *CommandSpec, b *document.Block) (document.Span, bool) {
	match := spec.matcher()
	var first *piece
	for _, p := range blockPieces(cp.memo, b) {
		if !slices.ContainsFunc(strings.Split(p.text, "\n"), match) {
			continue
		}
		if !cp.src.copied(p.ft.key) {
			return document.Span{}, false
		}
		if first == nil {
			first = &p
		}
	}
	if first == nil {
		return document.Span{}, false
	}
	return first.span(), true
}

// missing is the finding for a command the scope does not show in code
// (missingCommand). A command that the scope's prose names only in
// sentences repeating the assignment, in code or not, is told so at the
// first of them: formatting it as code would not make it the student's.
func (cp *copiedProse) missing(doc *document.Document, spec *CommandSpec, sc Scope) rubric.Finding {
	inScope := func(b *document.Block) bool { return sc.Holds(b.Span.Start) }
	if cp == nil {
		return missingCommand(doc, spec, sc.At(), inScope)
	}
	var copied *document.Span
	own := func(b *document.Block) bool {
		if !inScope(b) {
			return false
		}
		at, only := cp.onlyCopied(spec, b)
		if only && copied == nil {
			copied = &at
		}
		return !only
	}
	if spec.findProse(doc, own) == nil && copied != nil {
		return rubric.Finding{Span: *copied, Severity: rubric.Error, Message: i18n.M(
			"the command `%s` is only in a sentence that repeats the assignment: that is the instruction, not your run; show the command you ran in a code block with its output",
			"la commande `%s` ne figure que dans une phrase qui reprend l'énoncé : c'est la consigne, pas votre exécution ; montrez la commande lancée dans un bloc de code avec sa sortie",
			spec)}
	}
	return missingCommand(doc, spec, sc.At(), own)
}
