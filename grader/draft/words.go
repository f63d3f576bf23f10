package draft

import (
	"embed"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/tpgrade/tpgrade/grader/fold"
)

// The word lists are data, one file per list, folded as fold.Key folds:
// function words of French and English, and the words every lab report
// uses whatever its subject (a concept made of them would be earned by
// any report).
//
//go:embed words/*.txt
var wordFiles embed.FS

// wordLists are the lists, read on the first draft rather than at the
// start of every tpgrade process (grade included).
type wordLists struct {
	function, generic, french, english map[string]bool
}

var words = sync.OnceValue(func() wordLists {
	return wordLists{
		function: readWords("words/fr.txt", "words/en.txt"),
		generic:  readWords("words/generic.txt"),
		french:   readWords("words/fr.txt"),
		english:  readWords("words/en.txt"),
	}
})

func readWords(names ...string) map[string]bool {
	out := map[string]bool{}
	for _, n := range names {
		raw, err := wordFiles.ReadFile(n)
		if err != nil {
			panic(err) // embedded at build time: a missing file is a build error
		}
		for _, line := range strings.Split(string(raw), "\n") {
			if i := strings.IndexByte(line, '#'); i >= 0 {
				line = line[:i]
			}
			for _, w := range strings.Fields(line) {
				out[w] = true
			}
		}
	}
	return out
}

// isFunction reports whether a folded word is a French or English function
// word (de, les, the, of ...).
func isFunction(key string) bool { return words().function[key] }

// isGeneric reports whether a folded word is one any lab report uses.
func isGeneric(key string) bool {
	generic := words().generic
	return generic[key] || generic[stem(key)]
}

// stem is a folded word without the endings that make the same word
// plural or feminine in French and English (couches, couche; partagées,
// partagé), so that they count as one. Short words are kept whole.
func stem(key string) string {
	s := key
	if len(s) >= 5 && (strings.HasSuffix(s, "s") || strings.HasSuffix(s, "x")) && !strings.HasSuffix(s, "ss") && !strings.HasSuffix(s, "us") {
		s = s[:len(s)-1]
	}
	if len(s) >= 6 && strings.HasSuffix(s, "ee") {
		s = s[:len(s)-1]
	}
	return s
}

// detectLang guesses the language of a model's prose from its function
// words: French unless English ones are clearly more numerous.
func detectLang(texts []string) (fr, en int) {
	frenchWords, englishWords := words().french, words().english
	for _, t := range texts {
		for _, w := range strings.Fields(fold.Key(t)) {
			if frenchWords[w] && !englishWords[w] {
				fr++
			}
			if englishWords[w] && !frenchWords[w] {
				en++
			}
		}
	}
	return fr, en
}

// hasLetter reports whether s holds a letter.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// slug turns a text into an identifier of lower-case ASCII letters, digits
// and hyphens, at most max bytes long, cut at a word.
func slug(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range fold.Accents(strings.ToLower(s)) {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	out := b.String()
	if len(out) > max {
		out = out[:max]
		if i := strings.LastIndexByte(out, '-'); i > max/2 {
			out = out[:i]
		}
	}
	return strings.Trim(out, "-")
}

// lazyRegexp compiles src on first use: the draft's expressions cost
// nothing to the processes that never draft (every grade).
func lazyRegexp(src string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(src) })
}
