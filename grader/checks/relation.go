package checks

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
	"gopkg.in/yaml.v3"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// Relation asks for figures that must add up: each expression over the
// values found must be true.
type Relation struct {
	Values      rubric.Named[Lookup] `yaml:"values" required:"true" doc:"a mapping from a name you choose to where the figure is found (key, context, in, output_of, label); each must be a number, except a value captured from a command (command:), which is text"`
	Expect      []Expression         `yaml:"expect" required:"true" doc:"expressions over those names that must be true, such as \"containers == running + paused + stopped\" (+ - * /, == != < <= > >=, and, or); text values only with == and != (\"started == stopped\"); when one is false, its figures earn at most half wherever they are credited"`
	OutputShare `yaml:",inline"`
}

// Expression is one `expect` entry. It is compiled against the values'
// names when the rubric is loaded, so a typo is a rubric error, not a lost
// point for every student.
type Expression struct {
	Source   string
	Line     int // position in the rubric file, when read from YAML
	Col      int
	program  *vm.Program
	compiled string   // names the program was compiled for, comma-joined
	names    []string // the values it uses, in order of first use
}

// UnmarshalYAML reads the expression text and checks its syntax; the names
// are checked by Relation.Validate, which knows them.
func (e *Expression) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || strings.TrimSpace(n.Value) == "" {
		return fmt.Errorf("expected an expression such as \"containers == running + paused + stopped\"")
	}
	e.Source, e.Line, e.Col = n.Value, n.Line, n.Column
	if _, err := parser.Parse(e.Source); err != nil {
		return fmt.Errorf("bad expression %q: %s", e.Source, firstLine(err))
	}
	return nil
}

// JSONSchema: an expression, for the rubric's JSON Schema.
func (*Expression) JSONSchema() map[string]any {
	return map[string]any{
		"type":        "string",
		"minLength":   1,
		"description": "an expression over the values' names that must be true: + - * /, == != < <= > >=, and, or",
	}
}

// identifier is what a value's name must look like to be used in an
// expression.
var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// reserved are the words of the expression language a name cannot be.
var reserved = map[string]bool{
	"and": true, "or": true, "not": true, "in": true, "matches": true, "contains": true,
	"startsWith": true, "endsWith": true, "true": true, "false": true, "nil": true,
	"let": true, "if": true, "else": true,
}

// Validate checks the names and compiles every expression against them.
func (c *Relation) Validate() error {
	if len(c.Values) == 0 {
		return fmt.Errorf("relation needs values, such as values: {containers: {key: Containers}}")
	}
	if len(c.Expect) == 0 {
		return fmt.Errorf("relation needs expect: the expressions that must be true")
	}
	// Each value was validated as a Lookup when it was decoded; its name
	// must also be one an expression can use.
	var errs rubric.ErrorList
	for _, nv := range c.Values {
		if !identifier.MatchString(nv.Name) || reserved[nv.Name] {
			errs = append(errs, rubric.ErrorAt(nv.Line, nv.Col,
				"%q cannot be used in an expression: a name is letters, digits and _ (such as running or total_1), and not one of and, or, not, in", nv.Name))
		}
	}
	if len(errs) > 0 {
		return errs
	}
	if err := c.OutputShare.validate(); err != nil {
		return err
	}
	for i := range c.Values {
		// A value captured from a command is named by its name, unless
		// the teacher gives a label.
		if l := &c.Values[i].Value; l.Label.IsZero() && len(l.Key) == 0 {
			l.Label = rubric.Plain(c.Values[i].Name)
		}
	}
	names, text := c.names()
	// Every expression was read from the rubric file, so it has a place.
	for i := range c.Expect {
		if err := c.Expect[i].compile(names, text); err != nil {
			errs = append(errs, rubric.ErrorAt(c.Expect[i].Line, c.Expect[i].Col, "%v", err))
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// approxEqual compares figures read from text: 0.1 + 0.2 == 0.3 holds, as a
// teacher writing it expects, though float64 arithmetic disagrees.
func approxEqual(a, b float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// names lists the values' names, and those that are text: captured from a
// command rather than read as a number.
func (c *Relation) names() ([]string, map[string]bool) {
	var text map[string]bool
	for _, nv := range c.Values {
		if !nv.Value.Command.IsZero() {
			if text == nil {
				text = map[string]bool{}
			}
			text[nv.Name] = true
		}
	}
	return c.Values.Names(), text
}

// signature says for which names, and which of them text, a program was
// compiled.
func signature(names []string, text map[string]bool) string {
	var b strings.Builder
	for i, n := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		if text[n] {
			b.WriteByte('$')
		}
		b.WriteString(n)
	}
	return b.String()
}

// compile checks that the expression only uses names, text values only
// compared with each other by == and !=, and keeps the program.
func (e *Expression) compile(names []string, text map[string]bool) error {
	program, used, err := e.build(names, text)
	if err != nil {
		return err
	}
	e.program, e.names, e.compiled = program, used, signature(names, text)
	return nil
}

// build compiles the expression for names (text ones as text) and lists
// the names it uses. It does not touch e: Grade may call it from concurrent
// goroutines.
func (e *Expression) build(names []string, text map[string]bool) (*vm.Program, []string, error) {
	tree, err := parser.Parse(e.Source)
	if err != nil {
		return nil, nil, fmt.Errorf("bad expression %q: %s", e.Source, firstLine(err))
	}
	known := map[string]bool{}
	env := map[string]any{}
	for _, n := range names {
		known[n] = true
		env[n] = 0.0
		if text[n] {
			env[n] = ""
		}
	}
	ids := &identifiers{}
	ast.Walk(&tree.Node, ids)
	for _, id := range ids.names {
		if !known[id] {
			return nil, nil, fmt.Errorf("unknown name %q in %q: the values are %s", id, e.Source, strings.Join(names, ", "))
		}
	}
	if len(text) > 0 {
		tu := &textUse{text: text}
		ast.Walk(&tree.Node, tu)
		if bad := tu.misused(); bad != "" {
			return nil, nil, fmt.Errorf("%q is text, captured from a command: in %q it can only be compared with == or != to another such value, such as \"started == stopped\"", bad, e.Source)
		}
	}
	program, err := expr.Compile(e.Source,
		expr.Env(env),
		expr.AsBool(),
		expr.DisableAllBuiltins(),
		expr.Function("__approx_eq", func(p ...any) (any, error) {
			return approxEqual(p[0].(float64), p[1].(float64)), nil
		}, new(func(float64, float64) bool)),
		expr.Function("__approx_ne", func(p ...any) (any, error) {
			return !approxEqual(p[0].(float64), p[1].(float64)), nil
		}, new(func(float64, float64) bool)),
		expr.Operator("==", "__approx_eq"),
		expr.Operator("!=", "__approx_ne"),
	)
	if err != nil {
		return nil, nil, fmt.Errorf("bad expression %q: %s", e.Source, firstLine(err))
	}
	return program, dedupe(ids.names), nil
}

// textUse finds a text value used otherwise than in textA == textB or
// textA != textB.
type textUse struct {
	text map[string]bool
	seen []*ast.IdentifierNode // the text values met
	ok   map[*ast.IdentifierNode]bool
}

func (v *textUse) Visit(n *ast.Node) {
	switch x := (*n).(type) {
	case *ast.IdentifierNode:
		if v.text[x.Value] {
			v.seen = append(v.seen, x)
		}
	case *ast.BinaryNode:
		l, lok := x.Left.(*ast.IdentifierNode)
		r, rok := x.Right.(*ast.IdentifierNode)
		if (x.Operator == "==" || x.Operator == "!=") && lok && rok && v.text[l.Value] && v.text[r.Value] {
			if v.ok == nil {
				v.ok = map[*ast.IdentifierNode]bool{}
			}
			v.ok[l], v.ok[r] = true, true
		}
	}
}

// misused is the first text value used otherwise, or "".
func (v *textUse) misused() string {
	for _, id := range v.seen {
		if !v.ok[id] {
			return id.Value
		}
	}
	return ""
}

// identifiers collects the names an expression uses, in order.
type identifiers struct{ names []string }

func (v *identifiers) Visit(n *ast.Node) {
	if id, ok := (*n).(*ast.IdentifierNode); ok {
		v.names = append(v.names, id.Value)
	}
}

func dedupe(names []string) []string {
	seen := map[string]bool{}
	out := names[:0:0]
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// figure is a number read from the report, or a text captured from a
// command line.
type figure struct {
	fact  *document.Fact
	n     float64
	text  string
	label string
}

// value is what the expression sees.
func (fg figure) value() any {
	if fg.fact.Origin == document.FromCommand {
		return fg.text
	}
	return fg.n
}

// textValue is a captured text as compared: without the quotes the shell
// would take off (--name "web" is the container web).
func textValue(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
	}
	return s
}

func isNumber(s string) bool { _, ok := parseNumber(s); return ok }

// Grade reports one part per expression: every value it uses is found and
// a number, and the expression is true. A false expression is a dispute:
// the engine gives its figures at most half their share, in every criterion
// that credits them.
func (c *Relation) Grade(doc *document.Document, env *rubric.Env) rubric.Outcome {
	var out rubric.Outcome
	cmds := shownCommands(doc, env, c)
	t := newTally(doc, cmds, &out, env.Lang)
	t.figures = true // the expressions are the parts, not the figures
	names, text := c.names()
	figures := map[string]figure{}
	for _, nv := range c.Values {
		l := nv.Value
		label := l.label(env.Lang)
		f, sc := l.find(doc, cmds, isNumber, true)
		if f == nil {
			t.notFound(&l, sc)
			continue
		}
		t.found(f)
		if f.Origin == document.FromCommand {
			figures[nv.Name] = figure{fact: f, text: textValue(f.Value), label: label}
			continue
		}
		n, ok := parseNumber(f.Value)
		if !ok {
			out.Findings = append(out.Findings, rubric.Finding{Span: valueSpan(f), Severity: rubric.Error, Message: i18n.M(
				"%q is %q here: a number is expected", "« %s » vaut « %s » ici : un nombre est attendu",
				label, strings.TrimSpace(f.Value))})
			continue
		}
		figures[nv.Name] = figure{fact: f, n: n, label: label}
	}
	for i := range c.Expect {
		e := &c.Expect[i]
		part := rubric.Part{Label: e.Source}
		program, used := e.program, e.names
		if program == nil || e.compiled != signature(names, text) {
			var err error
			if program, used, err = e.build(names, text); err != nil {
				out.Findings = append(out.Findings, rubric.Finding{Whole: true, Severity: rubric.Error, Message: i18n.M(
					"the rubric's expression cannot be checked: %v", "l'expression du barème ne peut pas être vérifiée : %v", err)})
				out.Parts = append(out.Parts, part)
				continue
			}
		}
		vars := map[string]any{}
		complete := true
		for _, n := range names {
			vars[n] = 0.0
			if text[n] {
				vars[n] = ""
			}
		}
		for _, n := range used {
			fg, ok := figures[n]
			if !ok {
				complete = false
				break
			}
			vars[n] = fg.value()
			if part.Span == (document.Span{}) {
				part.Span = fg.fact.Span
			}
			part.Raw = part.Raw || fg.fact.Origin == document.FromOutput
		}
		if !complete {
			// Each missing or unreadable figure has its own finding.
			out.Parts = append(out.Parts, part)
			continue
		}
		res, err := expr.Run(program, vars)
		if ok, isBool := res.(bool); err == nil && isBool && ok {
			part.Met = true
			t.credited = append(t.credited, e.Source)
			out.Parts = append(out.Parts, part)
			continue
		}
		out.Parts = append(out.Parts, part)
		d := rubric.Dispute{}
		for _, n := range used {
			d.Spans = append(d.Spans, figures[n].fact.Span)
			d.Labels = append(d.Labels, figures[n].label)
		}
		out.Disputes = append(out.Disputes, d)
		out.Findings = append(out.Findings, disagree(doc, e.Source, used, figures))
	}
	t.finish()
	return out
}

// disagree explains a false expression at its first figure, with every
// figure it used and where it was read.
func disagree(doc *document.Document, source string, used []string, figures map[string]figure) rubric.Finding {
	parts := make([]string, len(used))
	var at document.Span
	texts := false
	for i, n := range used {
		fg := figures[n]
		p := doc.Pos(fg.fact.Span.Start)
		if fg.fact.Origin == document.FromCommand {
			texts = true
			parts[i] = fmt.Sprintf("%s = %q (%d:%d)", fg.label, studentWords(fg.text), p.Line, p.Col)
		} else {
			parts[i] = fmt.Sprintf("%s = %s (%d:%d)", fg.label, strings.TrimSpace(fg.fact.Value), p.Line, p.Col)
		}
		if i == 0 {
			at = fg.fact.Span
		}
	}
	with := strings.Join(parts, ", ")
	if texts {
		return rubric.Finding{Span: at, Severity: rubric.Error, Message: i18n.M(
			"these values disagree: %q should hold, but %s; each earns at most half",
			"ces valeurs ne concordent pas : « %s » devrait être vrai, mais %s ; chacune ne rapporte que la moitié", source, with)}
	}
	return rubric.Finding{Span: at, Severity: rubric.Error, Message: i18n.M(
		"these figures do not add up: %q should hold, but %s; each earns at most half",
		"ces chiffres ne concordent pas : « %s » devrait être vrai, mais %s ; chacun ne rapporte que la moitié", source, with)}
}
