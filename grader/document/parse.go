package document

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"

	"github.com/tpgrade/tpgrade/grader/fold"
)

// markdown is built once: goldmark's parser holds only configuration and is
// safe for concurrent use, which batch grading needs.
// GFM without Linkify: a bare URL is text to tpgrade either way, and finding
// URLs costs a scan of every paragraph.
var markdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList)).Parser()

// recoverPanics turns a panic in the walk into an error, so that one odd
// report cannot stop a batch. Tests and the fuzz target turn it off to see
// the panic itself.
var recoverPanics = true

// Parse reads a submission into a Document. It refuses empty, binary and
// oversized input with an *InputError and never panics: a report so odd
// that the walk fails is returned as an error, not a crash.
func Parse(name string, raw []byte, opts Options) (doc *Document, err error) {
	d, err := decode(raw, opts.MaxBytes)
	if err != nil {
		return nil, err
	}
	if recoverPanics {
		defer func() {
			if r := recover(); r != nil {
				doc, err = nil, fmt.Errorf("%s: cannot read the report: %v", name, r)
			}
		}()
	}
	doc = &Document{
		Name:     name,
		Text:     d.text,
		Encoding: d.encoding,
		CRLF:     d.crlf,
		Lines:    NewLineIndex(d.text),
		Notes:    d.notes,
	}
	root := &Section{Span: Span{Start: 0, End: len(d.text)}}
	doc.Root = root
	doc.Sections = []*Section{root}

	p := &walker{src: d.text, doc: doc, open: []*Section{root}}
	tree := markdown.Parse(gtext.NewReader(defuse(d.text)), parser.WithContext(parser.NewContext()))
	p.blocks(tree)
	for _, s := range p.open[1:] {
		s.Span.End = len(d.text)
	}
	p.commands()
	return doc, nil
}

// maxLinkOpeners is how many "](" a run of text between blank lines may hold
// before tpgrade stops offering them to goldmark as links: goldmark's time
// grows with the square of their number in one paragraph (100,000 of them
// take seconds), and no report has a thousand links in one paragraph.
const maxLinkOpeners = 1000

// defuse returns the text goldmark parses: text itself, or when a run of
// lines between blank lines holds more than maxLinkOpeners "](" or "[", a
// copy in which their '(' is a space (and every '[' an 'x') there. Offsets are unchanged, and the model
// copies its text from the original, so only the links of such a run are
// lost (their text stays).
func defuse(text []byte) []byte {
	out := limitNesting(text)
	if bytes.Count(text, []byte("](")) <= maxLinkOpeners && bytes.Count(text, []byte("[")) <= maxLinkOpeners {
		if out == nil {
			return text
		}
		return out
	}
	for start := 0; start < len(text); {
		end := blankLineAfter(text, start)
		para := text[start:end]
		// Nested or unclosed "[" cost goldmark time with the square of
		// their number too: a paragraph of thousands of them is no prose.
		brackets := bytes.Count(para, []byte("[")) > maxLinkOpeners
		if brackets || bytes.Count(para, []byte("](")) > maxLinkOpeners {
			if out == nil {
				out = bytes.Clone(text)
			}
			for i := start; i < end; i++ {
				switch {
				case brackets && out[i] == '[':
					// A letter, not a space: a paragraph's leading
					// spaces would be dropped, and its text with them.
					out[i] = 'x'
				case i+1 < end && out[i] == ']' && out[i+1] == '(':
					out[i+1] = ' '
				}
			}
		}
		start = end
	}
	if out == nil {
		return text
	}
	return out
}

// maxNesting is the deepest nesting of block quotes and list items one line
// may open. goldmark's time grows with the square of that depth (a line of
// 20,000 ">" takes a tenth of a second, a few hundred such lines minutes);
// no report nests more than a handful.
const maxNesting = 32

// limitNesting returns nil, or a copy of text in which the container marker
// of each line that would open a block deeper than maxNesting is an 'x': the
// rest of that line is then read as text. Offsets are unchanged.
func limitNesting(text []byte) []byte {
	var out []byte
	for ls := 0; ls < len(text); {
		le := bytes.IndexByte(text[ls:], '\n')
		if le < 0 {
			le = len(text)
		} else {
			le += ls
		}
		depth := 0
		for i := ls; i < le; {
			j := i
			for j < le && j-i < 4 && (text[j] == ' ' || text[j] == '\t') {
				j++
			}
			n := containerMarker(text[j:le])
			if n == 0 {
				break
			}
			if depth++; depth > maxNesting {
				if out == nil {
					out = bytes.Clone(text)
				}
				out[j] = 'x'
				break
			}
			i = j + n
		}
		ls = le + 1
	}
	return out
}

// containerMarker returns the length of the block quote or list marker that
// line starts with ("> ", "- ", "12. "), or 0.
func containerMarker(line []byte) int {
	if len(line) == 0 {
		return 0
	}
	switch c := line[0]; {
	case c == '>':
		return 1
	case c == '-' || c == '+' || c == '*':
		if len(line) == 1 || line[1] == ' ' || line[1] == '\t' {
			return 1
		}
	case c >= '0' && c <= '9':
		k := 1
		for k < len(line) && k < 10 && line[k] >= '0' && line[k] <= '9' {
			k++
		}
		if k < len(line) && (line[k] == '.' || line[k] == ')') && (k+1 == len(line) || line[k+1] == ' ' || line[k+1] == '\t') {
			return k + 1
		}
	}
	return 0
}

// blankLineAfter returns the end of the first blank line after start (or
// the end of the text): the end of a run of lines that can be a paragraph.
func blankLineAfter(text []byte, start int) int {
	for i := start; i < len(text); {
		nl := bytes.IndexByte(text[i:], '\n')
		if nl < 0 {
			return len(text)
		}
		i += nl + 1
		j := i
		for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		if j >= len(text) {
			return len(text)
		}
		if text[j] == '\n' {
			return j + 1
		}
	}
	return len(text)
}

// walker turns goldmark's AST into the model in one pass.
type walker struct {
	src   []byte
	doc   *Document
	open  []*Section // the sections whose span is still open, Root first
	quote int        // depth of block quotes around the current node
	skip  int        // nodes starting before this offset belong to an HTML table already read
	// labels collects the link labels and image alternative texts of the
	// text being read, as ranges of its plain text.
	labels [][2]int
	// text is the last paragraph read and its block: the label of a list
	// or a table that follows it ("Security Options:" over a list).
	text ast.Node
	para *Block
	// lead is the paragraph that introduces the list being read, and
	// label what it names as context for the facts of that list or of the
	// table being read (see leadOf).
	lead  *Block
	label []string

	// Elements are carved out of slabs: a large report has tens of
	// thousands of them, and one allocation each weighs on the collector.
	facts  slab[Fact]
	cells  slab[Cell]
	leaves slab[Block]
}

// slab hands out pointers into arrays allocated a batch at a time.
type slab[T any] struct{ buf []T }

func (s *slab[T]) new() *T {
	if len(s.buf) == cap(s.buf) {
		s.buf = make([]T, 0, min(max(2*cap(s.buf), 16), 1024))
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

func (p *walker) section() *Section { return p.open[len(p.open)-1] }

// blocks walks the children of a container.
func (p *walker) blocks(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		p.block(c)
	}
}

func (p *walker) block(n ast.Node) {
	if p.skip > 0 {
		if start := nodeStart(n); start >= 0 && start < p.skip {
			return
		}
	}
	switch n := n.(type) {
	case *ast.Heading:
		p.heading(n)
	case *ast.Paragraph, *ast.TextBlock:
		kind := Paragraph
		if _, ok := n.Parent().(*ast.ListItem); ok {
			kind = ListItem
		}
		p.textBlock(n, n.Lines(), kind)
	case *ast.FencedCodeBlock:
		p.codeBlock(n, n.Lines(), n.Info)
	case *ast.CodeBlock:
		p.codeBlock(n, n.Lines(), nil)
	case *ast.HTMLBlock:
		lead, label := p.lead, p.label
		p.lead, p.label = p.leadOf(n)
		p.htmlBlock(n)
		p.lead, p.label = lead, label
	case *east.Table:
		lead, label := p.lead, p.label
		p.lead, p.label = p.leadOf(n)
		p.pipeTable(n)
		p.lead, p.label = lead, label
	case *ast.List:
		p.list(n)
	case *ast.Blockquote:
		p.quote++
		p.blocks(n)
		p.quote--
	case *ast.ThematicBreak, *ast.LinkReferenceDefinition:
	default:
		p.blocks(n)
	}
}

// nodeStart is the source offset where a block starts, or -1.
func nodeStart(n ast.Node) int {
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return l.At(0).Start
		}
	}
	return n.Pos()
}

// lineEnd returns the offset of the line feed ending the line holding off,
// or the end of the text.
func (p *walker) lineEnd(off int) int {
	off = min(max(off, 0), len(p.src))
	if i := bytes.IndexByte(p.src[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(p.src)
}

// lineStart returns the offset of the start of the line holding off.
func (p *walker) lineStart(off int) int {
	off = min(max(off, 0), len(p.src))
	return bytes.LastIndexByte(p.src[:off], '\n') + 1
}

func (p *walker) heading(n *ast.Heading) {
	start := n.Pos()
	lines := n.Lines()
	if start < 0 {
		if lines.Len() == 0 {
			return
		}
		start = lines.At(0).Start
	}
	// goldmark counts a tab after a container marker as spaces: its
	// position can run past the heading's marks, even past the text. The
	// heading starts at its first '#' (or its first line of text).
	if lines.Len() > 0 && start >= lines.At(0).Start {
		start = lines.At(0).Start
		k := start
		for k > 0 && (p.src[k-1] == ' ' || p.src[k-1] == '\t') {
			k--
		}
		if k > 0 && p.src[k-1] == '#' {
			start = k - 1
		}
	} else if lines.Len() == 0 && (start >= len(p.src) || p.src[start] != '#') {
		k := min(start, len(p.src))
		if h := bytes.LastIndexByte(p.src[p.lineStart(k):k], '#'); h >= 0 {
			start = p.lineStart(k) + h
		} else {
			start = k
		}
	}
	for start > 0 && p.src[start-1] == '#' {
		start--
	}
	last := start
	if lines.Len() > 0 {
		last = max(lines.At(lines.Len()-1).Stop-1, start)
	}
	end := p.lineEnd(last)
	if !p.atx(start) && end < len(p.src) {
		end = p.lineEnd(end + 1) // a setext heading: its underline too
	}
	level := min(max(n.Level, 1), 6)
	for len(p.open) > 1 && p.section().Level >= level {
		p.section().Span.End = start
		p.open = p.open[:len(p.open)-1]
	}
	parent := p.section()
	s := &Section{
		Level:   level,
		Heading: Span{Start: start, End: end},
		Span:    Span{Start: start, End: len(p.src)},
		Parent:  parent,
	}
	parent.Children = append(parent.Children, s)
	p.doc.Sections = append(p.doc.Sections, s)
	p.open = append(p.open, s)
	// The title is read once the section is open: a code span in a heading
	// belongs to the heading's section.
	t := newPlain(p.src)
	p.inlines(t, n)
	t.trim()
	s.Title = string(t.buf)
	s.TitleFold = fold.Key(s.Title)
	p.addBlock(Heading, t, s.Heading)
}

// leadOf returns the paragraph just above n when it introduces n, ending
// with a colon ("Client:", "Security Options:", "**Server:**"), and the
// context it gives the facts of n: its text without the colon when that
// is short enough to be a key. A list or a table after any other block has
// no lead.
func (p *walker) leadOf(n ast.Node) (*Block, []string) {
	b := p.para
	if b == nil || n.PreviousSibling() != p.text {
		return nil, nil
	}
	t := strings.TrimRight(b.Text, " \t\n\u00a0\u202f")
	if !strings.HasSuffix(t, ":") {
		return nil, nil
	}
	label := strings.TrimRight(t[:len(t)-1], " \t\u00a0\u202f")
	if strings.Contains(label, "\n") || !validKey(label) {
		return b, nil
	}
	return b, []string{label}
}

// atx reports whether the heading starting at off is written with '#'.
func (p *walker) atx(off int) bool {
	for off < len(p.src) && (p.src[off] == ' ' || p.src[off] == '\t') {
		off++
	}
	return off < len(p.src) && p.src[off] == '#'
}

func (p *walker) addBlock(kind BlockKind, t *plain, span Span) *Block {
	text := string(t.buf)
	b := p.leaves.new()
	*b = Block{
		Kind:    kind,
		Text:    text,
		Span:    span,
		Section: p.section(),
		Words:   countWords(text),
		Quote:   p.quote > 0,
		segs:    t.segs,
	}
	if kind == ListItem {
		b.Lead = p.lead
	}
	p.doc.Blocks = append(p.doc.Blocks, b)
	return b
}

// linesSpan is the span from the first line's start to the last line's end,
// white space at the end left out.
func (p *walker) linesSpan(lines *gtext.Segments) Span {
	if lines == nil || lines.Len() == 0 {
		return Span{}
	}
	start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	start, end = clampRange(start, end, len(p.src))
	for end > start && isSpaceByte(p.src[end-1]) {
		end--
	}
	return Span{Start: start, End: end}
}

// textBlock reads a paragraph or a list item's text: its plain text, pipe
// rows that should have been a table, and "Key: value" lines.
func (p *walker) textBlock(n ast.Node, lines *gtext.Segments, kind BlockKind) {
	t := newPlain(p.src)
	p.labels = p.labels[:0]
	p.inlines(t, n)
	lead := len(t.buf) - len(bytes.TrimLeft(t.buf, " \t\n\r\f\v"))
	t.trim()
	span := p.linesSpan(lines)
	rows := p.pipeRows(lines)
	if len(rows) > 0 && len(rows) == lines.Len() && p.recoveredTable(t, rows, true) {
		return // nothing but pipe rows: the student meant a table
	}
	b := p.addBlock(kind, t, span)
	p.text, p.para = n, b
	for _, l := range p.labels {
		from, to := max(l[0]-lead, 0), min(l[1]-lead, len(b.Text))
		if from < to {
			b.Labels = append(b.Labels, [2]int{from, to})
		}
	}
	if kind == Paragraph && len(rows) == 0 {
		if raw, ok := p.unfencedOutput(lines, span); ok {
			b.Output = true
			p.outputFacts(raw)
			return
		}
	}
	for start := 0; start < len(rows); {
		end := start + 1
		for end < len(rows) && rows[end].line == rows[end-1].line+1 {
			end++
		}
		p.recoveredTable(t, rows[start:end], false)
		start = end
	}
	p.textFacts(b, rows)
}

// minOutputLines is the fewest lines an unfenced paragraph needs to be read
// as pasted output: one or two "Key: value" lines are the student's own.
const minOutputLines = 3

// unfencedOutput reports whether a paragraph is command output pasted
// without a code fence, as `docker info` prints it: at least minOutputLines
// lines, each a "Key: value" or "Key:" line, a version line, a prompt or a
// short word (the items of a list such as Security Options), most of them
// keys; no Markdown markup; and the marks of a program's output rather than
// of typing: lines indented under others, a key with no value that heads
// the lines under it, or a prompt. It returns the paragraph's lines as
// written, indentation kept, for outputFacts.
func (p *walker) unfencedOutput(lines *gtext.Segments, span Span) (*Block, bool) {
	if lines.Len() < minOutputLines || span.End <= span.Start {
		return nil, false
	}
	src := p.src[p.lineStart(span.Start):span.End]
	if bytes.ContainsAny(src, "*`|[<") || bytes.Contains(src, []byte("__")) {
		return nil, false
	}
	keys, marks := 0, false
	firstIndent := -1
	t := newPlain(p.src)
	for i := 0; i < lines.Len(); i++ {
		ls := p.lineStart(lines.At(i).Start)
		le := p.lineEnd(ls)
		line := string(p.src[ls:le])
		indent := len(line) - len(strings.TrimLeft(line, " \t"))
		body := strings.TrimRight(line[indent:], " \t\r")
		if firstIndent < 0 {
			firstIndent = indent
		} else if indent > firstIndent {
			marks = true
		}
		switch _, v, ok := splitOutputFact(line); {
		case ok:
			keys++
			if v.end == v.start {
				marks = true
			}
		case isShellCommand(body):
			marks = true
		case versionMatch(body) != nil, countWords(body) <= 3 && validKey(body):
		default:
			return nil, false
		}
		if i > 0 {
			t.lit("\n")
		}
		t.raw(ls, le)
	}
	if !marks || 3*keys < 2*lines.Len() {
		return nil, false
	}
	raw := &Block{Kind: Paragraph, Text: string(t.buf), Span: span, Section: p.section(), segs: t.segs}
	return raw, true
}

// codeBlock reads a fenced or indented code block.
func (p *walker) codeBlock(n ast.Node, lines *gtext.Segments, info *ast.Text) {
	t := newPlain(p.src)
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		for k := 0; k < seg.Padding; k++ {
			t.lit(" ")
		}
		t.raw(seg.Start, seg.Stop)
	}
	// The verbatim content, without the line feed that ends its last line.
	if k := len(t.buf); k > 0 && t.buf[k-1] == '\n' {
		t.cut(0, k-1)
	}
	lang := ""
	if info != nil {
		v := info.Segment.Value(p.src)
		if i := bytes.IndexAny(v, " \t{"); i >= 0 {
			v = v[:i]
		}
		lang = string(v)
	}
	content := Span{}
	start := n.Pos()
	if start > len(p.src) {
		start = len(p.src)
	}
	if lines.Len() > 0 {
		content = Span{Start: lines.At(0).Start, End: lines.At(lines.Len() - 1).Stop}
		content.Start, content.End = clampRange(content.Start, content.End, len(p.src))
		if content.End > content.Start && p.src[content.End-1] == '\n' {
			content.End--
		}
	} else if start >= 0 {
		// An empty block: the content would begin on the line after the fence.
		at := min(p.lineEnd(start)+1, len(p.src))
		content = Span{Start: at, End: at}
	}
	whole := content
	if _, fenced := n.(*ast.FencedCodeBlock); fenced && start >= 0 {
		whole.Start = min(start, content.Start)
		whole.End = p.closingFence(start, content.End)
	}
	c := &Code{Text: string(t.buf), Block: true, Lang: lang, Span: content, Section: p.section()}
	p.doc.Code = append(p.doc.Code, c)
	b := p.addBlock(CodeBlock, t, whole)
	p.outputFacts(b)
}

// closingFence returns the end of the fence line closing the block opened at
// open, whose content ends at end; or end when the block was never closed.
func (p *walker) closingFence(open, end int) int {
	i := open
	for i < len(p.src) && (p.src[i] == ' ' || p.src[i] == '\t') {
		i++
	}
	if i >= len(p.src) {
		return end
	}
	fc := p.src[i]
	width := 0
	for i+width < len(p.src) && p.src[i+width] == fc {
		width++
	}
	next := end
	if next < len(p.src) && p.src[next] == '\n' {
		next++
	} else if end == p.lineEnd(open) {
		next = min(end+1, len(p.src)) // no content: the fence is the next line
	}
	if next >= len(p.src) {
		return end
	}
	lineEnd := p.lineEnd(next)
	line := bytes.TrimLeft(p.src[next:lineEnd], " \t>")
	if len(line) >= width && bytes.Count(line[:width], []byte{fc}) == width {
		return lineEnd
	}
	return end
}

// inlines appends the plain text of n's inline children to t, and records
// the code spans met on the way.
func (p *walker) inlines(t *plain, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		p.inline(t, c)
	}
}

func (p *walker) inline(t *plain, n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		if n.IsRaw() {
			t.raw(n.Segment.Start, n.Segment.Stop)
		} else {
			t.text(n.Segment.Start, n.Segment.Stop)
		}
		if n.SoftLineBreak() || n.HardLineBreak() {
			t.lit("\n")
		}
	case *ast.String:
		t.lit(string(n.Value))
	case *ast.CodeSpan:
		from := len(t.buf)
		span := Span{Start: -1}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if tx, ok := c.(*ast.Text); ok {
				t.rawSpaced(tx.Segment.Start, tx.Segment.Stop)
				if span.Start < 0 {
					span.Start = tx.Segment.Start
				}
				span.End = tx.Segment.Stop
			} else if s, ok := c.(*ast.String); ok {
				t.lit(string(s.Value))
			}
		}
		if span.Start < 0 {
			at := max(n.Pos(), 0)
			span = Span{Start: at, End: at}
		}
		p.doc.Code = append(p.doc.Code, &Code{Text: string(t.buf[from:]), Span: span, Section: p.section()})
	case *ast.AutoLink:
		label := n.Label(p.src)
		at := max(n.Pos(), 0)
		if i := bytes.Index(p.src[min(at, len(p.src)):], label); i >= 0 && i <= 1 {
			t.raw(at+i, at+i+len(label))
		} else {
			t.lit(string(label))
		}
	case *ast.RawHTML:
		// Inline tags are not text; a line break tag still separates words.
		if n.Segments.Len() > 0 {
			seg := n.Segments.At(0)
			v := bytes.ToLower(seg.Value(p.src))
			if bytes.HasPrefix(v, []byte("<br")) {
				t.space()
			}
		}
	case *east.TaskCheckBox:
	case *ast.Link, *ast.Image:
		// Their text is read, but it is a label, not a sentence.
		from := len(t.buf)
		p.inlines(t, n)
		if len(t.buf) > from {
			p.labels = append(p.labels, [2]int{from, len(t.buf)})
		}
	default:
		// Emphasis, strikethrough: their text.
		p.inlines(t, n)
	}
}
