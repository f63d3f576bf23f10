package similarity

import (
	"fmt"
	"strings"
	"testing"
)

func words(seed, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = fmt.Sprintf("w%d_%d", seed, i)
	}
	return strings.Join(w, " ")
}

func TestFindSimilar(t *testing.T) {
	template := "Expliquez le rôle de docker.socket et de docker.service avec vos propres mots, en détail."
	common := words(0, 40) // pasted output everyone has
	texts := map[string]string{}
	for i := 0; i < 30; i++ {
		texts[fmt.Sprintf("s%02d", i)] = template + "\n" + common + "\n" + words(i+1, 50)
	}
	copied := words(100, 60)
	texts["s03"] += "\n" + copied
	texts["s17"] += "\n" + copied
	// Keeping the template is not copying: s20 and s21 have nothing else.
	texts["s20"] = template + "\n" + common
	texts["s21"] = template + "\n" + common

	pairs := Find(texts, template, 0.5)
	if len(pairs) != 1 || pairs[0].A != "s03" || pairs[0].B != "s17" {
		t.Fatalf("pairs %+v, want s03/s17 only", pairs)
	}
	p := pairs[0]
	// 56 shared shingles of the copied text, over 46+56 = 102 each.
	if p.Shared != 56 || p.Overlap != 0.549 || p.Jaccard != 0.378 {
		t.Errorf("pair %+v", p)
	}
	if got := Find(texts, template, 0.6); len(got) != 0 {
		t.Errorf("threshold 0.6: %+v", got)
	}
	// Without the common-text filter the shared output would pair everyone:
	// with only three students, 40 shared words are not "common".
	few := map[string]string{"a": common + "\n" + words(1, 10), "b": common + "\n" + words(2, 10), "c": words(3, 50)}
	if got := Find(few, "", 0.5); len(got) != 1 || got[0].A != "a" || got[0].B != "b" {
		t.Errorf("three students: %+v", got)
	}
}

func TestShinglesFoldAndStayOnALine(t *testing.T) {
	a := shingles("Le Démon DOCKERD écoute sur le socket, toujours.")
	b := shingles("le demon dockerd ecoute sur le socket toujours")
	if len(a) != 4 || len(a) != len(b) {
		t.Fatalf("%d and %d shingles", len(a), len(b))
	}
	for h := range a {
		if _, ok := b[h]; !ok {
			t.Error("case, accents or punctuation changed a shingle")
		}
	}
	if n := len(shingles("un deux trois\nquatre cinq six")); n != 0 {
		t.Errorf("%d shingles across lines", n)
	}
}
