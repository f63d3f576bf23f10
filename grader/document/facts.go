package document

import (
	"bytes"
	"iter"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/tpgrade/tpgrade/grader/fold"
)

// Facts are key/value pairs found wherever a student wrote them. A rubric
// looks a value up by key (and optionally by context), so the rules below
// favour finding every plausible pair over guessing which one is meant;
// checks decide.

// maxKeyWords is the longest key, in words: "Total Memory", "Storage Driver",
// "Pour créer le fork" are keys, a sentence with a colon is not.
const maxKeyWords = 6

// maxKeyBytes bounds a key's length whatever its word count.
const maxKeyBytes = 80

// tableFacts reads a table two ways.
//
// Vertically, every row (the header row too: in many reports it is really
// the first pair, `| **Storage Driver** | overlay2 |`) gives Key = first
// cell, Value = each further cell j, with the header of column j as context
// when the row is below a header.
//
// Horizontally, below a header row, each header cell j ≥ 1 gives Key =
// header j, Value = the cell under it, Context = that row's first cell
// (`| Component | Version |` over `| Docker Engine | 27.3.1 |` gives Version
// = 27.3.1 in the context of Docker Engine). The first header cell is a key
// over its column only when a single row sits under the header
// (`| Client | Server |` over `| 27.3.1 | 27.3.1 |`); with more rows the
// first column holds row keys, already read vertically. Recovered tables
// have no header row, but when they have two rows or more their first row is
// read as one for horizontal facts.
func (p *walker) tableFacts(tb *Table) {
	if tb.Columns() < 2 {
		return
	}
	var header []*Cell
	if tb.Header || (tb.Source == RecoveredTable && len(tb.Rows) >= 2) {
		header = tb.Rows[0]
	}
	// The two readings never give the same pair: a vertical fact's key is a
	// first cell, a horizontal one's a header cell with its value below it.
	add := func(key, value *Cell, context []string) {
		if strings.TrimSpace(key.Text) == "" {
			return
		}
		f := p.facts.new()
		keyFold, context := foldKey(key.Text, context)
		*f = Fact{
			Key:     key.Text,
			KeyFold: keyFold,
			Value:   strings.TrimSpace(value.Text),
			KeySpan: key.Span,
			Span:    value.Span,
			Origin:  FromTable,
			Section: tb.Section,
			Table:   tb,
			Context: context,
		}
		p.doc.Facts = append(p.doc.Facts, f)
		p.pairedFacts(f)
	}
	// One context slice per header cell and per row key, shared by the facts
	// under it (full, so that appending to one copies it).
	// The label above the table ("Client :") is the outermost.
	label := p.label
	colCtx := make([][]string, len(header))
	for j, h := range header {
		colCtx[j] = label
		if h.Text != "" {
			colCtx[j] = append(label[:len(label):len(label)], h.Text)
		}
	}
	for i, row := range tb.Rows {
		for j := 1; j < len(row); j++ {
			ctx := label
			if i > 0 && j < len(header) {
				ctx = colCtx[j]
			}
			add(row[0], row[j], ctx)
		}
	}
	if header == nil {
		return
	}
	first := 1
	if len(tb.Rows) == 2 {
		first = 0
	}
	rowCtx := make([][]string, len(tb.Rows))
	for i, row := range tb.Rows {
		rowCtx[i] = label
		if i > 0 && len(row) > 0 && row[0].Text != "" {
			rowCtx[i] = append(label[:len(label):len(label)], row[0].Text)
		}
	}
	for j := first; j < len(header); j++ {
		for i, row := range tb.Rows[1:] {
			if j >= len(row) {
				continue
			}
			ctx := label
			if j > 0 {
				ctx = rowCtx[i+1]
			}
			add(header[j], row[j], ctx)
		}
	}
}

// list reads a list. Under a label ("Client:" over "- Version: 26.1.4",
// "Server (Engine):" over "- Version: 26.1.4"), its items' facts are in
// the label's context, as the lines indented under a key of pasted output
// are; and a list of short values with no key of their own is the label's
// value, as `docker info` prints its security options:
//
//	Security Options:
//	- apparmor
//	- seccomp (Profile: builtin)
//
// gives Security Options = "apparmor, seccomp (Profile: builtin)".
func (p *walker) list(n *ast.List) {
	lead, label := p.lead, p.label
	p.lead, p.label = p.leadOf(n)
	blocks, facts := len(p.doc.Blocks), len(p.doc.Facts)
	p.blocks(n)
	if p.label != nil && len(p.doc.Facts) == facts {
		p.listFact(p.doc.Blocks[blocks:])
	}
	p.lead, p.label = lead, label
}

// maxValueWords is the most words of a list item read as one of the values
// of its label.
const maxValueWords = 4

// listFact records the items of a list (every block read in it) as the
// value of its label, when each is a short line.
func (p *walker) listFact(items []*Block) {
	if len(items) == 0 {
		return
	}
	values := make([]string, len(items))
	for i, b := range items {
		if b.Kind != ListItem || b.Lead != p.lead || b.Words > maxValueWords || len(b.Text) > maxKeyBytes || strings.Contains(b.Text, "\n") {
			return
		}
		values[i] = b.Text
	}
	lead, key := p.lead, p.label[0]
	keyFold, context := foldKey(key, nil)
	f := p.facts.new()
	*f = Fact{
		Key:     key,
		KeyFold: keyFold,
		Context: context,
		Value:   strings.Join(values, ", "),
		KeySpan: spanOf(lead.segs, 0, len(key), lead.Span.Start),
		Span:    Span{Start: items[0].Span.Start, End: items[len(items)-1].Span.End},
		Origin:  FromText,
		Section: lead.Section,
	}
	p.doc.Facts = append(p.doc.Facts, f)
}

// textFacts reads "Key: value" lines of a paragraph or list item, markup
// stripped (`**Storage Driver**: overlay2`, `Pilote de stockage : overlay2`).
// A line counts when it starts the block, or when the line before it was a
// fact or ended a sentence: the middle of a sentence wrapped over lines
// ("... le démon dockerd\net gère tout : les conteneurs") is no key. Lines
// that are pipe rows were read as a table instead.
func (p *walker) textFacts(b *Block, rows []pipeRow) {
	text := b.Text
	canStart := true
	for ls, le := range lineRanges(text) {
		line := text[ls:le]
		if inRows(spanOf(b.segs, ls, le, b.Span.Start).Start, rows) {
			canStart = true
			continue
		}
		k, v, ok := splitTextFact(line)
		if ok && canStart {
			var context []string
			if b.Kind == ListItem && b.Lead == p.lead {
				context = p.label
			}
			p.addLineFact(b, FromText, ls, k, v, context)
		}
		t := strings.TrimRight(line, " \t")
		canStart = ok || t == "" || strings.ContainsAny(t[len(t)-1:], ".:!?;)")
	}
}

func inRows(off int, rows []pipeRow) bool {
	for _, r := range rows {
		if off >= r.span.Start && off < r.span.End {
			return true
		}
	}
	return false
}

// bounds is a range [start, end) of a line.
type bounds struct{ start, end int }

// splitTextFact finds "Key: value" in a line of prose: the first colon
// followed by white space (so "https://..." is no key) and outside
// parentheses (so "seccomp (Profile: builtin)" is a value, not the key
// "seccomp (Profile"), a short key, a value.
func splitTextFact(line string) (key, value bounds, ok bool) {
	open := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '(':
			open++
			continue
		case ')':
			open = max(open-1, 0)
			continue
		case ':':
		default:
			continue
		}
		if open > 0 {
			continue
		}
		rest := line[i+1:]
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' && !strings.HasPrefix(rest, "\u00a0") && !strings.HasPrefix(rest, "\u202f") {
			continue
		}
		key = trimBounds(line, 0, i)
		value = trimBounds(line, i+1, len(line))
		return key, value, validKey(line[key.start:key.end]) && value.end > value.start
	}
	return bounds{}, bounds{}, false
}

// trimBounds leaves out white space (no-break spaces too) around line[a:b].
func trimBounds(line string, a, b int) bounds {
	s := line[a:b]
	t := strings.TrimLeft(s, " \t\u00a0\u202f")
	a += len(s) - len(t)
	t = strings.TrimRight(t, " \t\u00a0\u202f")
	return bounds{a, a + len(t)}
}

func validKey(k string) bool {
	if k == "" || len(k) > maxKeyBytes {
		return false
	}
	n := countWords(k)
	return n >= 1 && n <= maxKeyWords
}

// addLineFact records a fact read from a line starting at offset ls of the
// block's text.
func (p *walker) addLineFact(b *Block, origin FactOrigin, ls int, k, v bounds, context []string) {
	p.addBlockFact(b, origin, bounds{ls + k.start, ls + k.end}, bounds{ls + v.start, ls + v.end}, b.Text[ls+v.start:ls+v.end], context)
}

// addBlockFact records a fact whose key and value are ranges of the block's
// text; value is the value as read (a list joins several lines).
func (p *walker) addBlockFact(b *Block, origin FactOrigin, k, v bounds, value string, context []string) {
	key := b.Text[k.start:k.end]
	keyFold, context := foldKey(key, context)
	f := p.facts.new()
	*f = Fact{
		Key:     key,
		KeyFold: keyFold,
		Value:   value,
		KeySpan: spanOf(b.segs, k.start, k.end, b.Span.Start),
		Span:    spanOf(b.segs, v.start, v.end, b.Span.Start),
		Origin:  origin,
		Section: b.Section,
		Context: context,
	}
	p.doc.Facts = append(p.doc.Facts, f)
}

// versionLine reads "Docker version 27.3.1, build ce12230" and "Docker
// Compose version v2.29.7": the key is everything up to and including the
// word "version", the value the rest.
var versionLine = regexp.MustCompile(`(?i)^(\S.{0,60}?\bversion)\s+(v?[0-9].*)$`)

// outputFacts reads pasted command output in a code block: "Key: value"
// lines, qualified by the keys of the less indented lines above them
// (`Server:` > ` Engine:` > `  Version: 27.3.1` gives Version in the context
// Server, Engine). A line with no colon but few words (`  seccomp` in
// `docker info`'s security options) qualifies the lines indented under it
// too. A blank line or a shell command (`$ docker info`, `user@host:~$ ...`)
// starts afresh; comment lines are skipped. A key ending its line with ':'
// has no value: it only qualifies the lines under it.
func (p *walker) outputFacts(b *Block) {
	type parent struct {
		indent int
		key    string
	}
	var stack []parent
	var list *outputList
	closeList := func() {
		if list != nil {
			p.addListFact(b, list)
			list = nil
		}
	}
	text := b.Text
	for ls, le := range lineRanges(text) {
		line := text[ls:le]
		indent := 0
		for indent < len(line) && (line[indent] == ' ' || line[indent] == '\t') {
			indent++
		}
		lead := indent
		body := strings.TrimRight(line[indent:], " \t\r")
		if list != nil && indent <= list.indent {
			closeList()
		}
		switch {
		case body == "" || isShellCommand(body):
			closeList()
			stack = stack[:0]
			continue
		case strings.HasPrefix(body, "#") || strings.HasPrefix(body, "//"):
			continue
		}
		if strings.HasPrefix(body, "- ") {
			indent += 2 // a YAML list item: its keys sit under the dash
		}
		for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		context := func() []string {
			if len(stack) == 0 {
				return nil
			}
			c := make([]string, len(stack))
			for i, s := range stack {
				c[i] = s.key
			}
			return c
		}
		if k, v, ok := splitOutputFact(line); ok {
			if v.end > v.start {
				p.addLineFact(b, FromOutput, ls, k, v, context())
			} else {
				// The innermost key without a value collects the list.
				closeList()
				list = &outputList{indent: indent, key: bounds{ls + k.start, ls + k.end}, context: context(), itemIndent: -1}
			}
			stack = append(stack, parent{indent, line[k.start:k.end]})
		} else if m := versionMatch(body); m != nil {
			k := bounds{lead + m[2], lead + m[3]}
			v := trimBounds(line, lead+m[4], lead+m[5])
			p.addLineFact(b, FromOutput, ls, k, v, context())
		} else if countWords(body) <= 3 && len(body) <= maxKeyBytes && validKey(body) {
			if list != nil && (list.itemIndent < 0 || list.itemIndent == indent) {
				list.itemIndent = indent
				list.items = append(list.items, bounds{ls + lead, ls + lead + len(body)})
			}
			stack = append(stack, parent{indent, body})
		}
	}
	closeList()
}

// outputList is a key of pasted output whose value is the list of short
// lines indented under it, as `docker info` prints its security options:
//
//	Security Options:
//	 apparmor
//	 seccomp
//	  Profile: builtin
//
// gives Security Options = "apparmor, seccomp". Offsets are in the block's
// text.
type outputList struct {
	indent     int // the key's
	itemIndent int // the items', -1 until the first one
	key        bounds
	items      []bounds
	context    []string
}

// addListFact records a list read by outputFacts, its span running from the
// first item to the last.
func (p *walker) addListFact(b *Block, l *outputList) {
	if len(l.items) == 0 {
		return
	}
	values := make([]string, len(l.items))
	for i, it := range l.items {
		values[i] = b.Text[it.start:it.end]
	}
	span := bounds{l.items[0].start, l.items[len(l.items)-1].end}
	p.addBlockFact(b, FromOutput, l.key, span, strings.Join(values, ", "), l.context)
}

func versionMatch(body string) []int {
	if len(body) > 200 || !strings.Contains(strings.ToLower(body), "version") {
		return nil
	}
	return versionLine.FindStringSubmatchIndex(body)
}

// splitOutputFact finds "Key: value" or "Key:" in a line of output. The key
// may be quoted (JSON) or follow a YAML list dash; a quoted value loses its
// quotes and a trailing comma.
func splitOutputFact(line string) (key, value bounds, ok bool) {
	i := strings.Index(line, ": ")
	if i < 0 {
		t := strings.TrimRight(line, " \t")
		if !strings.HasSuffix(t, ":") || strings.HasSuffix(t, "::") {
			return bounds{}, bounds{}, false
		}
		i = len(t) - 1
	}
	key = trimBounds(line, 0, i)
	if strings.HasPrefix(line[key.start:key.end], "- ") {
		key = trimBounds(line, key.start+2, key.end)
	}
	if k := line[key.start:key.end]; len(k) >= 2 && (k[0] == '"' || k[0] == '\'') && k[len(k)-1] == k[0] {
		key = bounds{key.start + 1, key.end - 1}
	}
	if !validKey(line[key.start:key.end]) {
		return bounds{}, bounds{}, false
	}
	value = trimBounds(line, min(i+1, len(line)), len(line))
	v := line[value.start:value.end]
	if strings.HasSuffix(v, ",") && (strings.HasPrefix(v, "\"") || strings.HasSuffix(v, "\",")) {
		value.end--
		v = v[:len(v)-1]
	}
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		value = bounds{value.start + 1, value.end - 1}
	}
	return key, value, true
}

// isShellCommand recognises a command typed at a prompt: "$ docker info",
// "user@host:~$ docker ps", "root@host:/# ls", "PS C:\> docker info",
// "C:\Users\me> docker info".
func isShellCommand(body string) bool {
	if body == "$" || strings.HasPrefix(body, "$ ") || strings.HasPrefix(body, "PS ") && strings.Contains(body, "> ") {
		return true
	}
	if at := strings.IndexByte(body, '@'); at > 0 && at < 40 && !strings.ContainsAny(body[:at], " \t") {
		for _, p := range []string{"$ ", "# ", "% "} {
			if k := strings.Index(body, p); k > at && !strings.Contains(body[at:k], " ") {
				return true
			}
		}
	}
	if len(body) > 3 && body[1] == ':' && body[2] == '\\' {
		if k := strings.Index(body, "> "); k > 0 && !strings.Contains(body[:k], " ") {
			return true
		}
	}
	return false
}

// lineRanges yields the start and end (newline excluded) of each line of
// text.
func lineRanges(text string) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		for ls := 0; ls < len(text); {
			le := strings.IndexByte(text[ls:], '\n')
			if le < 0 {
				le = len(text)
			} else {
				le += ls
			}
			if !yield(ls, le) {
				return
			}
			ls = le + 1
		}
	}
}

// foldKey folds a fact's key for comparison with a rubric's keys
// (fold.NameKey), leaving out a remark in parentheses that ends it: "Nb de
// conteneurs (total)" is "Nb de conteneurs", "Version containerd (commit)"
// is "Version containerd". The remark qualifies the key: it is added to
// context, innermost.
func foldKey(key string, context []string) (string, []string) {
	t := strings.TrimRight(key, " \t")
	if !strings.HasSuffix(t, ")") {
		return fold.NameKey(key), context
	}
	depth := 0
	for i := len(t) - 1; i >= 0; i-- {
		switch t[i] {
		case ')':
			depth++
		case '(':
			if depth--; depth > 0 {
				continue
			}
			head := fold.NameKey(t[:i])
			if head == "" {
				return fold.NameKey(key), context
			}
			remark := strings.TrimSpace(t[i+1 : len(t)-1])
			if remark != "" {
				context = append(context[:len(context):len(context)], remark)
			}
			return head, context
		}
	}
	return fold.NameKey(key), context
}

// pairedFacts reads a fact whose key and value both pair several items
// with " / " ("Cgroup Driver / Version | systemd / 2", "OSType /
// Architecture | linux / x86_64") as one fact per pair, besides the fact
// itself. A later key of one word shares the head of the first one: "Cgroup
// Driver / Version" is Cgroup Driver and Cgroup Version. A slash without
// spaces ("OS/Arch", "linux/amd64") is one word, not a pair.
func (p *walker) pairedFacts(f *Fact) {
	if !strings.Contains(f.Key, " / ") || !strings.Contains(f.Value, " / ") {
		return
	}
	keys, values := strings.Split(f.Key, " / "), strings.Split(f.Value, " / ")
	if len(keys) != len(values) || len(keys) > 4 {
		return
	}
	first := strings.Fields(keys[0])
	at := f.Span.Start
	for i := range keys {
		key, value := strings.TrimSpace(keys[i]), strings.TrimSpace(values[i])
		if key == "" || value == "" {
			return
		}
		if i > 0 && len(strings.Fields(key)) == 1 && len(first) > 1 {
			key = strings.Join(first[:len(first)-1], " ") + " " + key
		}
		span := f.Span
		if f.Span.End <= len(p.src) && at <= f.Span.End {
			if k := bytes.Index(p.src[at:f.Span.End], []byte(value)); k >= 0 {
				span = Span{Start: at + k, End: at + k + len(value)}
				at = span.End
			}
		}
		g := p.facts.new()
		*g = *f
		g.Key, g.Value, g.Span = key, value, span
		g.KeyFold, g.Context = foldKey(key, f.Context)
		p.doc.Facts = append(p.doc.Facts, g)
	}
}
