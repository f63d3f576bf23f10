package githubapi_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-github/v66/github"
	"github.com/tpgrade/tpgrade/internal/githubapi"
	"github.com/tpgrade/tpgrade/internal/githubtest"
)

// fakeClock never waits: Sleep moves time forward and is recorded.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func (c *fakeClock) clock() githubapi.Clock {
	return githubapi.Clock{
		Now: func() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now },
		Sleep: func(ctx context.Context, d time.Duration) error {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.slept = append(c.slept, d)
			c.now = c.now.Add(d)
			return ctx.Err()
		},
	}
}

func newClient(t *testing.T, s *githubtest.Server, opt githubapi.Options) *githubapi.Client {
	t.Helper()
	opt.HTTP, opt.APIURL = s.Server.Client(), s.URL+githubtest.Prefix
	if opt.Token == "" {
		opt.Token = "tok"
	}
	c, err := githubapi.New(opt)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNewClientUsesAPIURLAndToken(t *testing.T) {
	s := githubtest.New(t)
	s.Expect("GET /repos/{owner}/{repo}", func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("Authorization"); got != "Bearer tok" {
			t.Errorf("Authorization = %q", got)
		}
		githubtest.JSON(w, 200, map[string]any{"name": r.PathValue("repo"), "full_name": "o/" + r.PathValue("repo")})
	})
	// No trailing slash, as GITHUB_API_URL is written.
	c := newClient(t, s, githubapi.Options{})
	repo, _, err := c.Repositories.Get(context.Background(), "o", "lab")
	if err != nil || repo.GetFullName() != "o/lab" {
		t.Fatalf("repo %v, err %v", repo, err)
	}
}

func TestNewClientRejectsBadURL(t *testing.T) {
	for _, u := range []string{"ftp://x/", "not a url", "https://"} {
		if _, err := githubapi.New(githubapi.Options{APIURL: u}); err == nil {
			t.Errorf("githubapi.New(%q) accepted it", u)
		}
	}
}

// A redirect to another host (a hostile or compromised API answer) must not
// carry the token there; the API's own host gets it on every hop.
func TestTokenNeverLeavesTheAPIHost(t *testing.T) {
	var mu sync.Mutex
	var elsewhere []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		elsewhere = append(elsewhere, r.Header.Get("Authorization"))
		mu.Unlock()
		githubtest.JSON(w, 200, map[string]any{"full_name": "o/moved"})
	}))
	defer other.Close()
	s := githubtest.New(t)
	s.Expect("GET /repos/{owner}/{repo}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("repo") == "same-host" {
			http.Redirect(w, r, githubtest.Prefix+"/repos/o/here", http.StatusFound)
			return
		}
		if r.PathValue("repo") == "here" {
			githubtest.JSON(w, 200, map[string]any{"full_name": "o/here"})
			return
		}
		http.Redirect(w, r, other.URL+"/steal", http.StatusMovedPermanently)
	})
	c := newClient(t, s, githubapi.Options{Token: "ghp_secret"})
	repo, _, err := c.Repositories.Get(context.Background(), "o", "lab")
	if err != nil || repo.GetFullName() != "o/moved" {
		t.Fatalf("repo %v err %v", repo, err)
	}
	if len(elsewhere) != 1 || elsewhere[0] != "" {
		t.Errorf("the other host received Authorization %q", elsewhere)
	}
	if _, _, err := c.Repositories.Get(context.Background(), "o", "same-host"); err != nil {
		t.Fatal(err)
	}
	for _, r := range s.Requests() {
		if r.Header.Get("Authorization") != "Bearer ghp_secret" {
			t.Errorf("%s %s on the API host without the token", r.Method, r.Path)
		}
	}
	if n := len(s.Requests()); n != 3 {
		t.Errorf("%d requests to the API host, want 3", n)
	}
}

// A Link header whose next page is the page just read ends the listing with
// a clear error after a few requests, not an endless loop.
func TestSelfPointingLinkStopsWithAClearError(t *testing.T) {
	s := githubtest.New(t)
	s.Handle("GET /orgs/{org}/repos", func(w http.ResponseWriter, r *http.Request) {
		page := r.URL.Query().Get("page")
		if page == "" {
			page = "1"
		}
		next := map[string]string{"1": "2", "2": "2"}[page]
		w.Header().Set("Link", fmt.Sprintf(`<%s%s/orgs/o/repos?page=%s&per_page=100>; rel="next"`, s.URL, githubtest.Prefix, next))
		githubtest.JSON(w, 200, []map[string]any{{"full_name": "o/r" + page}})
	})
	c := newClient(t, s, githubapi.Options{})
	pager := githubapi.Pager{What: "the repositories of o"}
	opt := &github.RepositoryListByOrgOptions{ListOptions: github.ListOptions{PerPage: 100}}
	var err error
	for {
		repos, resp, lerr := c.Repositories.ListByOrg(context.Background(), "o", opt)
		if lerr != nil {
			t.Fatal(lerr)
		}
		if opt.Page, err = pager.Next(resp, len(repos)); err != nil || opt.Page == 0 {
			break
		}
	}
	if err == nil || !strings.Contains(err.Error(), "points back to page 2, already read") {
		t.Fatalf("err = %v", err)
	}
	if n := len(s.Requests()); n != 2 {
		t.Errorf("%d requests before stopping, want 2", n)
	}
	t.Logf("self-pointing Link: %d requests, then %v", len(s.Requests()), err)
}

func TestCursorPagerRefusesARepeatedCursor(t *testing.T) {
	var p githubapi.Pager
	resp := &github.Response{After: "abc"}
	if c, err := p.NextCursor(resp, 3); c != "abc" || err != nil {
		t.Fatalf("first cursor %q %v", c, err)
	}
	if _, err := p.NextCursor(resp, 3); err == nil {
		t.Fatal("a repeated cursor was followed")
	}
	if _, err := (&githubapi.Pager{}).NextCursor(&github.Response{After: "x"}, 0); err == nil {
		t.Fatal("an empty page with a next cursor was followed")
	}
}

// Answers are bounded: one announcing a size over the limit is refused
// before its body is read; one without a size stops at the limit.
func TestAnswersAreBounded(t *testing.T) {
	s := githubtest.New(t)
	var served int64
	var mu sync.Mutex
	s.Handle("GET /repos/{owner}/{repo}/contents/{path...}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("repo") == "announced" {
			w.Header().Set("Content-Length", "5000000000")
			w.WriteHeader(200)
			return // the client must not wait for 5 GB
		}
		// An endless JSON list, streamed without a length.
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(200)
		io.WriteString(w, "[")
		chunk := strings.Repeat(`{"name":"x","type":"file"},`, 1000)
		for i := 0; i < 10000; i++ {
			n, err := io.WriteString(w, chunk)
			mu.Lock()
			served += int64(n)
			mu.Unlock()
			if err != nil {
				return
			}
		}
	})
	c := newClient(t, s, githubapi.Options{MaxBody: 1 << 20})
	ctx := context.Background()
	_, _, _, err := c.Repositories.GetContents(ctx, "o", "announced", "x", nil)
	var tl *githubapi.BodyTooLargeError
	if !errors.As(err, &tl) || tl.Size != 5000000000 {
		t.Fatalf("announced 5 GB: err %v", err)
	}
	_, _, _, err = c.Repositories.GetContents(ctx, "o", "endless", "", nil)
	if !errors.As(err, &tl) || tl.Limit != 1<<20 {
		t.Fatalf("endless list: err %v", err)
	}
	// A smaller bound for one request.
	_, _, _, err = c.Repositories.GetContents(githubapi.WithMaxBody(ctx, 1000), "o", "endless", "", nil)
	if !errors.As(err, &tl) || tl.Limit != 1000 {
		t.Fatalf("bounded request: err %v", err)
	}
}

// Content-creating requests are spaced a second apart and kept within the
// hourly budget; with NoWait the budget's end stops the caller, resumably.
func TestWritesArePacedAndBudgeted(t *testing.T) {
	s := githubtest.New(t)
	s.Handle("POST /repos/{owner}/{repo}/statuses/{sha}", func(w http.ResponseWriter, r *http.Request) {
		githubtest.JSON(w, 201, map[string]any{"state": "success"})
	})
	s.Handle("GET /repos/{owner}/{repo}", func(w http.ResponseWriter, r *http.Request) {
		githubtest.JSON(w, 200, map[string]any{"full_name": "o/r"})
	})
	fc := &fakeClock{now: time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)}
	var told []string
	c := newClient(t, s, githubapi.Options{Clock: fc.clock(), WritesPerHour: 3, Notify: func(m string) { told = append(told, m) }})
	ctx := context.Background()
	status := func(c *githubapi.Client) error {
		_, _, err := c.Repositories.CreateStatus(ctx, "o", "r", "abc", &github.RepoStatus{State: github.String("success")})
		return err
	}
	for i := 0; i < 3; i++ {
		if err := status(c); err != nil {
			t.Fatal(err)
		}
		if _, _, err := c.Repositories.Get(ctx, "o", "r"); err != nil { // reads are not paced
			t.Fatal(err)
		}
	}
	if fmt.Sprint(fc.slept) != "[1s 1s]" {
		t.Errorf("waits between three writes %v, want [1s 1s]", fc.slept)
	}
	// The fourth write waits for the oldest to leave the hour.
	if err := status(c); err != nil {
		t.Fatal(err)
	}
	if got := fc.slept[len(fc.slept)-1]; got < 59*time.Minute || len(told) != 1 {
		t.Errorf("fourth write waited %v, told %q", got, told)
	}
	// With NoWait, a spent budget stops the caller instead.
	fc2 := &fakeClock{now: fc.now}
	nw := newClient(t, s, githubapi.Options{Clock: fc2.clock(), WritesPerHour: 2, NoWait: true})
	_, _ = status(nw), status(nw)
	err := status(nw)
	var rl *githubapi.RateLimitError
	if !errors.As(err, &rl) || !rl.Writes || !strings.Contains(err.Error(), "content-creating") {
		t.Fatalf("third write over a budget of 2: %v", err)
	}
	if st := nw.Transport.Stats(); st.Writes != 2 {
		t.Errorf("%d writes sent over a budget of 2", st.Writes)
	}
}

// 451 and "access blocked" are final: no retry, and said as such.
func TestBlockedIsReportedAndNotRetried(t *testing.T) {
	s := githubtest.New(t)
	s.Handle("GET /repos/{owner}/{repo}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("repo") == "dmca" {
			githubtest.Error(w, http.StatusUnavailableForLegalReasons, "Repository access blocked")
			return
		}
		w.Header().Set("Retry-After", "30")
		githubtest.Error(w, http.StatusForbidden, "Repository access blocked")
	})
	fc := &fakeClock{now: time.Unix(1e9, 0)}
	c := newClient(t, s, githubapi.Options{Clock: fc.clock()})
	for _, name := range []string{"dmca", "tos"} {
		_, _, err := c.Repositories.Get(context.Background(), "o", name)
		msg, ok := githubapi.Blocked(err)
		if !ok || !strings.Contains(msg, "blocks access") {
			t.Errorf("%s: Blocked(%v) = %q %v", name, err, msg, ok)
		}
	}
	if n := len(s.Requests()); n != 2 || len(fc.slept) != 0 {
		t.Errorf("%d requests, waits %v: a blocked repository was retried", n, fc.slept)
	}
}

func TestClipKeepsCharactersWhole(t *testing.T) {
	got := githubapi.Clip(strings.Repeat("é", 100), 11)
	if len(got) > 11 || !utf8.ValidString(got) || !strings.HasSuffix(got, "…") {
		t.Errorf("Clip = %q", got)
	}
	if githubapi.Clip("short", 10) != "short" {
		t.Error("Clip changed a short text")
	}
	if got := githubapi.Clip("abcdef", 2); len(got) > 3 {
		t.Errorf("Clip under the ellipsis = %q", got)
	}
}
