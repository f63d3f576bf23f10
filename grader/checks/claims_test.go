package checks

import (
	"testing"

	"github.com/tpgrade/tpgrade/grader/rubric"
)

// claimOf says how one sentence names name: "yes" asserted, "denied", or
// "listed" (named outside any clause with a verb), "" not at all.
func claimOf(text, name string) string {
	p := piece{text: text, ft: foldOffsets(text), src: func(i int) int { return i }}
	clauses := map[pieceKey][]clause{p.id(): p.clauses()}
	ok, denied, listed := claimed([]piece{p}, foldedNames(rubric.NamesOf(name)), clauses)
	switch {
	case ok:
		return "yes"
	case denied != nil:
		return "denied"
	case listed != nil:
		return "listed"
	}
	return ""
}

func TestClaims(t *testing.T) {
	cases := []struct{ text, name, want string }{
		{"docker.socket est le socket unix /var/run/docker.sock.", "socket unix", "yes"},
		{"Ce n'est PAS un socket unix, je ne sais pas.", "socket unix", "denied"},
		{"It is not a unix socket.", "unix socket", "denied"},
		{"It isn't a unix socket.", "unix socket", "denied"},
		{"Ce n'est pas le démon, mais le socket unix du démon.", "socket unix", "yes"},
		{"Il n'écoute pas sur le réseau, il écoute sur un socket unix.", "socket unix", "yes"},
		{"Le démon ne démarre que sur demande : activation par socket.", "activation par socket", "yes"},
		// Denials after the term, in French and English.
		{"L'activation par socket est désactivée.", "activation par socket", "denied"},
		{"socket activation is disabled.", "socket activation", "denied"},
		{"Le démon dockerd, docker.service ne le lance pas.", "dockerd", "denied"},
		{"Les conteneurs, les images, ce service ne les gère jamais.", "conteneurs", "denied"},
		{"Les requêtes du client, il ne les exécute plus.", "requetes", "denied"},
		{"Aucun conteneur n'est géré par lui.", "conteneur", "denied"},
		{"It no longer starts the daemon.", "starts the daemon", "denied"},
		// A past participle is no verb: the phrase before the comma is
		// what the clause after it denies.
		{"L'activation par socket est désactivée par défaut, et le démon démarré à la demande, ça n'arrive jamais avec systemd.", "a la demande", "denied"},
		{"Le démon lancé à la demande, docker.socket ne le fait pas.", "a la demande", "denied"},
		{"Le démon est démarré à la demande par systemd.", "a la demande", "yes"},
		{"systemd démarre le démon à la demande.", "a la demande", "yes"},
		{"Systemd crée le socket unix au démarrage.", "socket unix", "yes"},
		// Forward denials only deny what follows them.
		{"Le client passe par le réseau au lieu du socket unix.", "socket unix", "yes"},
		{"Le client passe par le réseau au lieu de passer par le socket unix.", "socket unix", "denied"},
		{"The client talks to Docker Hub instead of the daemon.", "daemon", "denied"},
		{"systemd starts it on demand rather than at boot.", "on demand", "yes"},
		{"Il démarre sans activation par socket.", "activation par socket", "denied"},
		// A clause that denies something else does not deny the term.
		{"Si un client se connecte alors que le démon ne tourne pas, systemd démarre le démon à la demande.", "a la demande", "yes"},
		{"if a client connects while the daemon is not running, systemd starts docker.service on demand (see below).", "on demand", "yes"},
		{"Systemd démarre le démon quand une commande arrive (activation par socket), comme ça dockerd n'a pas besoin de tourner.", "activation par socket", "yes"},
		// "ne ... que" restricts, it does not deny; "plus" alone is "more".
		{"La commande docker n'est qu'un client du démon.", "client", "yes"},
		{"En plus, systemd fait de l'activation par socket.", "activation par socket", "yes"},
		// A phrase that opens on a negation after a comma or in
		// parentheses denies itself, not the clause before it.
		{"docker.socket crée le socket unix /var/run/docker.sock, pas un port TCP.", "socket unix", "yes"},
		{"docker.socket crée le socket unix /var/run/docker.sock, pas un port TCP.", "port tcp", "denied"},
		{"Le socket /var/run/docker.sock est un fichier spécial (pas un fichier de log).", "docker.sock", "yes"},
		{"Le socket /var/run/docker.sock est un fichier spécial (pas un fichier de log).", "fichier de log", "denied"},
		{"It creates the Unix socket /var/run/docker.sock, not a TCP port, and systemd listens on it.", "unix socket", "yes"},
		{"It creates the Unix socket /var/run/docker.sock, not a TCP port, and systemd listens on it.", "tcp port", "denied"},
		{"Pas de port TCP : le socket unix suffit.", "socket unix", "listed"},
		// No verb: a list of words.
		{"/var/run/docker.sock, socket activation, on demand.", "socket activation", "listed"},
		{"activation par socket", "activation par socket", "listed"},
		{"à la demande", "a la demande", "listed"},
		{"docker.socket : socket unix /var/run/docker.sock", "socket unix", "listed"},
	}
	for _, c := range cases {
		if got := claimOf(c.text, c.name); got != c.want {
			p := piece{text: c.text, ft: foldOffsets(c.text)}
			t.Errorf("%q names %q: %q, want %q (clauses %+v of %q)", c.text, c.name, got, c.want, p.clauses(), p.ft.key)
		}
	}
}
