package checks

import (
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// reportOf parses a Markdown report the way the engine does.
func reportOf(t *testing.T, md string) *document.Document {
	t.Helper()
	doc, err := document.Parse("report.md", []byte(md), document.Options{})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return doc
}

// explanationOf decodes an explanation criterion's keys from YAML and
// validates them, as the loader does.
func explanationOf(t testing.TB, src string) *Explanation {
	t.Helper()
	e := new(Explanation)
	if err := yaml.Unmarshal([]byte(src), e); err != nil {
		t.Fatalf("decoding %s: %v", src, err)
	}
	if err := e.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	return e
}

// seen is a finding as a student reads it: line, severity, English message.
type seen struct {
	line int
	sev  rubric.Severity
	msg  string
	hint string
}

func findingsOf(doc *document.Document, out rubric.Outcome) []seen {
	var fs []seen
	for _, f := range out.Findings {
		fs = append(fs, seen{doc.Pos(f.Span.Start).Line, f.Severity, f.Message.EN, f.Hint.In(i18n.EN)})
	}
	return fs
}

// find returns the first finding of severity sev whose message holds text.
func find(fs []seen, sev rubric.Severity, text string) (seen, bool) {
	for _, f := range fs {
		if f.sev == sev && strings.Contains(f.msg, text) {
			return f, true
		}
	}
	return seen{}, false
}

const serviceRubric = `
subject: [docker.service, service docker]
command: "systemctl list-units --type=service"
concepts:
  - name: the daemon dockerd
    any: [dockerd, daemon, démon]
    weight: 2
  - name: what it manages
    any: [containers, conteneurs, images]
  - name: executes the commands
    any: [execute*, exécute*, runs commands]
min_words: 15
`

const socketRubric = `
subject: [docker.socket, socket docker]
command: "systemctl list-units --type=socket"
concepts:
  - name: Unix socket
    any: [/var/run/docker.sock, /run/docker.sock, docker.sock, socket unix, unix socket]
    weight: 2
    hint: Which file is this socket?
  - name: socket activation
    any: [socket activation, activation par socket, démarre le démon, starts the daemon, à la demande, on demand]
min_words: 15
`

func TestExplanationReferenceReport(t *testing.T) {
	raw, err := os.ReadFile("testdata/premier-tp-docker-report.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := reportOf(t, string(raw))
	env := &rubric.Env{}

	service := gradeExp(explanationOf(t, serviceRubric), doc, env)
	if service.Met != 6 || service.Of != 6 {
		t.Errorf("docker.service: %d/%d, want 6/6; findings %+v", service.Met, service.Of, findingsOf(doc, service))
	}
	if f, ok := find(findingsOf(doc, service), rubric.Info, "credited"); !ok || f.line != 103 {
		t.Errorf("docker.service should be read from line 103 (its section), got %+v", findingsOf(doc, service))
	}

	socket := gradeExp(explanationOf(t, socketRubric), doc, env)
	fs := findingsOf(doc, socket)
	// The command (1) only: no socket file, no activation, and length alone
	// (a sentence naming no idea the rubric asks for) is filler.
	if socket.Met != 1 || socket.Of != 5 {
		t.Errorf("docker.socket: %d/%d, want 1/5; findings %+v", socket.Met, socket.Of, fs)
	}
	f, ok := find(fs, rubric.Error, "Unix socket")
	if !ok || f.line != 109 || f.hint != "Which file is this socket?" {
		t.Errorf("missing Unix socket should be an error at line 109 with the teacher's hint, got %+v", fs)
	}
	if _, ok := find(fs, rubric.Error, "socket activation"); !ok {
		t.Errorf("missing socket activation not reported: %+v", fs)
	}
	if _, ok := find(fs, rubric.Error, "systemctl"); ok {
		t.Errorf("the socket's command is shown at line 109, yet reported missing: %+v", fs)
	}
	// The service's daemon and commands must not leak into the socket's
	// answer, nor the reverse ("To see the docker service" in the socket part).
	if _, ok := find(fs, rubric.Info, "dockerd"); ok {
		t.Errorf("the socket was credited with the service's text: %+v", fs)
	}
}

func TestExplanationInFrench(t *testing.T) {
	doc := reportOf(t, `# Services et sockets

## Le service Docker

Le service docker.service lance le démon dockerd, qui gère les conteneurs et exécute les commandes du client.

`+"```console\n$ sudo systemctl list-units --type service\n  docker.service loaded active running Docker Application Container Engine\n```"+`

## Le socket Docker

Le socket docker.socket crée le socket UNIX `+"`/run/docker.sock`"+` ; grâce à l'activation par socket, systemd DEMARRE LE DEMON a la demande, quand un client s'y connecte pour la première fois.

`+"```\n$ systemctl list-units --type=socket\n```\n")
	env := &rubric.Env{}
	for name, src := range map[string]string{"service": serviceRubric, "socket": socketRubric} {
		out := gradeExp(explanationOf(t, src), doc, env)
		if out.Met != out.Of {
			t.Errorf("%s: %d/%d, want all; findings %+v", name, out.Met, out.Of, findingsOf(doc, out))
		}
	}
}

func TestExplanationShallowAnswerMissingCommand(t *testing.T) {
	doc := reportOf(t, `# TP

## docker.socket

C'est le socket de Docker.
`)
	out := gradeExp(explanationOf(t, socketRubric), doc, &rubric.Env{})
	fs := findingsOf(doc, out)
	if out.Met != 0 || out.Of != 5 {
		t.Errorf("shallow answer: %d/%d, want 0/5; %+v", out.Met, out.Of, fs)
	}
	for _, want := range []string{"`systemctl list-units --type=socket` is not shown", "Unix socket", "socket activation", "is 6 words of your own, at least 15"} {
		f, ok := find(fs, rubric.Error, want)
		if !ok {
			t.Errorf("no error %q in %+v", want, fs)
		} else if f.line != 5 {
			t.Errorf("error %q at line %d, want 5 (the answer's start)", want, f.line)
		}
	}
}

func TestExplanationCommandAsPlainText(t *testing.T) {
	doc := reportOf(t, `## Docker socket

On lance sudo systemctl list-units --type=socket pour voir le socket unix, qui démarre le démon à la demande quand on l'appelle.
`)
	out := gradeExp(explanationOf(t, socketRubric), doc, &rubric.Env{})
	fs := findingsOf(doc, out)
	if out.Met != 4 {
		t.Errorf("%d/%d, want 4/5 (all but the command); %+v", out.Met, out.Of, fs)
	}
	if _, ok := find(fs, rubric.Error, "written as plain text"); !ok {
		t.Errorf("a command typed as text should be pointed at: %+v", fs)
	}
}

const assignment = `Partie 2. Pour chaque unité systemd, expliquez son rôle.
Question 3. Quel est le rôle de docker.socket ?
Question 4. Quel est le rôle de docker.service ?
Rappel : docker.socket est un socket Unix qui démarre le démon à la demande.`

func TestExplanationCopiedFromTheAssignment(t *testing.T) {
	doc := reportOf(t, `# Rapport

**Question 3.** Quel est le rôle de docker.socket ?

Docker.socket est un socket UNIX qui démarre le demon a la demande.
On le voit avec `+"`systemctl list-units --type=socket`"+`.

**Question 4.** Quel est le rôle de docker.service ?

Il lance dockerd. Le fichier /var/run/docker.sock est créé par systemd et le socket unix démarre le démon à la demande si besoin.
`)
	e := explanationOf(t, socketRubric+"question: Quel est le rôle de docker.socket ?\n")
	out := gradeExp(e, doc, &rubric.Env{Assignment: assignment})
	fs := findingsOf(doc, out)
	// The copied sentence earns neither concept; question 4's answer is
	// not read as question 3's. Only the command is met.
	if out.Met != 1 {
		t.Errorf("%d/%d, want 1/5 (the command only); %+v", out.Met, out.Of, fs)
	}
	f, ok := find(fs, rubric.Warning, "repeats the assignment")
	if !ok || f.line != 5 {
		t.Errorf("the copied sentence should be warned about at line 5: %+v", fs)
	}
	if _, ok := find(fs, rubric.Warning, "lance dockerd"); ok {
		t.Errorf("unexpected: %+v", fs)
	}
	for _, w := range out.Findings {
		if w.Severity == rubric.Warning {
			if got := string(doc.Text[w.Span.Start:w.Span.End]); !strings.HasPrefix(got, "Docker.socket est un socket UNIX") || !strings.HasSuffix(got, "demande.") {
				t.Errorf("the warning should cover the copied sentence exactly, covers %q", got)
			}
		}
	}
}

func TestExplanationOnlyTheQuestion(t *testing.T) {
	doc := reportOf(t, `## Docker socket

Quel est le rôle de docker.socket ?
`)
	e := explanationOf(t, socketRubric)
	out := gradeExp(e, doc, &rubric.Env{Assignment: assignment})
	fs := findingsOf(doc, out)
	if out.Met != 0 {
		t.Errorf("%d/%d, want 0; %+v", out.Met, out.Of, fs)
	}
	if _, ok := find(fs, rubric.Error, "only repeats the assignment"); !ok {
		t.Errorf("%+v", fs)
	}
}

func TestExplanationNoAnswer(t *testing.T) {
	doc := reportOf(t, "# Rapport\n\nRien sur le sujet.\n")
	out := gradeExp(explanationOf(t, socketRubric), doc, &rubric.Env{})
	fs := findingsOf(doc, out)
	if out.Met != 0 || out.Of != 5 || len(fs) != 2 || fs[0].line != 1 || !strings.Contains(fs[0].msg, "no explanation of `docker.socket` found") ||
		!strings.Contains(fs[1].msg, "is not shown") {
		t.Errorf("%d/%d %+v", out.Met, out.Of, fs)
	}
}

func TestExplanationFromMentions(t *testing.T) {
	// No heading names either unit: each answer is read from its mention,
	// and never past the next heading of the same level.
	doc := reportOf(t, `# Unités

## Première

Le docker.service lance dockerd, le démon qui gère les conteneurs et exécute les commandes.

`+"`systemctl list-units --type=service`"+`

## Seconde

Quant au docker.socket, il écoute sur /var/run/docker.sock.
`)
	sock := gradeExp(explanationOf(t, socketRubric), doc, &rubric.Env{})
	fs := findingsOf(doc, sock)
	// Unix socket (2) only: no command, no activation, 5 words.
	if sock.Met != 2 {
		t.Errorf("socket: %d/%d, want 2/5; %+v", sock.Met, sock.Of, fs)
	}
	if f, ok := find(fs, rubric.Error, "socket activation"); !ok || f.line != 11 {
		t.Errorf("socket activation should be missing at line 11: %+v", fs)
	}
	svc := gradeExp(explanationOf(t, serviceRubric), doc, &rubric.Env{})
	if svc.Met != 5 { // all but the length: 14 words of its own, the command is code
		t.Errorf("service: %d/%d, want 5/6; %+v", svc.Met, svc.Of, findingsOf(doc, svc))
	}
}

func TestExplanationInSections(t *testing.T) {
	doc := reportOf(t, `# Partie A

Le socket unix /run/docker.sock démarre le démon à la demande. Voir `+"`systemctl list-units --type=socket`"+` pour le lister sur la machine.

# Partie B

### docker.socket

Rien.
`)
	e := explanationOf(t, socketRubric+"in: [Partie A]\n")
	out := gradeExp(e, doc, &rubric.Env{})
	if out.Met != 5 {
		t.Errorf("in: Partie A: %d/%d, want 5/5; %+v", out.Met, out.Of, findingsOf(doc, out))
	}
	// in: naming no section falls back to the heading that names the subject.
	e = explanationOf(t, socketRubric+"in: [Partie Z]\n")
	out = gradeExp(e, doc, &rubric.Env{})
	if out.Met != 0 {
		t.Errorf("fallback: %d/%d, want 0/5; %+v", out.Met, out.Of, findingsOf(doc, out))
	}
}

func TestExplanationValidate(t *testing.T) {
	for src, want := range map[string]string{
		"terms: [a]":                           "subject is required",
		"subject: x":                           "needs something to check",
		"subject: x\nwindow: -1\nmin_words: 3": "window cannot be negative",
		"subject: x\nconcepts: [{name: a}]":    "needs any",
		"subject: x\nconcepts: [{name: a, any: b, weight: -2}]": "weight cannot be negative",
		"subject: x\ncommand: '|'":                              "no words",
	} {
		e := new(Explanation)
		err := yaml.Unmarshal([]byte(src), e)
		if err == nil {
			err = e.Validate()
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", src, err, want)
		}
	}
}

func TestExplanationTableRowsPerUnit(t *testing.T) {
	pipe := `## Unités systemd

| Unité | Rôle |
|---|---|
| **docker.service** | lance le démon dockerd qui gère les conteneurs et exécute les commandes du client docker |
| **docker.socket** | c'est juste le socket de docker pour la communication |
`
	html := `## Unités systemd

<table>
  <tr><th>Unit</th><th>Role</th></tr>
  <tr><td><code>docker.service</code></td><td>Runs the background daemon <b>dockerd</b>, which manages the containers and executes the commands of the client.</td></tr>
  <tr><td><code>docker.socket</code></td><td>Just the socket of docker, for the communication.</td></tr>
</table>
`
	for name, md := range map[string]string{"pipe": pipe, "html": html} {
		doc := reportOf(t, md)
		svc := gradeExp(explanationOf(t, serviceRubric), doc, &rubric.Env{})
		// No command; the concepts are all in the service's row.
		if svc.Met != 5 {
			t.Errorf("%s: service %d/%d, want all but the command; %+v", name, svc.Met, svc.Of, findingsOf(doc, svc))
		}
		sock := gradeExp(explanationOf(t, socketRubric), doc, &rubric.Env{})
		fs := findingsOf(doc, sock)
		// The socket row says nothing of the Unix socket file nor of
		// activation; the service row's "démon"/"daemon" must not count.
		if sock.Met != 0 {
			t.Errorf("%s: socket %d/%d, want 0: the service's row was credited; %+v", name, sock.Met, sock.Of, fs)
		}
		if f, ok := find(fs, rubric.Error, "Unix socket"); !ok || f.line != 6 {
			t.Errorf("%s: missing Unix socket should be reported on the socket's row (line 6): %+v", name, fs)
		}
	}
}

func TestExplanationCommandInTheEnclosingPart(t *testing.T) {
	doc := reportOf(t, `## Les unités systemd

`+"```\n$ systemctl list-units --type=service | grep docker\n$ systemctl list-units --type=socket | grep docker\n```"+`

### docker.service

Il lance le démon dockerd, qui gère les conteneurs, les images et les volumes, et exécute les commandes reçues du client.

### docker.socket

Le socket unix /var/run/docker.sock par lequel le client parle au démon ; systemd démarre le démon à la demande.
`)
	for name, src := range map[string]string{"service": serviceRubric, "socket": socketRubric} {
		out := gradeExp(explanationOf(t, src), doc, &rubric.Env{})
		if out.Met != out.Of {
			t.Errorf("%s: %d/%d, want all: the command above both answers counts for each; %+v", name, out.Met, out.Of, findingsOf(doc, out))
		}
	}
}

// gradeExp grades an explanation and counts its parts as the engine does.
func gradeExp(e *Explanation, doc *document.Document, env *rubric.Env) rubric.Outcome {
	return credited(e, e.Grade(doc, env))
}
