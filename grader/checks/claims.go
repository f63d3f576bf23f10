package checks

import (
	"sort"
	"strings"
)

var sortSearch = sort.Search

// Claims: what a student asserts. An explanation earns a concept only when
// the student says it in a clause with a verb, and does not deny it there.
// tpgrade has no grammar of French or English; it reads clauses the way a
// teacher skims them, from a few marks:
//
//   - a sentence is cut into clauses at ";", at words that open a new
//     clause ("mais", "but", "alors que", "whereas"...), and at ",", ":" and
//     parentheses; a piece cut at a comma or a colon that has no verb of its
//     own ("Les conteneurs, les images, ce service ne les gère pas") belongs
//     to the clause after it, or to the one before it when it ends the
//     sentence or sits in parentheses;
//   - a clause has a verb when one of its words is a verb form students
//     use in explanations (est, gère, lance, is, runs, listens...) or
//     follows a subject pronoun (il, qui, it, which...); a past participle
//     alone is no verb: folded, "démarré" is "démarre", but "le démon
//     démarré à la demande, ça n'arrive jamais" asserts nothing before
//     its comma;
//   - a clause denies what it names when it holds a negation (pas, jamais,
//     aucun, désactivé, not, never, disabled...), before or after the
//     term; a verbless phrase that starts with one after a comma or in
//     parentheses (", pas un port TCP", "(not a log file)") is a clause of
//     its own, which denies itself and not the clause before it; "sans", "au lieu de", "plutôt que", "without", "instead of" and
//     "rather than" deny what follows them only. "ne ... que" restricts, it
//     does not deny.

// clause is a range of a piece's folded key.
type clause struct {
	start, end int // byte range of the folded key
	verb       bool
	denyFrom   int // the clause denies what starts at or after this offset; -1: nothing
}

// denies reports whether the clause denies a match starting at offset i of
// the folded key.
func (c clause) denies(i int) bool { return c.denyFrom >= 0 && i >= c.denyFrom }

// clauseOpeners start a new clause: what follows "mais" is not denied by a
// "pas" before it.
var clauseOpeners = map[string]bool{
	"mais": true, "but": true, "however": true, "cependant": true, "pourtant": true, "whereas": true,
	"alors": true, "tandis": true, "while": true, "although": true, "bien": false,
}

// negators deny the whole clause they are in; plus, rien and personne only
// after ne.
var negators = map[string]bool{
	"pas": true, "jamais": true, "aucun": true, "aucune": true, "nullement": true, "guere": true, "non": true,
	"desactive": true, "desactivee": true, "desactives": true, "desactivees": true, "inactif": true, "inactive": true,
	"not": true, "never": true, "no": true, "none": true, "neither": true, "nor": true, "cannot": true,
	"disabled": true, "isn": true, "doesn": true, "don": true, "aren": true, "wasn": true, "weren": true,
	"didn": true, "won": true, "hasn": true, "haven": true, "shouldn": true, "couldn": true, "wouldn": true,
}

// contrasts open a verbless phrase that denies itself only, after a comma
// or a parenthesis: "c'est le socket unix, pas un port TCP".
var contrasts = map[string]bool{"pas": true, "not": true, "jamais": true, "never": true}

// afterNe are negators only when "ne" (or n') came before them in the
// clause: "plus" alone is "more".
var afterNe = map[string]bool{"plus": true, "rien": true, "personne": true}

// forward negators deny only what follows them ("sans", "au lieu de").
func forwardNegator(words []string, i int) int {
	w := words[i]
	next := func(k int) string {
		if i+k < len(words) {
			return words[i+k]
		}
		return ""
	}
	switch {
	case w == "sans" || w == "without":
		return 1
	case w == "au" && next(1) == "lieu" && (next(2) == "de" || next(2) == "d"):
		return 3
	case w == "plutot" && (next(1) == "que" || next(1) == "qu"):
		return 2
	case w == "instead" && next(1) == "of":
		return 2
	case w == "rather" && next(1) == "than":
		return 2
	}
	return 0
}

// verbs are verb forms of the present tense that explanations use, folded
// (no accents), French and English. "a" (il a) is left out: folded, it is
// also "à"; a subject pronoun before it makes it a verb.
var verbs = wordSet(`
est sont etait etaient sera seront serait ont avait fait font va vont peut peuvent doit doivent
sert servent permet permettent gere gerent lance lancent demarre demarrent execute executent
ecoute ecoutent recoit recoivent envoie envoient cree creent contient contiennent tourne tournent
communique communiquent activent attend attendent relie relient connecte connectent
fournit fournissent expose exposent transmet transmettent traite traitent
surveille surveillent redemarre redemarrent arrete arretent stocke stockent utilise utilisent
passe passent ouvre ouvrent declenche declenchent parle parlent correspond
correspondent represente representent definit definissent designe designent occupe occupent
fonctionne fonctionnent assure assurent accepte acceptent
repond repondent lit lisent ecrit ecrivent agit agissent reste restent devient deviennent tient
tiennent vient viennent dit disent met mettent prend prennent affiche affichent
montre montrent appartient appartiennent appelle appellent existe existent joue jouent constitue
constituent cree recupere recuperent telecharge telechargent supervise supervisent heberge
hebergent orchestre orchestrent relance relancent repose reposent s'occupe lie lient
is are was were be been being has have had does do did can could will would may might must shall
should runs run starts launches manages handles listens receives sends creates contains executes
activates waits connects allows lets provides exposes forwards processes loads monitors restarts
stops stores uses passes opens triggers talks communicates corresponds represents defines means
acts serves works controls accepts responds spawns keeps makes gives takes goes comes needs
brings belongs answers writes reads calls asks pulls builds supervises binds holds exists lives
points links owns becomes remains enables disables wakes boots depends relies tells shows prints
returns gets sets handles launches sits carries hands waits`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// subjects are pronouns whose next word is a verb ("il gère", "qui lance",
// "it listens"); clitics are skipped on the way ("il le lance", "ne les
// gère").
var (
	subjects = wordSet(`il elle ils elles qui je j nous vous tu s se n ne it he she they we i you which who`)
	clitics  = wordSet(`le la les l lui leur y en me m te t se s`)
)

// isVerbAt reports whether words[i] is a verb; participle tells whether
// it was written as a French past participle.
func isVerbAt(words []string, i int, participle bool) bool {
	w := words[i]
	if verbs[w] && !participle {
		return true
	}
	// "it's", "that's": the s of a contraction.
	if w == "s" && i > 0 && (words[i-1] == "it" || words[i-1] == "that" || words[i-1] == "there" || words[i-1] == "what") {
		return true
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if subjects[words[k]] {
			return true
		}
		if !clitics[words[k]] {
			break
		}
	}
	return false
}

// clausesOf cuts a folded key into clauses, as described above. The key is
// a piece's fold.Key: words separated by single spaces; hard holds the
// offsets of the key where the original text had ";" and soft those where
// it had ",", ":" or a parenthesis, paren telling which of them opened or
// closed a parenthesis, and participles those of the words written as
// French past participles (all sorted).
func clausesOf(key string, hard, soft []int, paren []bool, participles []int) []clause {
	type seg struct {
		start, end int
		verb       bool
		paren      bool
		hardAfter  bool
		opener     bool // starts with "mais", "but"...
		contrast   bool // starts with "pas", "not"...
	}
	// Word boundaries.
	var words []string
	var starts []int
	for i := 0; i < len(key); {
		j := strings.IndexByte(key[i:], ' ')
		if j < 0 {
			j = len(key) - i
		}
		words = append(words, key[i:i+j])
		starts = append(starts, i)
		i += j + 1
	}
	// Cut points: each is an offset of the key where a new segment starts.
	var segs []seg
	cur := seg{start: 0}
	h, s, pp := 0, 0, 0
	for wi, w := range words {
		at := starts[wi]
		cutHard, cutSoft, isParen := false, false, false
		for h < len(hard) && hard[h] <= at {
			cutHard = true
			h++
		}
		for s < len(soft) && soft[s] <= at {
			cutSoft = true
			isParen = paren[s] // the last mark before the word opens the segment
			s++
		}
		if clauseOpeners[w] {
			cutHard = true
		}
		if (cutHard || cutSoft) && at > cur.start {
			cur.end = at
			cur.hardAfter = cutHard
			segs = append(segs, cur)
			cur = seg{start: at, paren: isParen}
		} else if at == cur.start {
			cur.paren = cur.paren || isParen
		}
		if at == cur.start && clauseOpeners[w] {
			cur.opener = true
		}
		if at == cur.start && contrasts[w] {
			cur.contrast = true
		}
		for pp < len(participles) && participles[pp] < at {
			pp++
		}
		if isVerbAt(words, wi, pp < len(participles) && participles[pp] == at) {
			cur.verb = true
		}
	}
	cur.end = len(key)
	segs = append(segs, cur)
	// Verbless segments join a neighbour within the same hard clause: the
	// clause with a verb after them, or, at the end or in parentheses, the
	// one before them.
	var out []clause
	from, pending := 0, -1
	contrast := -1 // the index in out of the last contrast clause
	for i, sg := range segs {
		inGroup := len(out) > 0 && out[len(out)-1].start >= segs[from].start
		switch {
		case sg.verb:
			start := sg.start
			if pending >= 0 {
				start = pending
			}
			out = append(out, clause{start: start, end: sg.end, verb: true})
			pending = -1
		case sg.contrast && pending < 0:
			// ", pas un port TCP", "(not a log file)": the verb of the
			// clause before is understood, and the negation denies this
			// phrase only.
			out = append(out, clause{start: sg.start, end: sg.end, verb: true})
			contrast = len(out) - 1
		case sg.paren && inGroup && pending < 0:
			out[len(out)-1].end = sg.end
		case pending < 0:
			pending = sg.start
		}
		if sg.hardAfter || i == len(segs)-1 {
			if pending >= 0 {
				// "ce n'est pas le démon, mais le socket unix": after
				// "mais", the verb of the clause before is understood.
				elliptic := segs[from].opener && len(out) > 0
				if len(out) > 0 && out[len(out)-1].start >= segs[from].start && contrast != len(out)-1 {
					out[len(out)-1].end = sg.end
				} else {
					out = append(out, clause{start: pending, end: sg.end, verb: elliptic})
				}
			}
			from, pending = i+1, -1
		}
	}
	for k := range out {
		out[k].denyFrom = denial(key, out[k].start, out[k].end)
	}
	return out
}

// denial returns the offset from which a clause key[start:end] denies what
// it names: its start for a negation anywhere in it, the word after a
// forward negator ("sans", "instead of"), or -1.
func denial(key string, start, end int) int {
	words := strings.Fields(key[start:end])
	ne := false
	at := start
	from := -1
	for i, w := range words {
		switch {
		case negators[w], ne && afterNe[w], w == "t" && i > 0 && (words[i-1] == "can" || words[i-1] == "don" || words[i-1] == "won"):
			return start
		case w == "ne" || w == "n":
			ne = true
		}
		if k := forwardNegator(words, i); k > 0 && from < 0 {
			from = at
		}
		at += len(w) + 1
	}
	return from
}

// clauses cuts the piece into clauses (see clausesOf).
func (p piece) clauses() []clause {
	var hard, soft []int
	var paren []bool
	keyAt := func(i int) int {
		// the first byte of the key that comes from at or after offset i
		return sortSearch(len(p.ft.start), func(k int) bool { return p.ft.start[k] >= i })
	}
	for i := 0; i < len(p.text); i++ {
		switch p.text[i] {
		case ';':
			hard = append(hard, keyAt(i))
		case ',', ':', ')':
			soft, paren = append(soft, keyAt(i)), append(paren, false)
		case '(':
			soft, paren = append(soft, keyAt(i)), append(paren, true)
		}
	}
	return clausesOf(p.ft.key, hard, soft, paren, p.participles())
}

// participles returns the offsets of the key where a word starts that was
// written as a French past participle of the first group: a word whose
// fold is a verb of the present tense ("demarre", "lance", "gere") but
// that ends in "é" or "és" as written ("démarré", "lancés"). The present
// tense of verbs whose stem ends in é ("crée") ends in e.
func (p piece) participles() []int {
	if !strings.Contains(p.text, "é") && !strings.Contains(p.text, "É") {
		return nil
	}
	var out []int
	key := p.ft.key
	for i := 0; i < len(key); {
		j := strings.IndexByte(key[i:], ' ')
		if j < 0 {
			j = len(key) - i
		}
		if verbs[key[i:i+j]] {
			written := strings.TrimSuffix(strings.TrimSuffix(p.text[:p.ft.end[i+j-1]], "s"), "S")
			if strings.HasSuffix(written, "é") || strings.HasSuffix(written, "É") {
				out = append(out, i)
			}
		}
		i += j + 1
	}
	return out
}
