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
}

// commandLines finds the command lines of a code block's or an unfenced
// output's text: prompt lines; or, when no line has a prompt, the lines that
// start with a program's name.
func commandLines(text string) []commandLine {
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
				out, prompted = out[:0], true
			}
			out = append(out, commandLine{start: ls + indent + k, end: ls + indent + len(body), lineEnd: le, prompt: true})
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

// commands finds every command shown in the report and what it printed,
// then ties each fact of pasted output to its command. It runs once the
// blocks and code are known.
func (p *walker) commands() {
	doc := p.doc
	blocks := doc.Blocks
	// following is the block after blocks[i] when only blank lines sit
	// between them, else nil.
	following := func(i int) *Block {
		if i+1 >= len(blocks) {
			return nil
		}
		gap := p.src[min(blocks[i].Span.End, blocks[i+1].Span.Start):blocks[i+1].Span.Start]
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
		if cl := commandLines(text); len(cl) > 0 {
			first := strings.LastIndexByte(text[:cl[0].start], '\n') + 1
			if strings.TrimSpace(text[:first]) == "" {
				return Span{}
			}
		}
		return spanOf(b.segs, 0, len(text), b.Span.Start)
	}
	code := 0 // next code span to place, in doc.Code
	for i, b := range blocks {
		switch {
		case b.Kind == CodeBlock || b.Output:
			lines := commandLines(b.Text)
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
				doc.Commands = append(doc.Commands, c)
			}
		case isProseKind(b.Kind):
			for code < len(doc.Code) && doc.Code[code].Span.Start < b.Span.Start {
				code++
			}
			for ; code < len(doc.Code) && doc.Code[code].Span.Start < b.Span.End; code++ {
				cs := doc.Code[code]
				// `docker` alone names the program; a command has arguments.
				if cs.Block || !strings.Contains(strings.TrimSpace(cs.Text), " ") ||
					!isProgramLine(cs.Text) && promptEnd(strings.TrimSpace(cs.Text)) < 0 {
					continue
				}
				text := strings.TrimSpace(cs.Text)
				if k := promptEnd(text); k >= 0 {
					text = text[k:]
				}
				c := &Command{Text: text, Span: cs.Span, Block: b}
				// A span that ends its block's last line introduces what
				// follows: "Command: `systemctl status docker`" over the
				// output.
				if !bytes.ContainsRune(p.src[cs.Span.End:b.Span.End], '\n') {
					c.Output = outputAfter(i)
				}
				doc.Commands = append(doc.Commands, c)
			}
		}
	}
	for _, c := range doc.Commands {
		if c.HasOutput() {
			doc.outputs = append(doc.outputs, c)
		}
	}
	sort.SliceStable(doc.outputs, func(i, j int) bool { return doc.outputs[i].Output.Start < doc.outputs[j].Output.Start })
	for _, f := range doc.Facts {
		if f.Origin == FromOutput {
			f.Command = doc.CommandAt(f.Span.Start)
		}
	}
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
