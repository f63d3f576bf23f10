package fold

import (
	"strings"
	"testing"
)

func TestKey(t *testing.T) {
	cases := map[string]string{
		"Données (Data)":          "donnees data",
		"  **Storage   Driver** ": "storage driver",
		"docker.service":          "docker.service",
		"/var/run/docker.sock.":   "/var/run/docker.sock",
		"json-file, local":        "json-file local",
		"À COMPLÉTER":             "a completer",
		"Cgroup_Driver":           "cgroup_driver",
		"- item -":                "item",
	}
	for in, want := range cases {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestContains(t *testing.T) {
	cases := []struct {
		hay, needle string
		want        bool
	}{
		{"the Docker socket is here", "socket", true},
		{"the Docker sockets are here", "socket", false},
		{"the Docker sockets are here", "socket*", true},
		{"Le démon dockerd gère les conteneurs.", "demon", true},
		{"Le démon dockerd gère les conteneurs.", "conteneurs", true},
		{"it listens on /var/run/docker.sock.", "/var/run/docker.sock", true},
		{"abc", "", false},
		{"unix socket", "unix socket", true},
		{"unixsocket", "unix socket", false},
	}
	for _, c := range cases {
		if got := Contains(c.hay, c.needle); got != c.want {
			t.Errorf("Contains(%q, %q) = %v, want %v", c.hay, c.needle, got, c.want)
		}
	}
}

func TestAccentsTableAgreesWithTheNormaliser(t *testing.T) {
	for r := rune(0x80); r < tableEnd; r++ {
		if got, want := Rune(r), strip(string(r)); got != want {
			t.Errorf("Rune(%q) = %q, the normaliser says %q", r, got, want)
		}
	}
	if got := Accents("Élève à l'hôpital, ŒUVRE, ǅ"); got != "Eleve a l'hopital, ŒUVRE, ǅ" && got != "Eleve a l'hopital, ŒUVRE, DZ" {
		t.Errorf("Accents = %q", got)
	}
}

func FuzzKeyIsIdempotent(f *testing.F) {
	for _, s := range []string{"Données (Data)", "/var/run/docker.sock.", "a./b", "x--y", "é́", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Errorf("Key(%q) = %q but Key of that is %q", s, k, Key(k))
		}
		if strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") || strings.Contains(k, "  ") {
			t.Errorf("Key(%q) = %q has stray spaces", s, k)
		}
	})
}
