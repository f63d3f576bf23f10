package checks

import (
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader/rubric"
)

func TestFindAllPointsAtTheOriginalText(t *testing.T) {
	s := "TODO : À compléter. Puis todo, et encore « à COMPLÉTER » ; todos non."
	ft := foldOffsets(s)
	got := func(needle string) []string {
		var out []string
		for _, r := range ft.findAll(foldedNameOf(rubric.Name{Text: needle})) {
			out = append(out, s[r[0]:r[1]])
		}
		return out
	}
	if g := got("todo"); len(g) != 2 || g[0] != "TODO" || g[1] != "todo" {
		t.Errorf("findAll(todo) = %q, want [TODO todo] (not todos)", g)
	}
	if g := got("à compléter"); len(g) != 2 || g[0] != "À compléter" || g[1] != "à COMPLÉTER" {
		t.Errorf("findAll(à compléter) = %q", g)
	}
	if g := got("todo*"); len(g) != 3 || g[2] != "todos" {
		t.Errorf("findAll(todo*) = %q, want the prefix to run to the end of the word", g)
	}
	if g := got("absent"); len(g) != 0 {
		t.Errorf("findAll(absent) = %q", g)
	}
}

func TestSentences(t *testing.T) {
	text := "It runs docker.service (v27.3.1). Does it? Yes! Then; after\n\nNew paragraph without end"
	var got []string
	for _, r := range sentences(text) {
		got = append(got, text[r[0]:r[1]])
	}
	want := []string{"It runs docker.service (v27.3.1).", "Does it?", "Yes!", "Then;", "after", "New paragraph without end"}
	if len(got) != len(want) {
		t.Fatalf("sentences = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sentence %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// An abbreviation's dot does not end a sentence.
func TestSentencesAbbreviations(t *testing.T) {
	text := "It runs the engine, i.e. the dockerd process. Le démon (c.-à-d. dockerd) gère tout, etc. et il écoute. Images, volumes, etc. The end."
	var got []string
	for _, r := range sentences(text) {
		got = append(got, text[r[0]:r[1]])
	}
	want := []string{"It runs the engine, i.e. the dockerd process.", "Le démon (c.-à-d. dockerd) gère tout, etc. et il écoute.", "Images, volumes, etc.", "The end."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

func TestCopySource(t *testing.T) {
	src := newCopySource("Expliquez le rôle de docker.socket. Quel est le rôle de docker.socket dans le démarrage du démon ?", "")
	cases := []struct {
		sentence string
		copied   bool
	}{
		{"Quel est le role de Docker.socket dans le demarrage du DEMON", true},
		{"QUEL EST LE RÔLE DE DOCKER.SOCKET DANS LE DÉMARRAGE DU DÉMON ? Il crée /run/docker.sock", false},
		{"Le rôle de docker.socket est de créer le socket Unix /run/docker.sock.", false},
		{"Le rôle de docker.socket", true}, // 4 words, every shingle copied
		{"Oui docker.socket", false},       // too short to be a copy
	}
	for _, c := range cases {
		if got := src.copied(foldOffsets(c.sentence).key); got != c.copied {
			t.Errorf("copied(%q) = %v, want %v", c.sentence, got, c.copied)
		}
	}
	if newCopySource("", "").copied("anything at all here") {
		t.Error("an empty source must copy nothing")
	}
}

// The student's words are data: quoted, they cannot break the message.
func TestStudentWordsAreQuotedSafely(t *testing.T) {
	for in, want := range map[string]string{
		"machine\nvirtuelle":             "machine virtuelle",
		"a\u202egnp.exe\x1b[31m b":       "agnp.exe [31m b",
		"  tab\tand\r\nreturn  ":         "tab and return",
		strings.Repeat("é", 100):         strings.Repeat("é", maxQuoted) + "…",
		"`code` **bold** « guillemets »": "`code` **bold** « guillemets »",
	} {
		if got := studentWords(in); got != want {
			t.Errorf("studentWords(%q) = %q, want %q", in, got, want)
		}
	}
}
