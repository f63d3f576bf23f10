package batch_test

import (
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tpgrade/tpgrade/internal/batch"
	"github.com/tpgrade/tpgrade/internal/githubtest"
	"github.com/tpgrade/tpgrade/internal/gradesheet"
)

func TestBatchRosterWithExtensionsRenamesAndMissingStudents(t *testing.T) {
	h := newHarness(t, 30)
	h.org.Rename(prefix+"student006", "tp1-docker-student006-renamed")
	roster := "login,identifier,email,repository,extension\n" +
		"student000,1000,s0@uni.fr,,\n" +
		"student004,1004,s4@uni.fr,,3h\n" + // pushed 2h late: the extension covers it
		"student005,1005,s5@uni.fr,,2h\n" + // only commit 1h late: graded with the extension
		"student006,1006,s6@uni.fr,,\n" + // renamed since: followed, flagged
		"ghost,1999,ghost@uni.fr,,\n" + // never accepted the assignment
		",2000,nobody@uni.fr,,\n" // no GitHub account linked yet
	students, err := batch.ReadRoster("roster.csv", []byte(roster), batch.RosterDefaults{
		Owner: orgName, Prefix: prefix, Deadline: deadline, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	opt := h.options(out)
	opt.Roster = students
	res, err := batch.Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Results) != 6 {
		t.Fatalf("%d results for 6 roster rows", len(res.Results))
	}
	by := map[string]*gradesheet.Result{}
	for _, r := range res.Results {
		by[r.Login+"#"+r.Identifier] = r
	}
	flags := func(key string, want ...gradesheet.Flag) *gradesheet.Result {
		t.Helper()
		r := by[key]
		if r == nil {
			t.Fatalf("no result for %s", key)
		}
		got := slices.Clone(r.Flags)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: flags %v, want %v (%s)", key, got, want, r.Error)
		}
		return r
	}
	flags("student000#1000")
	r4 := flags("student004#1004", gradesheet.FlagExtension)
	if r4.Commit != githubtest.CommitSHA("student004", "3") || !r4.Deadline.Equal(deadline.Add(3*time.Hour)) {
		t.Errorf("student004 graded %s by %v, want the commit pushed within the extension", r4.Commit, r4.Deadline)
	}
	r5 := flags("student005#1005", gradesheet.FlagExtension)
	if r5.Commit != githubtest.CommitSHA("student005", "2") || !r5.Submitted() {
		t.Errorf("student005: %+v", r5)
	}
	r6 := flags("student006#1006", gradesheet.FlagRenamed)
	if r6.Repository != orgName+"/tp1-docker-student006-renamed" || r6.RequestedRepo != orgName+"/"+prefix+"student006" || !r6.Submitted() {
		t.Errorf("student006: repository %q requested %q", r6.Repository, r6.RequestedRepo)
	}
	flags("ghost#1999", gradesheet.FlagNoRepository)
	flags("#2000", gradesheet.FlagNoRepository)
	if res.Summary.Missing != 2 || res.Summary.Graded != 4 {
		t.Errorf("summary %+v", res.Summary)
	}
	if !strings.Contains(h.log.String(), "are in no roster row") {
		t.Errorf("no warning about the repositories no roster row claims:\n%s", h.log)
	}

	f, err := os.ReadFile(filepath.Join(out, gradesheet.MoodleCSV))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(f))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], []string{"roster_identifier", "email", "grade"}) || len(rows) != 7 {
		t.Fatalf("moodle.csv %q", rows)
	}
	for _, row := range rows[1:] {
		if row[0] == "1999" && row[2] != "0" {
			t.Errorf("a student without a repository gets %q, want 0", row[2])
		}
		if row[0] == "1000" && row[2] != by["student000#1000"].Report.Grade.String() {
			t.Errorf("moodle grade %q", row[2])
		}
	}
}

func TestBatchClassroomRetired(t *testing.T) {
	h := newHarness(t, 3)
	h.org.ClassroomGone = true
	opt := h.options(t.TempDir())
	opt.Org, opt.Prefix, opt.ClassroomAssignment = "", "", "4242"
	_, err := batch.Run(context.Background(), opt)
	if !errors.Is(err, batch.ErrClassroomUnavailable) {
		t.Fatalf("err %v", err)
	}
	for _, want := range []string{"410", "--org", "--prefix", "--roster"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not mention %s", err, want)
		}
	}
}

func TestBatchClassroomStillAnswering(t *testing.T) {
	h := newHarness(t, 4)
	h.org.Classroom = map[string]githubtest.ClassroomAssignment{"7": {Title: "TP1 Docker", Accepted: []githubtest.ClassroomAccepted{
		{Logins: []string{"student000"}, Repo: orgName + "/" + prefix + "student000"},
		{Logins: []string{"student003"}, Repo: orgName + "/" + prefix + "student003"},
	}}}
	out := t.TempDir()
	opt := h.options(out)
	opt.Org, opt.Prefix, opt.ClassroomAssignment = "", "", "7"
	res, err := batch.Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Results) != 2 || res.Results[0].Login != "student000" || res.Results[1].Login != "student003" ||
		!res.Results[1].Has(gradesheet.FlagArchived) {
		t.Fatalf("results %+v", res.Results)
	}
	b, _ := os.ReadFile(filepath.Join(out, gradesheet.GradesCSV))
	if !strings.Contains(string(b), "TP1 Docker,https://classroom.github.com/a/xyz,") {
		t.Errorf("grades.csv does not name the Classroom assignment:\n%s", b)
	}
	if n := h.org.Stats().ByKind["get-repo"]; n != 2 {
		t.Errorf("%d repository reads, want one per student without an organisation listing", n)
	}
}

func TestBatchTemplateTextIsNotCopying(t *testing.T) {
	h := newHarness(t, 30)
	// Two students keep the template's long introduction: not a pair.
	intro := paragraph(777, 200) + "\n"
	tpl := h.org.Repo("tp1-docker")
	tpl.Commits[0].Files["README.md"] = append(tpl.Commits[0].Files["README.md"], "\n"+intro...)
	for _, login := range []string{"student020", "student022"} {
		r := h.org.Repo(prefix + login)
		c := &r.Commits[len(r.Commits)-1]
		c.Files["README.md"] = append(c.Files["README.md"], "\n"+intro...)
	}
	opt := h.options(t.TempDir())
	opt.TemplateRepo = orgName + "/tp1-docker"
	opt.Similarity = 0.2
	withTemplate, err := batch.Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range withTemplate.Pairs {
		if p.A == "student020" && p.B == "student022" {
			t.Errorf("the template's text made a pair: %+v", p)
		}
	}
	opt.TemplateRepo, opt.Out = "", t.TempDir()
	without, err := batch.Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range without.Pairs {
		found = found || (p.A == "student020" && p.B == "student022")
	}
	if !found {
		t.Errorf("without the template, the shared introduction is not noticed: %+v", without.Pairs)
	}
}
