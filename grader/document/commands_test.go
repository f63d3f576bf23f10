package document

import (
	"strings"
	"testing"
)

func TestCommandsAndTheirOutput(t *testing.T) {
	doc := parse(t, "# Rapport\n\n"+ // 1
		"```console\n"+ // 3
		"$ docker version --format '{{.Server.Version}}'\n"+ // 4
		"27.3.1\n"+ // 5
		"$ systemctl status docker\n"+ // 6
		"● docker.service - Docker Application Container Engine\n"+ // 7
		"        CPU: 546ms\n"+ // 8
		"```\n\n"+ // 9
		"```\n"+ // 11
		"docker info\n"+ // 12
		"```\n\n"+ // 13
		"```\n"+ // 15
		"Server:\n"+ // 16
		" CPUs: 2\n"+ // 17
		"```\n\n"+ // 18
		"Commande : `docker image inspect ubuntu`\n\n"+ // 20
		"```json\n"+ // 22
		"[\n  {\n    \"Architecture\": \"amd64\",\n  }\n]\n"+ // 23-27
		"```\n\n"+ // 28
		"J'ai lancé `docker ps` puis regardé.\n") // 30
	var got []string
	for _, c := range doc.Commands {
		out := strings.ReplaceAll(text(doc, c.Output), "\n", "|")
		got = append(got, c.Text+" => "+out)
	}
	want := []string{
		"docker version --format '{{.Server.Version}}' => 27.3.1",
		"systemctl status docker => ● docker.service - Docker Application Container Engine|        CPU: 546ms",
		"docker info => Server:| CPUs: 2",
		"docker image inspect ubuntu => [|  {|    \"Architecture\": \"amd64\",|  }|]",
		"docker ps => ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("commands:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	who := map[string]string{}
	for _, f := range doc.Facts {
		if f.Origin == FromOutput && f.Command != nil {
			who[f.Key] = f.Command.Text
		}
	}
	for key, cmd := range map[string]string{"CPU": "systemctl status docker", "CPUs": "docker info", "Architecture": "docker image inspect ubuntu"} {
		if who[key] != cmd {
			t.Errorf("%s was printed by %q, want %q", key, who[key], cmd)
		}
	}
	// `docker --version` is a command too; a code span naming a program
	// alone is not.
	doc = parse(t, "Avec `docker --version` et le programme `docker`.\n")
	if len(doc.Commands) != 1 || doc.Commands[0].Text != "docker --version" {
		t.Errorf("commands %+v", doc.Commands)
	}
}

func TestUnfencedOutput(t *testing.T) {
	doc := parse(t, "# Infos\n\n"+ // 1
		"Sortie de `docker info` :\n\n"+ // 3
		"Server:\n"+ // 5
		" Containers: 3\n"+ // 6
		"  Running: 1\n"+ // 7
		" Storage Driver: overlay2\n"+ // 8
		" Security Options:\n"+ // 9
		"  apparmor\n"+ // 10
		"  seccomp\n\n"+ // 11
		"Pilote de stockage : overlay2\n"+ // 13
		"Pilote de logs : json-file\n"+ // 14
		"Version de cgroup : 2\n") // 15
	var output, typed *Block
	for _, b := range doc.Blocks {
		switch {
		case strings.HasPrefix(b.Text, "Server:"):
			output = b
		case strings.HasPrefix(b.Text, "Pilote"):
			typed = b
		}
	}
	if output == nil || !output.Output {
		t.Fatalf("docker info pasted without a fence is not output: %+v", output)
	}
	if typed == nil || typed.Output {
		t.Fatalf("the student's own Key: value lines were taken for output: %+v", typed)
	}
	facts := map[string]*Fact{}
	for _, f := range doc.Facts {
		facts[f.Key] = f
	}
	run := facts["Running"]
	if run == nil || run.Origin != FromOutput || strings.Join(run.Context, ">") != "Server>Containers" ||
		run.Command == nil || run.Command.Text != "docker info" || text(doc, run.Span) != "1" {
		t.Errorf("Running: %+v", run)
	}
	if so := facts["Security Options"]; so == nil || so.Value != "apparmor, seccomp" {
		t.Errorf("Security Options: %+v", so)
	}
	if pl := facts["Pilote de logs"]; pl == nil || pl.Origin != FromText {
		t.Errorf("Pilote de logs: %+v", pl)
	}
}

func TestLabelsAreMarked(t *testing.T) {
	doc := parse(t, "Voir [l'activation par socket](https://systemd.io) et ![le socket unix](s.png) ici.\n")
	b := doc.Blocks[0]
	var got []string
	for _, l := range b.Labels {
		got = append(got, b.Text[l[0]:l[1]])
	}
	if strings.Join(got, "|") != "l'activation par socket|le socket unix" {
		t.Errorf("labels %q in %q", got, b.Text)
	}
}

// ReadCommands takes the lines extra names for command lines too: in a
// block with prompts, a line without one that is another command of the
// rubric ends the output above it. The document's own commands do not
// change.
func TestReadCommandsWithNamedLines(t *testing.T) {
	doc := parse(t, "```console\n"+
		"$ docker run hello-world\n"+
		"Hello from Docker!\n"+
		"docker ps -a\n"+
		"abc   hello-world   Exited (0) 9 seconds ago\n"+
		"```\n\n"+
		"```\n"+
		"minikube start\n"+
		"Done! kubectl is now configured\n"+
		"```\n\n"+
		"Puis `minikube stop`.\n")
	list := func(cs []*Command) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Text+" => "+strings.ReplaceAll(text(doc, c.Output), "\n", "|"))
		}
		return strings.Join(out, "\n")
	}
	before := list(doc.Commands)
	if want := "docker run hello-world => Hello from Docker!|docker ps -a|abc   hello-world   Exited (0) 9 seconds ago"; before != want {
		t.Errorf("from the shape alone:\n%s\nwant:\n%s", before, want)
	}
	named := func(line string) bool {
		return strings.HasPrefix(line, "docker ps") || strings.HasPrefix(line, "minikube ")
	}
	set := doc.ReadCommands(named)
	want := strings.Join([]string{
		"docker run hello-world => Hello from Docker!",
		"docker ps -a => abc   hello-world   Exited (0) 9 seconds ago",
		"minikube start => Done! kubectl is now configured",
		"minikube stop => ",
	}, "\n")
	if got := list(set.List); got != want {
		t.Errorf("with named lines:\n%s\nwant:\n%s", got, want)
	}
	exited := strings.Index(string(doc.Text), "Exited")
	if c := set.At(exited); c == nil || c.Text != "docker ps -a" {
		t.Errorf("Exited (0) printed by %+v, want docker ps -a", c)
	}
	if c := doc.CommandAt(exited); c == nil || c.Text != "docker run hello-world" {
		t.Errorf("the document's own reading changed: %+v", c)
	}
	if list(doc.Shown().List) != before {
		t.Error("Shown differs from Commands")
	}
}

// A table's lead is the text above it, in its section, that names a command
// the caller knows: the last such paragraph or list item since the table
// before, else the lead of the table before when only short labels stand
// between them, else the section's heading; a command shown in a code block,
// or a new section, starts afresh.
func TestTableLeads(t *testing.T) {
	doc := parse(t, "# Versions (`sudo docker version`)\n\n"+ // 1
		"| Client | 27.3.1 |\n|---|---|\n\n"+ // 3 table 0: the heading
		"Puis docker info, sans code :\n\n"+ // 6
		"| CPUs | 2 |\n|---|---|\n\n"+ // 8 table 1: named as text
		"Composants :\n\n"+ // 11
		"| runc | 1.1.14 |\n|---|---|\n\n"+ // 13 table 2: kept over a label
		"```\n$ docker info\nCPUs: 2\n```\n\n"+ // 16
		"| CPUs | 2 |\n|---|---|\n\n"+ // 21 table 3: after pasted output
		"# Système\n\n"+ // 24
		"J'ai lancé `docker version` :\n\n"+ // 26
		"| Client | 27.3.1 |\n|---|---|\n\n"+ // 28 table 4: the paragraph
		"Et voici ce que donne le démon sur ma machine :\n\n"+ // 31
		"| Kernel | 6.8 |\n|---|---|\n") // 33 table 5: not across a sentence
	known := func(line string) bool {
		return strings.Contains(line, "docker version") || strings.Contains(line, "docker info")
	}
	set := doc.ReadCommands(known)
	want := [][]string{
		{"Versions (sudo docker version)"},
		{"Puis docker info, sans code :"},
		{"Puis docker info, sans code :"},
		nil,
		{"J'ai lancé docker version :"},
		nil,
	}
	if len(doc.Tables) != len(want) {
		t.Fatalf("%d tables, want %d", len(doc.Tables), len(want))
	}
	for i, tb := range doc.Tables {
		if got := set.Lead(tb); strings.Join(got, "|") != strings.Join(want[i], "|") {
			t.Errorf("table %d: lead %q, want %q", i, got, want[i])
		}
		if doc.Shown().Lead(tb) != nil {
			t.Errorf("table %d: a lead without the caller's commands", i)
		}
	}
}
