package document

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func readExample(tb testing.TB) []byte {
	tb.Helper()
	raw, err := os.ReadFile("testdata/premier-tp-docker-report.md")
	if err != nil {
		tb.Fatal(err)
	}
	return raw
}

// generatedReport writes a realistic report of about size bytes: headings,
// French prose, key/value and transposed tables, a row with no delimiter,
// pasted `docker info` output, lists and code spans, numbered so that no two
// parts are the same.
func generatedReport(size int) []byte {
	var b strings.Builder
	b.WriteString("# Rapport de TP Docker\n\nPour créer le fork : https://classroom.github.com/a/bsumLYBx\n\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "## Partie %d : versions et informations\n\n", i)
		fmt.Fprintf(&b, "La commande `docker info` (essai n°%d) affiche la configuration du démon : les **conteneurs**, les _images_, les volumes et le [pilote de stockage](https://docs.docker.com/storage/).\n", i)
		b.WriteString("Le démon `dockerd` écoute sur la socket `/var/run/docker.sock`.\n\n")
		fmt.Fprintf(&b, "| **Composant** | **Version** |\n|---|---|\n| Docker Engine | 27.3.%d |\n| Context | default |\n| Debug Mode | false |\n\n", i%10)
		fmt.Fprintf(&b, "| Client | Server |\n|---|---|\n| 27.3.%d | 27.3.%d |\n\n", i%10, i%10)
		fmt.Fprintf(&b, "### Registres %d\n| **Registry** | 127.0.0.0/8 |\n\n", i)
		b.WriteString("- **Storage Driver**: overlay2\n- Pilote de journalisation : json-file\n  - imbriqué : `systemd`\n\n")
		fmt.Fprintf(&b, "```console\n$ docker info\nClient: Docker Engine - Community\n Version:    27.3.%d\n Context:    default\n\nServer:\n Containers: %d\n  Running: 0\n  Paused: 0\n  Stopped: %d\n Storage Driver: overlay2\n  Backing Filesystem: extfs\n Security Options:\n  seccomp\n   Profile: builtin\n```\n\n", i%10, i, i)
		b.WriteString("> Remarque : le service `docker.service` démarre le démon au boot.\n\n")
	}
	return []byte(b.String())
}

func BenchmarkParseExample(b *testing.B) {
	raw := readExample(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := Parse("report.md", raw, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse1MiB(b *testing.B) {
	raw := generatedReport(1 << 20)
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := Parse("report.md", raw, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
