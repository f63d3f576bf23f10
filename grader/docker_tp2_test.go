package grader_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// tp2 is the second lab of the fixtures: a rubric written by hand with
// issue 8's language (commands with their output, values captured from
// commands, need, wrong answers, bonus, {regex} names, terms inside URLs,
// included files), and reports written for it. fixtures/docker-tp2/README.md
// says what each report tests; TestFixturesGolden holds every finding.
const tp2 = "../fixtures/docker-tp2"

func loadDockerTP2(t *testing.T) *rubric.Rubric {
	t.Helper()
	r, err := grader.LoadRubric(filepath.Join(tp2, "rubric.yaml"), os.ReadFile)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func gradeDockerTP2(t *testing.T, r *rubric.Rubric, name string) *grader.Report {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(tp2, name))
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := grader.GradeBytes(name, raw, r, grader.Options{})
	if !rep.Usable {
		t.Fatalf("%s: not usable: %v", name, rep.Findings)
	}
	return rep
}

// criterion returns the result of criterion id.
func criterion(t *testing.T, rep *grader.Report, id string) grader.Criterion {
	t.Helper()
	for _, c := range rep.Criteria {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("%s: no criterion %s", rep.File, id)
	return grader.Criterion{}
}

// expect checks a criterion's points and that each (position, fragment) is
// one of its findings: "8:3 fragment" or "whole fragment".
func expect(t *testing.T, rep *grader.Report, id, points string, findings ...string) {
	t.Helper()
	c := criterion(t, rep, id)
	if c.Points.String() != points {
		t.Errorf("%s %s: %s points, want %s; findings:\n%s", rep.File, id, c.Points, points, listFindings(c))
	}
	for _, want := range findings {
		at, text, _ := strings.Cut(want, " ")
		found := false
		for _, f := range c.Findings {
			pos := fmt.Sprintf("%d:%d", f.Line, f.Col)
			if f.Whole {
				pos = "whole"
			}
			if pos == at && strings.Contains(f.Message, text) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s %s: no finding at %s with %q; findings:\n%s", rep.File, id, at, text, listFindings(c))
		}
	}
}

func listFindings(c grader.Criterion) string {
	var b strings.Builder
	for _, f := range c.Findings {
		fmt.Fprintf(&b, "  %d:%d whole=%v %s: %s (hint %q)\n", f.Line, f.Col, f.Whole, f.Severity, f.Message, f.Hint)
	}
	return b.String()
}

// A complete report earns every criterion, its bonus too: the points go
// above the total, the grade stops at the scale.
func TestDockerTP2CompleteReportIsCappedAtTheScale(t *testing.T) {
	r := loadDockerTP2(t)
	rep := gradeDockerTP2(t, r, "complete.md")
	for _, c := range rep.Criteria {
		if c.Points != c.MaxPoints+c.Bonus {
			t.Errorf("%s: %s, want all of it; findings:\n%s", c.ID, c.Points, listFindings(c))
		}
	}
	compose := criterion(t, rep, "compose")
	if compose.MaxPoints != 0 || compose.Bonus != 2*rubric.Unit {
		t.Errorf("bonus criterion: max %s bonus %s, want 0 and 2", compose.MaxPoints, compose.Bonus)
	}
	if rep.MaxPoints != 20*rubric.Unit || rep.Points != 22*rubric.Unit {
		t.Errorf("points %s/%s, want 22/20: the bonus counts in the points, not in the total", rep.Points, rep.MaxPoints)
	}
	if rep.Grade != rep.Scale || rep.Scale != 20*rubric.Unit {
		t.Errorf("grade %s/%s, want 20/20: never above the scale", rep.Grade, rep.Scale)
	}
	raw, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"id":"compose","title":"Bonus : docker compose","kind":"command","points":2,"max_points":0,"bonus":2`) {
		t.Errorf("the JSON does not show the bonus:\n%s", raw)
	}
	// Both concepts given of four, need: 2: the concepts' share is whole.
	expect(t, rep, "container-vm", "3", "19:1 crédité : le noyau de l'hôte est partagé, isolation par namespaces")
	// http://localhost:8080/ names localhost:8080.
	expect(t, rep, "port", "2", "30:1 crédité : localhost:8080")
	expect(t, rep, "first-run", "4",
		"6:3 commande `docker run hello-world` montrée avec sa sortie (« Hello from Docker! »)",
		"12:3 commande `docker ps -a` montrée avec sa sortie (« le conteneur arrêté »)")
	expect(t, rep, "same-container", "2", "24:3 crédité : started == stopped")
}

// A command shown without its output earns half its share, and the student
// is told which output is missing.
func TestDockerTP2CommandWithoutItsOutputEarnsHalf(t *testing.T) {
	r := loadDockerTP2(t)
	rep := gradeDockerTP2(t, r, "no-output.md")
	// docker run hello-world: half of its share (1 of 2 points); docker
	// ps -a: whole (2).
	expect(t, rep, "first-run", "3",
		"8:3 la commande `docker run hello-world` est montrée sans sa sortie (« Hello from Docker! » attendu)")
	// A bonus command without its output: half the bonus.
	expect(t, rep, "compose", "1", "35:3 la commande `docker compose up` est montrée sans sa sortie (« les services démarrés » attendu)")
	// Two concepts of four, written in two sentences: need is met.
	expect(t, rep, "container-vm", "3")
	// --name=web and docker stop web agree.
	expect(t, rep, "same-container", "2")
	// The template's placeholder costs, through the bundled leftovers
	// criterion the rubric includes.
	expect(t, rep, "leftovers", "-0.5", "30:2 « votre réponse » est un reste du modèle")
	// Parts 1 + 3 + 2 + 3, nothing for parts 3 to 5, 1 (half the bonus)
	// - 0.5 = 9.5 of 20.
	if rep.Points != 950 || rep.Grade != 950 {
		t.Errorf("points %s grade %s, want 9.5 and 9.5", rep.Points, rep.Grade)
	}
}

// Output shown under another command earns nothing, and says under which;
// the command shown with nothing under it earns half.
func TestDockerTP2OutputUnderAnotherCommand(t *testing.T) {
	r := loadDockerTP2(t)
	rep := gradeDockerTP2(t, r, "output-elsewhere.md")
	expect(t, rep, "first-run", "1",
		"6:3 « Hello from Docker! » suit `docker start -a eager_turing` (ligne 7), pas la commande `docker run hello-world`",
		"14:1 « le conteneur arrêté » figure sous `docker container ls -a`, mais la commande `docker ps -a` n'est pas montrée")
	for _, f := range criterion(t, rep, "first-run").Findings {
		if strings.Contains(f.Message, "la commande `la sortie") || strings.Contains(f.Message, "`« ") {
			t.Errorf("an output is named as a command: %s", f.Message)
		}
	}
}

// A line that matches another command of the rubric is a command line, even
// without a prompt in a block that has some: it ends the output above it.
func TestDockerTP2CommandLineWithoutPromptEndsTheOutput(t *testing.T) {
	r := loadDockerTP2(t)
	rep := gradeDockerTP2(t, r, "mixed-block.md")
	expect(t, rep, "first-run", "4",
		"8:3 commande `docker run hello-world` montrée avec sa sortie",
		"10:1 commande `docker ps -a` montrée avec sa sortie")
}

// Names captured from two commands that disagree: the relation fails,
// with both values quoted where they were typed.
func TestDockerTP2CapturedNamesThatDisagree(t *testing.T) {
	r := loadDockerTP2(t)
	rep := gradeDockerTP2(t, r, "names-disagree.md")
	expect(t, rep, "same-container", "0",
		`6:24 ces valeurs ne concordent pas : « started == stopped » devrait être vrai, mais le conteneur lancé = "web" (6:24), le conteneur arrêté = "db" (8:15)`)
	// Captured names not shown at all are missing, without a regular
	// expression in the message.
	rep = gradeDockerTP2(t, r, "mixed-block.md")
	expect(t, rep, "same-container", "0",
		"whole « le conteneur lancé » introuvable : aucune commande montrée en code ne le donne")
}

// A known wrong answer cancels its concept, with an error where the
// student wrote it, quoting the words (a line break inside them becomes a
// space) and the teacher's hint.
func TestDockerTP2MisconceptionCancelsTheConcept(t *testing.T) {
	r := loadDockerTP2(t)
	rep := gradeDockerTP2(t, r, "misconception.md")
	expect(t, rep, "container-vm", "1.5",
		"5:22 « machine virtuelle légère » est une erreur connue sur `conteneur` : l'idée « le noyau de l'hôte est partagé » ne rapporte rien ici",
		"5:1 l'explication de `conteneur` donne 1 des 2 idées attendues")
	hinted := false
	for _, f := range criterion(t, rep, "container-vm").Findings {
		if strings.Contains(f.Message, "erreur connue") && f.Hint == "Un conteneur démarre-t-il un noyau à lui ?" {
			hinted = true
		}
	}
	if !hinted {
		t.Error("the wrong answer's finding lacks the concept's hint")
	}
	// "Part 3: the published port" is a part by the section's {regex}
	// name; without http://localhost:8080 the term is missing.
	expect(t, rep, "parts", "1")
	expect(t, rep, "port", "1", "11:1 l'explication de `port` ne mentionne pas « localhost:8080 »")
	expect(t, rep, "leftovers", "-0.5", "12:11 « TODO » est un reste du modèle")
}

// gradeDockerTP2In grades a report of tp2 in lang.
func gradeDockerTP2In(t *testing.T, r *rubric.Rubric, name string, lang i18n.Lang) *grader.Report {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(tp2, name))
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := grader.GradeBytes(name, raw, r, grader.Options{Lang: lang})
	return rep
}

// Every text of tp2 a student reads is given in both languages, issue 8's
// own too (a command's output expected, a {regex} name's expected, a
// captured value's label, a wrong answer's expected): graded in English, no
// report shows a French one, and the other way round; the points are the
// same.
func TestDockerTP2SpeaksBothLanguages(t *testing.T) {
	r := loadDockerTP2(t)
	var all []rubric.Text
	texts(reflect.ValueOf(r), &all)
	var bilingual []rubric.Text
	for _, x := range all {
		if !x.IsZero() && x.FR != x.EN {
			bilingual = append(bilingual, x)
		}
	}
	// The rubric's title, 7 criteria's titles, 5 concepts, a hint, 2
	// labels and 6 expected forms.
	if len(bilingual) < 22 {
		t.Fatalf("only %d texts of tp2 differ between French and English", len(bilingual))
	}
	paths, _ := filepath.Glob(filepath.Join(tp2, "*.md"))
	for _, p := range paths {
		name := filepath.Base(p)
		en := gradeDockerTP2In(t, r, name, i18n.EN)
		fr := gradeDockerTP2In(t, r, name, i18n.FR)
		if en.Points != fr.Points {
			t.Errorf("%s: %s points in English, %s in French", name, en.Points, fr.Points)
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for lang, rep := range map[i18n.Lang]*grader.Report{i18n.EN: en, i18n.FR: fr} {
			shown := reportTexts(rep)
			for _, x := range bilingual {
				other := x.FR
				if lang == i18n.FR {
					other = x.EN
				}
				// The student's own words are quoted as written (a
				// leftover "<votre réponse>" in an English report).
				if strings.Contains(shown, other) && !strings.Contains(x.In(lang), other) && !strings.Contains(string(raw), other) {
					t.Errorf("%s graded in %s shows %q", name, lang, other)
				}
			}
		}
	}
}

// Graded with --lang en, issue 8's findings name outputs, captured values,
// sections and concepts in English, and give the hint in English.
func TestDockerTP2InEnglish(t *testing.T) {
	r := loadDockerTP2(t)
	rep := gradeDockerTP2In(t, r, "complete.md", i18n.EN)
	if rep.RubricTitle != "Docker lab 2 — containers, images and volumes" || criterion(t, rep, "compose").Title != "Bonus: docker compose" {
		t.Errorf("titles: %q, %q", rep.RubricTitle, criterion(t, rep, "compose").Title)
	}
	expect(t, rep, "first-run", "4", "12:3 command `docker ps -a` shown with its output (\"the stopped container\")")
	expect(t, rep, "container-vm", "3", "19:1 credited: the host's kernel is shared, isolation by namespaces")
	rep = gradeDockerTP2In(t, r, "no-output.md", i18n.EN)
	expect(t, rep, "compose", "1", "35:3 the command `docker compose up` is shown without its output (\"the services started\" expected)")
	rep = gradeDockerTP2In(t, r, "names-disagree.md", i18n.EN)
	expect(t, rep, "same-container", "0", `6:24 the container started = "web" (6:24), the container stopped = "db" (8:15)`)
	rep = gradeDockerTP2In(t, r, "output-elsewhere.md", i18n.EN)
	expect(t, rep, "first-run", "1", "14:1 \"the stopped container\" is shown under `docker container ls -a`, but the command `docker ps -a` is not shown")
	rep = gradeDockerTP2In(t, r, "misconception.md", i18n.EN)
	expect(t, rep, "container-vm", "1.5", "5:22 \"machine virtuelle légère\" is a known wrong answer about `conteneur`: the idea \"the host's kernel is shared\" earns nothing here")
	hinted := false
	for _, f := range criterion(t, rep, "container-vm").Findings {
		if strings.Contains(f.Message, "known wrong answer") && f.Hint == "Does a container start a kernel of its own?" {
			hinted = true
		}
	}
	if !hinted {
		t.Error("the wrong answer's finding lacks the concept's hint in English")
	}
}

// The rubric includes a file of the course's and a file bundled with
// tpgrade: their criteria come after its own, and the course's placeholder,
// a {regex} word, costs its penalty where the student left it.
func TestDockerTP2IncludedPlaceholder(t *testing.T) {
	r := loadDockerTP2(t)
	if want := []string{filepath.Join(tp2, "commun", "identite.yaml"), "include/leftovers.yaml"}; !reflect.DeepEqual(r.Included, want) {
		t.Errorf("included %q, want %q", r.Included, want)
	}
	n := len(r.Criteria)
	if n < 2 || r.Criteria[n-2].ID != "identite" || r.Criteria[n-1].ID != "leftovers" {
		t.Fatalf("the included criteria are not last: %v", r.Criteria)
	}
	rep := gradeDockerTP2(t, r, "modele-partiel.md")
	expect(t, rep, "identite", "-1", "3:10 « Nom Prénom » est un reste du modèle")
	expect(t, rep, "leftovers", "-0.5", "34:1 « À compléter » est un reste du modèle")
	en := gradeDockerTP2In(t, r, "modele-partiel.md", i18n.EN)
	if c := criterion(t, en, "identite"); c.Title != "The header gives your name" || c.Feedback != "Replace \"Nom Prénom\" with your name in the report's header." {
		t.Errorf("the included criterion in English: %q, %q", c.Title, c.Feedback)
	}
	for _, name := range []string{"complete.md", "modele.md", "english.md"} {
		expect(t, gradeDockerTP2(t, r, name), "identite", "0")
	}
}

// The engine reads clauses: a denial after "et" covers its own clause, a
// known wrong answer cancels its own clause and not an independent one, and
// a sentence whose verb is no word of the list is still a sentence.
func TestDockerTP2ReadsClauses(t *testing.T) {
	r := loadDockerTP2(t)
	rep := gradeDockerTP2(t, r, "modele-partiel.md")
	// "il utilise le noyau de l'hôte et ne démarre aucun système": the
	// kernel is asserted, and with the start in seconds need: 2 is met.
	expect(t, rep, "container-vm", "3", "19:1 crédité : le noyau de l'hôte est partagé, démarrage rapide")
	// "L'option `-p 8080:80` publie le port 80 ...": a sentence, not a
	// list of words.
	expect(t, rep, "port", "1", "29:1 crédité : redirection du port")
	for _, f := range criterion(t, rep, "port").Findings {
		if strings.Contains(f.Message, "liste de mots") {
			t.Errorf("a sentence read as a list of words: %d:%d %s", f.Line, f.Col, f.Message)
		}
	}
	if rep.Points != 750 {
		t.Errorf("modele-partiel.md: %s points, want 7.5", rep.Points)
	}
	rep = gradeDockerTP2(t, r, "enonce-recopie.md")
	// "Chaque instruction du Dockerfile ajoute une couche, et les couches
	// sont modifiables ...": the first clause earns its idea, the second's
	// wrong answer cancels the read-only one.
	expect(t, rep, "layers", "1",
		"13:20 « couches sont modifiables » est une erreur connue sur `couche`",
		"5:1 crédité : une couche par instruction du Dockerfile")
	if rep.Points != 450 {
		t.Errorf("enonce-recopie.md: %s points, want 4.5", rep.Points)
	}
}
