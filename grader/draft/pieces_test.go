package draft

import (
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// A command is asked for the way every student types it: the program, what
// it does, what it acts on.
func TestTypedAs(t *testing.T) {
	names := map[string]bool{"web": true, "donnees": true, "tp2-web": true}
	for line, want := range map[string]string{
		"docker run hello-world":                               "docker run hello-world",
		"sudo docker ps -a":                                    "docker ps -a",
		"docker run -d --name web -p 8080:80 nginx":            "docker run nginx",
		"docker stop web":                                      "docker stop",
		"docker build -t tp2-web:1.0 .":                        "docker build",
		"docker volume create donnees":                         "docker volume create",
		"sudo systemctl list-units --type=service | grep x":    "systemctl list-units --type=service",
		"curl -s http://localhost:8080/":                       "curl http://localhost:8080/",
		"docker run --rm -v donnees:/data alpine sh -c 'x'":    "docker run alpine",
		"DEBUG=1 docker compose up -d > log.txt":               "docker compose up -d",
		"kubectl get pods --all-namespaces && kubectl get svc": "kubectl get pods --all-namespaces",
	} {
		if got := typedAs(line, names); got != want {
			t.Errorf("typedAs(%q) = %q, want %q", line, got, want)
		}
	}
}

// The names a student chooses are the words two commands share as a value.
func TestChosenNames(t *testing.T) {
	doc := parseText(t, "```console\n$ docker run -d --name web nginx\n$ docker stop web\n$ docker volume create data\n$ docker volume inspect data\n$ docker run hello-world\n```\n")
	got := chosenNames(doc.Commands)
	for _, w := range []string{"web", "data"} {
		if !got[w] {
			t.Errorf("%q is not a chosen name: %v", w, got)
		}
	}
	for _, w := range []string{"hello-world", "nginx", "volume", "create", "inspect", "run"} {
		if got[w] {
			t.Errorf("%q is taken for a chosen name", w)
		}
	}
}

// A line of output is one any run prints: plain words, a whole short line
// rather than a log line, no ids, digits or dates.
func TestOutputLine(t *testing.T) {
	for out, want := range map[string]string{
		"Unable to find image 'hello-world:latest' locally\nlatest: Pulling from library/hello-world\n\nHello from Docker!\nThis message shows that your installation appears to be working correctly.": "Hello from Docker",
		"CONTAINER ID   IMAGE   COMMAND   CREATED   STATUS   PORTS   NAMES\n4f3a2b1c0d9e   hello-world   \"/hello\"   10 seconds ago   Exited (0)":                                                      "CONTAINER ID IMAGE COMMAND CREATED STATUS",
		"<!DOCTYPE html>\n<html>\n<title>Welcome to nginx!</title>":        "Welcome to nginx",
		"3c1f0e9a7b2d5f4e6a8c9b0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f": "",
		"web": "",
		"[+] Running 2/2\n ✔ Network tp2_default  Created": "",
	} {
		if got := outputLine(out); got != want {
			t.Errorf("outputLine(%.40q) = %q, want %q", out, got, want)
		}
	}
}

// A value's rules go from the most specific the model's value suggests to
// none; the first is the one the comment explains.
func TestRulesFor(t *testing.T) {
	names := map[string]bool{"donnees": true}
	for _, tc := range []struct{ key, value, want string }{
		{"Server Version", "27.3.1", `{version: '>= 27'}`},
		{"Docker Buildx", "v0.17.1", `{version: '>= 0.17'}`},
		{"Version de nginx", "1.27", `{version: '>= 1'}`},
		{"CPUs", "2", `{number: {min: 0, max: 20}}`},
		{"Containers", "0", `{number: {min: 0, max: 10}}`},
		{"Total Memory", "1.918 GiB", `{quantity: {units: [GiB, GB, Gio, Go]}}`},
		{"Taille", "48.3MB", `{quantity: {units: [MB, MiB, Mo, Mio]}}`},
		{"Storage Driver", "overlay2", `{one_of: [overlay2]}`},
		{"Debug Mode", "false", `{one_of: ["false"]}`},
		{"Runtimes", "io.containerd.runc.v2, runc", `{contains: [io.containerd.runc.v2, runc]}`},
		{"containerd", "57f17b0a6295a39009d861b89e3b3b87b005ca27", `{regex: '^[0-9a-f]{7,64}$', expected: {fr: un identifiant hexadécimal comme 57f17b0a6295, en: a hexadecimal id such as 57f17b0a6295}}`},
		{"Mountpoint", "/var/lib/docker/volumes/donnees/_data", ``},
		{"Operating System", "Ubuntu 22.04.4 LTS", ``},
	} {
		rules := rulesFor(tc.key, tc.value, names)
		got := ""
		if rules[0].node != nil {
			raw, err := encode(rules[0].node)
			if err != nil {
				t.Fatal(err)
			}
			got = strings.TrimSpace(string(raw))
		}
		if got != tc.want {
			t.Errorf("rulesFor(%q, %q) = %s, want %s", tc.key, tc.value, got, tc.want)
		}
		if last := rules[len(rules)-1]; last.node != nil {
			t.Errorf("rulesFor(%q, %q): no rule-less fallback", tc.key, tc.value)
		}
	}
	for _, v := range []string{"", "null", "2024-10-14T10:12:31+02:00", "https://example.org/x", "sha256:d211f485f2dd"} {
		if !volatile(v) {
			t.Errorf("%q is not taken for a value that changes every run", v)
		}
	}
}

// A heading names its part without its numbering.
func TestHeadingName(t *testing.T) {
	for heading, want := range map[string]string{
		"Partie 2 : conteneur et machine virtuelle": "conteneur et machine virtuelle",
		"1.2) Réseaux":                    "Réseaux",
		"Exercise 3 - Volumes":            "Volumes",
		"II. Images":                      "Images",
		"Partie 2":                        "Partie 2",
		"Docker Versions and Information": "Docker Versions and Information",
		"A propos":                        "A propos",
		"b) le port":                      "le port",
	} {
		if got := headingName(heading); got != want {
			t.Errorf("headingName(%q) = %q, want %q", heading, got, want)
		}
	}
}

// Points add up to the total exactly, in quarters, each criterion at least
// one; bonus criteria are not counted.
func TestSpread(t *testing.T) {
	for _, n := range []int{1, 3, 7, 25, 42, 90} {
		var cs []*criterion
		for i := 0; i < n; i++ {
			c := &criterion{kind: []string{"section", "fact", "command", "explanation"}[i%4], group: group(i % 4)}
			switch c.kind {
			case "fact":
				c.values = make([]*value, 1+i%5)
			case "command":
				for k := 0; k <= i%3; k++ {
					c.cmds = append(c.cmds, &shown{with: k == 0})
				}
			case "explanation":
				c.concepts = make([]*concept, 1+i%4)
			}
			cs = append(cs, c)
		}
		cs = append(cs, &criterion{kind: "command", bonus: true, cmds: []*shown{{}}})
		spread(cs)
		var sum rubric.Points
		for _, c := range cs[:n] {
			if c.points < rubric.Unit/4 || c.points%(rubric.Unit/4) != 0 {
				t.Errorf("%d criteria: %s points, not a positive number of quarters", n, c.points)
			}
			sum += c.points
		}
		if n <= 4*Total && sum != Total*rubric.Unit {
			t.Errorf("%d criteria add up to %s", n, sum)
		}
		if cs[n].points != rubric.Unit {
			t.Errorf("the bonus is %s", cs[n].points)
		}
	}
}

// Distinctive terms: what one section says and the others do not, not its
// subject, not a function or generic word.
func TestTermsAreDistinctive(t *testing.T) {
	doc := parseText(t, `# TP

## Le démon

Le démon dockerd gère les conteneurs et écoute les requêtes du client sur le socket.

## Le socket

Le socket /var/run/docker.sock est le canal de communication entre le client et le démon.

## Le client

Le client envoie les requêtes au démon : la commande docker est un client.
`)
	r := &reader{doc: doc, outline: readOutline(doc), prose: readProse(doc), names: map[string]bool{}}
	r.vocab = newVocabulary(proseList(r.prose), r.excluded())
	c := r.answer(doc.Sections[3], r.prose[doc.Sections[3]]) // Le socket
	if c == nil {
		t.Fatal("no answer for the socket")
	}
	var got []string
	for _, k := range c.concepts {
		got = append(got, k.term.text)
	}
	joined := strings.Join(got, "|")
	if !strings.Contains(joined, "/var/run/docker.sock") || !strings.Contains(joined, "canal de communication") {
		t.Errorf("concepts %q lack the socket's own terms", got)
	}
	for _, w := range got {
		switch strings.ToLower(w) {
		case "socket", "le", "est", "démon", "client", "commande":
			t.Errorf("concept %q: a subject, function, generic or shared word", w)
		}
	}
	_ = i18n.FR
}
