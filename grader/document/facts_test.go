package document

import (
	"fmt"
	"strings"
	"testing"
)

// facts renders facts as `origin key=value key@.. value@.. [context]`.
func facts(doc *Document, origin FactOrigin) []string {
	var out []string
	for _, f := range doc.Facts {
		if f.Origin != origin {
			continue
		}
		out = append(out, fmt.Sprintf("%s=%s %s %s %s", f.Key, f.Value, at(doc, f.KeySpan), at(doc, f.Span), strings.Join(f.Context, ">")))
	}
	return out
}

func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestTableFacts(t *testing.T) {
	src := "| **Storage Driver** | overlay2 |\n" + // 1
		"|---|---|\n" + // 2
		"| Backing Filesystem | extfs |\n" + // 3
		"\n" + // 4
		"| Client | Server |\n" + // 5
		"|---|---|\n" + // 6
		"| 27.3.1 | 27.4.0 |\n" + // 7
		"\n" + // 8
		"| Plugin | Version | Path |\n" + // 9
		"|---|---|---|\n" + // 10
		"| buildx | v0.17.1 | /usr/lib |\n" + // 11
		"| compose | v2.29.7 |\n" + // 12
		"|  | orphan |\n" + // 13
		"\n" + // 14
		"| seule colonne |\n" + // 15
		"|---|\n" + // 16
		"| valeur |\n" // 17
	doc := parse(t, src)
	sameLines(t, "table facts", facts(doc, FromTable), []string{
		// Vertical: every row, the header row too.
		"Storage Driver=overlay2 1:3-1:21 1:24-1:32 ",
		"Backing Filesystem=extfs 3:3-3:21 3:24-3:29 overlay2",
		// Horizontal: header cells over the values below them; with one row
		// under the header, the first header cell is a key too. Here that
		// reading is wrong (the header is data), but it comes after the
		// vertical one and its value is no storage driver.
		"Storage Driver=Backing Filesystem 1:3-1:21 3:3-3:21 ",
		"overlay2=extfs 1:24-1:32 3:24-3:29 Backing Filesystem",
		"Client=Server 5:3-5:9 5:12-5:18 ",
		"27.3.1=27.4.0 7:3-7:9 7:12-7:18 Server",
		"Client=27.3.1 5:3-5:9 7:3-7:9 ",
		"Server=27.4.0 5:12-5:18 7:12-7:18 27.3.1",
		"Plugin=Version 9:3-9:9 9:12-9:19 ",
		"Plugin=Path 9:3-9:9 9:22-9:26 ",
		"buildx=v0.17.1 11:3-11:9 11:12-11:19 Version",
		"buildx=/usr/lib 11:3-11:9 11:22-11:30 Path",
		"compose=v2.29.7 12:3-12:10 12:13-12:20 Version",
		"Version=v0.17.1 9:12-9:19 11:12-11:19 buildx",
		"Version=v2.29.7 9:12-9:19 12:13-12:20 compose",
		"Version=orphan 9:12-9:19 13:6-13:12 ",
		"Path=/usr/lib 9:22-9:26 11:22-11:30 buildx",
	})
	for _, f := range doc.Facts {
		if f.Table == nil || f.Section != doc.Root {
			t.Errorf("fact %q has no table or no section", f.Key)
		}
	}
}

func TestOutputFacts(t *testing.T) {
	src := "## Versions\n" + // 1
		"```console\n" + // 2
		"$ docker version\n" + // 3
		"Client: Docker Engine - Community\n" + // 4
		" Version:           27.3.1\n" + // 5
		" Built:             Fri Sep 20 11:41:00 2024\n" + // 6
		"\n" + // 7
		"Server: Docker Engine - Community\n" + // 8
		" Engine:\n" + // 9
		"  Version:          27.3.1\n" + // 10
		" containerd:\n" + // 11
		"  Version:          1.7.22\n" + // 12
		" Security Options:\n" + // 13
		"  seccomp\n" + // 14
		"   Profile: builtin\n" + // 15
		"user@vm:~$ docker --version\n" + // 16
		"Docker version 27.3.1, build ce12230\n" + // 17
		"Docker Compose version v2.29.7\n" + // 18
		"# a comment: not a fact\n" + // 19
		"  \"Driver\": \"overlay2\",\n" + // 20
		"services:\n" + // 21
		"  - image: nginx:1.27\n" + // 22
		"    ports: 80\n" + // 23
		"https://example.com/a:b\n" + // 24
		"this line is far too long to be a key: no\n" + // 25
		"```\n" // 26
	doc := parse(t, src)
	sameLines(t, "output facts", facts(doc, FromOutput), []string{
		"Client=Docker Engine - Community 4:1-4:7 4:9-4:34 ",
		"Version=27.3.1 5:2-5:9 5:21-5:27 Client",
		"Built=Fri Sep 20 11:41:00 2024 6:2-6:7 6:21-6:45 Client",
		"Server=Docker Engine - Community 8:1-8:7 8:9-8:34 ",
		"Version=27.3.1 10:3-10:10 10:21-10:27 Server>Engine",
		"Version=1.7.22 12:3-12:10 12:21-12:27 Server>containerd",
		"Profile=builtin 15:4-15:11 15:13-15:20 Server>Security Options>seccomp",
		"Security Options=seccomp 13:2-13:18 14:3-14:10 Server", // the list of lines under it
		"Docker version=27.3.1, build ce12230 17:1-17:15 17:16-17:37 ",
		"Docker Compose version=v2.29.7 18:1-18:23 18:24-18:31 ",
		"Driver=overlay2 20:4-20:10 20:14-20:22 ",
		"image=nginx:1.27 22:5-22:10 22:12-22:22 services",
		"ports=80 23:5-23:10 23:12-23:14 services", // a sibling of image in the list item
	})
	for _, f := range doc.Facts {
		if f.Section != doc.Sections[1] || f.Table != nil {
			t.Errorf("fact %q: section %q", f.Key, f.Section.Title)
		}
	}
}

func TestTextFacts(t *testing.T) {
	src := "- **Storage Driver**: overlay2\n" + // 1
		"- Pilote de journalisation : json-file\n" + // 2
		"- *Cgroup Driver:* systemd\n" + // 3
		"- Lien : https://docs.docker.com\n" + // 4
		"- https://example.com n'est pas une clé\n" + // 5
		"- une phrase bien trop longue pour être une clé : non\n" + // 6
		"- Vide :\n" + // 7
		"\n" + // 8
		"Kernel Version: 6.8.0\n" + // 9
		"OSType: linux\n" + // 10
		"Le démon dockerd\n" + // 11
		"et gère tout : les conteneurs.\n" + // 12
		"Ensuite : fin\n" // 13
	doc := parse(t, src)
	sameLines(t, "text facts", facts(doc, FromText), []string{
		"Storage Driver=overlay2 1:5-1:19 1:23-1:31 ",
		"Pilote de journalisation=json-file 2:3-2:27 2:30-2:39 ",
		"Cgroup Driver=systemd 3:4-3:17 3:20-3:27 ",
		"Lien=https://docs.docker.com 4:3-4:7 4:10-4:33 ",
		"Kernel Version=6.8.0 9:1-9:15 9:17-9:22 ",
		"OSType=linux 10:1-10:7 10:9-10:14 ",
		"Ensuite=fin 13:1-13:8 13:11-13:14 ",
	})
}

// A paragraph ending with a colon labels the list or the table just under
// it: its facts are in the label's context, and a list of short values
// without keys is the label's value.
func TestLabelledFacts(t *testing.T) {
	src := "Client:\n" + // 1
		"- Version: 26.1.4\n" + // 2
		"\n" + // 3
		"Server (Engine):\n" + // 4
		"- Version: 26.1.4\n" + // 5
		"\n" + // 6
		"**Security Options:**\n" + // 7
		"- apparmor\n" + // 8
		"- seccomp (Profile: builtin)\n" + // 9
		"\n" + // 10
		"Serveur :\n" + // 11
		"\n" + // 12
		"| | |\n" + // 13
		"|---|---|\n" + // 14
		"| Version | 25.0.3 |\n" + // 15
		"\n" + // 16
		"Voici ce que j'ai trouvé en lançant la commande plusieurs fois de suite :\n" + // 17
		"- Containers: 2\n" + // 18
		"\n" + // 19
		"Unités :\n" + // 20
		"- une phrase bien plus longue que quatre mots\n" + // 21
		"- docker.socket\n" + // 22
		"\n" + // 23
		"Sans deux-points\n" + // 24
		"- apparmor\n" // 25
	doc := parse(t, src)
	sameLines(t, "text facts", facts(doc, FromText), []string{
		"Version=26.1.4 2:3-2:10 2:12-2:18 Client",
		"Version=26.1.4 5:3-5:10 5:12-5:18 Server (Engine)",
		"Security Options=apparmor, seccomp (Profile: builtin) 7:3-7:19 8:3-9:29 ",
		// A lead too long to be a key gives no context.
		"Containers=2 18:3-18:13 18:15-18:16 ",
	})
	sameLines(t, "table facts", facts(doc, FromTable), []string{
		"Version=25.0.3 15:3-15:10 15:13-15:19 Serveur",
	})
	var lead *Block
	for _, b := range doc.Blocks {
		if b.Kind == ListItem && b.Text == "Containers: 2" {
			lead = b.Lead
		}
		if b.Kind == ListItem && strings.HasPrefix(b.Text, "apparmor") && b.Span.Start > len(src)-20 && b.Lead != nil {
			t.Errorf("a list under a paragraph without a colon has a lead: %q", b.Lead.Text)
		}
	}
	if lead == nil || !strings.HasPrefix(lead.Text, "Voici") {
		t.Errorf("the list under a sentence ending with a colon has no lead")
	}
}

// A remark in parentheses ending a key qualifies it: the key is compared
// without it.
func TestKeyRemark(t *testing.T) {
	src := "| Clé | Valeur |\n" + // 1
		"|---|---|\n" + // 2
		"| Nb de conteneurs (total) | 1 |\n" + // 3
		"| Version (client (CLI)) | 28.0.1 |\n" + // 4
		"| (total) | 2 |\n" // 5
	doc := parse(t, src)
	var got []string
	for _, f := range doc.Facts {
		if f.Origin == FromTable && f.Key != "Clé" {
			got = append(got, f.KeyFold+" | "+strings.Join(f.Context, ">"))
		}
	}
	sameLines(t, "folded keys", got[:3], []string{
		"nombre conteneurs | Valeur>total",
		"version | Valeur>client (CLI)",
		"total | Valeur",
	})
}

func TestFactsOfTheReferenceReport(t *testing.T) {
	doc := parse(t, string(readExample(t)))
	find := func(key, value string) *Fact {
		for _, f := range doc.Facts {
			if f.Key == key && f.Value == value {
				return f
			}
		}
		t.Errorf("no fact %s = %s", key, value)
		return nil
	}
	if f := find("Storage Driver", "overlay2"); f != nil && (f.Section.Title != "Storage Driver" || at(doc, f.KeySpan) != "35:3-35:21") {
		t.Errorf("Storage Driver fact in %q at %s", f.Section.Title, at(doc, f.KeySpan))
	}
	if f := find("Registry", "127.0.0.0/8"); f != nil && f.Table.Source != RecoveredTable {
		t.Errorf("the registry row should come from a recovered table")
	}
	if f := find("Docker Engine", "27.3.1"); f != nil && strings.Join(f.Context, ",") != "Version" {
		t.Errorf("Docker Engine context %q", f.Context)
	}
	if f := find("Version", "27.3.1"); f != nil && strings.Join(f.Context, ",") != "Docker Engine" {
		t.Errorf("Version context %q", f.Context)
	}
	find("Running", "0")
	find("Total Memory", "1.918 GiB")
	find("seccomp", "Profile: builtin")
}

// docker info prints some values as a list of lines under their key.
func TestOutputListFacts(t *testing.T) {
	md := "# Infos\n\n```\nServer:\n Security Options:\n  apparmor\n  seccomp\n   Profile: builtin\n  cgroupns\n" +
		" Kernel Version: 6.8.0\n Insecure Registries:\n  127.0.0.0/8\n Live Restore Enabled: false\n```\n"
	doc := parse(t, md)
	want := map[string]string{
		"Security Options":    "apparmor, seccomp, cgroupns @6:3-9:11",
		"Insecure Registries": "127.0.0.0/8 @12:3-12:14",
		"Profile":             "builtin @8:13-8:20",
		"Kernel Version":      "6.8.0 @10:18-10:23",
	}
	got := map[string]string{}
	for _, f := range doc.Facts {
		p, e := doc.Pos(f.Span.Start), doc.Pos(f.Span.End)
		got[f.Key] = fmt.Sprintf("%s @%d:%d-%d:%d", f.Value, p.Line, p.Col, e.Line, e.Col)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
	if _, ok := got["Server"]; ok {
		t.Errorf("Server, whose lines all have values, became a list: %q", got["Server"])
	}
}

// A row that pairs keys and values with " / " is a fact per pair too; a
// later key of one word shares the first key's head.
func TestPairedTableFacts(t *testing.T) {
	src := "| What | Value |\n" + // 1
		"|---|---|\n" + // 2
		"| Cgroup Driver / Version | systemd / 2 |\n" + // 3
		"| OS/Arch | linux/amd64 |\n" + // 4
		"| CPUs / Total Memory | 8 / 15.31GiB |\n" + // 5
		"| A / B | only one |\n" // 6
	doc := parse(t, src)
	var got []string
	for _, f := range doc.Facts {
		if f.Origin == FromTable && f.Key != "What" && f.Key != "Value" && !strings.HasPrefix(f.Value, "What") {
			got = append(got, fmt.Sprintf("%s=%s %s", f.Key, f.Value, at(doc, f.Span)))
		}
	}
	sameLines(t, "paired facts", got[:8], []string{
		"Cgroup Driver / Version=systemd / 2 3:29-3:40",
		"Cgroup Driver=systemd 3:29-3:36",
		"Cgroup Version=2 3:39-3:40",
		"OS/Arch=linux/amd64 4:13-4:24",
		"CPUs / Total Memory=8 / 15.31GiB 5:25-5:37",
		"CPUs=8 5:25-5:26",
		"Total Memory=15.31GiB 5:29-5:37",
		"A / B=only one 6:11-6:19",
	})
}
