package document

import (
	"bytes"
	"sort"
	"strings"
)

// Commands and what they printed. A check asks "was `docker info` shown, and
// with its output?" and "which command printed this value?": both questions
// are answered here, once, from the shape of the report alone; the rubric's
// commands only decide which of the commands found matter.

// programs are the first words of the command lines students show without a
// prompt. A line of output rarely starts with one of them in lower case
// ("Docker version 27.3.1" does not; "containerd:" is a key).
var programs = map[string]bool{
	"docker": true, "docker-compose": true, "dockerd": true, "podman": true, "sudo": true,
	"systemctl": true, "journalctl": true, "service": true, "kubectl": true, "ctr": true,
	"apt": true, "apt-get": true, "dnf": true, "yum": true, "snap": true, "curl": true, "wget": true,
	"ls": true, "cat": true, "cd": true, "echo": true, "grep": true, "ps": true, "ip": true, "ss": true,
	"netstat": true, "git": true, "chmod": true, "chown": true, "mkdir": true, "rm": true, "cp": true,
	"mv": true, "id": true, "whoami": true, "groups": true, "usermod": true, "groupadd": true,
	"newgrp": true, "su": true, "ssh": true, "uname": true, "hostname": true, "jq": true, "tail": true,
	"head": true, "less": true, "find": true, "which": true, "lsb_release": true, "touch": true,
	"export": true, "sh": true, "bash": true, "runc": true, "free": true, "df": true, "du": true,
}

// isProgramLine reports whether a line without a prompt starts with a
// program's name followed by its arguments or nothing.
func isProgramLine(line string) bool {
	first, _, _ := strings.Cut(strings.TrimSpace(line), " ")
	// "runc version: v1.1.14" or "id: 42" are keys of output, not commands.
	return programs[first] && !strings.Contains(line, ": ")
}

// promptEnd returns where the command starts in a line typed after a shell
// prompt ("$ docker info", "user@host:~$ docker ps", "PS C:\> docker info"),
// or -1.
func promptEnd(body string) int {
	if !isShellCommand(body) {
		return -1
	}
	if body == "$" {
		return len(body)
	}
	if strings.HasPrefix(body, "$ ") {
		return 2
	}
	if at := strings.IndexByte(body, '@'); at > 0 {
		for _, p := range []string{"$ ", "# ", "% "} {
			if k := strings.Index(body, p); k > at {
				return k + len(p)
			}
		}
	}
	if k := strings.Index(body, "> "); k >= 0 {
		return k + 2
	}
	return -1
}

// commandLine is a command line of a block's text: offsets in the text.
type commandLine struct {
	start, end int // the command, prompt excluded
	lineEnd    int // the end of its last line ("\" continuations included)
	prompt     bool
	named      bool // a line the caller's extra names, without a prompt
}

// commandLines finds the command lines of a code block's or an unfenced
// output's text: prompt lines; or, when no line has a prompt, the lines that
// start with a program's name; and in any case the lines extra names (a
// rubric's commands), when extra is not nil.
func commandLines(text string, extra func(line string) bool) []commandLine {
	var out []commandLine
	prompted := false
	cont := -1 // index in out of a command continued by "\"
	for ls, le := range lineRanges(text) {
		line := text[ls:le]
		if cont >= 0 {
			out[cont].lineEnd = le
			if !strings.HasSuffix(strings.TrimRight(line, " \t\r"), "\\") {
				cont = -1
			}
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " \t"))
		body := strings.TrimRight(line[indent:], " \t\r")
		if k := promptEnd(body); k >= 0 {
			if !prompted {
				// Prompts show which lines were typed: the lines read as
				// commands for want of them go, those extra names stay.
				kept := out[:0]
				for _, c := range out {
					if c.named {
						kept = append(kept, c)
					}
				}
				out, prompted = kept, true
			}
			out = append(out, commandLine{start: ls + indent + k, end: ls + indent + len(body), lineEnd: le, prompt: true})
		} else if extra != nil && body != "" && extra(joinContinuations(continued(text, ls))) {
			out = append(out, commandLine{start: ls + indent, end: ls + indent + len(body), lineEnd: le, named: true})
		} else if !prompted && isProgramLine(body) {
			out = append(out, commandLine{start: ls + indent, end: ls + indent + len(body), lineEnd: le})
		} else {
			continue
		}
		if strings.HasSuffix(body, "\\") {
			cont = len(out) - 1
		}
	}
	return out
}

// continued returns the line of text starting at ls with the lines its "\"
// continuations run on to.
func continued(text string, ls int) string {
	end := ls
	for {
		le := strings.IndexByte(text[end:], '\n')
		if le < 0 {
			return text[ls:]
		}
		le += end
		if !strings.HasSuffix(strings.TrimRight(text[end:le], " \t\r"), "\\") {
			return text[ls:le]
		}
		end = le + 1
	}
}

// joinContinuations reads a command as typed: "\" line continuations joined
// by a space.
func joinContinuations(s string) string {
	if !strings.Contains(s, "\\\n") {
		return s
	}
	var b strings.Builder
	for i, l := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.TrimSpace(strings.TrimSuffix(strings.TrimRight(l, " \t\r"), "\\")))
	}
	return b.String()
}

// CommandSet is the commands a report shows and what each printed (see
// Command), in document order. Document.Commands is the set read from the
// report's shape alone; ReadCommands reads it again taking more lines for
// command lines (those that match a rubric's commands), by the same rules.
type CommandSet struct {
	List    []*Command
	outputs []*Command // the commands shown with output, by output start
	leads   map[*Table][]string
}

// Lead returns the lines of text above a table that name the commands it
// shows the results of: the last paragraph or list item of its section
// between the table before it (or the section's start) and it that names
// one of the commands a rubric asks for ("Commande : `sudo docker
// version`"), else the section's heading when it names some ("### 2.2
// Versions (`docker version`)"). A command shown in a code block between
// the heading and the table ends the heading's reach: a table under pasted
// output is the student's own summary. A table keeps the lead of the
// table before it when only short labels stand between them ("Serveur
// (Engine) :", "Autres composants du serveur :"), not across a sentence:
// "Et voici ce que donne le démon sur ma machine :" names no command, and
// the table under it is not docker version's. Nil when nothing names a
// command, or when the set was read from the report's shape alone
// (Document.Shown).
func (s *CommandSet) Lead(t *Table) []string { return s.leads[t] }

// At returns the command whose output holds offset, or nil.
func (s *CommandSet) At(offset int) *Command {
	// Outputs do not overlap and follow document order: the last one
	// starting at or before offset is the only one that can hold it.
	i := sort.Search(len(s.outputs), func(i int) bool { return s.outputs[i].Output.Start > offset }) - 1
	if i >= 0 && s.outputs[i].Output.Contains(offset) {
		return s.outputs[i]
	}
	return nil
}

// Shown is the set of Commands, read from the report's shape alone.
func (d *Document) Shown() *CommandSet { return &CommandSet{List: d.Commands, outputs: d.outputs} }

// ReadCommands reads the commands shown and what each printed, taking for
// a command line, besides prompt lines and (in a block without prompts) the
// lines that start with a program, every line of code or code span for
// which extra is true: a line that matches another command a rubric asks
// for ends the output above it. The document is not changed.
func (d *Document) ReadCommands(extra func(line string) bool) *CommandSet {
	return readCommands(d, extra)
}

// commands finds every command shown in the report and what it printed,
// then ties each fact of pasted output to its command. It runs once the
// blocks and code are known.
func (p *walker) commands() {
	doc := p.doc
	set := readCommands(doc, nil)
	doc.Commands, doc.outputs = set.List, set.outputs
	for _, f := range doc.Facts {
		if f.Origin == FromOutput {
			f.Command = doc.CommandAt(f.Span.Start)
		}
	}
}

// readCommands finds the commands of doc and their output (see Command);
// extra names more command lines, nil none.
func readCommands(doc *Document, extra func(line string) bool) *CommandSet {
	set := &CommandSet{}
	src := doc.Text
	blocks := doc.Blocks
	// following is the block after blocks[i] when only blank lines sit
	// between them, else nil.
	following := func(i int) *Block {
		if i+1 >= len(blocks) {
			return nil
		}
		gap := src[min(blocks[i].Span.End, blocks[i+1].Span.Start):blocks[i+1].Span.Start]
		if len(bytes.TrimSpace(gap)) > 0 {
			return nil
		}
		return blocks[i+1]
	}
	// outputAfter is the output that follows blocks[i]: a code block, or
	// unfenced output with the paragraphs of output right after it (a blank
	// line separates `docker info`'s Client and Server parts).
	var outputOf func(b *Block) Span
	outputAfter := func(i int) Span {
		next := following(i)
		out := outputOf(next)
		if out.End <= out.Start || !next.Output {
			return out
		}
		for j := i + 1; j+1 < len(blocks) && blocks[j].Output; j++ {
			more := outputOf(following(j))
			if more.End <= more.Start || !blocks[j+1].Output {
				break
			}
			out.End = more.End
		}
		return out
	}
	// outputOf is the content of a block that can be a command's output: a
	// code block or an unfenced output that does not start with a command.
	outputOf = func(b *Block) Span {
		if b == nil || b.Kind != CodeBlock && !b.Output {
			return Span{}
		}
		text := b.Text
		if cl := commandLines(text, extra); len(cl) > 0 {
			first := strings.LastIndexByte(text[:cl[0].start], '\n') + 1
			if strings.TrimSpace(text[:first]) == "" {
				return Span{}
			}
		}
		return spanOf(b.segs, 0, len(text), b.Span.Start)
	}
	code := 0 // next code span to place, in doc.Code
	// The text above each table that may name its command (see Lead):
	// the prose blocks of the section since its last table, read only when
	// a table comes, from the last one back; else what the section's
	// heading names, until a command is shown in a code block.
	var (
		sec      *Section
		pending  []*Block
		heading  *Block   // the section's, until a command shown in code
		headLead []string // what heading names, once read
		prev     []string // the lead of the table before, in the section
		table    int      // next table of doc.Tables
	)
	for i, b := range blocks {
		if b.Section != sec {
			sec, pending, heading, headLead, prev = b.Section, pending[:0], nil, nil, nil
		}
		for ; table < len(doc.Tables) && doc.Tables[table].Span.Start < b.Span.End; table++ {
			if extra == nil || doc.Tables[table].Span.Start < b.Span.Start {
				continue
			}
			var lead []string
			for k := len(pending) - 1; k >= 0 && lead == nil; k-- {
				lead = namedLines(pending[k].Text, extra)
			}
			switch {
			case lead != nil:
			case prev != nil && labelsOnly(pending):
				lead = prev
			case heading != nil:
				headLead, heading = namedLines(heading.Text, extra), nil
				lead = headLead
			default:
				lead = headLead
			}
			pending, prev = pending[:0], lead
			if lead != nil {
				if set.leads == nil {
					set.leads = map[*Table][]string{}
				}
				set.leads[doc.Tables[table]] = lead
			}
		}
		switch {
		case extra == nil:
		case b.Kind == Heading:
			heading = b
		case b.Kind == Paragraph && !b.Output || b.Kind == ListItem:
			pending = append(pending, b)
		}
		switch {
		case b.Kind == CodeBlock || b.Output:
			lines := commandLines(b.Text, extra)
			if len(lines) > 0 {
				pending, heading, headLead, prev = pending[:0], nil, nil, nil
			}
			for k, cl := range lines {
				c := &Command{
					Text:   joinContinuations(b.Text[cl.start:cl.end]),
					Span:   spanOf(b.segs, cl.start, cl.end, b.Span.Start),
					Prompt: cl.prompt,
					Block:  b,
				}
				next := len(b.Text)
				if k+1 < len(lines) {
					next = lines[k+1].start
					// back to the start of the next command's line
					if j := strings.LastIndexByte(b.Text[:next], '\n'); j >= 0 {
						next = j
					}
				}
				if from := min(cl.lineEnd+1, len(b.Text)); strings.TrimSpace(b.Text[from:max(next, from)]) != "" {
					c.Output = trimmedSpan(b, from, next)
				} else if k == len(lines)-1 {
					c.Output = outputAfter(i)
				}
				set.List = append(set.List, c)
			}
		case isProseKind(b.Kind):
			for code < len(doc.Code) && doc.Code[code].Span.Start < b.Span.Start {
				code++
			}
			for ; code < len(doc.Code) && doc.Code[code].Span.Start < b.Span.End; code++ {
				cs := doc.Code[code]
				text := strings.TrimSpace(cs.Text)
				named := extra != nil && !cs.Block && text != "" && extra(text)
				// `docker` alone names the program; a command has arguments.
				if !named && (cs.Block || !strings.Contains(text, " ") ||
					!isProgramLine(cs.Text) && promptEnd(text) < 0) {
					continue
				}
				if k := promptEnd(text); k >= 0 {
					text = text[k:]
				}
				c := &Command{Text: text, Span: cs.Span, Block: b}
				// A span that ends its block's last line introduces what
				// follows: "Command: `systemctl status docker`" over the
				// output.
				if !bytes.ContainsRune(src[cs.Span.End:b.Span.End], '\n') {
					c.Output = outputAfter(i)
				}
				set.List = append(set.List, c)
			}
		}
	}
	for _, c := range set.List {
		if c.HasOutput() {
			set.outputs = append(set.outputs, c)
		}
	}
	sort.SliceStable(set.outputs, func(i, j int) bool { return set.outputs[i].Output.Start < set.outputs[j].Output.Start })
	return set
}

// maxLabelWords is the most words of a label between two tables that
// leaves the second one in the first one's lead: "Serveur (Engine) :",
// "Autres composants du serveur :".
const maxLabelWords = 4

// labelsOnly reports whether blocks are nothing but short labels, each a
// line ending with a colon.
func labelsOnly(blocks []*Block) bool {
	for _, b := range blocks {
		t := strings.TrimSpace(b.Text)
		if !strings.HasSuffix(t, ":") || b.Words > maxLabelWords || strings.Contains(t, "\n") {
			return false
		}
	}
	return true
}

// namedLines returns the lines of text that name a command extra knows,
// or nil.
func namedLines(text string, extra func(line string) bool) []string {
	var out []string
	for ls, le := range lineRanges(text) {
		if line := strings.TrimSpace(text[ls:le]); line != "" && extra(line) {
			out = append(out, line)
		}
	}
	return out
}

// trimmedSpan is the span of b.Text[from:to] without the white space
// around it.
func trimmedSpan(b *Block, from, to int) Span {
	for from < to && isSpaceByte(b.Text[from]) {
		from++
	}
	for to > from && isSpaceByte(b.Text[to-1]) {
		to--
	}
	return spanOf(b.segs, from, to, b.Span.Start)
}

func isProseKind(k BlockKind) bool { return k == Paragraph || k == ListItem || k == TableBlock }
