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
		// Inside URLs and paths, as a reader sees them.
		{"curl http://localhost:8080/", "localhost:8080", true},
		{"ouvrir http://localhost:8080/api/v1 dans le navigateur", "localhost:8080", true},
		{"https://hub.docker.com/_/nginx", "hub.docker.com", true},
		{"it listens on /var/run/docker.sock.", "docker.sock", true},
		{"see /etc/docker/daemon.json", "daemon.json", true},
		{"http://localhost:80801/", "localhost:8080", false},
		{"http://mylocalhost:8080/", "localhost:8080", false},
		{"/var/run/docker.socket", "docker.sock", false},
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
		key, start, end := KeyOffsets(s)
		if key != k || len(start) != len(k) || len(end) != len(k) {
			t.Fatalf("KeyOffsets(%q) = %q with %d/%d offsets, Key = %q", s, key, len(start), len(end), k)
		}
		for i := range start {
			if start[i] < 0 || start[i] > end[i] || end[i] > len(s) || i > 0 && start[i] < start[i-1] {
				t.Fatalf("KeyOffsets(%q): byte %d maps to %d-%d", s, i, start[i], end[i])
			}
		}
	})
}

func TestKeyOffsetsPointAtTheSource(t *testing.T) {
	for _, s := range []string{
		"Données (Data)",
		"  **Storage   Driver** ",
		"/var/run/docker.sock.",
		"À COMPLÉTER: le démon dockerd",
		"a..b x./y /./x -.x a-./b",
		"e\u0301te\u0301 decomposed accents",
		"Cgroup_Driver, json-file; ___ --type=socket | grep",
		"Ünïcödé ÇA ŒUVRE naïve façade",
		"",
		"...",
		"日本語 テキスト 123",
	} {
		key, start, end := KeyOffsets(s)
		if key != Key(s) {
			t.Errorf("KeyOffsets(%q) = %q, Key = %q", s, key, Key(s))
		}
		if len(start) != len(key) || len(end) != len(key) {
			t.Fatalf("KeyOffsets(%q): %d starts, %d ends for a key of %d bytes", s, len(start), len(end), len(key))
		}
		for i, r := range key {
			if r == ' ' {
				if start[i] != end[i] {
					t.Errorf("%q: the space at %d maps to %d-%d", s, i, start[i], end[i])
				}
				continue
			}
			// The source of each key character folds to that character.
			if src := Key(s[start[i]:end[i]]); !strings.ContainsRune(src, r) && !strings.ContainsRune(s[start[i]:end[i]], r) {
				t.Errorf("%q: key %q at %d comes from %q", s, string(r), i, s[start[i]:end[i]])
			}
		}
	}
}

func TestShingles(t *testing.T) {
	a := Shingles(Key("Le Démon DOCKERD écoute"), 3)
	b := Shingles("le demon dockerd ecoute", 3)
	if len(a) != 2 || len(b) != 2 || a[0] != b[0] || a[1] != b[1] {
		t.Errorf("same words, different shingles: %v %v", a, b)
	}
	if a[0] == a[1] {
		t.Error("different runs, same shingle")
	}
	if Shingles("deux mots", 3) != nil || Shingles("a b c", 0) != nil {
		t.Error("shingles from too few words")
	}
}

func TestNameKeyIgnoresFunctionWords(t *testing.T) {
	same := [][2]string{
		{"Pilote de logs", "pilote logs"},
		{"Binaire d'init", "Binaire init"},
		{"Version de l'init", "version init"},
		{"Système de fichiers de base", "systeme fichiers base"},
		{"Version of the kernel", "Version kernel"},
		{"Nombre d’images", "nombre images"},
		{"Nb de conteneurs", "Nombre de conteneurs"},
		{"Nbr d'images", "Nombre d'images"},
		{"Nb CPU", "Nombre de CPU"},
	}
	for _, p := range same {
		if NameKey(p[0]) != NameKey(p[1]) {
			t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q: want equal", p[0], NameKey(p[0]), p[1], NameKey(p[1]))
		}
	}
	for _, p := range [][2]string{{"Driver de logs", "Pilote de logs"}, {"Init Binary", "init version"}, {"OS Type", "Type d'OS"}} {
		if NameKey(p[0]) == NameKey(p[1]) {
			t.Errorf("%q and %q fold to the same name %q", p[0], p[1], NameKey(p[0]))
		}
	}
	if got := NameKey("The"); got != "the" {
		t.Errorf("a name of function words only is kept: %q", got)
	}
	if got := NameKey("docker.socket"); got != "docker.socket" {
		t.Errorf("NameKey(docker.socket) = %q", got)
	}
}

// TestTableIsCurrent guards table.go, written by gentable.go: every entry is
// what the Unicode normaliser gives today, so a newer golang.org/x/text
// cannot make a report fold differently at start-up and at run time.
func TestTableIsCurrent(t *testing.T) {
	for r := rune(0); r < tableEnd; r++ {
		want := ""
		if r >= 0x80 {
			want = strip(string(r))
		}
		if table[r] != want {
			t.Errorf("table[%U] = %q, the normaliser gives %q: run go generate ./grader/fold", r, table[r], want)
		}
	}
	if got := Rune('É'); got != "E" {
		t.Errorf("Rune('É') = %q, want E", got)
	}
}
