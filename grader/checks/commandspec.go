package checks

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/fold"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// CommandSpec is a command a report must show in code. In a rubric it is
// either written as a student would type it:
//
//	command: systemctl list-units --type=socket
//
// or, for anything subtler, a regular expression:
//
//	command: {regex: 'systemctl\s+(status|list-units).*docker'}
//
// Typed words match a line of a code block, or a code span, that holds the
// same words in the same order, compared folded (case and accents ignored);
// other words may come between them, so a leading `sudo`, a `$ ` or `# `
// prompt, extra options or a `| grep` do not matter. An option written with
// `=` in the rubric (`--type=socket`) matches `--type=socket` and
// `--type socket`, but its value must follow the option directly. A regular
// expression is matched against each line of a code block and each code span.
//
// Where a command is asked for (the command kind, an explanation), it may
// also require its output, names that what it printed must show:
//
//	{command: docker run hello-world, output: ["Hello from Docker!"]}
//	{regex: 'docker\s+ps\s+-a', show: docker ps -a, output: [{regex: 'Exited \(0\)', expected: le conteneur arrêté}]}
type CommandSpec struct {
	Text   string         // words as typed; empty when Regex is set
	Regex  rubric.Pattern // the teacher's expression; zero when Text is set
	Show   string         // with Regex: the command as the student is told about it
	Output rubric.Names   // what its output must show, each a name or {regex, expected}

	units [][]cmdToken // Text's units, set by Validate when the rubric is loaded
}

// commandKeys are the keys of a command written as a mapping.
var commandKeys = []string{"command", "regex", "show", "output"}

// UnmarshalYAML reads a command string or a mapping: {command: ..., output:
// [...]} or {regex: ..., show: ..., output: [...]}.
func (c *CommandSpec) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" || strings.TrimSpace(n.Value) == "" {
			return fmt.Errorf("expected a command such as \"docker info\" or {regex: ...}, got nothing")
		}
		*c = CommandSpec{Text: n.Value}
		return nil
	case yaml.MappingNode:
		var out CommandSpec
		var textNode *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			switch k.Value {
			case "command":
				if v.Kind != yaml.ScalarNode || v.Tag == "!!null" || strings.TrimSpace(v.Value) == "" {
					return rubric.ErrorAt(v.Line, v.Column, "command: expected the command as students type it, such as docker run hello-world")
				}
				out.Text, textNode = v.Value, v
			case "regex":
				if err := out.Regex.UnmarshalYAML(v); err != nil {
					return rubric.ErrorAt(v.Line, v.Column, "%s", err.Error())
				}
			case "show":
				if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
					return rubric.ErrorAt(v.Line, v.Column, "show: expected the command as students should type it")
				}
				out.Show = v.Value
			case "output":
				if err := out.Output.UnmarshalYAML(v); err != nil {
					var le *rubric.LoadError
					if errors.As(err, &le) && le.Line > 0 {
						return err
					}
					return rubric.ErrorAt(v.Line, v.Column, "output: %s", err.Error())
				}
			default:
				return rubric.UnknownKey(k, "a command", commandKeys...)
			}
		}
		switch {
		case out.Text != "" && !out.Regex.IsZero():
			return rubric.ErrorAt(textNode.Line, textNode.Column, "a command is written out (command:) or a regular expression (regex:), not both")
		case out.Text != "" && out.Show != "":
			return rubric.ErrorAt(textNode.Line, textNode.Column, "show: goes with regex:; a command written out is shown as written")
		case out.Text == "" && out.Regex.IsZero():
			return fmt.Errorf("expected {command: ...} with the command as typed, or {regex: ...} with a regular expression")
		}
		*c = out
		return nil
	}
	return fmt.Errorf("expected a command such as \"docker info\" or {regex: ...}")
}

// JSONSchema: a command as typed, or {command: ...} or {regex: ...} with an
// optional output.
func (*CommandSpec) JSONSchema() map[string]any { return commandSchema(true) }

// Printers are the commands of output_of: the commands whose output gives
// a value, as typed or {regex: ..., show: ...}, without output (what they
// print is the value's to read).
type Printers []CommandSpec

// JSONSchema: a list of commands that take no output.
func (Printers) JSONSchema() map[string]any {
	return map[string]any{"type": "array", "minItems": 1, "items": commandSchema(false)}
}

// commandSchema describes a command; withOutput, it may require its output.
func commandSchema(withOutput bool) map[string]any {
	var output map[string]any
	if withOutput {
		output = rubric.Names(nil).JSONSchema()
		output["description"] = "what the command's output must show: names or {regex: ..., expected: ...}; the command without it earns half"
	}
	typed := map[string]any{
		"command": map[string]any{
			"type": "string", "minLength": 1,
			"description": "the command as the student types it",
		},
	}
	pattern := map[string]any{
		"regex": map[string]any{
			"type": "string", "format": "regex", "minLength": 1,
			"description": "a regular expression matched against each line of code, case-insensitive",
		},
		"show": map[string]any{
			"type": "string", "minLength": 1,
			"description": "the command as students are told about it, instead of the regular expression",
		},
	}
	desc := "a command as the student types it (docker info), or {command: ...}, or {regex: ..., show: ...}"
	if withOutput {
		typed["output"], pattern["output"] = output, output
		desc = "a command as the student types it (systemctl list-units --type=socket), or {command: ..., output: [...]}, or {regex: ..., show: ..., output: [...]}"
	}
	return map[string]any{
		"description": desc,
		"anyOf": []any{
			map[string]any{"type": "string", "minLength": 1},
			map[string]any{"type": "object", "required": []string{"command"}, "additionalProperties": false, "properties": typed},
			map[string]any{"type": "object", "required": []string{"regex"}, "additionalProperties": false, "properties": pattern},
		},
	}
}

// Validate checks that the spec says something.
func (c *CommandSpec) Validate() error {
	if !c.Regex.IsZero() {
		return nil
	}
	units := commandUnits(c.Text)
	if len(units) == 0 {
		return fmt.Errorf("the command %q has no words to look for", c.Text)
	}
	c.units = units
	return nil
}

// textUnits is commandUnits(Text): made by Validate when the rubric was
// loaded, here for a spec built by hand (without being stored, so that a
// rubric shared by goroutines is never written).
func (c *CommandSpec) textUnits() [][]cmdToken {
	if c.units != nil {
		return c.units
	}
	return commandUnits(c.Text)
}

// String is how the command is shown to a student.
func (c *CommandSpec) String() string {
	if !c.Regex.IsZero() {
		if c.Show != "" {
			return c.Show
		}
		return "/" + c.Regex.String() + "/"
	}
	return strings.Join(strings.Fields(c.Text), " ")
}

// cmdToken is one folded word of a command line.
type cmdToken struct {
	word string
	opt  bool // written as an option (leading "-")
	glue bool // an option's value written with "=": must directly follow it
}

// commandTokens splits a line as a shell would, roughly: on spaces, with
// "--opt=value" cut in two; each piece folded, so that "--type" is "type"
// and "Docker.Service" is "docker.service". Punctuation-only pieces ("|",
// "$", "#", "&&") vanish.
func commandTokens(line string) []cmdToken {
	var out []cmdToken
	for _, raw := range strings.Fields(line) {
		opt := strings.HasPrefix(raw, "-")
		val, glued := "", false
		if strings.HasPrefix(raw, "--") {
			if i := strings.IndexByte(raw, '='); i > 0 {
				raw, val, glued = raw[:i], raw[i+1:], true
			}
		}
		for j, w := range strings.Fields(fold.Key(raw)) {
			out = append(out, cmdToken{word: w, opt: opt && j == 0})
		}
		if glued {
			for _, w := range strings.Fields(fold.Key(val)) {
				out = append(out, cmdToken{word: w, glue: true})
			}
		}
	}
	return out
}

// commandUnits groups a spec's tokens into units that must each appear,
// contiguous, in order: a word alone, or an option with its "=" value. A
// word keeps whether it was written as an option: `docker --version` is not
// `docker version` (a subcommand), so each must match its own kind.
func commandUnits(spec string) [][]cmdToken {
	var units [][]cmdToken
	for _, t := range commandTokens(spec) {
		if t.glue && len(units) > 0 {
			units[len(units)-1] = append(units[len(units)-1], t)
			continue
		}
		units = append(units, []cmdToken{t})
	}
	return units
}

// matchLine reports whether one line of code shows the command.
func (c *CommandSpec) matchLine(line string) bool { return c.matcher()(line) }

// matcher compiles the spec once for many lines.
func (c *CommandSpec) matcher() func(line string) bool {
	if !c.Regex.IsZero() {
		return c.Regex.MatchString
	}
	units := c.textUnits()
	return func(line string) bool { return mayHold(line, units) && matchUnits(units, commandTokens(line)) }
}

// mayHold is a quick test before a line is split into words: a line of
// ASCII text that lacks, in any case, the first word of the units cannot
// hold them. Other lines may.
func mayHold(line string, units [][]cmdToken) bool {
	if len(units) == 0 || len(units[0]) == 0 {
		return false
	}
	w := units[0][0].word
	for i := 0; i < len(line); i++ {
		if line[i] >= 0x80 {
			return true // folding may turn accented letters into this word
		}
	}
	return indexFoldASCII(line, w) >= 0
}

// indexFoldASCII is strings.Index ignoring ASCII case, for a lower-case
// needle, without allocating.
func indexFoldASCII(s, needle string) int {
	n := len(needle)
	for i := 0; i+n <= len(s); i++ {
		k := 0
		for k < n {
			c := s[i+k]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != needle[k] {
				break
			}
			k++
		}
		if k == n {
			return i
		}
	}
	return -1
}

// anyCommand compiles specs into one test of whether a line shows one of
// them, which splits the line into words once.
func anyCommand(specs []*CommandSpec) func(line string) bool {
	var res []rubric.Pattern
	var units [][][]cmdToken
	for _, c := range specs {
		if !c.Regex.IsZero() {
			res = append(res, c.Regex)
		} else if u := c.textUnits(); len(u) > 0 {
			units = append(units, u)
		}
	}
	if len(res) == 0 && len(units) == 0 {
		return nil
	}
	return func(line string) bool {
		for _, re := range res {
			if re.MatchString(line) {
				return true
			}
		}
		var words []cmdToken
		for _, u := range units {
			if !mayHold(line, u) {
				continue
			}
			if words == nil {
				words = commandTokens(line)
			}
			if matchUnits(u, words) {
				return true
			}
		}
		return false
	}
}

// matchUnits reports whether a line's words hold the units in order.
func matchUnits(units [][]cmdToken, words []cmdToken) bool {
	if len(units) == 0 {
		return false
	}
	// Greedy leftmost placement of each unit is optimal for an ordered
	// match of contiguous units.
	at := 0
	for _, u := range units {
		found := -1
		for i := at; i+len(u) <= len(words); i++ {
			if equalTokens(words[i:i+len(u)], u) {
				found = i
				break
			}
		}
		if found < 0 {
			return false
		}
		at = found + len(u)
	}
	return true
}

// equalTokens compares a run of a line's tokens with a unit of the spec:
// the same words, each an option where the spec's is.
func equalTokens(a, b []cmdToken) bool {
	for i := range b {
		if a[i].word != b[i].word || a[i].opt != b[i].opt {
			return false
		}
	}
	return true
}

// codeLines returns the lines of a code span or block as the student would
// run them: a block's lines, with "\" continuations joined; a span whole.
func codeLines(code string) []string {
	var out []string
	cur := ""
	for _, l := range strings.Split(code, "\n") {
		l = strings.TrimRight(l, " \t\r")
		if strings.HasSuffix(l, "\\") {
			cur += strings.TrimSuffix(l, "\\") + " "
			continue
		}
		out = append(out, cur+l)
		cur = ""
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// findCode returns the first code span or block that starts inside one of
// spans and shows the command, leaving out those excluded reports (a code
// span in a sentence copied from the assignment).
func (c *CommandSpec) findCode(doc *document.Document, spans []document.Span, excluded func(*document.Code) bool) *document.Code {
	match := c.matcher()
	var best *document.Code
	for _, sp := range spans {
		for _, code := range codeIn(doc, sp) {
			if best != nil && code.Span.Start >= best.Span.Start {
				break
			}
			lines := codeLines(code.Text)
			if full, ok := completed(doc, code); ok {
				lines = append(lines, full)
			}
			for _, l := range lines {
				if match(l) && (excluded == nil || !excluded(code)) {
					best = code
					break
				}
			}
			if best == code {
				break
			}
		}
	}
	return best
}

// codeIn returns the code spans and blocks that start inside sp, in
// document order (doc.Code is in document order: a binary search finds the
// first).
func codeIn(doc *document.Document, sp document.Span) []*document.Code {
	i := sort.Search(len(doc.Code), func(i int) bool { return doc.Code[i].Span.Start >= sp.Start })
	j := i
	for j < len(doc.Code) && doc.Code[j].Span.Start < sp.End {
		j++
	}
	return doc.Code[i:j]
}

// findProse returns a block of prose, among those accepted by where, that
// holds the command outside code: the student typed it but not as code.
func (c *CommandSpec) findProse(doc *document.Document, where func(*document.Block) bool) *document.Block {
	match := c.matcher()
	for _, b := range doc.Blocks {
		if !isProse(b) || !where(b) {
			continue
		}
		for _, l := range strings.Split(b.Text, "\n") {
			if match(l) {
				return b
			}
		}
	}
	return nil
}

// showing is one place a command is shown, with what its output shows.
type showing struct {
	span   document.Span     // the command
	cmd    *document.Command // nil when shown in code that holds no command line
	found  []bool            // per Output name: shown in what the command printed
	met    int               // how many are
	output bool              // the command is shown with some output
}

// full reports whether the command is shown with all of its Output.
func (s *showing) full() bool { return s != nil && s.met == len(s.found) }

// outputVerdict is how a command that requires its output was shown.
type outputVerdict struct {
	best *showing // the showing with the most of Output, nil when not shown
	// under gives, for each Output name, the command under whose output it
	// is shown instead, or nil.
	under []*document.Command
}

// full reports whether the command was shown with all of its output.
func (v *outputVerdict) full() bool { return v != nil && v.best.full() }

// judgeOutput looks for the command among the commands shown in cmds whose
// line starts inside one of spans (all of them for nil spans), leaving out
// code excluded reports, and for its Output in what each printed. withOutput
// keeps only the showings with some output. When Output is not all under
// the best showing, it says under which other command each missing name is.
func (c *CommandSpec) judgeOutput(doc *document.Document, cmds *document.CommandSet, spans []document.Span, excluded func(*document.Code) bool, withOutput bool) outputVerdict {
	match := c.matcher()
	names := make([]foldedName, len(c.Output)) // one per Output name, in order
	for i, n := range c.Output {
		names[i] = foldedNameOf(n)
	}
	inside := func(off int) bool {
		if spans == nil {
			return true
		}
		for _, sp := range spans {
			if sp.Contains(off) {
				return true
			}
		}
		return false
	}
	outputs := map[*document.Command]string{} // the folded key of what a command printed
	shows := func(cmd *document.Command, n foldedName) bool {
		if !cmd.HasOutput() {
			return false
		}
		text := string(doc.Text[cmd.Output.Start:cmd.Output.End])
		key, ok := outputs[cmd]
		if !ok {
			key = fold.Key(text)
			outputs[cmd] = key
		}
		return n.in(text, key)
	}
	var v outputVerdict
	for _, cmd := range cmds.List {
		if !inside(cmd.Span.Start) || withOutput && !cmd.HasOutput() || !match(cmd.Text) {
			continue
		}
		if excluded != nil {
			if code := codeStarting(doc, cmd.Span.Start); code != nil && excluded(code) {
				continue
			}
		}
		s := &showing{span: cmd.Span, cmd: cmd, found: make([]bool, len(names)), output: cmd.HasOutput()}
		for i, n := range names {
			if shows(cmd, n) {
				s.found[i] = true
				s.met++
			}
		}
		if v.best == nil || s.met > v.best.met || s.output && !v.best.output && s.met == v.best.met {
			v.best = s
		}
		if v.best.full() && v.best.output {
			break
		}
	}
	if v.best == nil && !withOutput {
		// Code that shows the command on a line the set does not read as
		// a command (a code span in a heading): shown, with no output.
		if code := c.findCode(doc, spansOrWhole(doc, spans), excluded); code != nil {
			v.best = &showing{span: code.Span, found: make([]bool, len(names))}
		}
	}
	if v.best.full() {
		return v
	}
	v.under = make([]*document.Command, len(names))
	for i, n := range names {
		if v.best != nil && v.best.found[i] {
			continue
		}
		for _, cmd := range cmds.List {
			if cmd.HasOutput() && !match(cmd.Text) && shows(cmd, n) {
				v.under[i] = cmd
				break
			}
		}
	}
	return v
}

// spansOrWhole is spans, or the whole report for nil.
func spansOrWhole(doc *document.Document, spans []document.Span) []document.Span {
	if spans == nil {
		return []document.Span{doc.Root.Span}
	}
	return spans
}

// codeStarting returns the code span or block whose content holds offset,
// or nil.
func codeStarting(doc *document.Document, offset int) *document.Code {
	i := sort.Search(len(doc.Code), func(i int) bool { return doc.Code[i].Span.Start > offset }) - 1
	if i >= 0 && (doc.Code[i].Span.Contains(offset) || doc.Code[i].Span.Start == offset) {
		return doc.Code[i]
	}
	return nil
}

// outputFindings tells the student how a command that requires its output
// was shown: credited with it, shown without it (or with it under another
// command), or not shown while its output follows another command.
func (c *CommandSpec) outputFindings(doc *document.Document, v outputVerdict) []rubric.Finding {
	shown := "`" + c.String() + "`"
	if v.best.full() {
		list := andNames(c.Output)
		return []rubric.Finding{{Span: v.best.span, Severity: rubric.Info, Message: i18n.Msg{
			EN: fmt.Sprintf("command %s shown with its output (%s)", shown, list.EN),
			FR: fmt.Sprintf("commande %s montrée avec sa sortie (%s)", shown, list.FR),
		}}}
	}
	var missing, elsewhere rubric.Names
	var other *document.Command
	for i, n := range c.Output {
		if v.best != nil && v.best.found[i] {
			continue
		}
		if v.under[i] != nil {
			elsewhere = append(elsewhere, n)
			if other == nil {
				other = v.under[i]
			}
			continue
		}
		missing = append(missing, n)
	}
	var fs []rubric.Finding
	if v.best == nil {
		if other == nil {
			return nil // missingCommand says the command is not shown
		}
		list := andNames(elsewhere)
		fs = append(fs, rubric.Finding{Span: other.Output, Severity: rubric.Error, Message: i18n.Msg{
			EN: fmt.Sprintf("%s is shown under `%s`, but the command %s is not shown: output under another command earns nothing",
				list.EN, studentWords(other.Text), shown),
			FR: fmt.Sprintf("%s figure sous `%s`, mais la commande %s n'est pas montrée : une sortie sous une autre commande ne rapporte rien",
				list.FR, studentWords(other.Text), shown),
		}})
		return fs
	}
	if len(elsewhere) > 0 {
		list := andNames(elsewhere)
		p := doc.Pos(other.Span.Start)
		fs = append(fs, rubric.Finding{Span: v.best.span, Severity: rubric.Error, Message: i18n.Msg{
			EN: fmt.Sprintf("%s follows `%s` (line %d), not the command %s: paste each command's output right under it; %s earns half",
				list.EN, studentWords(other.Text), p.Line, shown, shown),
			FR: fmt.Sprintf("%s suit `%s` (ligne %d), pas la commande %s : collez la sortie de chaque commande juste sous elle ; %s ne rapporte que la moitié",
				list.FR, studentWords(other.Text), p.Line, shown, shown),
		}})
	}
	if len(missing) > 0 {
		list := andNames(missing)
		if v.best.output {
			fs = append(fs, rubric.Finding{Span: v.best.span, Severity: rubric.Error, Message: i18n.Msg{
				EN: fmt.Sprintf("the command %s is shown, but its output does not show %s; it earns half", shown, list.EN),
				FR: fmt.Sprintf("la commande %s est montrée, mais sa sortie ne montre pas %s ; elle ne rapporte que la moitié", shown, list.FR),
			}})
		} else {
			fs = append(fs, rubric.Finding{Span: v.best.span, Severity: rubric.Error, Message: i18n.Msg{
				EN: fmt.Sprintf("the command %s is shown without its output (%s expected): paste what it printed right under it; it earns half", shown, list.EN),
				FR: fmt.Sprintf("la commande %s est montrée sans sa sortie (%s attendu) : collez ce qu'elle affiche juste en dessous ; elle ne rapporte que la moitié", shown, list.FR),
			}})
		}
	}
	return fs
}
