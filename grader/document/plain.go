package document

import (
	"bytes"
	"html"
	"sort"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// plain builds the plain text of a block while remembering, for every byte
// copied from the source, where it came from. Bytes added by tpgrade (a
// newline between lines, an unescaped entity) have no segment.
type plain struct {
	src  []byte
	buf  []byte
	segs []segment
}

func newPlain(src []byte) *plain { return &plain{src: src} }

// add records that the last n bytes of buf were copied from src[at:at+n].
func (p *plain) add(src, n int) {
	if n <= 0 {
		return
	}
	at := len(p.buf) - n
	if k := len(p.segs) - 1; k >= 0 {
		last := &p.segs[k]
		if last.at+last.n == at && last.src+last.n == src {
			last.n += n
			return
		}
	}
	p.segs = append(p.segs, segment{at: at, src: src, n: n})
}

// raw copies src[start:stop] verbatim.
func (p *plain) raw(start, stop int) {
	start, stop = clampRange(start, stop, len(p.src))
	p.buf = append(p.buf, p.src[start:stop]...)
	p.add(start, stop-start)
}

// rawSpaced copies src[start:stop] with line feeds turned into spaces, as a
// code span's content reads.
func (p *plain) rawSpaced(start, stop int) {
	start, stop = clampRange(start, stop, len(p.src))
	for start < stop {
		nl := bytes.IndexByte(p.src[start:stop], '\n')
		if nl < 0 {
			p.raw(start, stop)
			return
		}
		p.raw(start, start+nl)
		p.lit(" ")
		start += nl + 1
	}
}

// text copies Markdown text from src[start:stop], dropping the backslash of
// escaped punctuation and resolving entity and numeric references.
func (p *plain) text(start, stop int) {
	start, stop = clampRange(start, stop, len(p.src))
	s := p.src
	run := start
	for i := start; i < stop; {
		switch s[i] {
		case '\\':
			if i+1 < stop && util.IsPunct(s[i+1]) {
				p.raw(run, i)
				run = i + 1
				i += 2
				continue
			}
		case '&':
			if n, val := entityAt(s[i:stop]); n > 0 {
				p.raw(run, i)
				p.lit(val)
				i += n
				run = i
				continue
			}
		}
		i++
	}
	p.raw(run, stop)
}

// lit appends text that was not copied from the source.
func (p *plain) lit(s string) { p.buf = append(p.buf, s...) }

// space appends one space unless the text is empty or already ends with
// white space.
func (p *plain) space() {
	if n := len(p.buf); n > 0 && p.buf[n-1] != ' ' && p.buf[n-1] != '\n' {
		p.lit(" ")
	}
}

// trim removes white space around the text, keeping segments in step.
func (p *plain) trim() {
	end := len(p.buf)
	for end > 0 && isSpaceByte(p.buf[end-1]) {
		end--
	}
	start := 0
	for start < end && isSpaceByte(p.buf[start]) {
		start++
	}
	p.cut(start, end)
}

// collapse turns every run of white space into one space, as HTML reads,
// keeping segments in step.
func (p *plain) collapse() {
	keep := func(i int) bool {
		return !isSpaceByte(p.buf[i]) || i == 0 || !isSpaceByte(p.buf[i-1])
	}
	newAt := make([]int, len(p.buf)+1) // new offset of each old offset
	k := 0
	for i := range p.buf {
		newAt[i] = k
		if keep(i) {
			k++
		}
	}
	newAt[len(p.buf)] = k
	var segs []segment
	for _, s := range p.segs {
		for i := s.at; i < s.at+s.n; i++ {
			if !keep(i) || p.buf[i] != ' ' && isSpaceByte(p.buf[i]) {
				continue // dropped, or turned into a space: no longer a copy
			}
			src, at := s.src+(i-s.at), newAt[i]
			if n := len(segs) - 1; n >= 0 && segs[n].at+segs[n].n == at && segs[n].src+segs[n].n == src {
				segs[n].n++
				continue
			}
			segs = append(segs, segment{at: at, src: src, n: 1})
		}
	}
	out := make([]byte, 0, k)
	for i, c := range p.buf {
		if keep(i) {
			if isSpaceByte(c) {
				c = ' '
			}
			out = append(out, c)
		}
	}
	p.buf, p.segs = out, segs
}

// cut keeps buf[start:end] and the segments inside it.
func (p *plain) cut(start, end int) {
	if start == 0 && end == len(p.buf) {
		return
	}
	p.buf = p.buf[start:end]
	segs := p.segs[:0]
	for _, s := range p.segs {
		a, b := s.at, s.at+s.n
		if a < start {
			s.src += start - a
			a = start
		}
		if b > end {
			b = end
		}
		if a >= b {
			continue
		}
		segs = append(segs, segment{at: a - start, src: s.src, n: b - a})
	}
	p.segs = segs
}

// spanOf maps the plain-text range [i, j) to a span of the source: from the
// first copied byte at or after i to the end of the last copied byte before
// j. When nothing in the range was copied it points at where the range would
// be; fallback serves when the text has no copied byte at all.
func spanOf(segs []segment, i, j int, fallback int) Span {
	// Segments are in text order: find the first one ending after i.
	k := sort.Search(len(segs), func(k int) bool { return segs[k].at+segs[k].n > i })
	start, end := -1, -1
	for ; k < len(segs); k++ {
		s := segs[k]
		a, b := s.at, s.at+s.n
		if a >= j {
			break
		}
		if start < 0 {
			start = s.src + max(i-a, 0)
		}
		end = s.src + (min(j, b) - a)
	}
	if start >= 0 {
		return Span{Start: start, End: end}
	}
	// Nothing copied: point after the last copied byte before j, or at the
	// first one after it.
	k = sort.Search(len(segs), func(k int) bool { return segs[k].at >= j })
	switch {
	case k > 0:
		fallback = segs[k-1].src + segs[k-1].n
	case k < len(segs):
		fallback = segs[k].src
	}
	return Span{Start: fallback, End: fallback}
}

// sliceBySource returns the plain text that was copied from source range
// [from, to), with its segments: the text of a table cell inside a
// paragraph. Segments of one block copy the source in order.
func sliceBySource(buf []byte, segs []segment, from, to int) (string, []segment) {
	var out []byte
	var outSegs []segment
	k := sort.Search(len(segs), func(k int) bool { return segs[k].src+segs[k].n > from })
	for ; k < len(segs) && segs[k].src < to; k++ {
		s := segs[k]
		a, b := max(s.src, from), min(s.src+s.n, to)
		if a >= b {
			continue
		}
		at := s.at + (a - s.src)
		outSegs = append(outSegs, segment{at: len(out), src: a, n: b - a})
		out = append(out, buf[at:at+(b-a)]...)
	}
	return string(out), outSegs
}

func clampRange(start, stop, n int) (int, int) {
	start = min(max(start, 0), n)
	stop = min(max(stop, start), n)
	return start, stop
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// entityAt reads an entity or numeric character reference at the start of
// s: its length and the text it stands for, or 0.
func entityAt(s []byte) (int, string) {
	end := -1
	for i := 1; i < len(s) && i < 40; i++ {
		if s[i] == ';' {
			end = i
			break
		}
		c := s[i]
		if !(c == '#' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return 0, ""
		}
	}
	if end < 2 {
		return 0, ""
	}
	body := string(s[1:end])
	if body[0] == '#' {
		var v uint64
		var err error
		if len(body) > 1 && (body[1] == 'x' || body[1] == 'X') {
			v, err = strconv.ParseUint(body[2:], 16, 32)
		} else {
			v, err = strconv.ParseUint(body[1:], 10, 32)
		}
		if err != nil || len(body) > 9 {
			return 0, ""
		}
		r := rune(v)
		if r == 0 || !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		return end + 1, string(r)
	}
	if e, ok := util.LookUpHTML5EntityByName(body); ok {
		return end + 1, string(e.Characters)
	}
	return 0, ""
}

// unescapeHTML resolves the entities of HTML text.
func unescapeHTML(s []byte) string { return html.UnescapeString(string(s)) }

// countWords counts the runs of non-space characters that hold at least one
// letter or digit: "|" and "-" are not words, "27.3.1" and "créer" are.
func countWords(s string) int {
	n, inWord, hasAlnum := 0, false, false
	for i := 0; i < len(s); {
		c := s[i]
		var space, alnum bool
		if c < utf8.RuneSelf {
			space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
			alnum = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			alnum = unicode.IsLetter(r) || unicode.IsDigit(r)
			i += size
		}
		if space {
			if inWord && hasAlnum {
				n++
			}
			inWord, hasAlnum = false, false
			continue
		}
		inWord = true
		hasAlnum = hasAlnum || alnum
	}
	if inWord && hasAlnum {
		n++
	}
	return n
}
