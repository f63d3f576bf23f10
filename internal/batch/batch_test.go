package batch_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tpgrade/tpgrade/internal/batch"
	"github.com/tpgrade/tpgrade/internal/githubtest"
	"github.com/tpgrade/tpgrade/internal/gradesheet"
)

// checkResults asserts that every pupil appears exactly once, with the
// graded commit, the flags and the grade `tpgrade grade` gives the same
// content.
func checkResults(t *testing.T, h *harness, results []*gradesheet.Result) {
	t.Helper()
	if len(results) != len(h.pupils) {
		t.Fatalf("%d results for %d students", len(results), len(h.pupils))
	}
	byLogin := map[string]*gradesheet.Result{}
	for _, r := range results {
		if byLogin[r.Login] != nil {
			t.Errorf("%s appears twice", r.Login)
		}
		byLogin[r.Login] = r
	}
	for _, p := range h.pupils {
		r := byLogin[p.login]
		if r == nil {
			t.Errorf("%s is missing from the results", p.login)
			continue
		}
		if r.Commit != p.commit {
			t.Errorf("%s: graded commit %q, want %q", p.login, r.Commit, p.commit)
		}
		got := slices.Clone(r.Flags)
		want := slices.Clone(p.flags)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s (%v): flags %v, want %v (error %q)", p.login, p.kind, got, want, r.Error)
		}
		if r.Report == nil {
			t.Errorf("%s: no report (error %q)", p.login, r.Error)
			continue
		}
		if p.commit == "" {
			if r.Report.Points != 0 || r.Report.Usable {
				t.Errorf("%s: nothing to grade but %v points", p.login, r.Report.Points)
			}
			continue
		}
		if got, want := jsonOf(t, r.Report), jsonOf(t, h.expectedReport(p)); got != want {
			t.Errorf("%s: report differs from grading the same content directly:\n got %s\nwant %s", p.login, got, want)
		}
		if r.File != p.file {
			t.Errorf("%s: graded file %q, want %q", p.login, r.File, p.file)
		}
	}
}

// firstPassBudget is what a first pass must cost without faults: the
// listing pages, then per student the commit list and the report (more only
// when the report is under another name or missing).
func firstPassBudget(h *harness, repos int) int {
	n := (repos + 99) / 100
	for _, p := range h.pupils {
		n += p.requests
	}
	return n
}

func TestBatchGradesAClassThroughFaults(t *testing.T) {
	h := newHarness(t, 300)
	h.org.Faults = githubtest.Faults{
		Every502:    23,                // a share of 502s
		SecondaryAt: 97, RetryAfter: 7, // one secondary limit
		PrimaryAt: 401, ResetIn: 10 * time.Minute, // one exhausted primary limit
		SlowEvery: 41, Slow: 30 * time.Millisecond, // slow answers
		HangAt: 150, // one request never answered: the client's timeout ends it
	}
	// The harness's timeouts end only the hung attempt, so the count of
	// answered requests below is exact however loaded the machine is.
	opt := h.options(t.TempDir())
	out, err := batch.Run(context.Background(), opt)
	if err != nil {
		t.Fatalf("Run: %v\nlog:\n%s", err, h.log)
	}
	checkResults(t, h, out.Results)

	st := h.org.Stats()
	budget := firstPassBudget(h, 321)
	if normal := st.Requests - st.Faults; normal != budget {
		t.Errorf("%d answered requests (%d faults besides), want exactly %d: %v", normal, st.Faults, budget, st.ByKind)
	}
	if st.Faults < 15 {
		t.Errorf("only %d faults injected: the test does not test retries", st.Faults)
	}
	if n := h.timeouts.Expired(); n != 1 {
		t.Errorf("%d attempts timed out, want the hung one", n)
	}
	if out.Stats.Requests != int64(st.Requests) {
		t.Errorf("client counted %d requests, server %d", out.Stats.Requests, st.Requests)
	}
	if perStudent := float64(budget) / 300; perStudent > 2.2 {
		t.Errorf("%.2f requests per student on a first pass", perStudent)
	}
	log := h.log.String()
	if !strings.Contains(log, "rate limit exhausted: waiting until") {
		t.Errorf("the user was not told about the primary limit:\n%s", log)
	}
	if !strings.Contains(log, "secondary rate limit") {
		t.Errorf("the user was not told about the secondary limit:\n%s", log)
	}
	if got := h.clock.longestSleep(); got < 9*time.Minute {
		t.Errorf("longest wait %v: the primary limit's reset (10 min) was not waited for", got)
	}
	if !slices.Contains(h.clock.slept, 7*time.Second) {
		t.Errorf("no wait of the secondary limit's Retry-After (7s): %v", h.clock.slept)
	}
	s := out.Summary
	if s.Students != 300 || s.Errors != 0 || s.Graded+s.Missing != 300 {
		t.Errorf("summary %+v", s)
	}
	wantMissing := 0
	for _, p := range h.pupils {
		if p.file == "" {
			wantMissing++
		}
	}
	if s.Missing != wantMissing {
		t.Errorf("%d missing, want %d", s.Missing, wantMissing)
	}

	// The twins copied a paragraph: they, and only they, are a similar pair.
	if len(out.Pairs) != 1 || out.Pairs[0].A != "student010" || out.Pairs[0].B != "student011" {
		t.Errorf("similar pairs %+v, want only student010/student011", out.Pairs)
	}
	checkGradesCSV(t, h, filepath.Join(opt.Out, gradesheet.GradesCSV))
	if _, err := os.Stat(filepath.Join(opt.Out, gradesheet.MoodleCSV)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("moodle.csv written without identifiers or emails: %v", err)
	}
}

func checkGradesCSV(t *testing.T, h *harness, path string) {
	t.Helper()
	f, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(f)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"assignment_name", "assignment_url", "starter_code_url", "github_username", "roster_identifier",
		"student_repository_name", "student_repository_url", "submission_timestamp", "points_awarded", "points_available",
		"grade", "scale"}
	for _, c := range h.rubric.Criteria {
		want = append(want, c.ID)
	}
	want = append(want, "graded_sha", "flags")
	if !slices.Equal(rows[0], want) {
		t.Fatalf("header %q\nwant   %q", rows[0], want)
	}
	if len(rows) != len(h.pupils)+1 {
		t.Fatalf("%d rows for %d students", len(rows)-1, len(h.pupils))
	}
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		if seen[row[3]] {
			t.Errorf("%s has two rows", row[3])
		}
		seen[row[3]] = true
	}
	for _, p := range h.pupils {
		if !seen[p.login] {
			t.Errorf("%s has no row", p.login)
		}
	}
	// One row, checked cell by cell.
	p := h.pupils[0]
	rep := h.expectedReport(p)
	row := rows[1]
	if row[0] != h.rubric.Title.In(h.rubric.Lang) || row[3] != p.login || row[5] != prefix+p.login ||
		row[6] != "https://github.example/"+orgName+"/"+prefix+p.login || row[8] != rep.Points.String() ||
		row[9] != rep.MaxPoints.String() || row[10] != rep.Grade.String() || row[11] != "20" ||
		row[len(row)-2] != p.commit || row[7] != deadline.Add(-time.Minute).Format(time.RFC3339) {
		t.Errorf("row %q (points %s/%s, grade %s)", row, rep.Points, rep.MaxPoints, rep.Grade)
	}
}

func TestBatchSecondPassFetchesOnlyWhatChanged(t *testing.T) {
	h := newHarness(t, 60)
	out := t.TempDir()
	first, err := batch.Run(context.Background(), h.options(out))
	if err != nil {
		t.Fatal(err)
	}
	before := readOutputs(t, out)
	h.org.ResetStats()

	second, err := batch.Run(context.Background(), h.options(out))
	if err != nil {
		t.Fatal(err)
	}
	st := h.org.Stats()
	if n := st.ByKind["contents"]; n != 0 {
		t.Errorf("second pass fetched contents %d times, want none", n)
	}
	emptyRepos := 0
	for _, p := range h.pupils {
		if p.kind == empty {
			emptyRepos++ // a 409 has no ETag: asked again, as GitHub would answer it
		}
	}
	// One listing page and one list of pushes per student, all 304 (free);
	// the empty repositories' commits are asked too, and their 409s.
	if st.Requests != len(h.pupils)+1+emptyRepos || st.NotModified != st.Requests-emptyRepos {
		t.Errorf("second pass: %d requests, %d not modified, want %d of which %d 304: %v",
			st.Requests, st.NotModified, len(h.pupils)+1+emptyRepos, len(h.pupils)+1, st.ByKind)
	}
	if second.Cached != st.NotModified {
		t.Errorf("%d answers served from the cache, %d 304s", second.Cached, st.NotModified)
	}
	after := readOutputs(t, out)
	for name, b := range before {
		if !bytes.Equal(b, after[name]) {
			t.Errorf("%s changed between two passes over the same submissions", name)
		}
	}
	checkResults(t, h, second.Results)
	if first.Summary != second.Summary {
		t.Errorf("summaries differ: %+v vs %+v", first.Summary, second.Summary)
	}

	// A student pushes a fix before the deadline (clock skew aside): only that
	// repository's report is fetched again.
	p := h.pupils[0]
	fixed := append(slices.Clone(p.content), "\nUne correction.\n"...)
	c := githubtest.Commit{SHA: githubtest.CommitSHA(p.login, "fix"), Date: deadline.Add(-30 * time.Second),
		Files: map[string][]byte{"README.md": fixed}}
	h.org.Push(prefix+p.login, c, deadline.Add(-30*time.Second))
	p.commit, p.content = c.SHA, fixed
	h.org.ResetStats()
	third, err := batch.Run(context.Background(), h.options(out))
	if err != nil {
		t.Fatal(err)
	}
	if n := h.org.Stats().ByKind["contents"]; n != 1 {
		t.Errorf("after one push, %d content fetches, want 1", n)
	}
	checkResults(t, h, third.Results)
	// The teacher edits the rubric: every report is graded again, from the
	// copies on disk after free 304s.
	src, err := os.ReadFile("testdata/lab.yaml")
	if err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(t.TempDir(), "lab.yaml")
	os.WriteFile(edited, append(src, "# edited\n"...), 0o644)
	h.rubric = loadRubricFile(t, edited)
	h.org.ResetStats()
	fourth, err := batch.Run(context.Background(), h.options(out))
	if err != nil {
		t.Fatal(err)
	}
	st = h.org.Stats()
	notFound := 0 // a 404 (README.md absent) has no ETag either
	for _, p := range h.pupils {
		if p.kind == rapport || p.kind == lowercase || p.kind == noReport {
			notFound++
		}
	}
	if st.ByKind["contents"] == 0 || st.NotModified != st.Requests-emptyRepos-notFound {
		t.Errorf("after a rubric edit: %d requests, %d not modified: %v", st.Requests, st.NotModified, st.ByKind)
	}
	checkResults(t, h, fourth.Results)
}

// cancelAfter cancels the run once n students are done.
type cancelAfter struct {
	n      int64
	done   atomic.Int64
	cancel context.CancelFunc
}

func (c *cancelAfter) Start(total, reused int) {}
func (c *cancelAfter) Finish()                 {}
func (c *cancelAfter) Done(*gradesheet.Result) {
	if c.done.Add(1) == c.n {
		c.cancel()
	}
}

func TestBatchInterruptedRunResumesToTheSameOutputs(t *testing.T) {
	h := newHarness(t, 120)
	h.org.Faults = githubtest.Faults{Every502: 31}
	whole := t.TempDir()
	if _, err := batch.Run(context.Background(), h.options(whole)); err != nil {
		t.Fatal(err)
	}
	want := readOutputs(t, whole)

	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	opt := h.options(out)
	opt.Progress = &cancelAfter{n: 50, cancel: cancel}
	_, err := batch.Run(ctx, opt)
	if !errors.Is(err, batch.ErrInterrupted) {
		t.Fatalf("interrupted run: %v, want ErrInterrupted", err)
	}
	if _, err := os.Stat(filepath.Join(out, gradesheet.GradesCSV)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an interrupted run wrote grades.csv: %v", err)
	}
	h.org.ResetStats()
	res, err := batch.Run(context.Background(), h.options(out))
	if err != nil {
		t.Fatal(err)
	}
	if res.Reused < 50 || res.Reused >= 120 {
		t.Errorf("resumed %d students, want at least the 50 done before the interruption", res.Reused)
	}
	if n := h.org.Stats().ByKind["activity"]; n > 120-res.Reused {
		t.Errorf("%d push lists after resuming %d of 120: done students were fetched again", n, res.Reused)
	}
	got := readOutputs(t, out)
	if len(got) != len(want) {
		t.Fatalf("outputs %d files, want %d", len(got), len(want))
	}
	for name, b := range want {
		if !bytes.Equal(b, got[name]) {
			t.Errorf("%s differs between an uninterrupted run and an interrupted one resumed", name)
		}
	}
	checkResults(t, h, res.Results)
}

func TestBatchNoWaitStopsAtThePrimaryLimitAndResumes(t *testing.T) {
	h := newHarness(t, 40)
	h.org.Faults = githubtest.Faults{PrimaryAt: 30, ResetIn: 20 * time.Minute}
	out := t.TempDir()
	opt := h.options(out)
	opt.NoWait = true
	_, err := batch.Run(context.Background(), opt)
	var rl *batch.RateLimitError
	if !errors.As(err, &rl) {
		t.Fatalf("Run: %v, want a RateLimitError", err)
	}
	if want := h.clock.Now().Add(20 * time.Minute); rl.Reset.Unix() != want.Unix() {
		t.Errorf("reset %v, want %v", rl.Reset, want)
	}
	if h.clock.longestSleep() >= time.Minute {
		t.Errorf("waited %v despite --no-wait", h.clock.longestSleep())
	}
	// Before the reset, a new run stops at once without a request storm.
	h.org.ResetStats()
	if _, err := batch.Run(context.Background(), opt); !errors.As(err, &rl) {
		t.Fatalf("second run: %v", err)
	}
	if n := h.org.Stats().Requests; n > 2*8 {
		t.Errorf("%d requests against an exhausted limit", n)
	}
	h.clock.Advance(21 * time.Minute)
	res, err := batch.Run(context.Background(), opt)
	if err != nil {
		t.Fatalf("after the reset: %v", err)
	}
	if res.Reused == 0 {
		t.Errorf("nothing resumed")
	}
	checkResults(t, h, res.Results)
}

func TestBatchResultsJSON(t *testing.T) {
	h := newHarness(t, 30)
	out := t.TempDir()
	if _, err := batch.Run(context.Background(), h.options(out)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, gradesheet.ResultsJSON))
	if err != nil {
		t.Fatal(err)
	}
	var res gradesheet.Results
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&res); err != nil {
		t.Fatal(err)
	}
	if res.Rubric.ID != "lab-batch" || len(res.Rubric.Criteria) != len(h.rubric.Criteria) || !res.Deadline.Equal(deadline) {
		t.Errorf("rubric %+v deadline %v", res.Rubric, res.Deadline)
	}
	if len(res.Students) != 30 || res.Summary.Students != 30 {
		t.Fatalf("%d students", len(res.Students))
	}
	checkResults(t, h, res.Students)
	if res.Similar == nil {
		t.Error("similar is null, want a list")
	}
}

func TestBatchOneBrokenRepositoryDoesNotStopTheClass(t *testing.T) {
	h := newHarness(t, 20)
	h.org.Broken = map[string]int{prefix + "student008": http.StatusInternalServerError}
	out := t.TempDir()
	opt := h.options(out)
	opt.MaxAttempts = 3
	res, err := batch.Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary.Errors != 1 || res.Summary.Students != 20 {
		t.Fatalf("summary %+v", res.Summary)
	}
	var broken *gradesheet.Result
	for _, r := range res.Results {
		if r.Login == "student008" {
			broken = r
		} else if r.Has(gradesheet.FlagError) {
			t.Errorf("%s: %s", r.Login, r.Error)
		}
	}
	if broken == nil || !broken.Has(gradesheet.FlagError) || broken.Report != nil || !strings.Contains(broken.Error, "500") {
		t.Fatalf("broken student: %+v", broken)
	}
	b, _ := os.ReadFile(filepath.Join(out, gradesheet.GradesCSV))
	rows, _ := csv.NewReader(bytes.NewReader(b)).ReadAll()
	for _, row := range rows {
		if row[3] == "student008" && (row[8] != "" || row[len(row)-1] != "error") {
			t.Errorf("row of an ungraded student: %q", row)
		}
	}
	// The next run retries it: fixed now, graded.
	h.org.Broken = nil
	res, err = batch.Run(context.Background(), h.options(out))
	if err != nil || res.Summary.Errors != 0 {
		t.Fatalf("retry: %v %+v", err, res.Summary)
	}
	checkResults(t, h, res.Results)
}

// TestBatchGradesAgainWithAnotherTpgrade: stored grades belong to the
// tpgrade that computed them; a newer one fetches and grades again rather
// than serve grades its rules may no longer give.
func TestBatchGradesAgainWithAnotherTpgrade(t *testing.T) {
	h := newHarness(t, 20)
	out := t.TempDir()
	opt := h.options(out)
	opt.Version = "v1.0.0"
	if _, err := batch.Run(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	h.org.ResetStats()
	if _, err := batch.Run(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	if n := h.org.Stats().ByKind["contents"]; n != 0 {
		t.Fatalf("same tpgrade, second pass: %d content fetches, want none", n)
	}
	h.org.ResetStats()
	opt.Version = "v1.1.0"
	if _, err := batch.Run(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	withReport := 0
	for _, p := range h.pupils {
		if p.file != "" && p.kind != empty {
			withReport++
		}
	}
	if n := h.org.Stats().ByKind["contents"]; n < withReport {
		t.Errorf("upgraded tpgrade: %d content fetches, want at least %d (every report graded again)", n, withReport)
	}
}
