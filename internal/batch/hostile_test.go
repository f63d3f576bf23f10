package batch_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tpgrade/tpgrade/internal/batch"
	"github.com/tpgrade/tpgrade/internal/feedback"
	"github.com/tpgrade/tpgrade/internal/githubtest"
	"github.com/tpgrade/tpgrade/internal/gradesheet"
)

func resultOf(t *testing.T, res *batch.Outcome, login string) *gradesheet.Result {
	t.Helper()
	for _, r := range res.Results {
		if r.Login == login {
			return r
		}
	}
	t.Fatalf("no result for %s", login)
	return nil
}

func flagsOf(r *gradesheet.Result) []gradesheet.Flag {
	f := slices.Clone(r.Flags)
	slices.Sort(f)
	return f
}

// A commit made after the deadline with a backdated committer date, pushed
// after the deadline: the push time decides, so it is not graded, and the
// row says the student pushed late. A teacher's push to another branch
// after the deadline changes nothing for the student.
func TestBatchBackdatedCommitPushedLateIsNotGraded(t *testing.T) {
	h := newHarness(t, 3)
	p := h.pupils[0]
	backdated := githubtest.Commit{SHA: githubtest.CommitSHA(p.login, "backdated"), Date: deadline.Add(-10 * time.Minute),
		Files: map[string][]byte{"README.md": []byte("# Everything done, honest\n")}}
	h.org.Push(prefix+p.login, backdated, deadline.Add(3*time.Hour))
	h.org.PushOtherBranch(prefix+h.pupils[1].login, deadline.Add(5*time.Hour)) // the teacher, on a branch of their own

	res, err := batch.Run(context.Background(), h.options(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	r := resultOf(t, res, p.login)
	if r.Commit != p.commit {
		t.Errorf("graded %s, want %s, the head before the deadline (the backdated commit is %s)", r.Commit, p.commit, backdated.SHA)
	}
	if !slices.Equal(flagsOf(r), []gradesheet.Flag{gradesheet.FlagLate}) {
		t.Errorf("flags %v, want pushed-after-deadline only", r.Flags)
	}
	if r.PushTime == nil || r.PushTime.After(deadline) {
		t.Errorf("push time %v", r.PushTime)
	}
	if r2 := resultOf(t, res, h.pupils[1].login); r2.Has(gradesheet.FlagLate) {
		t.Errorf("a push to another branch flagged %s late", r2.Login)
	}
	if n := h.org.Stats().ByKind["list-commits"]; n != 1 {
		t.Errorf("%d commit listings, want the empty repository's only: committer dates were consulted", n)
	}
}

// Where GitHub's activity no longer reaches back to the deadline, the
// committer date decides and the row says so.
func TestBatchActivityNotReachingBackFallsBackToCommitDate(t *testing.T) {
	h := newHarness(t, 2)
	p := h.pupils[0]
	repo := h.org.Repo(prefix + p.login)
	repo.ActivityFrom = deadline.Add(time.Hour) // every push of the student is older than what is kept
	late := githubtest.Commit{SHA: githubtest.CommitSHA(p.login, "late"), Date: deadline.Add(2 * time.Hour),
		Files: map[string][]byte{"README.md": []byte("# Late\n")}}
	h.org.Push(prefix+p.login, late, deadline.Add(2*time.Hour))

	res, err := batch.Run(context.Background(), h.options(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	r := resultOf(t, res, p.login)
	want := []gradesheet.Flag{gradesheet.FlagCommitDate, gradesheet.FlagLate}
	slices.Sort(want)
	if r.Commit != p.commit || !slices.Equal(flagsOf(r), want) {
		t.Errorf("graded %s with flags %v, want %s with %v", r.Commit, r.Flags, p.commit, want)
	}
	if r.CommitTime == nil || r.PushTime != nil {
		t.Errorf("commit time %v, push time %v", r.CommitTime, r.PushTime)
	}
	if r2 := resultOf(t, res, h.pupils[1].login); r2.Has(gradesheet.FlagCommitDate) {
		t.Errorf("%s flagged %v with a complete activity", r2.Login, r2.Flags)
	}
}

// A report GitHub says is 3 GB is refused from its size: never downloaded.
// A server whose blob runs past what it announced is cut at the limit.
func TestBatchHugeReportIsRefusedFromItsSize(t *testing.T) {
	h := newHarness(t, 10)
	huge, liar := h.org.Repo(prefix+h.pupils[0].login), h.org.Repo(prefix+h.pupils[8].login)
	huge.Sizes = map[string]int64{"README.md": 3 << 30}
	liar.Sizes = map[string]int64{"README.md": 1<<20 + 1} // says just over 1 MB, streams forever
	res, err := batch.Run(context.Background(), h.options(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	r := resultOf(t, res, h.pupils[0].login)
	if r.Report == nil || r.Report.Usable || !strings.Contains(r.Report.Findings[0].Message, "3.0 GiB") && !strings.Contains(r.Report.Findings[0].Message, "limit") {
		t.Errorf("3 GB report: %+v", r.Report)
	}
	if n := h.org.Stats().ByKind["blob"]; n != 1 {
		t.Errorf("%d blob downloads, want 1 (the liar's, not the 3 GB report's)", n)
	}
	l := resultOf(t, res, h.pupils[8].login)
	if !l.Has(gradesheet.FlagError) || !strings.Contains(l.Error, "limit") {
		t.Errorf("an endless blob: flags %v error %q", l.Flags, l.Error)
	}
}

// GitHub blocks a repository (451): the row says so; it is not retried.
func TestBatchBlockedRepositoryIsSaidAsSuch(t *testing.T) {
	h := newHarness(t, 3)
	h.org.Broken = map[string]int{prefix + h.pupils[1].login: http.StatusUnavailableForLegalReasons}
	res, err := batch.Run(context.Background(), h.options(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	r := resultOf(t, res, h.pupils[1].login)
	if !r.Has(gradesheet.FlagBlocked) || !r.Has(gradesheet.FlagError) || !strings.Contains(r.Error, "blocks access") {
		t.Errorf("blocked: flags %v error %q", r.Flags, r.Error)
	}
	if st := h.org.Stats(); st.Requests != firstPassBudget(h, 23)-h.pupils[1].requests+1 {
		t.Errorf("%d requests: the blocked repository was retried (%v)", st.Requests, st.ByKind)
	}
}

// Publishing is paced: a second between writes, within the hourly budget.
// With --no-wait the budget's end stops the run; the same command later
// publishes the rest and nothing twice.
func TestBatchPublishingIsPacedAndResumable(t *testing.T) {
	h := newHarness(t, 12)
	out := t.TempDir()
	opt := h.options(out)
	opt.Publish = []string{feedback.Status}
	opt.Dispatch = true
	res, err := batch.Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	writes := 0
	for _, r := range h.s.Requests() {
		if r.Method == http.MethodPost {
			writes++
		}
	}
	paced := 0
	for _, d := range h.clock.slept {
		if d >= time.Second-time.Millisecond && d <= time.Second {
			paced++
		}
	}
	if writes < 16 || paced < writes-1 {
		t.Errorf("%d writes, %d waits of a second between them: %v", writes, paced, h.clock.slept)
	}
	if res.Stats.Writes != int64(writes) {
		t.Errorf("client counted %d writes, server %d", res.Stats.Writes, writes)
	}

	// A spent hourly budget with --no-wait: stop, then resume.
	h2 := newHarness(t, 12)
	out2 := t.TempDir()
	opt2 := h2.options(out2)
	opt2.Publish, opt2.NoWait, opt2.WritesPerHour = []string{feedback.Status}, true, 5
	_, err = batch.Run(context.Background(), opt2)
	var rl *batch.RateLimitError
	if !errors.As(err, &rl) || !rl.Writes {
		t.Fatalf("first run: %v, want the content-creation budget's RateLimitError", err)
	}
	posted := func() int {
		n := 0
		for _, p := range h2.pupils {
			if r := h2.org.Repo(prefix + p.login); r != nil {
				n += len(r.Statuses)
			}
		}
		return n
	}
	if posted() != 5 {
		t.Fatalf("%d statuses before stopping, want the budget's 5", posted())
	}
	h2.clock.Advance(time.Hour)
	opt2.WritesPerHour = 0
	res2, err := batch.Run(context.Background(), opt2)
	if err != nil {
		t.Fatal(err)
	}
	graded := 0
	for _, r := range res2.Results {
		if r.Commit != "" {
			graded++
		}
	}
	if posted() != graded {
		t.Errorf("%d statuses for %d graded students after resuming", posted(), graded)
	}
	for _, p := range h2.pupils {
		if r := h2.org.Repo(prefix + p.login); r != nil && len(r.Statuses) > 1 {
			t.Errorf("%s got %d statuses", p.login, len(r.Statuses))
		}
	}
}

// Roster values a spreadsheet would run as formulas, and control
// characters, are neutralised in grades.csv and moodle.csv; negative points
// stay numbers.
func TestBatchCSVCellsAreNeverFormulas(t *testing.T) {
	h := newHarness(t, 6)
	roster := "login,identifier,email\n" +
		"student000,=1+2,@SUM(A1:A9)@uni.fr\n" +
		"student003,+33 6 12,\"-2+3\x1b[31m\"\n" +
		"student004,4004,s4@uni.fr\n"
	students, err := batch.ReadRoster("roster.csv", []byte(roster), batch.RosterDefaults{Owner: orgName, Prefix: prefix, Deadline: deadline, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	opt := h.options(out)
	opt.Roster = students
	if _, err := batch.Run(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{gradesheet.GradesCSV, gradesheet.MoodleCSV} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		cells := map[string]bool{}
		for _, row := range rows {
			for _, c := range row {
				cells[c] = true
				if c != "" && strings.ContainsRune("=+@\t\r", rune(c[0])) || strings.HasPrefix(c, "-") && !regexp.MustCompile(`^-[0-9.]+$`).MatchString(c) {
					t.Errorf("%s: cell %q starts a formula", name, c)
				}
				if strings.ContainsAny(c, "\x1b") {
					t.Errorf("%s: cell %q carries an escape", name, c)
				}
			}
		}
		for _, want := range []string{"'=1+2", "'+33 6 12"} {
			if !cells[want] {
				t.Errorf("%s lacks the neutralised cell %q", name, want)
			}
		}
		if name == gradesheet.MoodleCSV && (!cells["'@SUM(A1:A9)@uni.fr"] || !cells[`'-2+3\x1b[31m`]) {
			t.Errorf("moodle.csv: emails not neutralised: %v", cells)
		}
	}
}
