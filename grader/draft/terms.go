package draft

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/fold"
)

// Distinctive terms: the words of a section's prose that a right answer
// would hold and a wrong one, or a report of another lab, would not. The
// model itself says which those are: a word its other sections use as much
// is not what this one explains, the words of its title are what every
// report of the lab says, the words of the section's heading are its
// subject, function words and the vocabulary of any report (run, show,
// command, output) say nothing.

// token is one word of a block's text, as written.
type token struct {
	text     string // as written; a URL without its scheme
	key      string // fold.Key(text)
	stem     string // stem(key)
	at, end  int    // where it is in the block's Text
	sentence int    // index of the sentence in the block
	function bool   // a function word
	code     bool   // inside a code span
	command  bool   // inside a command shown in the prose
	paren    bool   // inside parentheses
}

// isJoiner reports whether r joins two parts of one word when it sits
// between letters or digits (docker.sock, json-file, x86_64, /var/run,
// localhost:8080).
func isJoiner(r rune) bool {
	return r == '.' || r == '-' || r == '_' || r == '/' || r == ':' || r == '@' || r == '+'
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// tokens splits a block's text into words: runs of letters and digits with
// the joiners inside them, a path's leading slash included. Apostrophes
// split (l'hôte is l and hôte). Sentences end at . ! ? ; and at line
// breaks after them.
func tokens(text string) []token {
	var out []token
	sentence, paren := 0, 0
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		startsPath := r == '/' && i+n < len(text) && isWordStart(text[i+n:]) && (i == 0 || !isWordRune(lastRune(text[:i])))
		if !isWordRune(r) && !startsPath {
			switch r {
			case '(', '[':
				paren++
			case ')', ']':
				if paren > 0 {
					paren--
				}
			case '.', '!', '?', ';':
				sentence++
			}
			i += n
			continue
		}
		start := i
		i += n
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += n
				continue
			}
			if isJoiner(r) && i+n < len(text) && isWordStart(text[i+n:]) {
				i += n
				continue
			}
			if strings.HasPrefix(text[i:], "://") && i+3 < len(text) && isWordStart(text[i+3:]) {
				i += 3 // a URL's scheme
				continue
			}
			break
		}
		word := text[start:i]
		if j := strings.Index(word, "://"); j > 0 {
			word = word[j+3:] // a reader names the host, not the scheme
		}
		key := fold.Key(word)
		if key == "" {
			continue
		}
		out = append(out, token{text: word, key: key, stem: stem(key), at: start, end: i, sentence: sentence,
			function: isFunction(key), paren: paren > 0})
	}
	return out
}

func isWordStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// sentenceOf returns the sentence of text that holds offset at, with its
// spaces collapsed and cut to max bytes at a word, for a comment.
func sentenceOf(text string, at, max int) string {
	ends := func(i int) bool {
		return strings.ContainsRune(".!?;", rune(text[i])) && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n')
	}
	start := at
	for start > 0 && !ends(start-1) {
		start--
	}
	end := at
	for end < len(text) && !ends(end) {
		end++
	}
	if end < len(text) {
		end++
	}
	s := strings.Join(strings.Fields(text[start:end]), " ")
	if len(s) > max {
		s = s[:max]
		if i := strings.LastIndexByte(s, ' '); i > max/2 {
			s = s[:i]
		}
		s = strings.ToValidUTF8(s, "") + " ..."
	}
	return s
}

// prose is the prose of one section: its own blocks (not its
// sub-sections'), without code, pasted output and quotes.
type prose struct {
	section *document.Section
	blocks  []*document.Block
	tokens  [][]token // per block
	words   int
}

// readProse collects the prose blocks of every section, in document order,
// and marks the words inside code spans and commands.
func readProse(doc *document.Document) map[*document.Section]*prose {
	out := map[*document.Section]*prose{}
	for _, b := range doc.Blocks {
		if b.Output || b.Quote || (b.Kind != document.Paragraph && b.Kind != document.ListItem) {
			continue
		}
		p := out[b.Section]
		if p == nil {
			p = &prose{section: b.Section}
			out[b.Section] = p
		}
		ts := tokens(b.Text)
		for k := range ts {
			src := b.SourceOffset(ts[k].at)
			ts[k].code = inCode(doc, src)
			ts[k].command = inCommand(doc, src)
		}
		p.blocks = append(p.blocks, b)
		p.tokens = append(p.tokens, ts)
		p.words += b.Words
	}
	return out
}

// inCode reports whether the offset of the document's text is inside a code
// span.
func inCode(doc *document.Document, off int) bool {
	i := sort.Search(len(doc.Code), func(i int) bool { return doc.Code[i].Span.End > off })
	return i < len(doc.Code) && !doc.Code[i].Block && doc.Code[i].Span.Start <= off
}

// inCommand reports whether the offset is inside a command line shown in
// the report.
func inCommand(doc *document.Document, off int) bool {
	i := sort.Search(len(doc.Commands), func(i int) bool { return doc.Commands[i].Span.End > off })
	return i < len(doc.Commands) && doc.Commands[i].Span.Start <= off
}

// term is a candidate concept: a word, or two content words with at most
// two function words between them ("noyau de l'hôte", "background
// process").
type term struct {
	text     string   // as first written in the model
	key      string   // folded
	stems    []string // its content words' stems
	tf       int
	score    float64
	tech     bool   // a path, a file, an address, an identifier
	sentence string // where the model first says it
}

// vocabulary counts, for each stem, the sections whose prose uses it.
type vocabulary struct {
	df       map[string]int
	sections int
	excluded map[string]bool // stems that are never concepts: the title's, the programs'
}

func newVocabulary(all []*prose, excluded map[string]bool) *vocabulary {
	v := &vocabulary{df: map[string]int{}, excluded: excluded}
	for _, p := range all {
		seen := map[string]bool{}
		for _, ts := range p.tokens {
			for _, t := range ts {
				if !t.function && !seen[t.stem] {
					seen[t.stem] = true
					v.df[t.stem]++
				}
			}
		}
		if len(seen) > 0 {
			v.sections++
		}
	}
	return v
}

// A two-word term is a noun and its complement, joined by "de", "du",
// "des", "d'", "of", maybe followed by an article ("de l'hôte", "of the
// host"): links says whether words may come between its two words.
func links(words []string) bool {
	switch len(words) {
	case 0:
		return true
	case 1:
		switch words[0] {
		case "de", "du", "des", "d", "of":
			return true
		}
	case 2:
		return (words[0] == "de" || words[0] == "of") && (words[1] == "l" || words[1] == "la" || words[1] == "les" || words[1] == "the")
	}
	return false
}

// isTech reports whether a word is written as a path, a file, an address
// or an identifier rather than as a plain word.
func isTech(t token) bool {
	if strings.ContainsAny(t.text, "./_:@") && hasLetter(t.text) {
		return true
	}
	letters, upper, digits := 0, 0, 0
	for _, r := range t.text {
		switch {
		case unicode.IsUpper(r):
			upper++
			letters++
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	return letters >= 2 && (upper == letters && letters <= 6 || digits > 0 && letters > 0)
}

// content reports whether a token may be part of a concept.
func (v *vocabulary) content(t token, subject map[string]bool) bool {
	switch {
	case t.function || t.command:
		return false
	case !hasLetter(t.key):
		return false
	case len(t.key) < 3 && !(isTech(t) && len(t.key) >= 2):
		return false
	case subject[t.stem] || v.excluded[t.stem]:
		return false
	}
	return true
}

// Words that say what follows them is a verb (a subject, a negation) or a
// noun (a determiner), French and English: a concept is a thing, rarely
// an action ("il démarre", "it runs").
var (
	subjects    = map[string]bool{"il": true, "ils": true, "elle": true, "elles": true, "on": true, "qui": true, "ne": true, "n": true, "je": true, "nous": true, "vous": true, "it": true, "they": true, "he": true, "she": true, "we": true, "which": true, "who": true}
	determiners = map[string]bool{"le": true, "la": true, "les": true, "l": true, "un": true, "une": true, "des": true, "du": true, "au": true, "aux": true, "ce": true, "cet": true, "cette": true, "ces": true, "son": true, "sa": true, "ses": true, "leur": true, "leurs": true, "the": true, "a": true, "an": true, "its": true, "their": true, "this": true, "these": true}
)

// terms ranks the candidate concepts of one section's prose, best first.
// subject holds the stems of the section's heading.
func (v *vocabulary) terms(p *prose, subject map[string]bool) []*term {
	byKey := map[string]*term{}
	var order []*term
	add := func(text, key string, stems []string, score float64, tech bool, block string, at int) {
		t := byKey[key]
		if t == nil {
			t = &term{text: text, key: key, stems: stems, tech: tech, sentence: sentenceOf(block, at, 140)}
			byKey[key] = t
			order = append(order, t)
		}
		t.tf++
		t.score = math.Max(t.score, score)
	}
	for bi, ts := range p.tokens {
		text := p.blocks[bi].Text
		verb := func(i int) bool { return i > 0 && subjects[ts[i-1].key] && ts[i-1].sentence == ts[i].sentence }
		noun := func(i int) bool { return i > 0 && determiners[ts[i-1].key] }
		for i, t := range ts {
			if !v.content(t, subject) || verb(i) {
				continue
			}
			uni := v.weight(t)
			if noun(i) {
				uni *= 1.4
			}
			long := utf8.RuneCountInString(t.key) >= 5 || isTech(t) || t.paren
			if uni > 0 && long && !isGeneric(t.key) {
				// One word in all its forms: couche and couches.
				add(t.text, t.stem, []string{t.stem}, uni, isTech(t), text, t.at)
			}
			// Two content words: a noun and its complement ("code de
			// sortie", "noyau de l'hôte"), or a noun and the word that
			// qualifies it right after it ("machine virtuelle",
			// "background process", after an article, and not a verb in
			// -ent: "les cgroups limitent").
			prev := t
			var between []string
			for j := i + 1; j < len(ts) && len(between) <= 2; j++ {
				u := ts[j]
				if gap := text[prev.end:u.at]; strings.Trim(gap, " \n'’") != "" {
					break
				}
				prev = u
				if u.function {
					between = append(between, u.key)
					continue
				}
				w := v.weight(u)
				adjacent := len(between) == 0
				switch {
				case !links(between), !v.content(u, subject), verb(j), u.code != t.code,
					isGeneric(t.key), w <= 0 && uni <= 0,
					adjacent && (!noun(i) || strings.HasSuffix(u.key, "ent") && len(u.key) > 5):
				default:
					score := 0.6 * (uni + w)
					if !adjacent {
						score = 0.9 * (uni + w)
					}
					phrase := strings.Join(strings.Fields(text[t.at:u.end]), " ")
					add(phrase, fold.Key(phrase), []string{t.stem, u.stem}, score, false, text, t.at)
				}
				break
			}
		}
	}
	for _, t := range order {
		t.score *= 1 + 0.5*math.Log(float64(t.tf))
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].score > order[j].score })
	return order
}

// weight is how much a word tells this section from the others: rare in
// the model's other sections, written as a technical term, in parentheses
// or in code. 0 for a word every section uses.
func (v *vocabulary) weight(t token) float64 {
	df := v.df[t.stem]
	if v.sections >= 3 && df >= v.sections {
		return 0
	}
	idf := math.Log(float64(v.sections+1) / (float64(df) + 0.5))
	if idf <= 0 {
		idf = 0.1
	}
	w := idf
	if isTech(t) {
		w *= 1.5
	}
	if t.paren || t.code {
		w *= 1.3
	}
	return w
}

// pick chooses up to n terms, best first, that share no content word.
func pick(ts []*term, n int) []*term {
	var out []*term
	used := map[string]bool{}
next:
	for _, t := range ts {
		if len(out) == n {
			break
		}
		for _, s := range t.stems {
			if used[s] {
				continue next
			}
		}
		for _, s := range t.stems {
			used[s] = true
		}
		out = append(out, t)
	}
	return out
}

// names is how a concept is matched: a word as the start of all its forms
// (couche* for couche and couches), a technical term or a phrase as
// written.
func (t *term) names() []string {
	if st := t.stems[0]; len(t.stems) == 1 && !t.tech && len(st) >= 5 {
		// Written as the model writes it, accents and all, when its start
		// folds to the stem.
		if r, n := []rune(t.text), utf8.RuneCountInString(st); len(r) >= n && fold.Key(string(r[:n])) == st {
			return []string{string(r[:n]) + "*"}
		}
		return []string{st + "*"}
	}
	return []string{t.text}
}
