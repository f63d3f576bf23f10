package grader_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/tpgrade/tpgrade/grader"
)

// Speed and memory targets are read from these benchmarks, never from timed
// tests. Run them side by side, on a quiet machine, for instance:
//
//	go test -run '^$' -bench 'GradeExample|ParseGoldmarkGFM' -benchmem ./grader
//	go test -run '^$' -bench 'GradeShape' -benchtime 1x -benchmem ./grader
//
// Targets (issue 10): grading the example within 2x of BenchmarkParseGoldmarkGFM,
// every shape at 2 MiB in under 1 s and 200 MB.

func readExample(b *testing.B) []byte {
	b.Helper()
	raw, err := os.ReadFile(filepath.Join(fixtureDir, "example.md"))
	if err != nil {
		b.Fatal(err)
	}
	return raw
}

// BenchmarkGradeExample is parse + every check of the embedded default
// rubric on the bundled example, the rubric loaded once: what each report of
// a class set costs. Compare with BenchmarkParseGoldmarkGFM.
func BenchmarkGradeExample(b *testing.B) {
	r := loadDefault(b)
	raw := readExample(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		grader.GradeBytes("example.md", raw, r, grader.Options{})
	}
}

// BenchmarkParseGoldmarkGFM is the reference of BenchmarkGradeExample: bare
// goldmark with its GFM extension parsing the same file into its AST, what
// any Markdown tool pays before looking at a report. (Only package document
// uses goldmark; this benchmark imports it as a yardstick.)
func BenchmarkParseGoldmarkGFM(b *testing.B) {
	raw := readExample(b)
	md := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		md.Parse(text.NewReader(raw))
	}
}

// BenchmarkGrade1MiB grades a 1 MiB report made of the fixtures repeated:
// a long but ordinary report.
func BenchmarkGrade1MiB(b *testing.B) {
	r := loadDefault(b)
	paths, _ := filepath.Glob(filepath.Join(fixtureDir, "complete-*.md"))
	var buf bytes.Buffer
	for buf.Len() < 1<<20 {
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			buf.Write(data)
			buf.WriteString("\n\n")
		}
	}
	raw := buf.Bytes()[:1<<20]
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		rep, _ := grader.GradeBytes("big.md", raw, r, grader.Options{MaxBytes: 2 << 20})
		if !rep.Usable {
			b.Fatal("1 MiB report refused")
		}
	}
}

// sentences are what a student writes about the lab, with the keys, values,
// commands and concepts the default rubric looks for, so that every check
// has work on every shape.
var sentences = []string{
	"La commande `docker info` affiche Storage Driver: overlay2 et Logging Driver: json-file pour l'essai %d.",
	"Le démon dockerd écoute sur le socket Unix /var/run/docker.sock et exécute les requêtes du client (%d).",
	"Server Version 27.3.%d et Client Version 27.3.1 : le client et le serveur ont la même version.",
	"Containers: %d, Running: 0, Paused: 0, Stopped: 1 et Images: 2 selon docker info.",
	"systemd démarre docker.service au boot ; docker.socket active le démon quand un client se connecte (%d).",
	"On lance `sudo systemctl status docker` puis `systemctl list-units --type=socket | grep docker` (essai %d).",
	"Cgroup Driver: systemd, Cgroup Version: 2, Default Runtime: runc, Init Binary: docker-init, %d runtimes.",
	"Le noyau 6.8.0-%d-generic tourne sur Ubuntu 24.04 LTS, architecture x86_64, 4 CPUs et 7.6GiB de mémoire.",
}

// shapes write the worst forms a report of n bytes can take for the parser
// and the checks: a long line of prose is no problem, one block of it is.
var shapes = []struct {
	name  string
	write func(b *strings.Builder, i int)
	head  string
}{
	// One paragraph, no blank line: every sentence is in the same block.
	{"paragraph", func(b *strings.Builder, i int) {
		fmt.Fprintf(b, sentences[i%len(sentences)]+"\n", i)
	}, "# Rapport\n\n"},
	// One list of items, no blank line between them.
	{"list", func(b *strings.Builder, i int) {
		b.WriteString("- ")
		fmt.Fprintf(b, sentences[i%len(sentences)]+"\n", i)
	}, "# Rapport\n\n"},
	// A heading and a line under it, over and over.
	{"headings", func(b *strings.Builder, i int) {
		fmt.Fprintf(b, "%s Partie %d : docker info et docker.service\n", strings.Repeat("#", 2+i%3), i)
		fmt.Fprintf(b, sentences[i%len(sentences)]+"\n", i)
	}, "# Rapport\n\n"},
	// One table of 32 columns, a row of keys and values per sentence.
	{"table", func(b *strings.Builder, i int) {
		b.WriteString("|")
		for c := range 32 {
			switch c % 4 {
			case 0:
				fmt.Fprintf(b, " Storage Driver %d |", i)
			case 1:
				b.WriteString(" overlay2 |")
			case 2:
				fmt.Fprintf(b, " 27.3.%d |", i%10)
			default:
				b.WriteString(" `docker info` |")
			}
		}
		b.WriteString("\n")
	}, "# Rapport\n\n|" + strings.Repeat(" Clé | Valeur |", 16) + "\n|" + strings.Repeat("---|", 32) + "\n"},
}

// shape is a report of exactly size bytes in the given shape.
func shape(name string, size int) []byte {
	for _, s := range shapes {
		if s.name != name {
			continue
		}
		var b strings.Builder
		b.WriteString(s.head)
		for i := 0; b.Len() < size; i++ {
			s.write(&b, i)
		}
		return []byte(b.String()[:size])
	}
	panic("no shape " + name)
}

// BenchmarkGradeShape grades each worst shape at 1 and 2 MiB with the
// embedded rubric (run the slow ones with -benchtime 1x).
func BenchmarkGradeShape(b *testing.B) {
	r := loadDefault(b)
	for _, s := range shapes {
		for _, mib := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/%dMiB", s.name, mib), func(b *testing.B) {
				raw := shape(s.name, mib<<20)
				b.ReportAllocs()
				b.SetBytes(int64(len(raw)))
				for b.Loop() {
					rep, _ := grader.GradeBytes(s.name+".md", raw, r, grader.Options{MaxBytes: 4 << 20})
					if !rep.Usable {
						b.Fatalf("%s: %d MiB refused", s.name, mib)
					}
				}
			})
		}
	}
}
