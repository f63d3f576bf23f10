package checks

import (
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader/rubric"
)

// claimOf says how one sentence names name: "yes" asserted, "denied", or
// "listed" (named outside any clause with a verb), "" not at all.
func claimOf(text, name string) string {
	p := piece{text: text, ft: foldOffsets(text), src: func(i int) int { return i }}
	clauses := map[pieceKey][]clause{p.id(): p.clauses()}
	c := claimedBy(mentionsOf([]piece{p}, foldedNames(rubric.NamesOf(name))), clauses)
	switch {
	case c.ok:
		return "yes"
	case c.denied != nil:
		return "denied"
	case c.listed != nil:
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
		// A circumstance hangs on its clause: denied as a whole, that
		// clause denies it too.
		{"Il ne fait rien quand on tape une commande.", "quand on tape une commande", "denied"},
		{"Quand un client se connecte, docker.socket ne fait rien.", "client se connecte", "denied"},
		{"It does not do anything when a client connects.", "client connects", "denied"},
		{"C'est lui qui fait tout le travail quand on tape une commande.", "quand on tape une commande", "yes"},
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
		{"Pas de port TCP : le socket unix suffit.", "socket unix", "yes"},
		// No verb: a list of words.
		{"/var/run/docker.sock, socket activation, on demand.", "socket activation", "listed"},
		{"activation par socket", "activation par socket", "listed"},
		{"à la demande", "a la demande", "listed"},
		{"docker.socket : socket unix /var/run/docker.sock", "socket unix", "listed"},
		// A phrase interrupted by an adverb is the phrase.
		{"systemd relance automatiquement docker.service.", "relance docker.service", "yes"},
		{"Le démon est lancé automatiquement à la demande.", "lance a la demande", "yes"},
		{"systemd then automatically starts the daemon.", "starts the daemon", "yes"},
		{"systemd ne relance pas docker.service.", "relance docker.service", ""},
	}
	for _, c := range cases {
		if got := claimOf(c.text, c.name); got != c.want {
			p := piece{text: c.text, ft: foldOffsets(c.text)}
			t.Errorf("%q names %q: %q, want %q (clauses %+v of %q)", c.text, c.name, got, c.want, p.clauses(), p.ft.key)
		}
	}
}

// Real sentences hold a verb even when it is no word of the list, and
// code spans, numbers, paths and options do not cut them; lists of terms
// stay lists.
func TestSentencesAreNotListsOfWords(t *testing.T) {
	cases := []struct{ text, name, want string }{
		{"L'option `-p 8080:80` publie le port 80 du conteneur sur le port 8080 de l'hôte.", "publie", "yes"},
		{"L'option `-p 8080:80` publie le port 80 du conteneur sur le port 8080 de l'hôte.", "port 80", "yes"},
		{"The `-p 8080:80` option maps port 80 of the container to port 8080 on the host.", "port 8080", "yes"},
		{"Le Dockerfile copie `index.html` dans `/usr/share/nginx/html`.", "index.html", "yes"},
		{"La commande `docker ps -a` liste tous les conteneurs, même arrêtés.", "conteneurs", "yes"},
		{"Le volume `data` garde les fichiers dans /var/lib/docker/volumes/data/_data.", "/var/lib/docker/volumes", "yes"},
		{"`docker build -t web .` construit l'image à partir du Dockerfile en 3 étapes.", "dockerfile", "yes"},
		{"With `-v data:/data`, the files written in /data stay on the host after `docker rm`.", "on the host", "yes"},
		{"Docker 27.3.1 tourne sur un noyau 6.8 avec 2 CPUs et 3,8 Gio de mémoire.", "noyau", "yes"},
		{"`docker run -d` détache le conteneur du terminal.", "conteneur", "yes"},
		{"Each instruction of the Dockerfile adds a layer.", "layer", "yes"},
		{"Chaque instruction du Dockerfile ajoute une couche.", "couche", "yes"},
		{"The container listens on port 80 and `curl http://localhost:8080` reaches it.", "localhost:8080", "yes"},
		{"Le socket unix suffit.", "socket unix", "yes"},
		// Verbs of no list, known by the object that follows them.
		{"L'option `-v data:/data` rattache le volume data au conteneur.", "volume", "yes"},
		{"Le healthcheck interroge le serveur toutes les 30 s.", "serveur", "yes"},
		{"The `--restart=always` policy revives the container after a reboot.", "reboot", "yes"},
		{"systemd la relance", "relance", "yes"},
		// A mark inside a word cuts nothing: "8080:80", "3,8".
		{"Avec -p 8080:80 le conteneur ne publie pas le port 443.", "port 443", "denied"},
		// Lists of terms, whatever their punctuation.
		{"dockerd, containerd, runc, socket activation", "socket activation", "listed"},
		{"dockerd containerd runc socket activation", "socket activation", "listed"},
		{"socket unix, canal de communication, activation par socket à la demande", "activation par socket", "listed"},
		{"le socket unix, la communication entre le client et le démon, l'activation par socket", "activation par socket", "listed"},
		{"the Unix socket, the channel between the client and the daemon, socket activation on demand", "socket activation", "listed"},
		{"/var/run/docker.sock\nsocket activation\non demand", "on demand", "listed"},
		// Terms strung together with their articles: no verb among them.
		{"le socket unix le canal de communication l'activation par socket", "activation par socket", "listed"},
		{"the unix socket the communication channel the socket activation on demand", "socket activation", "listed"},
		{"le démon docker le client docker la commande systemctl", "client docker", "listed"},
		// A word of the verbs after an article is a noun.
		{"la liste des conteneurs, une copie de l'image", "conteneurs", "listed"},
		{"the points, the lists, the copies of the image", "image", "listed"},
	}
	for _, c := range cases {
		if got := claimOf(c.text, c.name); got != c.want {
			p := piece{text: c.text, ft: foldOffsets(c.text)}
			t.Errorf("%q names %q: %q, want %q (clauses %+v of %q)", c.text, c.name, got, c.want, p.clauses(), p.ft.key)
		}
	}
}

// groupsOf returns the clauses of a sentence, "|" between clauses and " / "
// between groups.
func groupsOf(text string) string {
	p := piece{text: text, ft: foldOffsets(text)}
	var b strings.Builder
	for i, c := range p.clauses() {
		if i > 0 {
			if c.group == p.clauses()[i-1].group {
				b.WriteString(" | ")
			} else {
				b.WriteString(" / ")
			}
		}
		b.WriteString(strings.TrimSpace(p.ft.key[c.start:c.end]))
	}
	return b.String()
}

// Clauses that hang on another stand or fall with it (a known wrong answer
// cancels the group); independent clauses stand apart.
func TestClauseGroups(t *testing.T) {
	cases := []struct{ text, want string }{
		// Independent: after ", et", "et" with a verb on both sides, "mais",
		// "alors que", "whereas", a comma and a new subject.
		{"Chaque instruction du Dockerfile ajoute une couche, et les couches sont modifiables par le conteneur qui les utilise.",
			"chaque instruction du dockerfile ajoute une couche / et les couches sont modifiables par le conteneur qui les utilise"},
		{"Un conteneur utilise le noyau de l'hôte et ne démarre aucun système d'exploitation complet.",
			"un conteneur utilise le noyau de l hote / et ne demarre aucun systeme d exploitation complet"},
		{"A container uses the host kernel and does not boot a full operating system.",
			"a container uses the host kernel / and does not boot a full operating system"},
		{"docker.socket is not a socket, it is a log file in /var/run/docker.sock",
			"docker.socket is not a socket / it is a log file in /var/run/docker.sock"},
		{"Une VM démarre son propre noyau, alors qu'un conteneur utilise celui de l'hôte.",
			"une vm demarre son propre noyau / alors qu un conteneur utilise celui de l hote"},
		{"The daemon is stopped but systemd starts it on demand.",
			"the daemon is stopped / but systemd starts it on demand"},
		{"A VM boots its own kernel whereas a container shares the host's.",
			"a vm boots its own kernel / whereas a container shares the host s"},
		// Hanging on the clause before: a relative after a comma, a cause, a
		// consequence, a parenthesis, a contrast phrase.
		{"Un conteneur est une machine virtuelle, qui utilise les namespaces.",
			"un conteneur est une machine virtuelle | qui utilise les namespaces"},
		{"Un conteneur est une machine virtuelle car il utilise les namespaces.",
			"un conteneur est une machine virtuelle | car il utilise les namespaces"},
		{"A container is a virtual machine because it uses namespaces.",
			"a container is a virtual machine | because it uses namespaces"},
		{"Le socket est un fichier de log (il contient les journaux du démon).",
			"le socket est un fichier de log | il contient les journaux du demon"},
		{"docker.socket crée le socket unix, pas un port TCP, et systemd l'écoute.",
			"docker.socket cree le socket unix | pas un port tcp / et systemd l ecoute"},
		// A subordinate that opens the sentence hangs on the clause after it.
		{"Quand un client se connecte, systemd démarre le démon.",
			"quand un client se connecte | systemd demarre le demon"},
		{"If a client connects, systemd starts the daemon, and the daemon runs the containers.",
			"if a client connects | systemd starts the daemon / and the daemon runs the containers"},
		// A relative without a comma is part of its clause; "et" without a
		// verb after it does not cut.
		{"Un conteneur est une machine virtuelle qui utilise les namespaces.",
			"un conteneur est une machine virtuelle qui utilise les namespaces"},
		{"Il ne gère pas les images et les volumes.", "il ne gere pas les images et les volumes"},
	}
	for _, c := range cases {
		if got := groupsOf(c.text); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.text, got, c.want)
		}
	}
}
