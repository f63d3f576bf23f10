package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/tpgrade/tpgrade/grader"
)

// JSON writes the report as indented JSON: the documented contract of
// `tpgrade grade --format json` (see the README). Characters that reorder
// or hide text are escaped (EscapeHidden).
func JSON(w io.Writer, rep *grader.Report) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rep); err != nil {
		return err
	}
	_, err := w.Write(EscapeHidden(buf.Bytes()))
	return err
}

// JSONLine writes the report as one line of compact JSON: the same object
// as JSON, for `tpgrade grade --format json` with several reports (JSON
// Lines, https://jsonlines.org: one object per line).
func JSONLine(w io.Writer, rep *grader.Report) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rep); err != nil {
		return err
	}
	_, err := w.Write(EscapeHidden(buf.Bytes()))
	return err
}

// EscapeHidden returns JSON text with every bidirectional control (the
// overrides and embeddings U+202A to U+202E, the isolates U+2066 to U+2069,
// the marks U+200E, U+200F and U+061C) and every C1 control (U+0080 to
// U+009F) written as a \uXXXX escape. encoding/json leaves them raw; a
// program decoding the text gets the same strings, while a person reading
// the file in a terminal or an editor sees no text reordered or swallowed.
// Outside strings valid JSON holds only ASCII, so only strings change.
//
// Why: a right-to-left override in a student's report can make
// "exe.txt" read "txt.exe"; C1 controls start terminal escape sequences
// (https://www.unicode.org/reports/tr9/#Explicit_Directional_Overrides).
func EscapeHidden(js []byte) []byte {
	if !hasHidden(js) {
		return js
	}
	out := make([]byte, 0, len(js)+32)
	for i := 0; i < len(js); {
		r, size := utf8.DecodeRune(js[i:])
		if size > 1 && isHidden(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, js[i:i+size]...)
		}
		i += size
	}
	return out
}

func hasHidden(js []byte) bool {
	for i := 0; i < len(js); {
		if js[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(js[i:])
		if isHidden(r) {
			return true
		}
		i += size
	}
	return false
}

// isHidden is what EscapeHidden escapes.
func isHidden(r rune) bool { return r >= 0x80 && r <= 0x9f || isBidiControl(r) }
