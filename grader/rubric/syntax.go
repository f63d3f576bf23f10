package rubric

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// YAML syntax errors, explained. yaml.v3 says what it expected ("did not
// find expected ',' or '}'") on a line that is often where the enclosing
// block began, and no column. syntaxError finds the line; diagnose finds the
// column and says how to fix the usual causes, in the order tried:
//
//   - a tab in the indentation;
//   - a text that needs quotes: one holding ": ", or, inside {...} or [...],
//     "?", "[", "]", "{", "}", ",", "#" (where YAML ends a text that is not
//     quoted), or starting with a character YAML reads as syntax ("@", "`",
//     "*", "&", "!", "|", ">", "%", "-", "?", "[", "{"). The fix is tried:
//     the line with that text quoted must read, so the advice is never a
//     guess;
//   - a quote, "{" or "[" not closed on its line, a "}" or "]" that closes
//     the wrong one;
//   - an alias (*name) with no anchor;
//   - a line indented to no level of the lines above it.

// diagnosis is where a syntax error is and what to do about it.
type diagnosis struct {
	col    int    // 1-based, in characters
	msg    string // the whole message
	closer bool   // a closing bracket that closes the wrong one, or nothing
}

// diagnose explains the syntax error msg found at line (1-based) of lines
// (each with its line break): one diagnosis, or one per text to quote when
// quoting is the fix, and then the line so fixed. ok is false when no usual
// cause is found.
func diagnose(lines [][]byte, line int, msg string) (ds []diagnosis, fixed string, ok bool) {
	if line < 1 || line > len(lines) {
		return nil, "", false
	}
	one := func(d diagnosis) ([]diagnosis, string, bool) { return []diagnosis{d}, "", true }
	text := strings.TrimRight(string(lines[line-1]), "\r\n\u0085\u2028\u2029")
	tab := strings.Contains(msg, "tab character") || strings.Contains(msg, "cannot start any token")
	if i := strings.IndexByte(text, '\t'); tab && i >= 0 && strings.TrimLeft(text[:i], " ") == "" {
		return one(diagnosis{col: runeCol(text, i), msg: "a tab cannot indent YAML: indent with spaces"})
	}
	if strings.Contains(msg, "unknown anchor") {
		if i := strings.IndexByte(text, '*'); i >= 0 {
			name := strings.TrimSpace(strings.TrimRight(strings.SplitN(text[i+1:], " ", 2)[0], ",]}"))
			return one(diagnosis{col: runeCol(text, i), msg: fmt.Sprintf(
				"*%s refers to no anchor &%s above: a text that starts with * must be put in quotes", name, name)})
		}
	}
	d, unclosedOK := unclosed(text)
	if unclosedOK && d.closer {
		return one(d) // a "}" for a "]": quoting would only hide it
	}
	if ds, fixed, ok := quoteFix(lines, line, text); ok {
		return ds, fixed, true
	}
	if unclosedOK {
		return one(d)
	}
	if i := strings.IndexByte(text, '\t'); tab && i >= 0 {
		return one(diagnosis{col: runeCol(text, i), msg: "a tab cannot be used here: use spaces"})
	}
	if d, ok := misindented(lines, line, text); ok {
		return one(d)
	}
	return nil, "", false
}

// runeCol is the 1-based column, in characters, of byte offset i of text.
func runeCol(text string, i int) int { return utf8.RuneCountInString(text[:i]) + 1 }

// spansKey matches a text that runs over the next key of a mapping.
var spansKey = regexp.MustCompile(`,\s*[^\s,:]+:\s`)

// candidate is a text that may need quotes: text[start:end] of the line.
type candidate struct {
	start, end int
	key        string // the key it is the value of, when known
	flow       bool   // inside {...} or [...]
}

// maxQuoteFixes bounds the fixes quoteFix tries on one line.
const maxQuoteFixes = 64

// quoteFix looks for the texts of the line that, once quoted, make it
// read: one text, or several when the line has several mistakes ({key:
// CPUs?, label: CPU [cores]}). Texts are tried from the start of the line,
// each with its nearest end first.
func quoteFix(lines [][]byte, line int, text string) ([]diagnosis, string, bool) {
	type group struct {
		start int
		cands []candidate
	}
	var groups []group
	for _, c := range candidates(text) {
		value := strings.TrimRight(text[c.start:c.end], " ")
		if c.flow && spansKey.MatchString(value) {
			continue // "a, kind: section": the text would swallow the next key
		}
		if at, _ := offending(value, c.flow); at < 0 {
			continue
		}
		if n := len(groups); n == 0 || groups[n-1].start != c.start {
			groups = append(groups, group{start: c.start})
		}
		groups[len(groups)-1].cands = append(groups[len(groups)-1].cands, c)
	}
	apply := func(chosen []candidate) string {
		out, last := "", 0
		for _, c := range chosen {
			value := strings.TrimRight(text[c.start:c.end], " ")
			out += text[last:c.start] + quote(value)
			last = c.start + len(value)
		}
		return out + text[last:]
	}
	budget := maxQuoteFixes
	var chosen []candidate
	var search func(i, from int) bool
	search = func(i, from int) bool {
		if budget <= 0 {
			return false
		}
		if i == len(groups) {
			if len(chosen) == 0 {
				return false
			}
			budget--
			return readsWith(lines, line, apply(chosen))
		}
		if g := groups[i]; g.start >= from {
			for _, c := range g.cands {
				chosen = append(chosen, c)
				if search(i+1, c.end) {
					return true
				}
				chosen = chosen[:len(chosen)-1]
			}
		}
		return search(i+1, from)
	}
	if !search(0, 0) {
		return nil, "", false
	}
	ds := make([]diagnosis, len(chosen))
	for i, c := range chosen {
		ds[i] = quoteAdvice(text, c)
	}
	return ds, apply(chosen), true
}

// quoteAdvice says why the candidate text needs quotes, at its first
// character that YAML reads as syntax.
func quoteAdvice(text string, c candidate) diagnosis {
	value := strings.TrimRight(text[c.start:c.end], " ")
	at, what := offending(value, c.flow)
	example := quote(value)
	if r := []rune(value); len(r) > 32 {
		example = quote(string(r[:30]) + "…")
	}
	if c.key != "" {
		example = c.key + ": " + example
	}
	where := ""
	if c.flow {
		where = " inside {...} or [...]"
	}
	var msg string
	switch what {
	case ": ":
		msg = fmt.Sprintf(`": " cannot appear in a text without quotes: put the text in quotes, such as %s`, example)
	case "#":
		msg = fmt.Sprintf(`" #" starts a comment%s: put a text holding # in quotes, such as %s`, where, example)
	case "start":
		msg = fmt.Sprintf("a text cannot start with %q without quotes: put it in quotes, such as %s", value[:1], example)
	case "quoted":
		msg = fmt.Sprintf("a quoted text must end at its closing quote: put the whole text in quotes, such as %s", example)
	default:
		msg = fmt.Sprintf("%q cannot appear in a text%s without quotes: put the text in quotes, such as %s", what, where, example)
	}
	return diagnosis{col: runeCol(text, c.start+at), msg: msg}
}

// quote writes s as a YAML quoted text: in double quotes, or in single
// quotes when it holds a double quote or a backslash (a regex).
func quote(s string) string {
	if strings.ContainsAny(s, "\"\\") {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return `"` + s + `"`
}

// readsWith reports whether the file reads, up to and including line, once
// that line is replaced by fixed.
func readsWith(lines [][]byte, line int, fixed string) bool {
	orig := lines[line-1]
	brk := orig[len(strings.TrimRight(string(orig), "\r\n\u0085\u2028\u2029")):]
	src := make([][]byte, 0, len(lines))
	src = append(src, lines[:line-1]...)
	src = append(src, append([]byte(fixed), brk...))
	if _, err := parseDocuments(bytes.Join(append(src, lines[line:]...), nil)); err == nil {
		return true
	}
	_, err := parseDocuments(bytes.Join(src, nil))
	return err == nil
}

// offending finds in a text that is not quoted the first character that
// YAML reads as syntax: its byte offset and what it is ("?", ": ", "#",
// "start" for a first character, "quoted" for a quoted start with more
// after it); -1 when there is none.
func offending(s string, flow bool) (int, string) {
	if s == "" {
		return -1, ""
	}
	switch s[0] {
	case '"', '\'':
		// Text after the closing quote; a quote not closed is unclosed's.
		if end := closingQuote(s, 0); end > 0 && end < len(s)-1 {
			return 0, "quoted"
		}
		return -1, ""
	case '@', '`', '*', '&', '!', '|', '>', '%':
		return 0, "start"
	case '-', '?':
		if len(s) == 1 || s[1] == ' ' {
			return 0, "start"
		}
	case '[', '{':
		// A list or mapping followed by more text; one not closed is
		// unclosed's.
		if end := matching(s); !flow && end > 0 && end < len(s)-1 {
			return 0, "start"
		}
		return -1, ""
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ':' && (i+1 == len(s) || s[i+1] == ' ' || flow && strings.IndexByte(",[]{}", s[i+1]) >= 0):
			return i, ": "
		case c == '#' && i > 0 && s[i-1] == ' ':
			return i, "#"
		case flow && strings.IndexByte("?[]{},", c) >= 0:
			return i, string(c)
		}
	}
	return -1, ""
}

// candidates lists the texts of a line that are values (never keys): the
// value of a block key or list item, and the values and items inside
// {...} and [...], each with every end that a ",", "]", "}" or the end of
// the line could give it, nearest first.
func candidates(text string) []candidate {
	var starts []candidate
	// A block value: after the indentation, "- " items, and a key.
	i := len(text) - len(strings.TrimLeft(text, " "))
	for strings.HasPrefix(text[i:], "- ") {
		i += 2
		for i < len(text) && text[i] == ' ' {
			i++
		}
	}
	if k := strings.Index(text[i:], ": "); k >= 0 && !strings.ContainsAny(text[i:i+k], "\"'{[") {
		v := i + k + 2
		for v < len(text) && text[v] == ' ' {
			v++
		}
		starts = append(starts, candidate{start: v, key: text[i : i+k]})
	} else if i > 0 && i < len(text) && strings.TrimLeft(text[:i], " -") == "" && strings.Contains(text[:i], "-") {
		starts = append(starts, candidate{start: i})
	}
	// Inside {...} and [...]: values after "key: " in a mapping, items
	// after "[" and "," in a list.
	var stack []byte
	var key string
	keyStart := -1
	for j := 0; j < len(text); j++ {
		c := text[j]
		switch {
		case c == '"' || c == '\'':
			if end := closingQuote(text, j); end > j {
				j = end
			} else {
				j = len(text)
			}
		case c == '{' || c == '[':
			stack = append(stack, c)
			if c == '[' {
				starts = append(starts, candidate{start: skipSpaces(text, j+1), flow: true})
			}
			keyStart = skipSpaces(text, j+1)
		case (c == '}' || c == ']') && len(stack) > 0:
			stack = stack[:len(stack)-1]
		case c == ',' && len(stack) > 0:
			if stack[len(stack)-1] == '[' {
				starts = append(starts, candidate{start: skipSpaces(text, j+1), flow: true})
			}
			keyStart = skipSpaces(text, j+1)
		case c == ':' && len(stack) > 0 && stack[len(stack)-1] == '{' && j+1 < len(text) && text[j+1] == ' ':
			if keyStart >= 0 && keyStart <= j {
				key = strings.TrimSpace(text[keyStart:j])
			}
			starts = append(starts, candidate{start: skipSpaces(text, j+1), key: key, flow: true})
			keyStart = -1
		}
	}
	end := len(strings.TrimRight(text, " "))
	var out []candidate
	for _, s := range starts {
		if s.start >= end || s.flow && (text[s.start] == '{' || text[s.start] == '[') {
			continue
		}
		for e := s.start + 1; e <= end; e++ {
			if e == end || strings.IndexByte(",]}", text[e]) >= 0 {
				if strings.TrimSpace(text[s.start:e]) == "" {
					continue
				}
				c := s
				c.end = e
				if !s.flow && e != end {
					continue // a block value runs to the end of its line
				}
				out = append(out, c)
			}
		}
	}
	// Nearest ends first, then the first texts of the line.
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].start != out[b].start {
			return out[a].start < out[b].start
		}
		return out[a].end < out[b].end
	})
	return out
}

// matching is the offset of the bracket that closes s[0], -1 if none.
func matching(s string) int {
	depth := 0
	for j := 0; j < len(s); j++ {
		switch s[j] {
		case '"', '\'':
			if end := closingQuote(s, j); end > j {
				j = end
			}
		case '[', '{':
			depth++
		case ']', '}':
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return -1
}

func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// closingQuote is the offset of the quote closing the one at i, -1 when the
// line does not close it.
func closingQuote(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch {
		case q == '"' && s[j] == '\\':
			j++
		case s[j] == q && q == '\'' && j+1 < len(s) && s[j+1] == '\'':
			j++
		case s[j] == q:
			return j
		}
	}
	return -1
}

// unclosed finds a quote, "{" or "[" the line opens and does not close, or
// a "}" or "]" that closes the wrong one.
func unclosed(text string) (diagnosis, bool) {
	type open struct {
		c  byte
		at int
	}
	var stack []open
	for j := 0; j < len(text); j++ {
		c := text[j]
		switch {
		case c == '#' && (j == 0 || text[j-1] == ' '):
			j = len(text)
		case (c == '"' || c == '\'') && (j == 0 || strings.IndexByte(" [{,:-", text[j-1]) >= 0):
			end := closingQuote(text, j)
			if end < 0 {
				return diagnosis{col: runeCol(text, j), msg: fmt.Sprintf(
					"this %s is not closed on its line: end the text with %s (for a text of several lines, write | after the key and the text below it)", string(c), string(c))}, true
			}
			j = end
		case c == '{' || c == '[':
			stack = append(stack, open{c, j})
		case c == '}' || c == ']':
			want := byte('{')
			if c == ']' {
				want = '['
			}
			if len(stack) == 0 || stack[len(stack)-1].c != want {
				msg := fmt.Sprintf("this %q closes nothing: remove it, or put a text holding it in quotes", string(c))
				if len(stack) > 0 {
					top := stack[len(stack)-1]
					msg = fmt.Sprintf("this %q closes the %q of column %d: write %q here, or put a text holding brackets in quotes",
						string(c), string(top.c), runeCol(text, top.at), string(closer(top.c)))
				}
				return diagnosis{col: runeCol(text, j), msg: msg, closer: true}, true
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		return diagnosis{col: runeCol(text, top.at), msg: fmt.Sprintf(
			"this %q is not closed on its line: close it with %q, or put a text holding it in quotes", string(top.c), string(closer(top.c)))}, true
	}
	return diagnosis{}, false
}

func closer(c byte) byte {
	if c == '{' {
		return '}'
	}
	return ']'
}

// misindented finds a line indented to no level of the lines above it.
func misindented(lines [][]byte, line int, text string) (diagnosis, bool) {
	indent := func(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
	content := func(s string) bool {
		t := strings.TrimSpace(s)
		return t != "" && !strings.HasPrefix(t, "#")
	}
	if !content(text) {
		return diagnosis{}, false
	}
	// The open levels: each line deeper than the last pushes its level
	// (and that of its key after "- "), a shallower one pops to it.
	var levels []int
	for _, l := range lines[:line-1] {
		s := strings.TrimRight(string(l), "\r\n")
		if !content(s) || strings.HasPrefix(strings.TrimSpace(s), "---") {
			continue
		}
		in := indent(s)
		for len(levels) > 0 && levels[len(levels)-1] > in {
			levels = levels[:len(levels)-1]
		}
		if len(levels) == 0 || levels[len(levels)-1] < in {
			levels = append(levels, in)
		}
		rest := s[in:]
		for strings.HasPrefix(rest, "- ") {
			k := indent(rest[2:]) + 2
			in += k
			rest = rest[k:]
			levels = append(levels, in)
		}
	}
	in := indent(text)
	for _, l := range levels {
		if l == in {
			return diagnosis{}, false
		}
	}
	// A line deeper than the last level starts a block of its own (the
	// value of the key above): only a line that goes back to no level is
	// misplaced.
	if len(levels) == 0 || in > levels[len(levels)-1] {
		return diagnosis{}, false
	}
	words := make([]string, len(levels))
	for i, l := range levels {
		words[i] = fmt.Sprint(l)
	}
	list := strings.Join(words, " or ")
	if len(words) > 2 {
		list = strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
	}
	return diagnosis{col: in + 1, msg: fmt.Sprintf(
		"this line is indented by %d spaces, which lines up with no line above it (those start at %s spaces): indent it like the keys it belongs with",
		in, list)}, true
}

// quoteHint is added to a YAML syntax error no usual cause explains, when
// the line holds a character that often needs quotes.
func quoteHint(text string) string {
	if strings.Contains(text, ": ") || strings.ContainsAny(text, "?[],#{}") {
		return `; a text holding ": ", "?", "[", "]", "{", "}", "," or "#" must be put in quotes ("...")`
	}
	return ""
}
