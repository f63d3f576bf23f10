package batch_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/rubric"
	"github.com/tpgrade/tpgrade/internal/batch"
	"github.com/tpgrade/tpgrade/internal/githubtest"
	"github.com/tpgrade/tpgrade/internal/gradesheet"
)

// The class every end-to-end test grades: an organisation "course" whose
// students' repositories are named tp1-docker-<login>, built from the
// fixture reports, with every situation a teacher meets.
const (
	orgName = "course"
	prefix  = "tp1-docker-"
)

var deadline = time.Date(2026, 10, 15, 21, 59, 59, 0, time.UTC)

// kind is what a student's repository looks like.
type kind int

const (
	normal    kind = iota // README.md, last commit before the deadline
	rapport               // the report is RAPPORT.md (the rubric's second name)
	lowercase             // the report is readme.md
	noReport              // commits, but none of the rubric's files
	empty                 // no commit at all: 409
	archived              // archived, otherwise normal
	late                  // a commit pushed after the deadline, not graded
	noCommit              // every commit is after the deadline
	twin                  // shares a copied paragraph with the other twin
)

func kindOf(i int) kind {
	switch {
	case i == 10 || i == 11:
		return twin
	case i%50 == 1:
		return noReport
	case i%50 == 2:
		return empty
	case i%50 == 3:
		return archived
	case i%25 == 4:
		return late
	case i%50 == 5:
		return noCommit
	case i%20 == 6:
		return rapport
	case i%50 == 7:
		return lowercase
	}
	return normal
}

// pupil is one student of the fake class and what grading must find.
type pupil struct {
	login    string
	kind     kind
	file     string // the report graded ("" when none)
	content  []byte // its bytes
	commit   string // the graded SHA ("" when none)
	requests int    // API requests a first pass needs for this student
	flags    []gradesheet.Flag
}

func fixtureReports(t testing.TB) [][]byte {
	t.Helper()
	paths, err := filepath.Glob("../../fixtures/docker-tp1/*.md")
	if err != nil || len(paths) < 5 {
		t.Fatalf("fixtures: %v (%d files)", err, len(paths))
	}
	sort.Strings(paths)
	var out [][]byte
	for _, p := range paths {
		if filepath.Base(p) == "README.md" {
			continue // the fixtures' own index
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

var vocabulary = strings.Fields(`le la les un une des du de et ou mais donc car conteneur image démon
service socket réseau volume noyau processus systemd unité fichier commande sortie version pilote
stockage journal cgroup runtime moteur client serveur registre couche cache build compose plugin
observer remarquer constater expliquer vérifier lancer arrêter relancer installer configurer lire
rapidement simplement clairement ensuite enfin aussi toujours souvent parfois jamais ici là
machine virtuelle hôte invité mémoire disque réseau pont port adresse interface table sécurité
profil option privilège utilisateur groupe droit accès chemin dossier racine répertoire
premier second dernier nouveau ancien grand petit rapide lent stable fragile propre simple`)

// paragraph makes a personal text no other student writes.
func paragraph(seed uint64, words int) string {
	r := rand.New(rand.NewPCG(seed, seed*7+1))
	w := make([]string, words)
	for i := range w {
		w[i] = vocabulary[r.IntN(len(vocabulary))]
	}
	return strings.Join(w, " ") + "."
}

// buildClass adds n students (and a few unrelated repositories) to org.
func buildClass(t testing.TB, org *githubtest.Org, n int) []*pupil {
	t.Helper()
	reports := fixtureReports(t)
	copied := paragraph(999, 90)
	var out []*pupil
	for i := 0; i < n; i++ {
		p := &pupil{login: fmt.Sprintf("student%03d", i), kind: kindOf(i), flags: []gradesheet.Flag{}}
		content := append([]byte(nil), reports[i%len(reports)]...)
		content = append(content, "\n\n## Notes personnelles\n\n"+paragraph(uint64(i+1), 60)+"\n"...)
		if p.kind == twin {
			content = append(content, "\n"+copied+"\n"...)
		}
		draft := []byte("# TP Docker\n\nTODO\n")
		files := map[string][]byte{"main.sh": []byte("docker info\n")}
		switch p.kind {
		case rapport:
			p.file = "RAPPORT.md"
		case lowercase:
			p.file = "readme.md"
		case noReport:
			p.file = ""
		default:
			p.file = "README.md"
		}
		if p.file != "" {
			files[p.file] = content
			p.content = content
		}
		first := githubtest.Commit{SHA: githubtest.CommitSHA(p.login, "1"), Date: deadline.Add(-72 * time.Hour),
			Files: map[string][]byte{"README.md": draft}}
		final := githubtest.Commit{SHA: githubtest.CommitSHA(p.login, "2"), Date: deadline.Add(-time.Duration(i+1) * time.Minute), Files: files}
		repo := &githubtest.Repo{Name: prefix + p.login, Commits: []githubtest.Commit{first, final}}
		p.commit = final.SHA
		switch p.kind {
		case empty:
			repo.Commits = nil
			p.commit, p.file, p.content = "", "", nil
			p.flags = append(p.flags, gradesheet.FlagEmpty)
		case noCommit:
			final.Date = deadline.Add(time.Hour)
			repo.Commits = []githubtest.Commit{final}
			p.commit, p.file, p.content = "", "", nil
			p.flags = append(p.flags, gradesheet.FlagLate, gradesheet.FlagNoCommit)
		case late:
			after := githubtest.Commit{SHA: githubtest.CommitSHA(p.login, "3"), Date: deadline.Add(2 * time.Hour),
				Files: map[string][]byte{"README.md": reports[0]}}
			repo.Commits = append(repo.Commits, after)
			p.flags = append(p.flags, gradesheet.FlagLate)
		case archived:
			repo.Archived = true
			p.flags = append(p.flags, gradesheet.FlagArchived)
		case noReport:
			p.flags = append(p.flags, gradesheet.FlagNoReport)
		}
		switch p.kind {
		case empty:
			p.requests = 2 // pushes (none), commits (409)
		case noCommit:
			p.requests = 1 // pushes: the branch was created after the deadline
		case noReport:
			p.requests = 3 // pushes, README.md (404), the root listing
		case rapport, lowercase:
			p.requests = 4 // pushes, README.md (404), the root listing, the report
		default:
			p.requests = 2 // pushes, README.md
		}
		org.Add(repo)
		out = append(out, p)
	}
	// Not students: the template and another assignment's repositories.
	org.Add(&githubtest.Repo{Name: "tp1-docker", Commits: []githubtest.Commit{{SHA: githubtest.CommitSHA("template"),
		Date: deadline.Add(-30 * 24 * time.Hour), Files: map[string][]byte{"README.md": []byte("# TP Docker\n\n## Docker info\n\nTODO\n\n## Notes personnelles\n\nÀ compléter.\n")}}}})
	for i := 0; i < 20; i++ {
		org.Add(&githubtest.Repo{Name: fmt.Sprintf("tp2-git-other%02d", i)})
	}
	return out
}

// fakeClock never waits: Sleep moves time forward. Concurrent sleeps until
// the same moment do not add up.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func newClock() *fakeClock { return &fakeClock{now: time.Date(2026, 10, 16, 8, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slept = append(c.slept, d)
	c.now = c.now.Add(d)
	return nil
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func (c *fakeClock) longestSleep() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	var m time.Duration
	for _, d := range c.slept {
		m = max(m, d)
	}
	return m
}

// syncBuffer is a log written by several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// harness is a fake GitHub with the class, a clock and a rubric. Requests
// time out only when the fake server hangs on them (timeouts), never
// because the machine running the tests is slow.
type harness struct {
	s        *githubtest.Server
	org      *githubtest.Org
	clock    *fakeClock
	timeouts *githubtest.Timeouts
	rubric   *rubric.Rubric
	pupils   []*pupil
	log      *syncBuffer
}

func loadLab(t testing.TB) *rubric.Rubric { return loadRubricFile(t, "testdata/lab.yaml") }

func loadRubricFile(t testing.TB, path string) *rubric.Rubric {
	t.Helper()
	r, err := grader.LoadRubric(path, os.ReadFile)
	if err != nil {
		t.Fatalf("rubric: %v", err)
	}
	return r
}

func newHarness(t testing.TB, n int) *harness {
	t.Helper()
	return harnessFor(t, loadLab(t), n)
}

// harnessFor is a class of n graded with r.
func harnessFor(t testing.TB, r *rubric.Rubric, n int) *harness {
	t.Helper()
	h := &harness{s: githubtest.New(t), clock: newClock(), timeouts: githubtest.NewTimeouts(), rubric: r, log: &syncBuffer{}}
	h.org = githubtest.NewOrg(h.s, orgName)
	h.org.Now, h.org.Timeouts = h.clock.Now, h.timeouts
	h.pupils = buildClass(t, h.org, n)
	return h
}

func (h *harness) options(out string) batch.Options {
	return batch.Options{
		HTTP: h.timeouts.Client(h.s.Server.Client()), APIURL: h.s.APIURL(), Token: "teacher-token",
		Org: orgName, Prefix: prefix, Rubric: h.rubric, Deadline: deadline, Location: time.UTC,
		Out: out, Clock: batch.Clock{Now: h.clock.Now, Sleep: h.clock.Sleep, Timeout: h.timeouts.Timeout},
		Log: h.log, RequestTimeout: 5 * time.Second, BaseDelay: 50 * time.Millisecond,
	}
}

// expectedReport is what `tpgrade grade` says of the pupil's report.
func (h *harness) expectedReport(p *pupil) *grader.Report {
	files := []string(h.rubric.Files)
	if p.file == "" {
		return grader.Missing(files[0], h.rubric, grader.Options{})
	}
	rep, _ := grader.GradeBytes(p.file, p.content, h.rubric, grader.Options{})
	return rep
}

func jsonOf(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// readOutputs reads every output file of a run.
func readOutputs(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, name := range []string{gradesheet.GradesCSV, gradesheet.MoodleCSV, gradesheet.ResultsJSON, gradesheet.ReportHTML} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err == nil {
			out[name] = b
		}
	}
	return out
}
