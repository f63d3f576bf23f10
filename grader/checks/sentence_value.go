package checks

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/fold"
	"github.com/tpgrade/tpgrade/grader/i18n"
)

// Values written in sentences: "le storage driver est overlay2", "2 CPUs et
// 3.8 GiB de mémoire", "runc est en v1.1.14". When no table, output line or
// "Key: value" line gives a usable value, the lookup reads the clause around
// each mention of the key and takes the nearest words the check can use.
// It is only tried when the check can tell a value from any other word (a
// number, a version, one of a list, a pattern): with no rule, a sentence has
// nothing to say which of its words is the value.

// Words looked at around a key in a sentence.
const (
	wordsAfterKey  = 5
	wordsBeforeKey = 3
)

// token is one whitespace-separated word of a block's text, trimmed of the
// punctuation around it; stop marks a word that ends its clause ("overlay2,").
type token struct {
	text       string
	start, end int // byte range of text in the block's Text
	stop       bool
}

// In a table's text (table), cells are joined by " | " and rows by line
// breaks: both end a clause.
func tokenize(s string, table bool) []token {
	var out []token
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if table && (r == '\n' || r == '|' && (i+1 == len(s) || s[i+1] == ' ')) {
			if len(out) > 0 {
				out[len(out)-1].stop = true
			}
			i += n
			continue
		}
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		word := s[i:j]
		stop := strings.ContainsAny(word[len(word)-1:], ".,;!?)") || strings.HasSuffix(word, "»")
		trimmedLeft := strings.TrimLeft(word, "([«\"'`*_")
		trimmed := strings.TrimRight(trimmedLeft, ".,;:!?)]»\"'`*_")
		if trimmed != "" {
			start := i + len(word) - len(trimmedLeft)
			out = append(out, token{text: trimmed, start: start, end: start + len(trimmed), stop: stop})
		} else if len(out) > 0 && stop {
			out[len(out)-1].stop = true
		}
		i = j
	}
	return out
}

// proseFact looks for the value in the paragraphs and list items of sc. The
// best candidate comes under the earliest alias, then first in document
// order. It returns a fact of origin FromText whose Context is the clause it
// was read from, so that a lookup's context ("serveur") is checked against
// that clause.
func (l *Lookup) proseFact(doc *document.Document, sc Scope, usable func(string) bool) *document.Fact {
	var best *document.Fact
	bestAlias := len(l.Key)
	for _, b := range doc.Blocks {
		// A table's cell may hold a sentence too: "4 (1 running, 0
		// paused, 3 stopped)".
		if b.Kind != document.Paragraph && b.Kind != document.ListItem && b.Kind != document.TableBlock || !sc.Holds(b.Span.Start) {
			continue
		}
		ft := foldOffsets(b.Text)
		var toks []token
		for ai, alias := range l.Key {
			if ai >= bestAlias {
				break
			}
			found := false
			for _, m := range ft.findAll(foldedNameOf(alias)) {
				if toks == nil {
					toks = tokenize(b.Text, b.Kind == document.TableBlock)
				}
				if f := l.valueNear(doc, b, toks, m, usable); f != nil {
					best, bestAlias, found = f, ai, true
					break
				}
			}
			if found || alias.IsRegex() {
				continue
			}
			forms, head := elided(alias.Text)
			for _, form := range forms {
				for _, m := range ft.findAll(form) {
					if !saidBefore(b.Text, m[0], head) {
						continue
					}
					if toks == nil {
						toks = tokenize(b.Text, b.Kind == document.TableBlock)
					}
					if f := l.valueNear(doc, b, toks, m, usable); f != nil {
						best, bestAlias, found = f, ai, true
						break
					}
				}
				if found {
					break
				}
			}
		}
	}
	return best
}

// prepositions join a French key's head noun to its complement: "Runtime
// par défaut", "Version du serveur", "Pilote de stockage".
var prepositions = wordSet(`de du des d par a au aux en pour sur`)

// elided returns the ways a sentence names a key without repeating its head
// noun once the noun was said, and the head, folded: "Runtime par défaut"
// is "celui par défaut" after "les runtimes disponibles sont ...",
// "Version du serveur" is "celle du serveur" after "la version du client
// est ...", "Default Runtime" is "the default one".
func elided(alias string) ([]foldedName, string) {
	words := strings.Fields(fold.Key(alias))
	switch {
	case len(words) >= 3 && prepositions[words[1]]:
		rest := strings.Join(words[1:], " ")
		return []foldedName{keyName("celui " + rest), keyName("celle " + rest), keyName("ceux " + rest), keyName("celles " + rest)}, words[0]
	case len(words) == 2 && !prepositions[words[0]]:
		return []foldedName{keyName("the " + words[0] + " one"), keyName("the " + words[0] + " ones")}, words[1]
	}
	return nil, ""
}

// saidBefore reports whether the sentence of text that holds offset i names
// head (or a word that starts with it: "runtimes") before i.
func saidBefore(text string, i int, head string) bool {
	for _, r := range sentences(text) {
		if r[0] <= i && i < r[1] {
			return fold.IndexKey(fold.Key(text[r[0]:i]), head, true) >= 0
		}
	}
	return false
}

// valueNear reads the clause of toks around the key at m: the word or two
// just before the key ("2 CPUs", "0 en pause"), then up to wordsAfterKey
// words after it ("est overlay2"), then up to wordsBeforeKey words before it
// ("3.8 GiB de mémoire totale"), never across the end of a clause.
func (l *Lookup) valueNear(doc *document.Document, b *document.Block, toks []token, m [2]int, usable func(string) bool) *document.Fact {
	first, last := -1, -1
	for i, t := range toks {
		if t.end > m[0] && t.start < m[1] {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 || inQuestion(b.Text, m[0]) {
		return nil
	}
	clauseStart := first
	for clauseStart > 0 && !toks[clauseStart-1].stop {
		clauseStart--
	}
	clauseEnd := last
	for clauseEnd < len(toks)-1 && !toks[clauseEnd].stop {
		clauseEnd++
	}
	// Candidate words, nearest first: the word just before the key, the
	// words after it, the words further before it. Single words are tried
	// before pairs ("3.8 GiB"), so that a lenient reading of "la 27.3.1"
	// does not take the article with the version.
	var near []int
	if first-1 >= clauseStart {
		near = append(near, first-1)
	}
	if !toks[last].stop {
		for i := last + 1; i <= clauseEnd && i <= last+wordsAfterKey; i++ {
			near = append(near, i)
			if toks[i].stop {
				break
			}
		}
	}
	for i := first - 2; i >= clauseStart && i >= first-1-wordsBeforeKey; i-- {
		near = append(near, i)
	}
	type cand struct{ from, to int }
	cands := make([]cand, 0, 2*len(near))
	for _, i := range near {
		cands = append(cands, cand{i, i})
	}
	for _, i := range near {
		switch {
		case i < first && i+1 < first:
			cands = append(cands, cand{i, i + 1})
		case i > last && i < clauseEnd && !toks[i].stop:
			cands = append(cands, cand{i, i + 1})
		}
	}
	for _, c := range cands {
		value := b.Text[toks[c.from].start:toks[c.to].end]
		if !usable(value) {
			continue
		}
		// "Pas d'apparmor dans les Security Options", "docker ne l'active
		// pas": a word the clause denies is not the value. A number still
		// is ("aucun conteneur en pause, 0").
		if !hasDigit(value) && deniedAt(b.Text[toks[clauseStart].start:toks[clauseEnd].end], toks[c.from].start-toks[clauseStart].start) {
			continue
		}
		clause := b.Text[toks[clauseStart].start:toks[clauseEnd].end]
		f := &document.Fact{
			Key:     b.Text[toks[first].start:toks[last].end],
			KeyFold: fold.NameKey(b.Text[toks[first].start:toks[last].end]),
			Value:   value,
			KeySpan: blockRange(b, toks[first].start, toks[last].end),
			Span:    blockRange(b, toks[c.from].start, toks[c.to].end),
			Origin:  document.FromText,
			Section: b.Section,
			Context: []string{clause},
		}
		if !l.contextMatches(f) {
			return nil
		}
		return f
	}
	return nil
}

// deniedAt reports whether a clause denies what is written at offset at of
// it: it holds a negation (negation.go), or a forward one ("sans",
// "without") comes before that offset.
func deniedAt(clause string, at int) bool {
	key, start, _ := fold.KeyOffsets(clause)
	var ws []word
	for i := 0; i < len(key); {
		j := strings.IndexByte(key[i:], ' ')
		if j < 0 {
			j = len(key) - i
		}
		ws = append(ws, word{w: key[i : i+j], at: i})
		i += j + 1
	}
	d := denial(ws)
	return d == 0 || d > 0 && at >= start[d]
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// inQuestion reports whether the sentence holding offset i of text is a
// question: "Quelles options de sécurité sont actives ?" asks for a value,
// it does not give one.
func inQuestion(text string, i int) bool {
	for _, r := range sentences(text) {
		if r[0] <= i && i < r[1] {
			return strings.HasSuffix(strings.TrimRight(text[r[0]:r[1]], " *_)»\"'"), "?")
		}
	}
	return false
}

// A value given without its key, in a sentence that lists the criterion's
// values: "La machine : noyau 6.8.0-45-generic, Ubuntu 24.04.1 LTS, OSType
// linux, architecture x86_64". A teacher knows "Ubuntu 24.04.1 LTS" is the
// operating system by its form. When a value was not found and its rule
// tells its form (a pattern or a list of values), the items of a sentence
// that gives two or more of the criterion's other values are read: an item
// that names none of the criterion's keys and holds the rule as a whole is
// the value.

// minListed is the fewest of a criterion's values a sentence must give for
// its items without a key to be read as the criterion's values.
const minListed = 2

// unkeyed fills in found the values that a sentence listing the
// criterion's values gives without their key.
func (c *Fact) unkeyed(doc *document.Document, found []*document.Fact) {
	var keys []foldedName
	for i, f := range found {
		r := c.Values[i].Value
		if f != nil || r == nil || r.Regex.IsZero() && len(r.OneOf) == 0 || !c.Values[i].Command.IsZero() || len(c.Values[i].In) > 0 {
			continue
		}
		if keys == nil {
			for k := range c.Values {
				keys = append(keys, foldedNames(c.Values[k].Key)...)
			}
		}
		label := c.Values[i].label(i18n.EN)
		if f := listedWithout(doc, found, keys, func(s string) bool { ok, _ := r.check(label, s); return ok }); f != nil {
			found[i] = f
		}
	}
}

// listedWithout returns the first item, of a sentence that gives minListed
// of the found values in prose, that names none of keys and is usable.
func listedWithout(doc *document.Document, found []*document.Fact, keys []foldedName, usable func(string) bool) *document.Fact {
	for _, b := range doc.Blocks {
		if b.Kind != document.Paragraph && b.Kind != document.ListItem || b.Output {
			continue
		}
		for _, r := range sentences(b.Text) {
			at := blockRange(b, r[0], r[1])
			n := 0
			for _, f := range found {
				if f != nil && f.Origin == document.FromText && at.Contains(f.Span.Start) {
					n++
				}
			}
			if n < minListed {
				continue
			}
			for _, it := range listItems(b.Text, r[0], r[1]) {
				item := b.Text[it[0]:it[1]]
				if hasName(item, fold.Key(item), keys) || !usable(item) {
					continue
				}
				return &document.Fact{
					Key:     item,
					KeyFold: fold.NameKey(item),
					Value:   item,
					KeySpan: blockRange(b, it[0], it[1]),
					Span:    blockRange(b, it[0], it[1]),
					Origin:  document.FromText,
					Section: b.Section,
					Context: []string{b.Text[r[0]:r[1]]},
				}
			}
		}
	}
	return nil
}

// listItems cuts text[from:to] at commas, semicolons, colons and the words
// "et", "and", and returns the items, trimmed of spaces and of a final dot.
func listItems(text string, from, to int) [][2]int {
	var out [][2]int
	add := func(a, b int) {
		for a < b && isSpaceByte(text[a]) {
			a++
		}
		for b > a && (isSpaceByte(text[b-1]) || text[b-1] == '.') {
			b--
		}
		if a < b {
			out = append(out, [2]int{a, b})
		}
	}
	start := from
	for i := from; i < to; i++ {
		switch {
		case text[i] == ',' || text[i] == ';' || text[i] == ':' && i+1 < to && isSpaceByte(text[i+1]):
			add(start, i)
			start = i + 1
		case isSpaceByte(text[i]):
			for _, w := range []string{" et ", " and "} {
				if strings.HasPrefix(text[i:to], w) {
					add(start, i)
					start = i + len(w) - 1
				}
			}
		}
	}
	add(start, to)
	return out
}
