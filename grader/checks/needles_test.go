package checks

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader/fold"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// The needles of an expression are a quick test that must never hide a
// match: every text the expression matches holds them.
func TestNeedlesNeverHideAMatch(t *testing.T) {
	exprs := []string{
		`(docker\.service|ce service|le service|this service)\s*,?\s*(c['’]est|est|is|=)\s+(le\s+|the\s+)?containerd\s*($|[.,;:!()])`,
		`(fichier|file)\s+(de\s+|d['’])?(logs?|journal|journaux)\b|\blog\s+file\b`,
		`(client|cli|socket|docker)\s+(talks|parle)\s+(à|au|to)\s+(le\s+|the\s+)?(docker\s*)?(hub|registre|registry|internet)\b|\b(lien|link)\s+(vers|to)\s+(docker\s*)?(hub|internet)\b`,
		`(s['’]arrête|stops)\s+(après|after)\s+(chaque|each|every)\s+(commande|command)\b`,
		`^(extfs|ext[234]|xfs)\b`,
		`c[ -]?groups?`,
		`a|b`,
		`(?-i)Exited \(0\)`,
	}
	texts := []string{
		"docker.service c'est containerd, le programme", "Le service, est containerd.", "THIS SERVICE IS THE CONTAINERD",
		"c'est un fichier de logs", "un FICHIER D’JOURNAL", "a log file in /var/run", "le client parle au registre",
		"the CLI talks to the Docker Hub", "un lien vers internet", "il s’arrête après chaque commande", "extfs", "EXT4 (ext4)",
		"les cgroups v2", "c-group", "Exited (0) 3 minutes ago", "àéï", "",
	}
	// And every line of the fixtures, where some of them match.
	paths, _ := filepath.Glob("../../fixtures/docker-tp1/*.md")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(b), "\n")...)
	}
	matched := 0
	for _, src := range exprs {
		re := rubric.MustPattern(src).Regexp()
		for _, text := range texts {
			if re.MatchString(text) {
				matched++
				if !mayMatch(fold.Key(text), re) {
					t.Errorf("%q matches %q, but its needles %q say it cannot", src, text, needlesOf(re))
				}
			}
		}
	}
	if matched < 12 {
		t.Fatalf("only %d matches: the test checks nothing", matched)
	}
	// And they do filter: a sentence without the words is not matched.
	re := rubric.MustPattern(exprs[0]).Regexp()
	if mayMatch(fold.Key("dockerd gère les conteneurs et les images"), re) {
		t.Errorf("needles %q let through a sentence without containerd", needlesOf(re))
	}
}
