package checks

// Denials: what a clause says is not so. A clause denies what it names
// when it holds a negation (pas, jamais, aucun, désactivé, not, never,
// disabled...), before or after the term: "L'activation par socket est
// désactivée", "it no longer starts the daemon". Its scope is the clause
// (claims.go cuts sentences into clauses): "Un conteneur utilise le noyau de
// l'hôte et ne démarre aucun système" denies the system, not the kernel.
//
//   - "sans", "au lieu de", "plutôt que", "without", "instead of" and
//     "rather than" deny what follows them only;
//   - a verbless phrase that opens on "pas", "not", "jamais" or "never"
//     after a comma or in parentheses (", pas un port TCP", "(not a log
//     file)") is a clause of its own: it denies itself, not the clause
//     before it;
//   - "plus", "rien" and "personne" deny only after "ne": "plus" alone is
//     "more"; "ne ... que" restricts, it does not deny.

// negators deny the whole clause they are in.
var negators = wordSet(`
pas jamais aucun aucune nullement guere non ni desactive desactivee desactives desactivees inactif inactive
not never no none neither nor cannot disabled isn doesn don aren wasn weren didn won hasn haven shouldn
couldn wouldn`)

// contrasts open a verbless phrase that denies itself only, after a comma
// or a parenthesis: "c'est le socket unix, pas un port TCP".
var contrasts = wordSet(`pas not jamais never`)

// afterNe are negators only when "ne" (or n') came before them in the
// clause: "plus" alone is "more".
var afterNe = wordSet(`plus rien personne`)

// forwardNegator returns how many words long the negator that starts at
// ws[i] is, when it denies only what follows it ("sans", "au lieu de"),
// or 0.
func forwardNegator(ws []word, i int) int {
	next := func(k int) string {
		if i+k < len(ws) {
			return ws[i+k].w
		}
		return ""
	}
	switch w := ws[i].w; {
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

// denial returns the offset of the key from which a clause, its words ws,
// denies what it names: its start for a negation anywhere in it, the word
// of a forward negator ("sans", "instead of"), or -1.
func denial(ws []word) int {
	ne := false
	from := -1
	for i, w := range ws {
		switch {
		case negators[w.w], ne && afterNe[w.w], w.w == "t" && i > 0 && (ws[i-1].w == "can" || ws[i-1].w == "don" || ws[i-1].w == "won"):
			return ws[0].at
		case w.w == "ne" || w.w == "n":
			ne = true
		}
		if from < 0 && forwardNegator(ws, i) > 0 {
			from = w.at
		}
	}
	return from
}
