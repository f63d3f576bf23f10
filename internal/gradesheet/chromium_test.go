package gradesheet_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/rubric"
	"github.com/tpgrade/tpgrade/internal/gradesheet"
	"github.com/tpgrade/tpgrade/internal/similarity"
)

// chromiumNames are the names Chromium and Chrome are installed under:
// Debian's package, Ubuntu's and Fedora's, Google's.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// findChromium is the browser to run: the CHROME variable (a path or a
// name), else the first of chromiumNames on PATH. The test needs one: it
// fails, never skips, and says how to get one (the README says it too).
func findChromium(t *testing.T) string {
	t.Helper()
	names := chromiumNames
	if c := os.Getenv("CHROME"); c != "" {
		names = []string{c}
	}
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if c := os.Getenv("CHROME"); c != "" {
		t.Fatalf("CHROME=%s: no such browser", c)
	}
	t.Fatalf("no Chromium found (looked for %s on PATH): this test renders report.html in it. "+
		"Install one (Debian: sudo apt-get install chromium; Ubuntu: Google Chrome's .deb) or set CHROME to its path",
		strings.Join(chromiumNames, ", "))
	return ""
}

// hostile is HTML a student (or a hostile server's error) may bring.
const hostile = "<script>console.error('injected')</script> <img src=x onerror=alert(1)>"

// class is forty students graded with the default rubric over the Docker
// TP fixtures, with every kind of row a teacher meets: graded, late, given
// an extension, without a report, not graded (error), and a pair of similar
// submissions.
func class(t *testing.T) gradesheet.Class {
	t.Helper()
	r, err := grader.LoadRubric("", nil)
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob("../../fixtures/docker-tp1/*.md")
	copies, _ := filepath.Glob("../../fixtures/docker-tp1/copies/*.md")
	paths = append(paths, copies...)
	if err != nil || len(paths) < 10 {
		t.Fatalf("fixtures: %v (%d files)", err, len(paths))
	}
	var reports [][]byte
	for _, p := range paths {
		if filepath.Base(p) == "README.md" {
			continue // the fixtures' own index
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		reports = append(reports, b)
	}
	deadline := time.Date(2026, 10, 15, 21, 59, 59, 0, time.UTC)
	c := gradesheet.Class{Rubric: r, Assignment: gradesheet.Assignment{Deadline: deadline, Location: time.UTC},
		Threshold: similarity.DefaultThreshold, Pairs: []similarity.Pair{{A: "student010", B: "student011", Overlap: 0.8, Jaccard: 0.6, Shared: 40}}}
	for i := 0; i < 40; i++ {
		login := fmt.Sprintf("student%03d", i)
		res := &gradesheet.Result{Login: login, Repository: "course/tp1-docker-" + login,
			RepositoryURL: "https://github.com/course/tp1-docker-" + login, Deadline: deadline, Flags: []gradesheet.Flag{},
			Commit: fmt.Sprintf("%040x", i+1), File: "README.md"}
		switch {
		case i == 0:
			// A student who writes HTML and script in their report, quoted
			// by a finding: shown, never run.
			res.Report, _ = grader.GradeBytes("README.md", reports[0], r, grader.Options{})
			res.Report.Findings = append(res.Report.Findings, grader.Finding{Line: 3, Col: 1, Severity: rubric.Warning,
				Message: hostile, Hint: hostile})
		case i%11 == 5:
			res.Mark(gradesheet.FlagError)
			res.Error = "fetching the report: " + hostile
		case i%7 == 3:
			res.Mark(gradesheet.FlagNoReport)
			res.Report = grader.Missing("README.md", r, grader.Options{})
		default:
			res.Report, _ = grader.GradeBytes("README.md", reports[i%len(reports)], r, grader.Options{})
		}
		if i%5 == 4 {
			res.Mark(gradesheet.FlagLate)
		}
		if i == 8 {
			res.Mark(gradesheet.FlagExtension)
			res.Deadline = deadline.Add(48 * time.Hour)
		}
		c.Results = append(c.Results, res)
	}
	return c
}

// TestReportHTMLRendersInChromium opens report.html in headless Chromium
// and checks that it renders, with no console error and no request leaving
// the file.
func TestReportHTMLRendersInChromium(t *testing.T) {
	chromium := findChromium(t)
	c := class(t)
	files, err := gradesheet.Render(c)
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), gradesheet.ReportHTML)
	for _, f := range files {
		if f.Name == gradesheet.ReportHTML {
			if err := os.WriteFile(page, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
	defer cancel()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()

	// Subscribe before navigating so that no message is lost.
	cctx, cancelConsole := context.WithCancel(bctx)
	defer cancelConsole()
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("chromium does not start: %v", err)
	}
	messages := chromedp.Console(cctx)
	var mu sync.Mutex
	var problems []string
	if err := chromedp.Listen(bctx, func(ev any) {
		if r, ok := ev.(*network.EventRequestWillBeSent); ok && !strings.HasPrefix(r.Request.URL, "file://") {
			mu.Lock()
			problems = append(problems, "network request: "+r.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(bctx, chromedp.Navigate("file://"+page), chromedp.WaitVisible(chromedp.ID("students"))); err != nil {
		// Why: a snap's private /tmp hides the page from a snap-packaged
		// Chromium (Ubuntu's chromium-browser).
		t.Fatalf("%s: %v (a snap-packaged Chromium cannot read %s: set CHROME to a browser installed from a .deb, or TMPDIR to a folder in your home)", chromium, err, page)
	}
	eval := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(bctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return n
	}
	bars := eval(`document.querySelectorAll('svg#histogram rect.bar').length`)
	rates := eval(`document.querySelectorAll('svg#criteria rect.rate').length`)
	rows := eval(`document.querySelectorAll('#students tr.student').length`)
	injected := eval(`document.querySelectorAll('script, img').length`)
	title, err := chromedp.Run(bctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	firstStudent, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector('#students tr.student td').textContent`))
	if err != nil {
		t.Fatal(err)
	}
	// Let late messages arrive, then read what the console got.
	if err := chromedp.Do(bctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	cancelConsole()
	for m, err := range messages {
		if err != nil {
			break
		}
		if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.IsException() {
			mu.Lock()
			problems = append(problems, m.String())
			mu.Unlock()
		}
	}
	if bars != 21 || rates != len(c.Rubric.Criteria) || rows != 40 {
		t.Errorf("rendered %d histogram bars (want 21), %d criterion bars (want %d), %d student rows (want 40)", bars, rates, len(c.Rubric.Criteria), rows)
	}
	if !strings.Contains(title, c.Rubric.Title.In(c.Rubric.Lang)) || !strings.Contains(firstStudent, "student000") {
		t.Errorf("title %q, first student %q", title, firstStudent)
	}
	if injected != 0 {
		t.Errorf("student HTML became %d <script>/<img> elements", injected)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("the page is not clean:\n%s", strings.Join(problems, "\n"))
	}
}
