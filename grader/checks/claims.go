package checks

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Claims: what a student asserts. An explanation earns a concept only when
// the student says it in a clause with a verb, and does not deny it there
// (negation.go). tpgrade has no grammar of French or English; it reads
// clauses the way a teacher skims them, from a few marks, in one pass over
// a sentence's words:
//
//   - a sentence is cut into clauses at ";", ",", ":" and parentheses (a
//     mark inside a word, "8080:80", "1,5", cuts nothing), at words that
//     open a contrast ("mais", "but", "alors que", "whereas", "while"...),
//     at words that open a subordinate clause ("car", "parce que", "quand",
//     "because", "when"...) when a verb follows them, and at "et", "ou",
//     "and", "or" when a verb stands on both sides ("il utilise le noyau de
//     l'hôte et ne démarre aucun système"; not "il ne gère pas les images et
//     les volumes", nor "it does not create and manage VMs", where the
//     second verb shares the first one's auxiliary);
//   - a piece cut at a mark that has no verb of its own ("Les conteneurs,
//     les images, ce service ne les gère pas") belongs to the clause after
//     it, or to the one before it when it ends the sentence or sits in
//     parentheses;
//   - a word is a verb when it is a verb form students use in explanations
//     (est, gère, publie, is, runs, maps...), when it follows a subject
//     pronoun (il, qui, it, which...), or when a lower-case word of letters
//     that is no function word, with a verb's ending (-e, -t, -d in French,
//     -s, -ed in English), comes right before an article ("publie le
//     port", "construit l'image", "builds the image"). A word of the list
//     right after an article is a noun ("la liste", "the points"); a past
//     participle alone is no verb: folded, "démarré" is "démarre", but "le
//     démon démarré à la demande, ça n'arrive jamais" asserts nothing before
//     its comma;
//   - clauses that stand or fall together form a group: a clause and the
//     ones that hang on it, after a comma a relative clause ("…, qui utilise
//     les namespaces"), a cause or a consequence ("car", "because", "donc"),
//     a phrase in parentheses or a contrast (", pas un port TCP"), and the
//     main clause after a subordinate that opens the sentence ("Quand …,
//     systemd …"). A known wrong answer cancels its group (judge.go), not an
//     independent clause of the same sentence.

// clause is a range of a piece's folded key.
type clause struct {
	start, end int // byte range of the folded key
	verb       bool
	denyFrom   int  // the clause denies what starts at or after this offset; -1: nothing
	group      int  // clauses of one group stand or fall together
	wrong      bool // the group asserts a known wrong answer (set by judge.go)
	defines    bool // no verb, but long enough to define in a terse piece (set by judge.go)
}

// denies reports whether the clause denies a match starting at offset i of
// the folded key.
func (c clause) denies(i int) bool { return c.denyFrom >= 0 && i >= c.denyFrom }

// word is one word of a piece's folded key, with what the student wrote
// between it and the word before.
type word struct {
	w          string
	at         int  // offset in the key
	hard       bool // after ";"
	soft       bool // after ",", ":", "(" or ")"
	paren      bool // the last of those marks opens a parenthesis
	plain      bool // only spaces between it and the word before
	participle bool // written as a French past participle ("démarré", "lancée")
	lower      bool // written in lower case
	letters    bool // letters only: not a number, a path or a name with dots
	verb       bool
}

// Words that link clauses, folded.
var (
	// contrastOpeners always start a new, independent clause; "alors",
	// "tandis", "bien" and "even" only before "que", "qu" or "though".
	contrastOpeners = wordSet(`mais but however cependant pourtant whereas while although though`)
	// subordinators start a clause that hangs on another when a verb
	// follows them.
	subordinators = wordSet(`car parce puisque quand lorsque lorsqu because when whenever if si since donc`)
	// fronted subordinators make the clause after them the one they hang on
	// when they open the sentence.
	fronted = wordSet(`quand lorsque lorsqu si when whenever if since comme as once`)
	// coordinators start an independent clause when a verb stands on both
	// sides of them.
	coordinators = wordSet(`et ou and or`)
	// relatives open, after a comma, a clause that hangs on the one before.
	relatives = wordSet(`qui que qu dont lequel laquelle lesquels lesquelles ou which who whom whose where`)
	// dependents open, after a comma, a clause that hangs on the one before:
	// its cause, its consequence, its purpose.
	dependents = wordSet(`car parce puisque donc pour afin because since so thus therefore`)
)

// contrastAt reports whether a contrast opens at words[i]: "mais",
// "alors que", "tandis que", "bien que", "even though".
func contrastAt(ws []word, i int) bool {
	w := ws[i].w
	if contrastOpeners[w] {
		return true
	}
	if i+1 >= len(ws) {
		return false
	}
	next := ws[i+1].w
	switch w {
	case "alors", "tandis", "bien":
		return next == "que" || next == "qu"
	case "even":
		return next == "though"
	}
	return false
}

// verbs are verb forms of the present tense that explanations use, folded
// (no accents), French and English, with English base forms (baseForms).
// "a" (il a) is left out: folded, it is also "à"; a subject pronoun before
// it makes it a verb. English contractions of a negated auxiliary ("don't",
// "isn't") are verbs, and negations (negation.go).
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
publie publient redirige redirigent mappe mappent associe associent ajoute ajoutent construit
construisent supprime suppriment garde gardent conserve conservent survit survivent suffit
suffisent partage partagent isole isolent limite limitent renvoie renvoient copie copient
liste listent persiste persistent monte montent
is are was were been being has had does did can could will would may might must shall
should runs starts launches manages handles listens receives sends creates contains executes
activates waits connects allows lets provides exposes forwards processes loads monitors restarts
stops stores uses passes opens triggers talks communicates corresponds represents defines means
acts serves works controls accepts responds spawns keeps makes gives takes goes comes needs
brings belongs answers writes reads calls asks pulls builds supervises binds holds exists lives
points links owns becomes remains enables disables wakes boots depends relies tells shows prints
returns gets sets handles launches sits carries hands waits maps publishes redirects adds removes
deletes persists survives isolates shares copies lists stays reaches
don doesn isn aren wasn weren didn hasn haven cannot couldn wouldn shouldn won`)

// baseForms are English verbs in their base form: the present of a plural
// subject ("containers share the kernel"), or a verb that shares the
// auxiliary of the one before ("it does not create and manage VMs").
var baseForms = wordSet(`
be do have run stay persist remain survive listen communicate contain manage depend exist belong
allow provide isolate share keep live talk send receive create execute activate connect expose
restart spawn make give take bring write ask supervise bind become enable disable rely tell publish
redirect add remove delete reach start use`)

func init() {
	for w := range baseForms {
		verbs[w] = true
	}
}

// sharedVerb reports whether the coordinator at ws[i] joins a verb that
// shares the clause's subject and auxiliary, and so its negation: a
// base form after "and" or "or" ("it does not create and manage VMs"), an
// infinitive after "et" or "ou" ("il ne peut pas lancer et arrêter les
// conteneurs"). "and does not boot", "et ne démarre pas" are clauses of
// their own.
func sharedVerb(ws []word, i int) bool {
	if i+1 >= len(ws) || !ws[i+1].verb {
		return false
	}
	w := ws[i+1].w
	if ws[i].w == "and" || ws[i].w == "or" {
		return baseForms[w] || !verbs[w] && !strings.HasSuffix(w, "s")
	}
	return !verbs[w] && (strings.HasSuffix(w, "er") || strings.HasSuffix(w, "ir"))
}

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
	// articles make the word after them a noun, whatever the verbs say:
	// "une copie", "the points", "a start" ("a" is also "à", which no verb
	// follows). Le, la, les, l' and leur are also pronouns before a verb
	// ("il le lance"): see isVerb.
	articles = wordSet(`un une des du au aux cet cette ces son sa ses mon ma mes ton ta tes notre nos votre vos
		chaque the a an its their our my your every`)
	// determiners start the object of a verb: "publie le port", "builds the
	// image"; so do "it" and "them": "reaches it". French and English ones
	// apart: the verb before them has the form of their language.
	frenchDeterminers  = wordSet(`le la les l un une ce cet cette ces son sa ses leur leurs notre nos votre vos chaque`)
	englishDeterminers = wordSet(`the an its their this these those his our your every each it them`)
	determiners        = union(frenchDeterminers, englishDeterminers)
	// functionWords are never verbs, whatever follows them.
	functionWords = wordSet(`a au aux de du des d en par pour sur sous dans avec sans vers chez entre et ou ni mais
		donc or car que qu qui quoi dont ce cet cette ces c le la les l un une son sa ses leur leurs mon ma mes
		ton ta tes notre nos votre vos chaque il elle ils elles on nous vous je j tu me te se s y ne n pas plus
		tres bien aussi alors comme si quand lorsque lorsqu puis tout tous toute toutes meme autre autres
		the an of in on at to by for with from into over under and or but nor so if when as than that this
		these those it its they them their he she we you i me my your our his her not no all each every
		some any also then just only both via per between through about after before during without within
		behind across against among around toward towards upon like near inside outside until while
		avant apres pendant depuis contre selon malgre parmi jusqu derriere devant hors lors durant`)
)

// isVerb reports whether ws[i] is a verb (see above).
func isVerb(ws []word, i int) bool {
	w := ws[i]
	// "it's", "that's": the s of a contraction.
	if w.w == "s" && i > 0 && (ws[i-1].w == "it" || ws[i-1].w == "that" || ws[i-1].w == "there" || ws[i-1].w == "what") {
		return true
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if subjects[ws[k].w] {
			return true
		}
		if !clitics[ws[k].w] {
			break
		}
	}
	if w.participle {
		return false
	}
	// After le, la, les, l': an article at the start of a phrase or after
	// a preposition ("la liste", "dans la liste"), a pronoun after a noun
	// ("systemd la lance").
	afterArticle := i > 0 && w.plain && (articles[ws[i-1].w] ||
		clitics[ws[i-1].w] && determiners[ws[i-1].w] && (i == 1 || !ws[i-1].plain || functionWords[ws[i-2].w]))
	if verbs[w.w] {
		return !afterArticle
	}
	// A word that takes an object right after it: "publie le port",
	// "builds the image".
	if i+1 < len(ws) && ws[i+1].plain && determiners[ws[i+1].w] && w.lower && w.letters && len(w.w) > 2 &&
		!functionWords[w.w] && !afterArticle && !(i > 0 && determiners[ws[i-1].w]) {
		next := ws[i+1].w
		if next == "ce" && i+2 < len(ws) && (ws[i+2].w == "qui" || ws[i+2].w == "que" || ws[i+2].w == "qu") {
			return false // "le démon, ce qui…": a pronoun, not an object
		}
		return verbForm(w.w, frenchDeterminers[next])
	}
	return false
}

// verbForm reports whether a word has the form of a verb of the present
// (or an English past) with a subject: in French it ends in -e, -t or -d
// (publie, construit, prend, publient), in English in -s or -ed (maps,
// started). "le socket unix le canal", "the unix socket the channel" are
// no verbs.
func verbForm(w string, french bool) bool {
	last := w[len(w)-1]
	if french {
		return last == 'e' || last == 't' || last == 'd'
	}
	return last == 's' || strings.HasSuffix(w, "ed")
}

// union is the words of both sets.
func union(a, b map[string]bool) map[string]bool {
	m := make(map[string]bool, len(a)+len(b))
	for w := range a {
		m[w] = true
	}
	for w := range b {
		m[w] = true
	}
	return m
}

// words cuts the piece's folded key into words and reads what the student
// wrote around each.
func (p piece) words() []word {
	key := p.ft.key
	out := make([]word, 0, strings.Count(key, " ")+1)
	prevEnd := 0 // where the word before ends in the text
	for i := 0; i < len(key); {
		j := strings.IndexByte(key[i:], ' ')
		if j < 0 {
			j = len(key) - i
		}
		j += i
		from, to := p.ft.start[i], p.ft.end[j-1]
		w := word{w: key[i:j], at: i, letters: true}
		if len(out) > 0 {
			w.marks(p.text[prevEnd:from])
		}
		for k := 0; k < len(w.w); k++ {
			if c := w.w[k]; c < 'a' && c < 0x80 || c > 'z' && c < 0x80 {
				w.letters = false
				break
			}
		}
		written := p.text[from:to]
		r, _ := utf8.DecodeRuneInString(written)
		w.lower = unicode.IsLower(r)
		if strings.HasSuffix(written, "s") || strings.HasSuffix(written, "S") {
			written = written[:len(written)-1]
		}
		// "démarré", "lancés", "lancée"; but "crée" is the present of créer.
		w.participle = strings.HasSuffix(written, "é") || strings.HasSuffix(written, "É") ||
			!verbs[w.w] && (strings.HasSuffix(written, "ée") || strings.HasSuffix(written, "ÉE"))
		out = append(out, w)
		prevEnd = to
		i = j + 1
	}
	return out
}

// marks reads the text between a word and the one before it: a mark cuts
// when a space follows it ("socket, unix", not "8080:80"); a parenthesis
// always does.
func (w *word) marks(gap string) {
	w.plain = gap != ""
	for k := 0; k < len(gap); k++ {
		c := gap[k]
		spaced := k+1 < len(gap) && (gap[k+1] == ' ' || gap[k+1] == '\t' || gap[k+1] == '\n' || gap[k+1] == '\r')
		switch c {
		case ' ', '\t':
			continue
		case ';':
			w.hard = w.hard || spaced
		case ',', ':':
			w.soft = w.soft || spaced
		case '(':
			w.soft, w.paren = true, true
		case ')':
			w.soft, w.paren = true, false
		}
		w.plain = false
	}
}

// clauses cuts the piece into clauses (see above).
func (p piece) clauses() []clause { return clausesOf(p.words()) }

// Segment links: how a piece of a sentence hangs on the one before it.
const (
	linkNew       = iota // an independent clause
	linkOpener           // an independent clause after "mais", "et"...
	linkDependent        // hangs on the clause before ("…, qui", "car", "(…)")
	linkFronted          // a subordinate that opens the sentence: the clause after hangs on it
)

// clausesOf cuts a piece's words into clauses (see above).
func clausesOf(ws []word) []clause {
	if len(ws) == 0 {
		return nil
	}
	for i := range ws {
		ws[i].verb = isVerb(ws, i)
	}
	// verbAhead[i]: a verb stands in ws[i:k], where k is the next mark or
	// linking word after i.
	verbAhead := make([]bool, len(ws)+1)
	for i := len(ws) - 1; i >= 0; i-- {
		verbAhead[i] = ws[i].verb
		if i+1 < len(ws) && !ws[i+1].hard && !ws[i+1].soft && !linking(ws, i+1) {
			verbAhead[i] = verbAhead[i] || verbAhead[i+1]
		}
	}
	type seg struct {
		start, end int // word indexes
		verb       bool
		paren      bool
		hardAfter  bool
		opener     bool // starts with "mais", "but"...
		contrast   bool // starts with "pas", "not"...
		link       int
	}
	var segs []seg
	begin := func(i int) seg {
		w := ws[i]
		sg := seg{start: i, paren: w.paren, link: linkNew}
		switch {
		case contrastAt(ws, i):
			sg.opener, sg.link = true, linkOpener
		case i == 0 && fronted[w.w]:
			sg.link = linkFronted
		case coordinators[w.w] && i > 0:
			sg.link = linkOpener
		case relatives[w.w] && w.soft, dependents[w.w], subordinators[w.w], w.paren:
			sg.link = linkDependent
		}
		if contrasts[w.w] {
			sg.contrast = true
		}
		return sg
	}
	cur := begin(0)
	for i := range ws {
		if i > 0 {
			w := ws[i]
			cutHard := w.hard
			switch {
			case contrastAt(ws, i):
				cutHard = true
			case w.soft:
			case subordinators[w.w] && verbAhead[i]:
				cutHard = true
			case coordinators[w.w] && verbAhead[i] && cur.verb && !sharedVerb(ws, i):
				// "il utilise le noyau et ne démarre aucun système", not
				// "il ne gère pas les images et les volumes".
				cutHard = true
			}
			if cutHard || w.soft {
				cur.end, cur.hardAfter = i, cutHard
				segs = append(segs, cur)
				cur = begin(i)
			}
		}
		if ws[i].verb {
			cur.verb = true
		}
	}
	cur.end = len(ws)
	segs = append(segs, cur)
	// Verbless segments join a neighbour within the same hard clause: the
	// clause with a verb after them, or, at the end or in parentheses, the
	// one before them.
	type built struct {
		clause // in word indexes
		link   int
	}
	var out []built
	from, pending, pendingLink := 0, -1, linkNew
	contrast := -1 // the index in out of the last contrast clause
	for i, sg := range segs {
		inGroup := len(out) > 0 && out[len(out)-1].start >= segs[from].start
		switch {
		case sg.verb:
			start, link := sg.start, sg.link
			if pending >= 0 {
				start = pending
				if pendingLink == linkOpener {
					link = linkOpener
				}
			}
			out = append(out, built{clause{start: start, end: sg.end, verb: true}, link})
			pending = -1
		case sg.contrast && pending < 0:
			// ", pas un port TCP", "(not a log file)": the verb of the
			// clause before is understood, and the negation denies this
			// phrase only.
			out = append(out, built{clause{start: sg.start, end: sg.end, verb: true}, linkDependent})
			contrast = len(out) - 1
		case sg.paren && inGroup && pending < 0:
			out[len(out)-1].end = sg.end
		case pending < 0:
			pending, pendingLink = sg.start, sg.link
		}
		if sg.hardAfter || i == len(segs)-1 {
			if pending >= 0 {
				// "ce n'est pas le démon, mais le socket unix": after
				// "mais", the verb of the clause before is understood.
				elliptic := segs[from].opener && len(out) > 0
				if len(out) > 0 && out[len(out)-1].start >= segs[from].start && contrast != len(out)-1 {
					out[len(out)-1].end = sg.end
				} else {
					out = append(out, built{clause{start: pending, end: sg.end, verb: elliptic}, pendingLink})
				}
			}
			from, pending = i+1, -1
		}
	}
	// Denials, groups, and word indexes to offsets of the key.
	cs := make([]clause, len(out))
	group, front := 0, false
	for k, b := range out {
		c := b.clause
		c.denyFrom = denial(ws[c.start:c.end])
		switch {
		case k == 0:
			front = b.link == linkFronted
		case b.link == linkDependent || front:
			front = false
		default:
			group++
		}
		c.group = group
		c.start = ws[c.start].at
		if c.end < len(ws) {
			c.end = ws[c.end].at
		} else {
			last := ws[len(ws)-1]
			c.end = last.at + len(last.w)
		}
		cs[k] = c
	}
	// A circumstance says when the clause it hangs on holds: denied as a
	// whole, that clause denies it too. "Il ne fait rien quand on tape une
	// commande", "Quand un client se connecte, le socket ne fait rien"; but
	// in "Si un client se connecte alors que le démon ne tourne pas, ..."
	// the contrast is not what "si" hangs on.
	for k, b := range out {
		if !circumstances[ws[b.start].w] || cs[k].denyFrom >= 0 {
			continue
		}
		on := -1
		switch {
		case k == 0 && b.link == linkFronted && len(out) > 1 && out[1].link == linkNew:
			on = 1
		case k > 0 && b.link == linkDependent && (out[k-1].link == linkNew || out[k-1].link == linkOpener):
			on = k - 1
		}
		if on >= 0 && cs[on].group == cs[k].group && cs[on].denyFrom == cs[on].start {
			cs[k].denyFrom = cs[k].start
		}
	}
	return cs
}

// circumstances open a clause that says when the one it hangs on holds.
var circumstances = wordSet(`quand lorsque lorsqu si when whenever if`)

// linking reports whether a word that may open a clause stands at ws[i].
func linking(ws []word, i int) bool {
	return coordinators[ws[i].w] || subordinators[ws[i].w] || contrastAt(ws, i)
}
