package fold

import (
	"hash/fnv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Letters students type with accents are in Latin-1 and Latin Extended-A/B:
// their accentless forms are in table (table.go), written at build time by
// gentable.go, so that neither folding a report nor starting a process runs
// the Unicode normaliser on them.
const tableEnd = 0x250

//go:generate go run gentable.go

var stripPool = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// strip removes combining marks with the Unicode normaliser.
func strip(s string) string {
	t := stripPool.Get().(transform.Transformer)
	defer stripPool.Put(t)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// Rune returns r without its accents: "é" gives "e", "Œ" stays "Œ".
func Rune(r rune) string {
	if r >= 0 && r < tableEnd {
		if r < utf8.RuneSelf {
			return string(r)
		}
		return table[r]
	}
	if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
		return strip(string(r))
	}
	return string(r)
}

// Accents removes combining marks: "éèà" becomes "eea".
func Accents(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		b.WriteString(Rune(r))
	}
	return b.String()
}

// Key folds s into a comparison key: lower case, no accents, every run of
// characters that are not letters or digits turned into one space, trimmed.
// Dots, slashes, hyphens and underscores inside words are kept, so that
// "docker.service", "/var/run/docker.sock" and "json-file" survive.
func Key(s string) string {
	k := keyer{b: make([]byte, 0, len(s))}
	k.fold(s)
	return string(k.b)
}

// KeyOffsets folds s exactly as Key does and also returns, for every byte of
// the key, the byte range [start, end) of s it came from, so that a match
// found in the key is reported where it was written. A separating space maps
// to the empty range at the start of the word after it.
func KeyOffsets(s string) (key string, start, end []int) {
	k := keyer{b: make([]byte, 0, len(s)), track: true,
		start: make([]int, 0, len(s)), end: make([]int, 0, len(s))}
	k.fold(s)
	return string(k.b), k.start, k.end
}

// keyer builds a key rune by rune. A joiner (. - _ /) is held until the next
// rune shows whether a word goes on after it.
type keyer struct {
	b       []byte
	space   bool // a separator is due before the next word character
	prev    rune // the last rune seen
	pending rune // a joiner waiting for what follows it
	pendAt  [2]int

	track      bool  // keep offsets
	start, end []int // per key byte, when tracking
}

func (k *keyer) fold(s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			k.step(rune(c), i, i+1)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		for _, a := range Rune(r) {
			k.step(a, i, i+n)
		}
		i += n
	}
}

func (k *keyer) emit(r rune, from, to int) {
	if k.space && len(k.b) > 0 {
		k.b = append(k.b, ' ')
		if k.track {
			k.start = append(k.start, from)
			k.end = append(k.end, from)
		}
	}
	k.space = false
	n := len(k.b)
	k.b = utf8.AppendRune(k.b, r)
	if k.track {
		for ; n < len(k.b); n++ {
			k.start = append(k.start, from)
			k.end = append(k.end, to)
		}
	}
}

func (k *keyer) step(r rune, from, to int) {
	word := isWord(r)
	if k.pending != 0 {
		// The joiner stays when a word character follows it.
		if word {
			k.emit(k.pending, k.pendAt[0], k.pendAt[1])
		} else {
			k.space = true
		}
		k.pending = 0
	}
	switch {
	case word:
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		} else if r >= utf8.RuneSelf {
			r = unicode.ToLower(r)
		}
		k.emit(r, from, to)
	case r == '/' || (r == '.' || r == '-' || r == '_') && isWord(k.prev):
		k.pending, k.pendAt = r, [2]int{from, to}
	default:
		k.space = true
	}
	k.prev = r
}

func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Equal reports whether a and b fold to the same key.
func Equal(a, b string) bool { return Key(a) == Key(b) }

// Contains reports whether the folded needle occurs in the folded haystack
// on word boundaries: "socket" is in "the docker socket" but not in "sockets".
// A needle ending in "*" matches any word that starts with it ("socket*").
func Contains(haystack, needle string) bool {
	return Index(Key(haystack), needle) >= 0
}

// Index returns the byte index in the already folded key of the first
// word-bounded occurrence of needle (folded here), or -1. A slash is a
// boundary too, so that a name is found inside a path or a URL as a reader
// finds it: "localhost:8080" in "http://localhost:8080/", "docker.sock" in
// "/var/run/docker.sock".
func Index(key, needle string) int {
	prefix := strings.HasSuffix(needle, "*")
	return IndexKey(key, Key(strings.TrimSuffix(needle, "*")), prefix)
}

// IndexKey is Index for a needle already folded (without its "*"): callers
// that search many texts for the same names fold them once. prefix accepts
// any word that starts with the needle.
func IndexKey(key, needle string, prefix bool) int {
	if needle == "" {
		return -1
	}
	from := 0
	for {
		i := strings.Index(key[from:], needle)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(needle)
		// A slash bounds a word too: a reader sees localhost:8080 in
		// http://localhost:8080/ and docker.sock in /run/docker.sock.
		startOK := i == 0 || key[i-1] == ' ' || key[i-1] == '/' && needle[0] != '/'
		endOK := prefix || end == len(key) || key[end] == ' ' || key[end] == '/' ||
			key[end] == '.' && (end+1 == len(key) || key[end+1] == ' ')
		if startOK && endOK {
			return i
		}
		from = i + 1
	}
}

// Shingles hashes every run of n consecutive words of a folded key (FNV-1a
// over the words joined by one space). Fewer than n words give none. Copy
// detection and similarity between submissions compare texts by these.
func Shingles(key string, n int) []uint64 {
	words := strings.Fields(key)
	if n <= 0 || len(words) < n {
		return nil
	}
	out := make([]uint64, 0, len(words)-n+1)
	for i := 0; i+n <= len(words); i++ {
		h := fnv.New64a()
		for j, w := range words[i : i+n] {
			if j > 0 {
				h.Write([]byte{' '})
			}
			h.Write([]byte(w))
		}
		out = append(out, h.Sum64())
	}
	return out
}

// functionWords are the words that do not tell one key from another in
// French and English: "Pilote de logs" is "Pilote logs", "Binaire d'init"
// is "Binaire init", "Version of the kernel" is "Version kernel".
var functionWords = map[string]bool{
	"de": true, "du": true, "des": true, "d": true, "l": true, "le": true, "la": true, "les": true,
	"of": true, "the": true,
}

// abbreviations stand for a word of a key: "Nb de conteneurs" is "Nombre
// de conteneurs".
var abbreviations = map[string]string{"nb": "nombre", "nbr": "nombre", "nbre": "nombre"}

// NameKey folds a key's name as Key does, then leaves out the function
// words (de, du, des, d', l', le, la, les, of, the) and writes the usual
// abbreviations in full (nb, nbr: nombre), so that the natural wordings of
// a key match each other. A name made only of function words keeps them.
func NameKey(s string) string {
	k := Key(s)
	if !hasFunctionWord(k) {
		return k
	}
	words := strings.Fields(k)
	kept := words[:0:0]
	for _, w := range words {
		if a, ok := abbreviations[w]; ok {
			w = a
		}
		if !functionWords[w] {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		return k
	}
	return strings.Join(kept, " ")
}

// hasFunctionWord is a quick test before splitting a key into words: a
// function word or an abbreviation.
func hasFunctionWord(k string) bool {
	for _, w := range []string{"d", "l", "de", "du", "des", "le", "la", "les", "of", "the", "nb", "nbr", "nbre"} {
		if IndexKey(k, w, false) >= 0 {
			return true
		}
	}
	return false
}
