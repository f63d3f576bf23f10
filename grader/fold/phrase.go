package fold

import "strings"

// A phrase of several words is read as a reader reads it: a short word
// slipped between two of its words does not hide it. "relance
// docker.service" is in "systemd relance automatiquement docker.service",
// "lancé à la demande" in "lancé alors automatiquement à la demande". At most
// MaxInsertions words may interrupt one occurrence, and only words that
// qualify a verb or link a sentence, never a noun or a negation (Insertion):
// a phrase is never found in words that merely sit near each other, and a
// single word is found as it is.

// MaxInsertions is the most words that may interrupt one occurrence of a
// phrase, between its words.
const MaxInsertions = 2

// insertions are the short adverbs and particles that students slip inside
// a phrase, folded. Negations ("pas", "plus", "not", "never") are not among
// them: "relance pas docker.service" is not "relance docker.service".
var insertions = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
		bien aussi alors donc ensuite puis toujours deja encore seulement juste
		souvent parfois ainsi enfin tres vite ici
		also then just only still always already really simply directly now
		first even thus usually actually quickly`) {
		insertions[w] = true
	}
}

// Insertion reports whether a folded word may interrupt a phrase: one of
// the short adverbs and particles above, a French adverb in -ment of seven
// letters or more ("automatiquement", "directement"), or an English adverb
// in -ly of five or more ("automatically").
func Insertion(w string) bool {
	return insertions[w] ||
		len(w) >= 7 && strings.HasSuffix(w, "ment") ||
		len(w) >= 5 && strings.HasSuffix(w, "ly")
}

// Phrase is a name folded once, to be found in many folded texts.
type Phrase struct {
	key    string   // the whole name, folded, without its "*"
	prefix bool     // its last word accepts any ending
	words  []string // its words, when it has more than one
}

// NewPhrase prepares a name already folded (without its "*"); prefix
// accepts any word that starts with its last word.
func NewPhrase(key string, prefix bool) Phrase {
	p := Phrase{key: key, prefix: prefix}
	if strings.IndexByte(key, ' ') >= 0 {
		p.words = strings.Fields(key)
	}
	return p
}

// HasInsertion reports whether a folded key holds a word that may
// interrupt a phrase: a key without one holds only plain occurrences.
func HasInsertion(key string) bool {
	for i := 0; i < len(key); {
		j := strings.IndexByte(key[i:], ' ')
		if j < 0 {
			j = len(key) - i
		}
		if Insertion(key[i : i+j]) {
			return true
		}
		i += j + 1
	}
	return false
}

// Interruptible reports whether the phrase has several words, between
// which insertions may stand.
func (p Phrase) Interruptible() bool { return len(p.words) > 0 }

// Find returns the first occurrence of the phrase in the folded key at or
// after from, as the byte range [start, end) of the key (a prefix runs to
// the end of the word); -1, -1 when there is none. Words are bounded as
// IndexKey bounds them, and up to MaxInsertions insertions may sit between
// the phrase's words. insertions false says the key holds none
// (HasInsertion, known beforehand): only plain occurrences are looked for.
func (p Phrase) Find(key string, from int, insertions bool) (start, end int) {
	if p.key == "" || from >= len(key) {
		return -1, -1
	}
	start = IndexKey(key[from:], p.key, p.prefix)
	limit := len(key)
	if start >= 0 {
		start += from
		limit = start
		end = start + len(p.key)
		if p.prefix {
			end = wordEnd(key, end)
		}
	}
	// An interrupted occurrence counts when it starts before the plain one.
	if insertions && len(p.words) > 0 && limit > from {
		if s, e := p.interrupted(key, from, limit); s >= 0 {
			return s, e
		}
	}
	if start < 0 {
		return -1, -1
	}
	return start, end
}

// interrupted finds the first occurrence that starts in [from, limit) and
// holds insertions between its words.
func (p Phrase) interrupted(key string, from, limit int) (int, int) {
	last := p.words[len(p.words)-1]
	if !strings.Contains(key[from:], last) {
		return -1, -1 // every occurrence holds its last word
	}
	first := p.words[0]
	for at := from; at < limit; {
		k := strings.Index(key[at:], first)
		if k < 0 {
			break
		}
		k += at
		if k >= limit {
			break
		}
		at = k + 1
		if k > 0 && key[k-1] != ' ' && !(key[k-1] == '/' && first[0] != '/') {
			continue
		}
		if e := p.rest(key, k+len(first)); e >= 0 {
			return k, e
		}
	}
	return -1, -1
}

// rest matches the phrase's words after its first from offset j of the
// key (just after the first word), skipping insertions, and returns where
// the match ends, or -1.
func (p Phrase) rest(key string, j int) int {
	gaps := MaxInsertions
	for w := 1; w < len(p.words); {
		if j >= len(key) || key[j] != ' ' {
			return -1
		}
		j++
		word := p.words[w]
		if strings.HasPrefix(key[j:], word) {
			e := j + len(word)
			if w == len(p.words)-1 {
				if p.prefix {
					return wordEnd(key, e)
				}
				if e == len(key) || key[e] == ' ' || key[e] == '/' || key[e] == '.' && (e+1 == len(key) || key[e+1] == ' ') {
					return e
				}
			} else if e < len(key) && key[e] == ' ' {
				j = e
				w++
				continue
			}
		}
		// Not the phrase's word: an insertion may stand there.
		e := wordEnd(key, j)
		if gaps == 0 || !Insertion(key[j:e]) {
			return -1
		}
		gaps--
		j = e
	}
	return -1
}

// wordEnd returns the end of the word of key that holds offset i.
func wordEnd(key string, i int) int {
	for i < len(key) && key[i] != ' ' {
		i++
	}
	return i
}
