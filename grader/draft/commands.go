package draft

import (
	"strings"
	"unicode"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/fold"
)

// Commands: the commands a model shows, written the way every student types
// them (the program, its subcommand, what it acts on; not the options whose
// order and values vary), each with a line of what it printed that any
// student's run prints too.

// shown is one command the draft asks for.
type shown struct {
	typed  string // as the model shows it
	text   string // as the draft asks for it
	output string // a line of its output to require; "" for none
	line   int
	with   bool // the model earns it with its output
	earned bool // the model earns it (with or without output)
}

// routine are programs whose commands say nothing about a lab: moving
// around, listing, printing, editing.
var routine = map[string]bool{
	"cd": true, "ls": true, "ll": true, "pwd": true, "echo": true, "clear": true, "exit": true, "export": true,
	"source": true, "nano": true, "vim": true, "vi": true, "code": true, "history": true, "whoami": true,
	"man": true, "cat": true, "less": true, "more": true, "mkdir": true, "touch": true, "cp": true, "mv": true, "rm": true,
}

// shellWords splits a command line into words as a shell would, roughly:
// a quoted string is one word, quotes kept.
func shellWords(line string) []string {
	var out []string
	var cur strings.Builder
	quote := rune(0)
	for _, r := range line {
		switch {
		case quote != 0:
			cur.WriteRune(r)
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
			cur.WriteRune(r)
		case unicode.IsSpace(r):
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// firstCommand is the words of the first command of a line: sudo and
// environment assignments left out, a pipe, redirection, && or ; ending it.
func firstCommand(line string) []string {
	var out []string
	for _, w := range shellWords(line) {
		if strings.ContainsAny(w[:1], "|><;&") || w == "2>&1" || strings.HasPrefix(w, "2>") {
			break
		}
		if len(out) == 0 && (w == "sudo" || strings.Contains(w, "=") && !strings.HasPrefix(w, "-")) {
			continue
		}
		if strings.HasSuffix(w, ";") {
			out = append(out, strings.TrimSuffix(w, ";"))
			break
		}
		out = append(out, w)
	}
	return out
}

func isOption(w string) bool { return len(w) > 1 && w[0] == '-' }
func isQuoted(w string) bool { return w[0] == '\'' || w[0] == '"' }

// valueLike reports whether a word reads as an option's value rather than
// as what the command acts on: 8080:80, vol:/data, a=b, a number, an id.
func valueLike(w string) bool {
	switch {
	case strings.Contains(w, ":") && !strings.Contains(w, "://"):
		return true
	case strings.Contains(w, "="):
		return true
	case numberShape().MatchString(w):
		return true
	}
	lw := strings.ToLower(w)
	return len(lw) >= 12 && hexShape().MatchString(lw)
}

// chosenNames finds the words the model's commands use as names a student
// chooses: a word found in two commands or more that is at least once the
// value of an option (--name web), part of one (-v data:/data, -t
// app:1.0), or the last word of a command (docker stop web).
func chosenNames(cmds []*document.Command) map[string]bool {
	in := map[string]map[int]bool{}
	named := map[string]bool{}
	for ci, c := range cmds {
		ws := firstCommand(c.Text)
		for i := 1; i < len(ws); i++ {
			w := ws[i]
			if isOption(w) || isQuoted(w) {
				continue
			}
			afterOption := isOption(ws[i-1]) && !strings.Contains(ws[i-1], "=")
			for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == ':' || r == '=' }) {
				k := fold.Key(part)
				if k == "" || i < 2 && !afterOption {
					continue
				}
				if in[k] == nil {
					in[k] = map[int]bool{}
				}
				in[k][ci] = true
				if afterOption || i == len(ws)-1 || part != w {
					named[k] = true
				}
			}
		}
	}
	out := map[string]bool{}
	for k := range named {
		if len(in[k]) >= 2 {
			out[k] = true
		}
	}
	return out
}

// typedAs writes a command the way every student types it: the program
// and the words that name what it does (docker run hello-world, docker
// volume create), its flags when only flags follow (docker ps -a,
// systemctl list-units --type=socket), else the first word it acts on
// (docker run -d --name web -p 8080:80 nginx is docker run nginx). Names
// the student chooses, options' values and quoted scripts are left out.
func typedAs(line string, names map[string]bool) string {
	ws := firstCommand(line)
	if len(ws) == 0 {
		return ""
	}
	plainWord := func(w string) bool {
		return !isOption(w) && !isQuoted(w) && !valueLike(w) && !names[fold.Key(w)] && hasLetter(w)
	}
	out := []string{ws[0]}
	i := 1
	for i < len(ws) && plainWord(ws[i]) {
		out = append(out, ws[i])
		i++
	}
	rest := ws[i:]
	onlyFlags := len(rest) > 0
	for _, w := range rest {
		if !isOption(w) {
			onlyFlags = false
		}
	}
	if onlyFlags {
		return strings.Join(append(out, rest...), " ")
	}
	for j := 0; j < len(rest); j++ {
		w := rest[j]
		if isOption(w) {
			continue
		}
		if j > 0 && isOption(rest[j-1]) && !strings.Contains(rest[j-1], "=") && !plainWord(w) {
			continue // the option's value
		}
		if plainWord(w) {
			out = append(out, w)
			break
		}
	}
	return strings.Join(out, " ")
}

// tagRe finds markup tags in a line of output (an HTML page curl printed).
var tagRe = lazyRegexp(`<[^<>]*>`)

// outputLine picks from what a command printed the words that any
// student's run prints too: the longest run of plain words (no digits, no
// ids, no dates) of a line, up to six, preferring a whole short line ("Hello
// from Docker!") and lines that read as a message rather than a log.
func outputLine(out string) string {
	best, bestScore := "", 0.0
	for _, line := range strings.Split(out, "\n") {
		line = tagRe().ReplaceAllString(line, " ")
		if len(line) > 300 {
			continue
		}
		ws := strings.Fields(line)
		var run []string
		flush := func(whole bool) {
			defer func() { run = nil }()
			if len(run) < 2 {
				return
			}
			cut := run
			if len(cut) > 6 {
				cut, whole = cut[:6], false
			}
			letters, content := 0, 0
			for _, w := range cut {
				letters += len(w)
				if !isFunction(fold.Key(w)) {
					content++
				}
			}
			if letters < 8 || content == 0 {
				return
			}
			score := float64(len(cut))
			if whole {
				score += 3
			}
			if !strings.ContainsAny(line, ":'\"=[]") {
				score += 2
			}
			if score > bestScore {
				best, bestScore = strings.Join(cut, " "), score
			}
		}
		for i, w := range ws {
			t := strings.TrimRight(strings.TrimLeft(w, "([«\"'"), ".,;:!?)]»\"'")
			if !stableWord(t) {
				flush(false)
				continue
			}
			run = append(run, t)
			if len(strings.TrimRight(w, ".,;:!?)]»\"'")) < len(w) {
				flush(i == len(ws)-1 && len(run) == len(ws))
			}
		}
		flush(len(run) == len(ws))
	}
	return best
}

// stableWord reports whether a word of output is the same on every
// machine: letters (and - . _ / inside), no digits.
func stableWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if unicode.IsDigit(r) || !(unicode.IsLetter(r) || strings.ContainsRune("-._/", r)) {
			return false
		}
	}
	return hasLetter(w)
}
