package fold

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

var stripPool = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// Accents removes combining marks: "éèà" becomes "eea".
func Accents(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	t := stripPool.Get().(transform.Transformer)
	defer stripPool.Put(t)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// Key folds s into a comparison key: lower case, no accents, every run of
// characters that are not letters or digits turned into one space, trimmed.
// Dots, slashes, hyphens and underscores inside words are kept, so that
// "docker.service", "/var/run/docker.sock" and "json-file" survive.
func Key(s string) string {
	s = Accents(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case (r == '.' || r == '/' || r == '-' || r == '_') && inWord(rs, i):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// inWord reports whether the joiner at i sits between a word character and a
// word character or another joiner, as in "docker.sock" or "/var/run".
func inWord(rs []rune, i int) bool {
	next := i+1 < len(rs) && (isWord(rs[i+1]) || rs[i+1] == '/')
	if rs[i] == '/' {
		return next
	}
	prev := i > 0 && isWord(rs[i-1])
	return prev && next
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// Equal reports whether a and b fold to the same key.
func Equal(a, b string) bool { return Key(a) == Key(b) }

// Contains reports whether the folded needle occurs in the folded haystack
// on word boundaries: "socket" is in "the docker socket" but not in "sockets".
// A needle ending in "*" matches any word that starts with it ("socket*").
func Contains(haystack, needle string) bool {
	return Index(Key(haystack), needle) >= 0
}

// Index returns the byte index in the already folded key of the first
// word-bounded occurrence of needle (folded here), or -1.
func Index(key, needle string) int {
	prefix := strings.HasSuffix(needle, "*")
	n := Key(strings.TrimSuffix(needle, "*"))
	if n == "" {
		return -1
	}
	from := 0
	for {
		i := strings.Index(key[from:], n)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(n)
		startOK := i == 0 || key[i-1] == ' '
		endOK := prefix || end == len(key) || key[end] == ' ' || key[end] == '.' && (end+1 == len(key) || key[end+1] == ' ')
		if startOK && endOK {
			return i
		}
		from = i + 1
	}
}
