package render

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Visible returns text from a report with nothing a terminal, a log viewer
// or a browser would act on, each such character shown instead of obeyed:
// C0 controls but tab and line feed, and DEL, as \x1b; C1 controls and the
// bidirectional controls that reorder what is displayed (a right-to-left
// override can make "exe.txt" read "txt.exe") as U+202E; bytes that are not
// UTF-8 as U+FFFD. An escape sequence from a report (clear the screen,
// write the clipboard with OSC 52, colour the log) thus reaches nobody's
// terminal as one.
func Visible(s string) string {
	if !needsVisible(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\t' || r == '\n':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && r <= 0x9f || isBidiControl(r):
			fmt.Fprintf(&b, "U+%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsVisible(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r <= 0x9f || isBidiControl(r) {
			return true
		}
		i += size
	}
	return false
}

// visibleAt is Visible for a quoted line with the caret's column (1-based,
// in characters) moved to where its character is in the visible text.
func visibleAt(line string, col int) (string, int) {
	if !needsVisible(line) {
		return line, col
	}
	runes := []rune(line)
	before := string(runes[:max(0, min(col-1, len(runes)))])
	return Visible(line), utf8.RuneCountInString(Visible(before)) + 1
}

// Unlinked is Visible, and keeps GitHub from making links or mentions of
// the text: a zero-width joiner after the colon of "scheme://", after
// "www." and after an "@" before a letter or digit. The text reads the
// same; GitHub's autolinking no longer recognises it.
//
// Why: GitHub turns bare URLs, www. addresses, e-mail addresses and
// @mentions in Markdown into links and notifications
// (https://docs.github.com/get-started/writing-on-github/working-with-advanced-formatting/autolinked-references-and-urls).
func Unlinked(s string) string {
	return defuseLinks(Visible(s))
}

func defuseLinks(s string) string {
	if !strings.Contains(s, "://") && !strings.Contains(strings.ToLower(s), "www.") && !strings.Contains(s, "@") {
		return s
	}
	runes := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range runes {
		b.WriteRune(r)
		switch {
		case r == ':' && i+2 < len(runes) && runes[i+1] == '/' && runes[i+2] == '/':
			b.WriteString(zwj)
		case r == '.' && i >= 3 && strings.EqualFold(string(runes[i-3:i]), "www") && (i == 3 || !isWordRune(runes[i-4])):
			b.WriteString(zwj)
		case r == '@' && i+1 < len(runes) && isWordRune(runes[i+1]):
			b.WriteString(zwj)
		}
	}
	return b.String()
}
