package fold

import (
	"strings"
	"testing"
)

// find returns the text of the first occurrence of needle (a name as a
// rubric writes it, "*" included) in hay, or "".
func find(hay, needle string) string {
	key := Key(hay)
	p := NewPhrase(Key(strings.TrimSuffix(needle, "*")), strings.HasSuffix(needle, "*"))
	i, j := p.Find(key, 0, HasInsertion(key))
	if i < 0 {
		return ""
	}
	return key[i:j]
}

func TestPhraseSkipsInsertions(t *testing.T) {
	cases := []struct{ hay, needle, want string }{
		// As written.
		{"systemd relance docker.service", "relance docker.service", "relance docker.service"},
		{"the Docker sockets are here", "socket*", "sockets"},
		// One or two adverbs or particles inside the phrase.
		{"systemd relance automatiquement docker.service.", "relance docker.service", "relance automatiquement docker.service"},
		{"Le démon est lancé automatiquement à la demande.", "lancé à la demande", "lance automatiquement a la demande"},
		{"Le démon est lancé alors automatiquement à la demande.", "lancé à la demande", "lance alors automatiquement a la demande"},
		{"systemd starts automatically the daemon", "starts the daemon", "starts automatically the daemon"},
		{"it starts then the daemon", "starts the daemon", "starts then the daemon"},
		{"Le client parle bien au démon", "parle au démon", "parle bien au demon"},
		{"les couches sont aussi partagées", "sont partagées", "sont aussi partagees"},
		{"les couches sont aussi partagées entre images", "sont partagée*", "sont aussi partagees"},
		// The earliest occurrence, interrupted or not.
		{"relance bien docker.service puis relance docker.service", "relance docker.service", "relance bien docker.service"},
		// Three insertions are too many; a noun, a negation or another
		// word is no insertion.
		{"relance alors aussi automatiquement docker.service", "relance docker.service", ""},
		{"relance le démon docker.service", "relance docker.service", ""},
		{"il ne relance pas docker.service", "relance docker.service", ""},
		{"it starts not the daemon", "starts the daemon", ""},
		{"it never starts, the daemon", "never the daemon", ""},
		// Words bounded as ever: an insertion does not join parts of words.
		{"relancer automatiquement docker.services", "relance docker.service", ""},
		{"xrelance automatiquement docker.service", "relance docker.service", ""},
		{"relance automatiquement /run/docker.service/", "relance docker.service", ""},
		{"lance automatiquement /run/docker.sock", "lance /run/docker.sock", "lance automatiquement /run/docker.sock"},
		// A single word is found as it is, never across other words.
		{"un socket", "socket", "socket"},
		{"sock et", "socket", ""},
		{"", "socket", ""},
	}
	for _, c := range cases {
		if got := find(c.hay, c.needle); got != c.want {
			t.Errorf("find(%q, %q) = %q, want %q", c.hay, c.needle, got, c.want)
		}
	}
}

// Every occurrence, from one word start to the next, as the checks list
// them.
func TestPhraseFindFrom(t *testing.T) {
	key := Key("relance bien docker.service, puis relance docker.service et relance vraiment docker.service")
	p := NewPhrase("relance docker.service", false)
	var got []string
	for from := 0; from < len(key); {
		i, j := p.Find(key, from, true)
		if i < 0 {
			break
		}
		got = append(got, key[i:j])
		from = j
	}
	want := "relance bien docker.service|relance docker.service|relance vraiment docker.service"
	if strings.Join(got, "|") != want {
		t.Errorf("occurrences %q, want %q", got, want)
	}
}

// A key without insertions holds only plain occurrences: told so, Find
// does not look for others.
func TestPhraseWithoutInsertions(t *testing.T) {
	p := NewPhrase("relance docker.service", false)
	for key, want := range map[string]bool{
		"systemd relance docker.service":                 false,
		"systemd relance automatiquement docker.service": true,
		"it starts then":                                 true,
		"":                                               false,
	} {
		if got := HasInsertion(key); got != want {
			t.Errorf("HasInsertion(%q) = %v, want %v", key, got, want)
		}
	}
	key := "relance automatiquement docker.service puis relance docker.service"
	if i, _ := p.Find(key, 0, false); i != strings.LastIndex(key, "relance") {
		t.Errorf("Find without insertions = %d, want the plain occurrence at %d", i, strings.LastIndex(key, "relance"))
	}
	if i, _ := p.Find(key, 0, true); i != 0 {
		t.Errorf("Find with insertions = %d, want 0", i)
	}
}

func TestInsertion(t *testing.T) {
	for w, want := range map[string]bool{
		"automatiquement": true, "directement": true, "automatically": true, "bien": true, "aussi": true,
		"alors": true, "also": true, "then": true,
		"pas": false, "plus": false, "not": false, "never": false, "jamais": false,
		"le": false, "demon": false, "ment": false, "fly": false, "socket": false,
	} {
		if got := Insertion(w); got != want {
			t.Errorf("Insertion(%q) = %v, want %v", w, got, want)
		}
	}
}

// FuzzPhrase: an occurrence is a range of the key that starts and ends on
// word boundaries, never after a plain occurrence, and a text that holds
// the phrase as written always yields one.
func FuzzPhrase(f *testing.F) {
	f.Add("systemd relance automatiquement docker.service", "relance docker.service")
	f.Add("lancé alors automatiquement à la demande", "lancé à la demande")
	f.Add("a a a a b", "a b*")
	f.Add("x", "x y")
	f.Fuzz(func(t *testing.T, hay, needle string) {
		key := Key(hay)
		p := NewPhrase(Key(strings.TrimSuffix(needle, "*")), strings.HasSuffix(needle, "*"))
		plain := IndexKey(key, p.key, p.prefix)
		i, j := p.Find(key, 0, true)
		if plain >= 0 && (i < 0 || i > plain) {
			t.Fatalf("Find(%q, %q) = %d, but it is at %d as written", key, p.key, i, plain)
		}
		if i < 0 {
			return
		}
		if j <= i || j > len(key) || i > 0 && key[i-1] != ' ' && key[i-1] != '/' || j < len(key) && key[j] != ' ' && key[j] != '/' && key[j] != '.' {
			t.Fatalf("Find(%q, %q) = [%d, %d): not a run of words", key, p.key, i, j)
		}
		if k, _ := p.Find(key, 0, false); k >= 0 && k != plain {
			t.Fatalf("Find without insertions = %d, plain occurrence at %d", k, plain)
		}
	})
}
