package checks

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/fold"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// foldedText is fold.Key of a text together with, for every byte of the key,
// the byte range of the text it came from, so that a match found in the key
// is reported where the student wrote it.
type foldedText struct {
	text       string // as written: what {regex: ...} names are matched against
	key        string
	start, end []int // per key byte: [start, end) in the original text
	insertions bool  // the key holds a word that may interrupt a phrase (fold.HasInsertion)
}

// foldOffsets folds s as fold.Key does and keeps, for every byte of the
// key, where in s it came from.
func foldOffsets(s string) foldedText {
	key, start, end := fold.KeyOffsets(s)
	return foldedText{text: s, key: key, start: start, end: end, insertions: fold.HasInsertion(key)}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// findAll returns every occurrence of a name in the text, as byte ranges of
// the original text: word-bounded in the folded text for a text name, as
// written for a regular expression.
func (ft foldedText) findAll(n foldedName) [][2]int {
	if !n.re.IsZero() {
		if !mayMatch(ft.key, n.re.Regexp()) {
			return nil
		}
		var out [][2]int
		for _, m := range n.re.Regexp().FindAllStringIndex(ft.text, -1) {
			if m[1] > m[0] {
				out = append(out, [2]int{m[0], m[1]})
			}
		}
		return out
	}
	keys := ft.findKeys(n)
	out := make([][2]int, len(keys))
	for i, k := range keys {
		out[i] = [2]int{ft.start[k[0]], ft.end[k[1]-1]}
	}
	return out
}

// findKeys returns every occurrence of a name as byte ranges of the folded
// key: word-bounded for a text name; for a regular expression, the words of
// the key that its matches in the text cover.
func (ft foldedText) findKeys(n foldedName) [][2]int {
	if !n.re.IsZero() {
		return ft.regexKeys(n.re)
	}
	var out [][2]int
	for from := 0; from < len(ft.key); {
		i, j := n.phrase.Find(ft.key, from, ft.insertions)
		if i < 0 {
			break
		}
		out = append(out, [2]int{i, j})
		// Resume at the next word start, where a word boundary is.
		next := strings.IndexByte(ft.key[i:], ' ')
		if next < 0 {
			break
		}
		from = i + next + 1
	}
	return out
}

// regexKeys maps the matches of an expression in the text to the bytes of
// the key they cover; a match of punctuation alone covers none and is left
// out.
func (ft foldedText) regexKeys(re rubric.Pattern) [][2]int {
	if !mayMatch(ft.key, re.Regexp()) {
		return nil
	}
	var out [][2]int
	for _, m := range re.Regexp().FindAllStringIndex(ft.text, -1) {
		i := sort.SearchInts(ft.start, m[0])
		j := sort.Search(len(ft.end), func(k int) bool { return ft.end[k] > m[1] })
		for i < j && ft.key[i] == ' ' {
			i++
		}
		for j > i && ft.key[j-1] == ' ' {
			j--
		}
		if i < j {
			out = append(out, [2]int{i, j})
		}
	}
	return out
}

// maxQuoted is the most characters of a student's words a message quotes.
const maxQuoted = 80

// studentWords makes a student's words safe to quote in a message: control
// characters, line breaks and bidirectional or invisible formatting become
// spaces, runs of spaces one, and a long text is cut with "…". The words are
// data: they must not reshape the message around them.
func studentWords(s string) string {
	var b strings.Builder
	n, space := 0, false
	for _, r := range s {
		if unicode.Is(unicode.Cf, r) {
			continue // invisible: bidirectional overrides, zero-width joiners
		}
		if unicode.IsControl(r) || unicode.IsSpace(r) || r == utf8.RuneError {
			space = b.Len() > 0
			continue
		}
		if n == maxQuoted {
			b.WriteString("…")
			break
		}
		if space {
			b.WriteByte(' ')
			n++
			space = false
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// sentences splits text into sentences: a sentence ends at ".", "!", "?",
// "…" or ";" followed by a space or the end, and at a blank line. Dots inside
// words ("docker.service", "27.3.1") and the dot of an abbreviation ("i.e.",
// "c.-à-d.", "etc." before a lower-case word) do not end a sentence. Each
// range is trimmed of surrounding spaces; empty ranges are dropped.
func sentences(text string) [][2]int {
	var out [][2]int
	add := func(a, b int) {
		for a < b && isSpaceByte(text[a]) {
			a++
		}
		for b > a && isSpaceByte(text[b-1]) {
			b--
		}
		if a < b {
			out = append(out, [2]int{a, b})
		}
	}
	start := 0
	for i, r := range text {
		end := i + utf8.RuneLen(r)
		switch r {
		case '.', '!', '?', '…', ';':
			if r == '.' && abbreviation(text, i, end) {
				continue
			}
			if end == len(text) || isSpaceByte(text[end]) {
				add(start, end)
				start = end
			}
		case '\n':
			if end < len(text) && text[end] == '\n' {
				add(start, i)
				start = end
			}
		}
	}
	add(start, len(text))
	return out
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// piece is one sentence of the student's text, folded, with the way back
// to where it was written.
type piece struct {
	text string
	ft   foldedText
	src  func(i int) int // maps an offset of text to an offset of the report
	// terse: a table cell's, or a list item's that goes on from the
	// sentence above its list ("This approach offers several benefits:"):
	// it may define without a verb of its own.
	terse bool
}

// pieceKey tells pieces apart: where each starts in the report, and its
// length.
type pieceKey struct{ start, n int }

func (p piece) id() pieceKey { return pieceKey{p.src(0), len(p.text)} }

// span is where the piece sits in the report.
func (p piece) span() document.Span { return p.at([2]int{0, len(p.text)}) }

// at is where a byte range of the piece's text sits in the report.
func (p piece) at(r [2]int) document.Span {
	s := p.src(r[0])
	e := s
	if r[1] > r[0] {
		e = p.src(r[1]-1) + 1
	}
	if e < s {
		e = s
	}
	return document.Span{Start: s, End: e}
}

// isQuestion reports whether the sentence ends with a question mark.
func (p piece) isQuestion() bool {
	return strings.HasSuffix(strings.TrimRight(p.text, " *_)»\"'"), "?")
}

// ownWords counts the piece's words that the student wrote outside code:
// a command in backticks is shown, not explained.
func (p piece) ownWords(doc *document.Document) int {
	n, start := 0, true
	for i := 0; i < len(p.ft.key); i++ {
		if p.ft.key[i] == ' ' {
			start = true
			continue
		}
		if start {
			start = false
			if !inCode(doc, p.src(p.ft.start[i])) {
				n++
			}
		}
	}
	return n
}

// blockRange maps a byte range of a block's plain text to the report.
func blockRange(b *document.Block, from, to int) document.Span {
	return piece{src: func(i int) int { return b.SourceOffset(from + i) }}.at([2]int{0, to - from})
}

// blockKey is fold.Key of a block's text, once per grading.
func blockKey(m *rubric.Memo, b *document.Block) string {
	return rubric.Remember(m, "key", b, func() string { return fold.Key(b.Text) })
}

// blockFold is foldOffsets of a block's text, once per grading.
func blockFold(m *rubric.Memo, b *document.Block) foldedText {
	return rubric.Remember(m, "fold", b, func() foldedText { return foldOffsets(b.Text) })
}

// blockPieces is piecesOf a block, once per grading.
func blockPieces(m *rubric.Memo, b *document.Block) []piece {
	return rubric.Remember(m, "pieces", b, func() []piece { return piecesOf(b) })
}

// piecesOf splits a block's text into folded sentences. Link labels and
// images' alternative texts are blanked out: shown, not written.
func piecesOf(b *document.Block) []piece {
	text := b.Text
	if len(b.Labels) > 0 {
		masked := []byte(text)
		for _, l := range b.Labels {
			for i := l[0]; i < l[1] && i < len(masked); i++ {
				masked[i] = ' '
			}
		}
		text = string(masked)
	}
	var out []piece
	terse := b.Kind == document.ListItem && b.Lead != nil
	for _, r := range sentences(text) {
		from := r[0]
		out = append(out, piece{
			text:  text[r[0]:r[1]],
			ft:    foldOffsets(text[r[0]:r[1]]),
			src:   func(i int) int { return b.SourceOffset(from + i) },
			terse: terse,
		})
	}
	return out
}

// cellPieces splits a table cell's text into folded sentences. A cell's
// text is mapped back to the report where it was copied verbatim (the
// usual case), else to the start of the cell.
func cellPieces(doc *document.Document, c *document.Cell) []piece {
	base := -1
	if c.Span.Start >= 0 && c.Span.End <= len(doc.Text) && c.Span.Start <= c.Span.End {
		if k := strings.Index(string(doc.Text[c.Span.Start:c.Span.End]), c.Text); k >= 0 {
			base = c.Span.Start + k
		}
	}
	var out []piece
	for _, r := range sentences(c.Text) {
		from := r[0]
		src := func(int) int { return c.Span.Start }
		if base >= 0 {
			src = func(i int) int { return base + from + i }
		}
		out = append(out, piece{text: c.Text[r[0]:r[1]], ft: foldOffsets(c.Text[r[0]:r[1]]), src: src, terse: true})
	}
	return out
}

// isProse reports whether a block holds the student's own words: paragraphs,
// list items and tables, not headings, code, raw HTML or output pasted
// without a fence.
func isProse(b *document.Block) bool {
	switch b.Kind {
	case document.Paragraph, document.ListItem, document.TableBlock:
		return !b.Output
	}
	return false
}

// inCode reports whether a report offset lies inside a code span or block.
// doc.Code is in document order and its spans do not overlap: the last one
// starting at or before offset is the only one that can hold it.
func inCode(doc *document.Document, offset int) bool {
	i := sort.Search(len(doc.Code), func(i int) bool { return doc.Code[i].Span.Start > offset }) - 1
	return i >= 0 && doc.Code[i].Span.Contains(offset)
}

// abbreviations are words whose dot does not end a sentence, folded, their
// inner dots and hyphens kept: "i.e" of "i.e.".
var abbreviations = wordSet(`i.e e.g cf c.-a-d c-a-d c.a.d p.ex ex vs resp env approx fig viz`)

// abbreviation reports whether the dot at text[i:end] ends an abbreviation
// rather than a sentence: one of abbreviations, or "etc." when a lower-case
// word follows.
func abbreviation(text string, i, end int) bool {
	from := i
	for from > 0 && !isSpaceByte(text[from-1]) && text[from-1] != '(' {
		from--
	}
	word := fold.Accents(strings.ToLower(text[from:i]))
	if abbreviations[word] {
		return true
	}
	if word == "etc" {
		k := end
		for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
			k++
		}
		return k < len(text) && text[k] >= 'a' && text[k] <= 'z'
	}
	return false
}
