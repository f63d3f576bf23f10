package githubtest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-github/v66/github"
)

func TestServerRecordsAndDecodes(t *testing.T) {
	s := New(t)
	s.Expect("POST /repos/{owner}/{repo}/statuses/{sha}", func(w http.ResponseWriter, r *http.Request) {
		var st github.RepoStatus
		Decode(t, r, &st)
		if st.GetState() != "success" || r.PathValue("sha") != "abc" {
			t.Errorf("got %+v sha %s", st, r.PathValue("sha"))
		}
		JSON(w, http.StatusCreated, st)
	})
	_, _, err := s.Client().Repositories.CreateStatus(context.Background(), "o", "r", "abc",
		&github.RepoStatus{State: github.String("success"), Context: github.String("tpgrade/x")})
	if err != nil {
		t.Fatal(err)
	}
	if n := s.Count("POST", "/repos/o/r/statuses/"); n != 1 {
		t.Fatalf("recorded %d requests, want 1", n)
	}
}

func TestServerFailsOnMissingExpectation(t *testing.T) {
	ft := &fakeTB{TB: t}
	s := New(ft)
	s.Expect("GET /never", func(http.ResponseWriter, *http.Request) {})
	s.Close()
	// Run the cleanups registered by New by hand: they must report the missing call.
	for i := len(ft.cleanups) - 1; i >= 0; i-- {
		ft.cleanups[i]()
	}
	if len(ft.errors) != 1 {
		t.Fatalf("errors = %v, want one about the missing call", ft.errors)
	}
}

type fakeTB struct {
	testing.TB
	cleanups []func()
	errors   []string
}

func (f *fakeTB) Cleanup(fn func())              { f.cleanups = append(f.cleanups, fn) }
func (f *fakeTB) Errorf(format string, a ...any) { f.errors = append(f.errors, format) }
func (f *fakeTB) Helper()                        {}

func clientWith(s *Server, token string) *github.Client {
	c := github.NewClient(s.Server.Client()).WithAuthToken(token)
	c.BaseURL = mustURL(s.t, s.APIURL())
	return c
}

// A POST to a renamed repository answers 307 (not 301, which clients turn
// into a GET) and lands under /repositories/{id}.
func TestOrgRedirectsAPostToARenamedRepositoryWith307(t *testing.T) {
	s := New(t)
	o := NewOrg(s, "course")
	o.Add(&Repo{Name: "lab-alice", Commits: []Commit{{SHA: CommitSHA("a"), Date: time.Unix(1e9, 0), Files: map[string][]byte{"README.md": []byte("# x\n")}}}})
	o.Rename("lab-alice", "lab-alice-2026")
	_, _, err := s.Client().Repositories.CreateStatus(context.Background(), "course", "lab-alice", CommitSHA("a"),
		&github.RepoStatus{State: github.String("success"), Context: github.String("tpgrade/x")})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(o.Repo("lab-alice-2026").Statuses); n != 1 {
		t.Fatalf("%d statuses on the renamed repository", n)
	}
	reqs := s.Requests()
	if len(reqs) != 2 || reqs[0].Method != "POST" || reqs[1].Method != "POST" || !strings.HasPrefix(reqs[1].Path, "/repositories/") {
		t.Errorf("requests %+v", reqs)
	}
}

// Issues and comments come in pages with Link headers.
func TestOrgPagesIssuesAndComments(t *testing.T) {
	s := New(t)
	o := NewOrg(s, "course")
	o.Add(&Repo{Name: "lab"})
	for i := 0; i < 150; i++ {
		o.AddPullRequest("lab", fmt.Sprintf("PR %d", i))
	}
	for i := 0; i < 120; i++ {
		o.AddComment("lab", 1, fmt.Sprintf("comment %d", i))
	}
	ctx := context.Background()
	issues, resp, err := s.Client().Issues.ListByRepo(ctx, "course", "lab", &github.IssueListByRepoOptions{ListOptions: github.ListOptions{PerPage: 100}})
	if err != nil || len(issues) != 100 || resp.NextPage != 2 {
		t.Fatalf("issues page 1: %d, next %d, %v", len(issues), resp.NextPage, err)
	}
	comments, resp, err := s.Client().Issues.ListComments(ctx, "course", "lab", 1, &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100, Page: 2}})
	if err != nil || len(comments) != 20 || resp.NextPage != 0 {
		t.Fatalf("comments page 2: %d, next %d, %v", len(comments), resp.NextPage, err)
	}
}

// Over 1 MB the contents API leaves the content out; the blob route serves it.
func TestOrgContentsOver1MBComeFromTheBlobRoute(t *testing.T) {
	s := New(t)
	o := NewOrg(s, "course")
	big := []byte(strings.Repeat("# big\n", 200_000))
	o.Add(&Repo{Name: "lab", Commits: []Commit{{SHA: CommitSHA("b"), Date: time.Unix(1e9, 0), Files: map[string][]byte{"README.md": big}}}})
	ctx := context.Background()
	fc, _, _, err := s.Client().Repositories.GetContents(ctx, "course", "lab", "README.md", nil)
	if err != nil || fc.GetEncoding() != "none" || fc.Content == nil || *fc.Content != "" || fc.GetSize() != len(big) {
		t.Fatalf("contents: encoding %q, size %d, %v", fc.GetEncoding(), fc.GetSize(), err)
	}
	raw, _, err := s.Client().Git.GetBlobRaw(ctx, "course", "lab", fc.GetSHA())
	if err != nil || string(raw) != string(big) {
		t.Fatalf("blob: %d bytes, %v", len(raw), err)
	}
}

// The activity lists pushes with GitHub's time, whatever the commit's date.
func TestOrgActivityHasPushTimes(t *testing.T) {
	s := New(t)
	o := NewOrg(s, "course")
	t0 := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	o.Add(&Repo{Name: "lab", Commits: []Commit{{SHA: CommitSHA("1"), Date: t0, Files: map[string][]byte{}}}})
	for i := 2; i <= 40; i++ {
		// Backdated commits, pushed later.
		o.Push("lab", Commit{SHA: CommitSHA(fmt.Sprint(i)), Date: t0, Files: map[string][]byte{}}, t0.Add(time.Duration(i)*time.Hour))
	}
	c := s.Client()
	req, _ := c.NewRequest("GET", "repos/course/lab/activity?ref=refs/heads/main&per_page=30", nil)
	var events []struct {
		After        string    `json:"after"`
		ActivityType string    `json:"activity_type"`
		Timestamp    time.Time `json:"timestamp"`
	}
	resp, err := c.Do(context.Background(), req, &events)
	if err != nil || len(events) != 30 || resp.After == "" {
		t.Fatalf("%d events, after %q, %v", len(events), resp.After, err)
	}
	if events[0].After != CommitSHA("40") || events[0].ActivityType != "push" || !events[0].Timestamp.Equal(t0.Add(40*time.Hour)) {
		t.Errorf("newest push at %v, want %v (the push time, not the commit date)", events[0].Timestamp, t0.Add(40*time.Hour))
	}
}

// Each kind of token gets GitHub's own refusal on check runs, and only the
// app that made a run may update it.
func TestChecksTokenKindsAndApps(t *testing.T) {
	s := New(t)
	c := NewChecks(s)
	ctx := context.Background()
	opts := github.CreateCheckRunOptions{Name: "x", HeadSHA: "abc", Output: &github.CheckRunOutput{Title: github.String("t"), Summary: github.String("s")}}
	for token, want := range map[string]string{"ghp_x": RefusedNotAnApp, "github_pat_x": RefusedFineGrained} {
		_, _, err := clientWith(s, token).Checks.CreateCheckRun(ctx, "o", "r", opts)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", token, err, want)
		}
	}
	cr, _, err := clientWith(s, "ghs_job").Checks.CreateCheckRun(ctx, "o", "r", opts)
	if err != nil || cr.GetApp().GetSlug() != "github-actions" {
		t.Fatalf("installation token: %v %+v", err, cr)
	}
	c.Apps = map[string]*github.App{"ghs_other": {ID: github.Int64(5), Slug: github.String("other")}}
	_, _, err = clientWith(s, "ghs_other").Checks.UpdateCheckRun(ctx, "o", "r", cr.GetID(), github.UpdateCheckRunOptions{Name: "x"})
	if err == nil || !strings.Contains(err.Error(), "can only be modified by the GitHub App that created it") {
		t.Errorf("another app's update: %v", err)
	}
	bad := opts
	bad.Output = &github.CheckRunOutput{Title: github.String("t"), Annotations: []*github.CheckRunAnnotation{{Path: github.String("a"),
		StartLine: github.Int(2), EndLine: github.Int(3), StartColumn: github.Int(1), AnnotationLevel: github.String("failure"), Message: github.String("m")}}}
	if _, resp, err := clientWith(s, "ghs_job").Checks.CreateCheckRun(ctx, "o", "r", bad); err == nil || resp.StatusCode != 422 {
		t.Errorf("columns on several lines: %v", err)
	}
}
