package checks

import "testing"

// A denial covers its own clause: a clause that starts after it, at "et",
// "and", "mais", "car", ";", ", alors que", "while", "but", "whereas"...,
// is not denied; what the same clause names is.
func TestDenialsStopAtTheirClause(t *testing.T) {
	cases := []struct{ text, name, want string }{
		// "et", "and" with a verb on both sides: a new clause.
		{"Un conteneur utilise le noyau de l'hôte et ne démarre aucun système d'exploitation complet.", "noyau de l'hôte", "yes"},
		{"Un conteneur utilise le noyau de l'hôte et ne démarre aucun système d'exploitation complet.", "système d'exploitation", "denied"},
		{"A container uses the host kernel and does not boot a full operating system.", "host kernel", "yes"},
		{"A container uses the host kernel and does not boot a full operating system.", "operating system", "denied"},
		{"Un conteneur n'a pas de noyau à lui et il utilise le noyau de l'hôte.", "noyau de l'hôte", "yes"},
		{"It doesn't boot a kernel and it uses the host kernel.", "host kernel", "yes"},
		// "ou", "or" likewise.
		{"Le démon ne tourne pas ou systemd le démarre à la demande.", "a la demande", "yes"},
		// "mais", "but", "whereas", "while", "alors que", "tandis que".
		{"Le démon ne tourne pas en permanence mais systemd le lance à la demande.", "a la demande", "yes"},
		{"The daemon is not always running but systemd starts it on demand.", "on demand", "yes"},
		{"A VM does not share the host kernel, whereas a container uses the host kernel.", "host kernel", "yes"},
		{"The daemon is not running while the socket listens on /run/docker.sock.", "/run/docker.sock", "yes"},
		{"Une VM ne partage pas le noyau, alors qu'un conteneur utilise le noyau de l'hôte.", "noyau de l'hôte", "yes"},
		{"Une VM ne partage pas le noyau tandis qu'un conteneur utilise le noyau de l'hôte.", "noyau de l'hôte", "yes"},
		// "car", "parce que", "because", "quand", "donc": a subordinate
		// clause with a verb of its own.
		{"Le démon ne tourne pas tout le temps car systemd le lance à la demande.", "a la demande", "yes"},
		{"Le démon ne tourne pas tout le temps parce que systemd le lance à la demande.", "a la demande", "yes"},
		{"The daemon is not always running because systemd starts it on demand.", "on demand", "yes"},
		{"Le démon n'est pas lancé au démarrage donc systemd le lance à la demande.", "a la demande", "yes"},
		{"systemd démarre le démon à la demande quand le client ne le trouve pas.", "a la demande", "yes"},
		{"systemd starts the daemon on demand when it is not running.", "on demand", "yes"},
		// ";" and a comma before a new subject.
		{"Il n'écoute pas sur un port TCP ; il écoute sur le socket unix.", "socket unix", "yes"},
		{"It does not listen on a TCP port, it listens on the Unix socket.", "unix socket", "yes"},
		// The same clause: denied, before or after the term.
		{"Il ne gère pas les images et les volumes.", "volumes", "denied"},
		{"It does not manage images and volumes.", "volumes", "denied"},
		{"Le client et le démon ne communiquent pas par TCP.", "client", "denied"},
		{"The client and the daemon never talk over TCP.", "client", "denied"},
		{"Il ne crée ni le socket ni le démon.", "socket", "denied"},
		{"Un conteneur ne démarre aucun système d'exploitation et aucun noyau.", "noyau", "denied"},
		{"Il ne lance pas le démon car le socket est fermé.", "demon", "denied"},
		{"It does not start the daemon because the socket is closed.", "daemon", "denied"},
		// A verb that shares the auxiliary of the one before shares its
		// negation; a negated auxiliary after "and" is a clause of its own.
		{"It does not create and manage virtual machines.", "virtual machines", "denied"},
		{"It does not build and tag the image.", "image", "denied"},
		{"Il ne peut pas lancer et arrêter les conteneurs.", "conteneurs", "denied"},
		{"Containers share the host kernel and don't need a full OS.", "host kernel", "yes"},
		{"Containers share the host kernel and don't need a full OS.", "full os", "denied"},
		{"It does not listen on a TCP port and uses the Unix socket.", "unix socket", "yes"},
		// A restrictive relative shares its clause's denial.
		{"Un conteneur n'est pas une machine virtuelle qui démarre son propre noyau.", "son propre noyau", "denied"},
		{"A container is not a virtual machine that boots its own kernel.", "its own kernel", "denied"},
		// "mais" alone keeps the verb of the clause before.
		{"Ce n'est pas le démon, mais le socket unix du démon.", "socket unix", "yes"},
		{"It does not listen on a TCP port but on the Unix socket.", "unix socket", "yes"},
	}
	for _, c := range cases {
		if got := claimOf(c.text, c.name); got != c.want {
			p := piece{text: c.text, ft: foldOffsets(c.text)}
			t.Errorf("%q names %q: %q, want %q (clauses %+v of %q)", c.text, c.name, got, c.want, p.clauses(), p.ft.key)
		}
	}
}
