package githubtest

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/go-github/v66/github"

	"github.com/tpgrade/tpgrade/internal/githubapi"
)

// Org is a fake organisation of student repositories on a Server, with the
// API's real shapes and its strictness where it matters: repositories,
// issues and comments listed in pages with Link headers; the repository
// activity (pushes with their own time, distinct from commit dates, newest
// first, with after= cursors); commits filtered by `until` on the committer
// date; contents at a ref (base64, and above 1 MB `encoding: none` with the
// content left out, for the blob route); ETags and 304s that do not spend
// the rate limit; renamed repositories answering 301 to GET and 307 to
// other methods, under /repositories/{id}; 409 for empty repositories;
// commit statuses (422 past 140 characters), issues, comments and
// dispatches. Faults (502s, a secondary limit, an exhausted primary limit,
// slow and hanging answers) are injected by request number, so that a test
// is reproducible.
type Org struct {
	Name   string
	Faults Faults
	// Now is the fake clock the primary limit's reset is measured with; nil
	// is time.Now.
	Now func() time.Time
	// ClassroomGone makes the Classroom API answer 410 Gone.
	ClassroomGone bool
	// Classroom assignments by id, served when ClassroomGone is false.
	Classroom map[string]ClassroomAssignment
	// Broken repositories answer every request with this status (a
	// repository GitHub cannot serve).
	Broken map[string]int
	// Timeouts, when set, are the client's per-attempt timeouts: a hung
	// request ends its attempt through them. Without them a hung request
	// waits for the client's own timeout.
	Timeouts *Timeouts

	s      *Server
	mu     sync.Mutex
	repos  map[string]*Repo // by lower-case name
	byID   map[int64]*Repo
	moved  map[string]string // old lower-case name -> current name
	nextID int64
	n      int // requests so far
	stats  OrgStats
	left   int // primary budget
	reset  time.Time
}

// ClassroomAssignment is what the fake Classroom API serves.
type ClassroomAssignment struct {
	Title    string
	Accepted []ClassroomAccepted
}

// ClassroomAccepted is one accepted assignment.
type ClassroomAccepted struct {
	Logins []string
	Repo   string // owner/name
}

// Faults say which requests fail and how; request numbers count from 1 over
// every request the organisation serves.
type Faults struct {
	Latency     time.Duration // added to every answer
	Every502    int           // every Nth request answers 502 Bad Gateway
	SecondaryAt int           // this request answers 403 with Retry-After
	RetryAfter  int           // seconds, for SecondaryAt
	PrimaryAt   int           // from this request the primary budget is spent until ResetIn passes on Now
	ResetIn     time.Duration
	SlowEvery   int           // every Nth request takes Slow longer
	Slow        time.Duration //
	HangAt      int           // this request is never answered: the server waits until the client gives up
	StallFrom   int           // from this request on, none is answered (a server gone silent)
}

// OrgStats counts what the organisation answered.
type OrgStats struct {
	Requests    int            // every request, faults included
	Faults      int            // 502s, limits and hung answers
	NotModified int            // 304s
	ByKind      map[string]int // normal answers (304 included) by endpoint kind
}

// Repo is one repository of the organisation.
type Repo struct {
	Name          string
	ID            int64
	DefaultBranch string
	Archived      bool
	PushedAt      time.Time
	Commits       []Commit // oldest first; none: an empty repository
	// Pushes are the default branch's activity, oldest first. When Add is
	// given none, every commit is taken as pushed at its committer date, the
	// first one creating the branch.
	Pushes []Push
	// ActivityFrom hides the activity before it, as GitHub keeps a limited
	// history of it.
	ActivityFrom time.Time

	// Sizes make the contents API report another size for a path, and the
	// blob route stream that many bytes: a hostile or broken server.
	Sizes map[string]int64

	Statuses   []github.RepoStatus
	Issues     []*github.Issue
	Comments   map[int][]*github.IssueComment
	Dispatches []github.DispatchRequestOptions
}

// Commit is one commit and the whole tree at it.
type Commit struct {
	SHA   string
	Date  time.Time // committer date: whatever the student's git says
	Files map[string][]byte
}

// Push is one event of a branch's activity: the head moved from Before to
// After at At, GitHub's time of the push.
type Push struct {
	Before, After string
	At            time.Time
	Kind          string // push (default), force_push, branch_creation, branch_deletion
	Actor         string // the pusher's login; "" is the repository's student
}

// zeroSHA is the head of a branch that does not exist.
const zeroSHA = "0000000000000000000000000000000000000000"

// NewOrg registers an organisation's endpoints on s.
func NewOrg(s *Server, name string) *Org {
	o := &Org{Name: name, s: s, repos: map[string]*Repo{}, byID: map[int64]*Repo{}, moved: map[string]string{},
		nextID: 1000, left: 5000, stats: OrgStats{ByKind: map[string]int{}}}
	o.routes()
	return o
}

// CommitSHA derives a stable commit SHA from anything.
func CommitSHA(parts ...string) string {
	h := sha1.Sum([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:])
}

// Add creates a repository (named without the organisation).
func (o *Org) Add(r *Repo) *Repo {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.nextID++
	r.ID = o.nextID
	if r.DefaultBranch == "" {
		r.DefaultBranch = "main"
	}
	if r.Comments == nil {
		r.Comments = map[int][]*github.IssueComment{}
	}
	if r.Pushes == nil {
		before := zeroSHA
		for i, c := range r.Commits {
			kind := "push"
			if i == 0 {
				kind = "branch_creation"
			}
			r.Pushes = append(r.Pushes, Push{Before: before, After: c.SHA, At: c.Date, Kind: kind})
			before = c.SHA
		}
	}
	if r.PushedAt.IsZero() && len(r.Pushes) > 0 {
		r.PushedAt = r.Pushes[len(r.Pushes)-1].At
	}
	o.repos[strings.ToLower(r.Name)] = r
	o.byID[r.ID] = r
	return r
}

// Rename moves a repository to a new name; the old one redirects.
func (o *Org) Rename(old, name string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	r := o.repos[strings.ToLower(old)]
	delete(o.repos, strings.ToLower(old))
	r.Name = name
	o.repos[strings.ToLower(name)] = r
	o.moved[strings.ToLower(old)] = name
}

// Push appends a commit to a repository's default branch, pushed at
// pushedAt whatever the commit's own date says.
func (o *Org) Push(name string, c Commit, pushedAt time.Time) {
	o.mu.Lock()
	defer o.mu.Unlock()
	r := o.repos[strings.ToLower(name)]
	before, kind := zeroSHA, "branch_creation"
	if len(r.Commits) > 0 {
		before, kind = r.Commits[len(r.Commits)-1].SHA, "push"
	}
	r.Commits = append(r.Commits, c)
	r.Pushes = append(r.Pushes, Push{Before: before, After: c.SHA, At: pushedAt, Kind: kind})
	r.PushedAt = pushedAt
}

// PushOtherBranch records a push to another branch: it moves the
// repository's pushed_at, not the default branch.
func (o *Org) PushOtherBranch(name string, pushedAt time.Time) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.repos[strings.ToLower(name)].PushedAt = pushedAt
}

// Repo returns a repository by name (nil when none).
func (o *Org) Repo(name string) *Repo {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.repos[strings.ToLower(name)]
}

// Stats returns the counts so far.
func (o *Org) Stats() OrgStats {
	o.mu.Lock()
	defer o.mu.Unlock()
	st := o.stats
	st.ByKind = map[string]int{}
	for k, v := range o.stats.ByKind {
		st.ByKind[k] = v
	}
	return st
}

// SetFaults changes the faults while the server runs: the server reads them
// under the organisation's lock.
func (o *Org) SetFaults(f Faults) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.Faults = f
}

// ResetStats zeroes the counts (not the request numbering of faults).
func (o *Org) ResetStats() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.stats = OrgStats{ByKind: map[string]int{}}
}

func (o *Org) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// answer is what an endpoint returns; the middleware writes it.
type answer struct {
	status   int
	body     any
	header   http.Header
	noETag   bool
	location string
	raw      func(w http.ResponseWriter) // writes a non-JSON body itself
}

func (o *Org) routes() {
	h := func(pattern, kind string, f func(*http.Request) answer) {
		o.s.Handle(pattern, o.serve(kind, f))
	}
	h("GET /orgs/{org}/repos", "list-repos", o.listRepos)
	h("GET /repos/{owner}/{repo}", "get-repo", o.getRepo)
	h("GET /repositories/{id}", "get-repo", o.getRepoByID)
	h("GET /repos/{owner}/{repo}/commits", "list-commits", o.listCommits)
	h("GET /repos/{owner}/{repo}/activity", "activity", o.activity)
	h("GET /repos/{owner}/{repo}/contents/{path...}", "contents", o.contents)
	h("GET /repos/{owner}/{repo}/git/blobs/{sha}", "blob", o.blob)
	h("POST /repos/{owner}/{repo}/statuses/{sha}", "create-status", o.createStatus)
	h("GET /repos/{owner}/{repo}/issues", "list-issues", o.listIssues)
	h("POST /repos/{owner}/{repo}/issues", "create-issue", o.createIssue)
	h("PATCH /repos/{owner}/{repo}/issues/{number}", "edit-issue", o.editIssue)
	h("GET /repos/{owner}/{repo}/issues/{number}/comments", "list-comments", o.listComments)
	h("POST /repos/{owner}/{repo}/issues/{number}/comments", "create-comment", o.createComment)
	h("PATCH /repos/{owner}/{repo}/issues/comments/{id}", "edit-comment", o.editComment)
	h("POST /repos/{owner}/{repo}/dispatches", "dispatch", o.dispatch)
	o.s.Handle("/repositories/{id}/{rest...}", o.byRepositoryID)
	h("GET /assignments/{id}", "classroom", o.classroomAssignment)
	h("GET /assignments/{id}/accepted_assignments", "classroom", o.classroomAccepted)
}

// serve applies faults, the rate limit and ETags around an endpoint.
func (o *Org) serve(kind string, f func(*http.Request) answer) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if o.fault(w, r) {
			return
		}
		o.mu.Lock()
		a := f(r)
		o.mu.Unlock()
		o.reply(w, r, kind, a)
	}
}

// fault answers in place of the endpoint when a fault is due (a hung or
// slow answer, a spent rate limit, a secondary limit, a 502), as GitHub
// does, and reports whether it did. Every answer carries the rate-limit
// headers.
func (o *Org) fault(w http.ResponseWriter, r *http.Request) bool {
	o.mu.Lock()
	o.n++
	n := o.n
	o.stats.Requests++
	fl := o.Faults
	now := o.now()
	if !o.reset.IsZero() && !now.Before(o.reset) {
		o.left, o.reset = 5000, time.Time{}
	}
	if fl.PrimaryAt > 0 && n == fl.PrimaryAt {
		o.left, o.reset = 0, now.Add(fl.ResetIn)
	}
	hung := fl.HangAt > 0 && n == fl.HangAt || fl.StallFrom > 0 && n >= fl.StallFrom
	if hung {
		o.stats.Faults++ // counted now: the client gives up before the answer
	}
	o.mu.Unlock()

	delay := fl.Latency
	if fl.SlowEvery > 0 && n%fl.SlowEvery == 0 {
		delay += fl.Slow
	}
	if delay > 0 {
		time.Sleep(delay)
	}
	if hung {
		// Why: the server notices the client gone only once the request's
		// body is read.
		_, _ = io.Copy(io.Discard, r.Body)
		if o.Timeouts != nil {
			o.Timeouts.expire(r)
		}
		<-r.Context().Done()
		return true
	}
	o.mu.Lock()
	o.rateHeaders(w.Header(), now)
	switch {
	case o.left <= 0 && !o.reset.IsZero():
		o.stats.Faults++
		w.Header().Set("X-RateLimit-Remaining", "0")
		o.mu.Unlock()
		JSON(w, http.StatusForbidden, map[string]string{
			"message":           "API rate limit exceeded for user ID 1.",
			"documentation_url": "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting",
		})
		return true
	case fl.SecondaryAt > 0 && n == fl.SecondaryAt:
		o.stats.Faults++
		o.mu.Unlock()
		w.Header().Set("Retry-After", strconv.Itoa(fl.RetryAfter))
		JSON(w, http.StatusForbidden, map[string]string{
			"message":           "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
			"documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
		})
		return true
	case fl.Every502 > 0 && n%fl.Every502 == 0:
		o.stats.Faults++
		o.mu.Unlock()
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprint(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
		return true
	}
	o.mu.Unlock()
	return false
}

// reply writes an endpoint's answer: a redirect, a raw body, or JSON with
// an ETag on a successful GET, answered 304 when the client already has it.
func (o *Org) reply(w http.ResponseWriter, r *http.Request, kind string, a answer) {
	for k, vs := range a.header {
		w.Header()[k] = vs
	}
	if a.location != "" {
		o.count(kind, false, true)
		w.Header().Set("Location", a.location)
		JSON(w, a.status, map[string]string{"message": http.StatusText(a.status), "url": a.location})
		return
	}
	if a.raw != nil {
		o.count(kind, false, true)
		a.raw(w)
		return
	}
	body, _ := json.Marshal(a.body)
	if r.Method == http.MethodGet && a.status == http.StatusOK && !a.noETag {
		sum := sha256.Sum256(body)
		etag := `W/"` + hex.EncodeToString(sum[:12]) + `"`
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			o.count(kind, true, false)
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	o.count(kind, false, true)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(a.status)
	if a.status != http.StatusNoContent {
		_, _ = w.Write(body)
	}
}

// count records a normal answer; spent says whether it used the budget.
func (o *Org) count(kind string, notModified, spent bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.stats.ByKind[kind]++
	if notModified {
		o.stats.NotModified++
	}
	if spent && o.left > 0 {
		o.left--
	}
}

func (o *Org) rateHeaders(h http.Header, now time.Time) {
	reset := o.reset
	if reset.IsZero() {
		reset = now.Add(time.Hour)
	}
	h.Set("X-RateLimit-Limit", "5000")
	h.Set("X-RateLimit-Remaining", strconv.Itoa(max(o.left-1, 0)))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
}

func notFound() answer {
	return answer{status: http.StatusNotFound, body: map[string]string{"message": "Not Found",
		"documentation_url": "https://docs.github.com/rest"}, noETag: true}
}

func (o *Org) webURL(name string) string { return "https://github.example/" + o.Name + "/" + name }

func (o *Org) repoJSON(r *Repo) *github.Repository {
	gr := &github.Repository{
		ID: github.Int64(r.ID), Name: github.String(r.Name), FullName: github.String(o.Name + "/" + r.Name),
		HTMLURL: github.String(o.webURL(r.Name)), DefaultBranch: github.String(r.DefaultBranch),
		Archived: github.Bool(r.Archived), Private: github.Bool(true),
		Owner: &github.User{Login: github.String(o.Name), Type: github.String("Organization")},
	}
	if !r.PushedAt.IsZero() {
		gr.PushedAt = &github.Timestamp{Time: r.PushedAt}
	}
	return gr
}

// lookup finds the repository of a request; a renamed one redirects.
func (o *Org) lookup(req *http.Request) (*Repo, answer, bool) {
	if !strings.EqualFold(req.PathValue("owner"), o.Name) {
		return nil, notFound(), false
	}
	name := strings.ToLower(req.PathValue("repo"))
	for b, status := range o.Broken {
		if strings.EqualFold(b, name) {
			return nil, answer{status: status, body: map[string]string{"message": http.StatusText(status)}, noETag: true}, false
		}
	}
	if r, ok := o.repos[name]; ok {
		return r, answer{}, true
	}
	if cur, ok := o.moved[name]; ok {
		r := o.repos[strings.ToLower(cur)]
		rest := strings.TrimPrefix(req.URL.Path, "/repos/"+req.PathValue("owner")+"/"+req.PathValue("repo"))
		loc := o.s.URL + Prefix + "/repositories/" + strconv.FormatInt(r.ID, 10) + rest
		if req.URL.RawQuery != "" {
			loc += "?" + req.URL.RawQuery
		}
		// Why: GitHub redirects a renamed repository with 301 for GET and 307
		// for other methods, so that a client repeats a POST as a POST
		// (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#follow-redirects).
		status := http.StatusMovedPermanently
		if req.Method != http.MethodGet && req.Method != http.MethodHead {
			status = http.StatusTemporaryRedirect
		}
		return nil, answer{status: status, location: loc}, false
	}
	return nil, notFound(), false
}

// byRepositoryID serves /repositories/{id}/... (where renamed repositories
// redirect) as the repository's own /repos/{owner}/{name}/... route.
func (o *Org) byRepositoryID(w http.ResponseWriter, req *http.Request) {
	id, _ := strconv.ParseInt(req.PathValue("id"), 10, 64)
	o.mu.Lock()
	r, ok := o.byID[id]
	name := ""
	if ok {
		name = r.Name
	}
	o.mu.Unlock()
	if !ok {
		Error(w, http.StatusNotFound, "Not Found")
		return
	}
	r2 := req.Clone(req.Context())
	r2.URL.Path = "/repos/" + o.Name + "/" + name + "/" + req.PathValue("rest")
	r2.URL.RawPath = ""
	r2.Body = req.Body
	o.s.mux.ServeHTTP(w, r2)
}

// pageOf serves items in pages of per_page (30 by default, 100 at most) with
// GitHub's Link header.
func pageOf[T any](s *Server, req *http.Request, items []T) answer {
	per, _ := strconv.Atoi(req.URL.Query().Get("per_page"))
	if per <= 0 {
		per = 30
	}
	per = min(per, 100)
	page, _ := strconv.Atoi(req.URL.Query().Get("page"))
	page = max(page, 1)
	last := max((len(items)+per-1)/per, 1)
	out := []T{}
	for i := (page - 1) * per; i < min(page*per, len(items)); i++ {
		out = append(out, items[i])
	}
	a := answer{status: http.StatusOK, body: out, header: http.Header{}}
	link := func(p int, rel string) string {
		q := req.URL.Query()
		q.Set("page", strconv.Itoa(p))
		q.Set("per_page", strconv.Itoa(per))
		return fmt.Sprintf(`<%s%s%s?%s>; rel="%s"`, s.URL, Prefix, req.URL.Path, q.Encode(), rel)
	}
	var links []string
	if page < last {
		links = append(links, link(page+1, "next"), link(last, "last"))
	}
	if page > 1 {
		links = append(links, link(1, "first"), link(page-1, "prev"))
	}
	if len(links) > 0 {
		a.header.Set("Link", strings.Join(links, ", "))
	}
	return a
}

func (o *Org) listRepos(req *http.Request) answer {
	if !strings.EqualFold(req.PathValue("org"), o.Name) {
		return notFound()
	}
	names := make([]string, 0, len(o.repos))
	for k := range o.repos {
		names = append(names, k)
	}
	sort.Strings(names)
	repos := make([]*github.Repository, len(names))
	for i, n := range names {
		repos[i] = o.repoJSON(o.repos[n])
	}
	return pageOf(o.s, req, repos)
}

func (o *Org) getRepo(req *http.Request) answer {
	r, a, ok := o.lookup(req)
	if !ok {
		return a
	}
	return answer{status: http.StatusOK, body: o.repoJSON(r)}
}

func (o *Org) getRepoByID(req *http.Request) answer {
	id, _ := strconv.ParseInt(req.PathValue("id"), 10, 64)
	r, ok := o.byID[id]
	if !ok {
		return notFound()
	}
	return answer{status: http.StatusOK, body: o.repoJSON(r)}
}

// at resolves a ref (a commit SHA, the default branch, or nothing).
func (r *Repo) at(ref string) (*Commit, bool) {
	if len(r.Commits) == 0 {
		return nil, false
	}
	if ref == "" || ref == r.DefaultBranch {
		return &r.Commits[len(r.Commits)-1], true
	}
	for i := range r.Commits {
		if r.Commits[i].SHA == ref {
			return &r.Commits[i], true
		}
	}
	return nil, false
}

func (o *Org) listCommits(req *http.Request) answer {
	r, a, ok := o.lookup(req)
	if !ok {
		return a
	}
	if len(r.Commits) == 0 {
		return answer{status: http.StatusConflict, body: map[string]string{"message": "Git Repository is empty.",
			"documentation_url": "https://docs.github.com/rest/commits/commits#list-commits"}, noETag: true}
	}
	q := req.URL.Query()
	if sha := q.Get("sha"); sha != "" && sha != r.DefaultBranch {
		return notFound()
	}
	var until time.Time
	if u := q.Get("until"); u != "" {
		t, err := time.Parse(time.RFC3339, u)
		if err != nil {
			return answer{status: http.StatusUnprocessableEntity, body: map[string]string{"message": "bad until"}, noETag: true}
		}
		until = t
	}
	per, _ := strconv.Atoi(q.Get("per_page"))
	if per <= 0 {
		per = 30
	}
	out := []*github.RepositoryCommit{}
	for i := len(r.Commits) - 1; i >= 0 && len(out) < per; i-- {
		c := r.Commits[i]
		if !until.IsZero() && c.Date.After(until) {
			continue
		}
		out = append(out, &github.RepositoryCommit{SHA: github.String(c.SHA), Commit: &github.Commit{
			Message:   github.String("commit " + c.SHA[:7]),
			Committer: &github.CommitAuthor{Name: github.String("student"), Date: &github.Timestamp{Time: c.Date}},
		}})
	}
	return answer{status: http.StatusOK, body: out}
}

// maxContent is the largest file the contents API serves with its content.
const maxContent = 1 << 20

// blob serves a file by its blob SHA, raw when asked (Accept: ...raw), as
// JSON with base64 content otherwise. A size in Repo.Sizes makes it stream
// without end (until the client hangs up): a hostile server's endless file.
func (o *Org) blob(req *http.Request) answer {
	r, a, ok := o.lookup(req)
	if !ok {
		return a
	}
	sha := req.PathValue("sha")
	for _, c := range r.Commits {
		for path, b := range c.Files {
			if blobSHA(b) != sha {
				continue
			}
			if _, lie := r.Sizes[path]; lie {
				return answer{raw: func(w http.ResponseWriter) {
					w.Header().Set("Content-Type", "application/vnd.github.raw")
					w.WriteHeader(http.StatusOK)
					chunk := bytes.Repeat([]byte("# lie\n"), 8192)
					for sent := int64(0); sent < 64<<30; sent += int64(len(chunk)) {
						if _, err := w.Write(chunk); err != nil {
							return
						}
					}
				}}
			}
			if strings.Contains(req.Header.Get("Accept"), "raw") {
				return answer{raw: func(w http.ResponseWriter) {
					w.Header().Set("Content-Type", "application/vnd.github.raw")
					w.Header().Set("Content-Length", strconv.Itoa(len(b)))
					w.WriteHeader(http.StatusOK)
					_, _ = w.Write(b)
				}}
			}
			return answer{status: http.StatusOK, body: &github.Blob{SHA: github.String(sha), Size: github.Int(len(b)),
				Encoding: github.String("base64"), Content: github.String(base64.StdEncoding.EncodeToString(b))}}
		}
	}
	return notFound()
}

// activity serves GET /repos/{owner}/{repo}/activity: the default branch's
// pushes, newest first (direction=asc for oldest first), activity_type to
// keep one kind, per_page (30 by default, 100 at most) and after= cursors
// in the Link header. Pushes before ActivityFrom are gone.
//
// Why: https://docs.github.com/rest/repos/repos#list-repository-activities
func (o *Org) activity(req *http.Request) answer {
	r, a, ok := o.lookup(req)
	if !ok {
		return a
	}
	q := req.URL.Query()
	var events []Push
	if ref := q.Get("ref"); ref == "" || strings.TrimPrefix(ref, "refs/heads/") == r.DefaultBranch {
		for _, p := range r.Pushes {
			kind := p.Kind
			if kind == "" {
				kind = "push"
			}
			if p.At.Before(r.ActivityFrom) || q.Get("activity_type") != "" && q.Get("activity_type") != kind {
				continue
			}
			p.Kind = kind
			events = append(events, p)
		}
	}
	if q.Get("direction") != "asc" {
		slices.Reverse(events)
	}
	per, _ := strconv.Atoi(q.Get("per_page"))
	if per <= 0 {
		per = 30
	}
	per = min(per, 100)
	start := 0
	if c := q.Get("after"); c != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(c, "cursor-"))
		if err != nil || n < 0 || n > len(events) {
			return answer{status: http.StatusUnprocessableEntity, body: map[string]string{"message": "bad cursor"}, noETag: true}
		}
		start = n
	}
	out := []map[string]any{}
	for i := start; i < min(start+per, len(events)); i++ {
		p := events[i]
		actor := p.Actor
		if actor == "" {
			actor = "student"
		}
		out = append(out, map[string]any{
			"id": i + 1, "node_id": fmt.Sprintf("RA_%d", i+1), "before": p.Before, "after": p.After,
			"ref": "refs/heads/" + r.DefaultBranch, "timestamp": p.At.UTC().Format(time.RFC3339),
			"activity_type": p.Kind, "actor": map[string]any{"login": actor, "id": 1, "type": "User"},
		})
	}
	ans := answer{status: http.StatusOK, body: out, header: http.Header{}}
	if start+per < len(events) {
		q.Set("after", fmt.Sprintf("cursor-%d", start+per))
		q.Set("per_page", strconv.Itoa(per))
		ans.header.Set("Link", fmt.Sprintf(`<%s%s%s?%s>; rel="next"`, o.s.URL, Prefix, req.URL.Path, q.Encode()))
	}
	return ans
}

func blobSHA(b []byte) string {
	h := sha1.Sum(append([]byte(fmt.Sprintf("blob %d\x00", len(b))), b...))
	return hex.EncodeToString(h[:])
}

func (o *Org) contents(req *http.Request) answer {
	r, a, ok := o.lookup(req)
	if !ok {
		return a
	}
	c, ok := r.at(req.URL.Query().Get("ref"))
	if !ok {
		return notFound()
	}
	path := strings.Trim(req.PathValue("path"), "/")
	if b, ok := c.Files[path]; ok {
		fc := &github.RepositoryContent{
			Type: github.String("file"), Encoding: github.String("base64"), Size: github.Int(len(b)),
			Name: github.String(path[strings.LastIndex(path, "/")+1:]), Path: github.String(path),
			SHA: github.String(blobSHA(b)), Content: github.String(base64.StdEncoding.EncodeToString(b)),
		}
		if n, ok := r.Sizes[path]; ok {
			fc.Size = github.Int(int(n))
		}
		if fc.GetSize() > maxContent {
			// Why: above 1 MB the contents API leaves the content out
			// (https://docs.github.com/rest/repos/contents#get-repository-content).
			fc.Encoding, fc.Content = github.String("none"), github.String("")
		}
		return answer{status: http.StatusOK, body: fc}
	}
	// A directory: its direct children.
	seen := map[string]bool{}
	out := []*github.RepositoryContent{}
	prefix := ""
	if path != "" {
		prefix = path + "/"
	}
	names := make([]string, 0, len(c.Files))
	for p := range c.Files {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		if !strings.HasPrefix(p, prefix) {
			continue
		}
		rest := p[len(prefix):]
		name, _, isDir := strings.Cut(rest, "/")
		if seen[name] {
			continue
		}
		seen[name] = true
		typ := "file"
		if isDir {
			typ = "dir"
		}
		out = append(out, &github.RepositoryContent{Type: github.String(typ), Name: github.String(name), Path: github.String(prefix + name)})
	}
	if len(out) == 0 {
		return notFound()
	}
	return answer{status: http.StatusOK, body: out}
}

func decodeBody(req *http.Request, v any) error {
	dec := json.NewDecoder(req.Body)
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func (o *Org) createStatus(req *http.Request) answer {
	r, a, ok := o.lookup(req)
	if !ok {
		return a
	}
	var st github.RepoStatus
	if err := decodeBody(req, &st); err != nil {
		o.s.t.Errorf("githubtest: status body: %v", err)
		return answer{status: http.StatusUnprocessableEntity, body: map[string]string{"message": err.Error()}}
	}
	if _, ok := r.at(req.PathValue("sha")); !ok {
		return answer{status: http.StatusUnprocessableEntity, body: map[string]string{"message": "No commit found for SHA"}}
	}
	if n := len([]rune(st.GetDescription())); n > githubapi.MaxStatusDescription {
		// Why: GitHub refuses a longer description with 422, it does not cut it.
		return answer{status: http.StatusUnprocessableEntity, body: map[string]string{"message": fmt.Sprintf("Validation Failed: description is too long (%d characters, maximum is 140)", n)}}
	}
	r.Statuses = append(r.Statuses, st)
	return answer{status: http.StatusCreated, body: st}
}

func (o *Org) listIssues(req *http.Request) answer {
	r, a, ok := o.lookup(req)
	if !ok {
		return a
	}
	return pageOf(o.s, req, r.Issues)
}

func (o *Org) findIssue(r *Repo, req *http.Request) *github.Issue {
	n, _ := strconv.Atoi(req.PathValue("number"))
	for _, is := range r.Issues {
		if is.GetNumber() == n {
			return is
		}
	}
	return nil
}

// AddPullRequest opens a pull request (as Classroom's "Feedback" one).
func (o *Org) AddPullRequest(repo, title string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	r := o.repos[strings.ToLower(repo)]
	n := len(r.Issues) + 1
	r.Issues = append(r.Issues, &github.Issue{Number: github.Int(n), Title: github.String(title),
		State:            github.String("open"),
		PullRequestLinks: &github.PullRequestLinks{URL: github.String(fmt.Sprintf("%s%s/repos/%s/%s/pulls/%d", o.s.URL, Prefix, o.Name, r.Name, n))}})
	return n
}

// AddComment adds a comment to an issue or pull request.
func (o *Org) AddComment(repo string, number int, body string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	r := o.repos[strings.ToLower(repo)]
	o.nextID++
	r.Comments[number] = append(r.Comments[number], &github.IssueComment{ID: github.Int64(o.nextID), Body: github.String(body)})
}

func (o *Org) createIssue(req *http.Request) answer {
	r, a, ok := o.lookup(req)
	if !ok {
		return a
	}
	var in github.IssueRequest
	if err := decodeBody(req, &in); err != nil {
		o.s.t.Errorf("githubtest: issue body: %v", err)
	}
	is := &github.Issue{Number: github.Int(len(r.Issues) + 1), Title: in.Title, Body: in.Body, State: github.String("open")}
	r.Issues = append(r.Issues, is)
	return answer{status: http.StatusCreated, body: is}
}

func (o *Org) editIssue(req *http.Request) answer {
	r, a, ok := o.lookup(req)
	if !ok {
		return a
	}
	is := o.findIssue(r, req)
	if is == nil {
		return notFound()
	}
	var in github.IssueRequest
	if err := decodeBody(req, &in); err != nil {
		o.s.t.Errorf("githubtest: issue body: %v", err)
	}
	if in.Body != nil {
		is.Body = in.Body
	}
	return answer{status: http.StatusOK, body: is}
}

func (o *Org) listComments(req *http.Request) answer {
	r, a, ok := o.lookup(req)
	if !ok {
		return a
	}
	n, _ := strconv.Atoi(req.PathValue("number"))
	return pageOf(o.s, req, r.Comments[n])
}

func (o *Org) createComment(req *http.Request) answer {
	r, a, ok := o.lookup(req)
	if !ok {
		return a
	}
	if o.findIssue(r, req) == nil {
		return notFound()
	}
	var in github.IssueComment
	if err := decodeBody(req, &in); err != nil {
		o.s.t.Errorf("githubtest: comment body: %v", err)
	}
	n, _ := strconv.Atoi(req.PathValue("number"))
	o.nextID++
	c := &github.IssueComment{ID: github.Int64(o.nextID), Body: in.Body}
	r.Comments[n] = append(r.Comments[n], c)
	return answer{status: http.StatusCreated, body: c}
}

func (o *Org) editComment(req *http.Request) answer {
	r, a, ok := o.lookup(req)
	if !ok {
		return a
	}
	id, _ := strconv.ParseInt(req.PathValue("id"), 10, 64)
	var in github.IssueComment
	if err := decodeBody(req, &in); err != nil {
		o.s.t.Errorf("githubtest: comment body: %v", err)
	}
	for _, cs := range r.Comments {
		for _, c := range cs {
			if c.GetID() == id {
				c.Body = in.Body
				return answer{status: http.StatusOK, body: c}
			}
		}
	}
	return notFound()
}

func (o *Org) dispatch(req *http.Request) answer {
	r, a, ok := o.lookup(req)
	if !ok {
		return a
	}
	var in github.DispatchRequestOptions
	if err := decodeBody(req, &in); err != nil {
		o.s.t.Errorf("githubtest: dispatch body: %v", err)
	}
	if in.EventType == "" {
		return answer{status: http.StatusUnprocessableEntity, body: map[string]string{"message": "event_type is required"}}
	}
	r.Dispatches = append(r.Dispatches, in)
	return answer{status: http.StatusNoContent}
}

func (o *Org) classroomGone(id string) (ClassroomAssignment, answer, bool) {
	if o.ClassroomGone {
		return ClassroomAssignment{}, answer{status: http.StatusGone, body: map[string]string{"message": "GitHub Classroom has been retired"}, noETag: true}, false
	}
	a, ok := o.Classroom[id]
	if !ok {
		return a, notFound(), false
	}
	return a, answer{}, true
}

func (o *Org) classroomAssignment(req *http.Request) answer {
	a, ans, ok := o.classroomGone(req.PathValue("id"))
	if !ok {
		return ans
	}
	return answer{status: http.StatusOK, body: map[string]any{"id": req.PathValue("id"), "title": a.Title,
		"invite_link": "https://classroom.github.com/a/xyz"}}
}

func (o *Org) classroomAccepted(req *http.Request) answer {
	a, ans, ok := o.classroomGone(req.PathValue("id"))
	if !ok {
		return ans
	}
	page, _ := strconv.Atoi(req.URL.Query().Get("page"))
	if page > 1 {
		return answer{status: http.StatusOK, body: []any{}}
	}
	out := []any{}
	for i, acc := range a.Accepted {
		var students []map[string]any
		for _, l := range acc.Logins {
			students = append(students, map[string]any{"login": l})
		}
		out = append(out, map[string]any{"id": i + 1, "students": students, "grade": float64(i),
			"repository": map[string]any{"full_name": acc.Repo, "html_url": "https://github.example/" + acc.Repo}})
	}
	return answer{status: http.StatusOK, body: out}
}
