package batch_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/tpgrade/tpgrade/internal/batch"
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

// TestReportHTMLRendersInChromium opens report.html in headless Chromium
// and checks that it renders, with no console error and no request leaving
// the file.
func TestReportHTMLRendersInChromium(t *testing.T) {
	chromium := findChromium(t)
	h := newHarness(t, 40)
	// A student who writes HTML and script in their report: shown, never run.
	r := h.org.Repo(prefix + "student000")
	c := &r.Commits[len(r.Commits)-1]
	c.Files["README.md"] = append(c.Files["README.md"], "\n\n<script>console.error('injected')</script> <img src=x onerror=alert(1)>\n"...)
	h.pupils[0].content = c.Files["README.md"]
	out := t.TempDir()
	if _, err := batch.Run(context.Background(), h.options(out)); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(out, batch.ReportHTML)

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
	if bars != 21 || rates != len(h.rubric.Criteria) || rows != 40 {
		t.Errorf("rendered %d histogram bars (want 21), %d criterion bars (want %d), %d student rows (want 40)", bars, rates, len(h.rubric.Criteria), rows)
	}
	if !strings.Contains(title, h.rubric.Title) || !strings.Contains(firstStudent, "student000") {
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
