package checks

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/tpgrade/tpgrade/grader/fold"
)

// A rubric's regular expressions are matched against every sentence of an
// answer, and case-insensitive alternations are slow to run: a wrong answer
// such as '(docker\.service|ce service|le service)\s*(c'est|est|is)\s+
// containerd' costs more than the rest of a concept's names together. Most
// expressions require some words: every match of that one holds
// "containerd". Those words, folded, are looked for in the sentence's
// folded key first; a sentence that holds none of them cannot match, and
// the expression is not run on it.

// needleCache maps a compiled expression to its needles (nil: none known).
var needleCache sync.Map // *regexp.Regexp -> [][]string

// mayMatch reports whether re may match a text whose folded key is key:
// false only when the key lacks every word of one of the sets of words
// that each match of re holds one of.
func mayMatch(key string, re *regexp.Regexp) bool {
	for _, set := range needlesOf(re) {
		found := false
		for _, n := range set {
			if strings.Contains(key, n) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// needlesOf returns sets of words, folded as fold.Key folds them, such that
// every match of re holds a word of each set; nil when none is known.
func needlesOf(re *regexp.Regexp) [][]string {
	if v, ok := needleCache.Load(re); ok {
		return v.([][]string)
	}
	var out [][]string
	if t, err := syntax.Parse(re.String(), syntax.Perl); err == nil {
		if sets, ok := required(t.Simplify()); ok {
			out = prune(sets)
		}
	}
	needleCache.Store(re, out)
	return out
}

// wordsOf returns the longest word of each text, or nil when one of them
// has none (such a set filters nothing).
func wordsOf(texts []string) []string {
	out := make([]string, 0, len(texts))
	for _, t := range texts {
		w := longestWord(t)
		if w == "" {
			return nil
		}
		out = append(out, w)
	}
	return out
}

// required returns sets of texts such that every match of n holds a text of
// each set as written (case aside), or false when it cannot tell.
func required(n *syntax.Regexp) ([][]string, bool) {
	switch n.Op {
	case syntax.OpLiteral:
		return [][]string{{string(n.Rune)}}, true
	case syntax.OpCapture, syntax.OpPlus:
		return required(n.Sub[0])
	case syntax.OpRepeat:
		if n.Min >= 1 {
			return required(n.Sub[0])
		}
	case syntax.OpConcat:
		var all [][]string
		for _, s := range n.Sub {
			if sets, ok := required(s); ok {
				all = append(all, sets...)
			}
		}
		return all, all != nil
	case syntax.OpAlternate:
		// A match holds a text of one branch. Each set of the result
		// takes one set of each branch, while there are few enough
		// combinations; beyond, of each branch the set whose shortest
		// word is longest.
		var branches [][][]string
		combos := 1
		for _, s := range n.Sub {
			sets, ok := required(s)
			if !ok {
				return nil, false
			}
			sets = prune(sets)
			if len(sets) == 0 {
				return nil, false // a branch that requires no word
			}
			branches = append(branches, sets)
			combos *= len(sets)
			if combos > maxNeedleSets {
				combos = maxNeedleSets + 1
			}
		}
		if combos > maxNeedleSets {
			var any []string
			for _, sets := range branches {
				any = append(any, bestSet(sets)...)
			}
			return [][]string{any}, true
		}
		out := [][]string{nil}
		for _, sets := range branches {
			var next [][]string
			for _, prefix := range out {
				for _, set := range sets {
					next = append(next, append(append([]string(nil), prefix...), set...))
				}
			}
			out = next
		}
		return out, true
	}
	return nil, false
}

// maxNeedleSets bounds the sets an alternation gives, keptNeedleSets the
// sets kept of an expression or a branch, and minNeedle the length of the
// shortest word worth looking for: a set that holds "a" or "le" is met by
// any sentence.
const (
	maxNeedleSets  = 32
	keptNeedleSets = 12
	minNeedle      = 2
)

// prune returns the sets worth testing, as words: those whose words are
// all minNeedle long or longer, at most keptNeedleSets of them, those of
// fewest words first.
func prune(sets [][]string) [][]string {
	type ranked struct {
		words    []string
		shortest int
	}
	var rs []ranked
	for _, set := range sets {
		words := wordsOf(set)
		if words == nil {
			continue
		}
		words = slices.Compact(slices.Sorted(slices.Values(words)))
		shortest := len(words[0])
		for _, w := range words {
			shortest = min(shortest, len(w))
		}
		if shortest >= minNeedle {
			rs = append(rs, ranked{words, shortest})
		}
	}
	// Fewer words, then longer ones, filter better.
	slices.SortStableFunc(rs, func(a, b ranked) int {
		if len(a.words) != len(b.words) {
			return len(a.words) - len(b.words)
		}
		return b.shortest - a.shortest
	})
	var out [][]string
	for i := 0; i < len(rs) && i < keptNeedleSets; i++ {
		out = append(out, rs[i].words)
	}
	return out
}

// bestSet returns the set whose shortest word is longest.
func bestSet(sets [][]string) []string {
	var best []string
	bestLen := -1
	for _, set := range sets {
		shortest := -1
		for _, t := range set {
			if k := len(longestWord(t)); shortest < 0 || k < shortest {
				shortest = k
			}
		}
		if shortest > bestLen {
			best, bestLen = set, shortest
		}
	}
	return best
}

// longestWord returns the longest run of letters and digits of s, folded;
// "" when s has none. fold.Key maps a word's letters one by one, so the run
// of a text that holds s is in the text's key.
func longestWord(s string) string {
	best := ""
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if k := fold.Key(w); len(k) > len(best) && !strings.Contains(k, " ") {
			best = k
		}
	}
	return best
}
