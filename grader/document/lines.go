package document

import (
	"sort"
	"unicode/utf8"
)

// Position is a 1-based line and column. Columns count Unicode code points
// (characters), not bytes: "é" is one column, as a student counts it and as
// editors show it. A tab is one column.
type Position struct {
	Line int `json:"line"`
	Col  int `json:"col"`
}

// LineIndex converts byte offsets into positions.
type LineIndex struct {
	text   []byte
	starts []int // byte offset of the start of each line
}

// NewLineIndex indexes text.
func NewLineIndex(text []byte) *LineIndex {
	starts := make([]int, 1, len(text)/40+1)
	for i, c := range text {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &LineIndex{text: text, starts: starts}
}

// Count is the number of lines.
func (x *LineIndex) Count() int { return len(x.starts) }

// Pos converts offset, clamped into the text, to a position.
func (x *LineIndex) Pos(offset int) Position {
	if offset < 0 {
		offset = 0
	}
	if offset > len(x.text) {
		offset = len(x.text)
	}
	line := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > offset }) - 1
	return Position{Line: line + 1, Col: utf8.RuneCount(x.text[x.starts[line]:offset]) + 1}
}

// Line returns line n (1-based) without its newline, or "" when out of range.
func (x *LineIndex) Line(n int) string {
	if n < 1 || n > len(x.starts) {
		return ""
	}
	end := len(x.text)
	if n < len(x.starts) {
		end = x.starts[n] - 1
	}
	return string(x.text[x.starts[n-1]:end])
}

// Offset converts a position back to a byte offset (clamped).
func (x *LineIndex) Offset(p Position) int {
	if p.Line < 1 {
		return 0
	}
	if p.Line > len(x.starts) {
		return len(x.text)
	}
	off := x.starts[p.Line-1]
	for col := 1; col < p.Col && off < len(x.text) && x.text[off] != '\n'; col++ {
		_, n := utf8.DecodeRune(x.text[off:])
		off += n
	}
	return off
}
