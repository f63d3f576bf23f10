package checks

import "testing"

func TestNegatedMentionsEarnNothing(t *testing.T) {
	cases := []struct {
		text, name string
		want       bool
	}{
		{"docker.socket est le socket unix /var/run/docker.sock.", "socket unix", true},
		{"Ce n'est PAS un socket unix, je ne sais pas.", "socket unix", false},
		{"It is not a unix socket.", "unix socket", false},
		{"It isn't a unix socket.", "unix socket", false},
		{"Ce n'est pas le démon, mais le socket unix du démon.", "socket unix", true},
		{"Il n'écoute pas sur le réseau, il écoute sur un socket unix.", "socket unix", true},
		{"Le démon ne démarre que sur demande : activation par socket.", "activation par socket", true},
		{"Jamais de socket unix ici, that is a socket unix.", "socket unix", true},
	}
	for _, c := range cases {
		p := piece{text: c.text, ft: foldOffsets(c.text)}
		if got := p.hasAffirmed([]string{c.name}); got != c.want {
			t.Errorf("%q names %q: %v, want %v", c.text, c.name, got, c.want)
		}
	}
}
