package checks

import (
	"strings"

	"github.com/tpgrade/tpgrade/grader/fold"
)

// Words that deny what follows them in the same clause: "ce n'est pas un
// socket unix", "it does not start the daemon". Restrictive "ne ... que" is
// not a denial, so "ne" alone does not count.
var negators = map[string]bool{
	"pas": true, "jamais": true, "aucun": true, "aucune": true, "ni": true,
	"not": true, "never": true, "no": true, "none": true, "neither": true, "nor": true,
	"isn": true, "doesn": true, "don": true, "aren": true, "wasn": true, "didn": true, "cannot": true,
}

// Words that open a new clause: what comes after "mais" is not denied by a
// "pas" before it.
var clauseOpeners = map[string]bool{
	"mais": true, "but": true, "however": true, "cependant": true, "pourtant": true, "whereas": true, "alors": true,
}

// negated reports whether the match starting at byte start of text is denied
// by a negation earlier in its clause (after the last , ; : or clause
// opener).
func negated(text string, start int) bool {
	if start > len(text) {
		start = len(text)
	}
	before := text[:start]
	if i := strings.LastIndexAny(before, ",;:()"); i >= 0 {
		before = before[i+1:]
	}
	words := strings.Fields(fold.Key(before))
	for i := len(words) - 1; i >= 0; i-- {
		switch {
		case clauseOpeners[words[i]]:
			return false
		case negators[words[i]]:
			return true
		}
	}
	return false
}

// hasAffirmed reports whether the folded piece holds one of names somewhere
// its clause does not deny.
func (p piece) hasAffirmed(names []string) bool {
	for _, n := range names {
		for _, m := range p.ft.findAll(n) {
			if !negated(p.text, m[0]) {
				return true
			}
		}
	}
	return false
}
