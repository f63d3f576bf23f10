package githubtest

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/google/go-github/v66/github"

	"github.com/tpgrade/tpgrade/internal/githubapi"
)

// TokenKind is what GitHub makes of a token, told by its prefix.
//
// Why: https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
type TokenKind string

// The kinds of token.
const (
	InstallationToken TokenKind = "installation" // ghs_: a GitHub App installation, such as a workflow's GITHUB_TOKEN
	ClassicToken      TokenKind = "classic"      // ghp_: a classic personal access token
	FineGrainedToken  TokenKind = "fine-grained" // github_pat_: a fine-grained personal access token
	OAuthToken        TokenKind = "oauth"        // gho_, ghu_: an OAuth or user-to-server token
	NoToken           TokenKind = ""
)

// KindOf tells a token's kind. Tokens without a known prefix count as
// installation tokens, as the tests' "test-token" does.
func KindOf(token string) TokenKind {
	switch {
	case token == "":
		return NoToken
	case strings.HasPrefix(token, "ghp_"):
		return ClassicToken
	case strings.HasPrefix(token, "github_pat_"):
		return FineGrainedToken
	case strings.HasPrefix(token, "gho_"), strings.HasPrefix(token, "ghu_"):
		return OAuthToken
	}
	return InstallationToken
}

// The 403 messages GitHub gives a token that may not write check runs.
//
// Why: https://docs.github.com/rest/checks/runs#create-a-check-run (GitHub Apps only)
const (
	RefusedNotAnApp      = "You must authenticate via a GitHub App."
	RefusedFineGrained   = "Resource not accessible by personal access token"
	RefusedByIntegration = "Resource not accessible by integration"
)

// ActionsApp is the GitHub App a workflow's GITHUB_TOKEN acts as.
var ActionsApp = &github.App{ID: github.Int64(15368), Slug: github.String("github-actions"), Name: github.String("GitHub Actions")}

// CreateFault makes one check-run creation fail with a 502.
type CreateFault int

// The ways a creation can fail.
const (
	FailBeforeCreating CreateFault = iota + 1 // 502, nothing created
	FailAfterCreating                         // created, but the answer is lost in a 502
)

// CheckRunUpdate is one PATCH of a check run.
type CheckRunUpdate struct {
	ID   int64
	Opts github.UpdateCheckRunOptions
}

// Checks is a stateful fake of the check-runs, commit-statuses, repository
// and tree endpoints of one repository's commits, as strict as GitHub
// where it matters: only GitHub App tokens create check runs (a classic
// token, a fine-grained one and a read-only installation each get their own
// 403), only the app that created a run may update it, an invalid output or
// annotation is refused with 422, and annotations accumulate over updates.
// Every body is decoded into go-github's own types.
type Checks struct {
	Server *Server

	mu       sync.Mutex
	Runs     []*github.CheckRun
	Creates  []github.CreateCheckRunOptions // every creation asked, refused ones included
	Updates  []CheckRunUpdate
	Statuses []github.RepoStatus
	Trees    map[string][]*github.TreeEntry // "owner/repo@ref" -> entries; missing: 404

	// ReadOnly makes installation tokens read-only, as on a pull request
	// from a fork.
	ReadOnly bool
	// StatusRefusal refuses every commit status with 403 and this message.
	StatusRefusal string
	// Apps maps installation tokens to their app; any other is ActionsApp.
	Apps map[string]*github.App
	// CreateFaults fail the next creations, one fault each, in order.
	CreateFaults []CreateFault
	// Private repositories answer 404 to a token not listed for them.
	Private map[string][]string // "owner/repo" -> tokens that can read it
}

// NewChecks registers the endpoints on s.
func NewChecks(s *Server) *Checks {
	c := &Checks{Server: s, Trees: map[string][]*github.TreeEntry{}}
	s.Handle("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", c.list)
	s.Handle("POST /repos/{owner}/{repo}/check-runs", c.create)
	s.Handle("PATCH /repos/{owner}/{repo}/check-runs/{id}", c.update)
	s.Handle("POST /repos/{owner}/{repo}/statuses/{sha}", c.status)
	s.Handle("GET /repos/{owner}/{repo}", c.repo)
	s.Handle("GET /repos/{owner}/{repo}/git/trees/{sha}", c.tree)
	return c
}

// APIURL is the API's base URL without a trailing slash, as GITHUB_API_URL.
func (c *Checks) APIURL() string { return c.Server.URL + Prefix }

func token(r *http.Request) string {
	t := r.Header.Get("Authorization")
	if i := strings.IndexByte(t, ' '); i >= 0 {
		t = t[i+1:]
	}
	return t
}

func (c *Checks) appOf(tok string) *github.App {
	if a, ok := c.Apps[tok]; ok {
		return a
	}
	return ActionsApp
}

// mayWriteChecks answers the 403 GitHub gives a token that may not write
// check runs; it returns false when it did.
func (c *Checks) mayWriteChecks(w http.ResponseWriter, r *http.Request) bool {
	switch KindOf(token(r)) {
	case NoToken:
		Error(w, http.StatusUnauthorized, "Requires authentication")
	case ClassicToken, OAuthToken:
		Error(w, http.StatusForbidden, RefusedNotAnApp)
	case FineGrainedToken:
		Error(w, http.StatusForbidden, RefusedFineGrained)
	default:
		if !c.ReadOnly {
			return true
		}
		Error(w, http.StatusForbidden, RefusedByIntegration)
	}
	return false
}

func (c *Checks) readable(r *http.Request) bool {
	tokens, private := c.Private[r.PathValue("owner")+"/"+r.PathValue("repo")]
	if !private {
		return true
	}
	for _, t := range tokens {
		if t == token(r) {
			return true
		}
	}
	return false
}

func (c *Checks) list(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	q := r.URL.Query()
	name, appID := q.Get("check_name"), q.Get("app_id")
	var runs []*github.CheckRun
	for _, cr := range c.Runs {
		if cr.GetHeadSHA() != r.PathValue("ref") || name != "" && cr.GetName() != name ||
			appID != "" && strconv.FormatInt(cr.GetApp().GetID(), 10) != appID {
			continue
		}
		runs = append(runs, cr)
	}
	c.mu.Unlock()
	// Newest first, as GitHub lists them.
	for i, j := 0, len(runs)-1; i < j; i, j = i+1, j-1 {
		runs[i], runs[j] = runs[j], runs[i]
	}
	a := pageOf(c.Server, r, runs)
	for k, vs := range a.header {
		w.Header()[k] = vs
	}
	JSON(w, http.StatusOK, &github.ListCheckRunsResults{Total: github.Int(len(runs)), CheckRuns: a.body.([]*github.CheckRun)})
}

func (c *Checks) create(w http.ResponseWriter, r *http.Request) {
	var o github.CreateCheckRunOptions
	Decode(c.Server.t, r, &o)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Creates = append(c.Creates, o)
	if !c.mayWriteChecks(w, r) {
		return
	}
	if o.Name == "" || o.HeadSHA == "" || o.Output == nil || o.Output.GetTitle() == "" {
		Error(w, http.StatusUnprocessableEntity, "Invalid request: name, head_sha and output.title are required")
		return
	}
	if o.GetStatus() == "completed" && (o.Conclusion == nil || o.CompletedAt == nil) {
		Error(w, http.StatusUnprocessableEntity, "Invalid request: conclusion and completed_at are required when completed")
		return
	}
	if msg := CheckOutput(o.Output); msg != "" {
		Error(w, http.StatusUnprocessableEntity, msg)
		return
	}
	var fault CreateFault
	if len(c.CreateFaults) > 0 {
		fault, c.CreateFaults = c.CreateFaults[0], c.CreateFaults[1:]
	}
	if fault == FailBeforeCreating {
		badGateway(w)
		return
	}
	id := int64(1000 + len(c.Runs))
	cr := &github.CheckRun{
		ID: github.Int64(id), Name: github.String(o.Name), HeadSHA: github.String(o.HeadSHA),
		ExternalID: o.ExternalID, Status: o.Status, Conclusion: o.Conclusion, DetailsURL: o.DetailsURL,
		HTMLURL: github.String(fmt.Sprintf("https://github.com/%s/%s/runs/%d", r.PathValue("owner"), r.PathValue("repo"), id)),
		App:     c.appOf(token(r)),
		Output: &github.CheckRunOutput{Title: o.Output.Title, Summary: o.Output.Summary, Text: o.Output.Text,
			AnnotationsCount: github.Int(len(o.Output.Annotations))},
	}
	c.Runs = append(c.Runs, cr)
	if fault == FailAfterCreating {
		badGateway(w)
		return
	}
	JSON(w, http.StatusCreated, cr)
}

func badGateway(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(http.StatusBadGateway)
	fmt.Fprint(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
}

func (c *Checks) update(w http.ResponseWriter, r *http.Request) {
	var o github.UpdateCheckRunOptions
	Decode(c.Server.t, r, &o)
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Updates = append(c.Updates, CheckRunUpdate{ID: id, Opts: o})
	if !c.mayWriteChecks(w, r) {
		return
	}
	var cr *github.CheckRun
	for _, x := range c.Runs {
		if x.GetID() == id {
			cr = x
		}
	}
	if cr == nil {
		Error(w, http.StatusNotFound, "Not Found")
		return
	}
	if app := c.appOf(token(r)); app.GetID() != cr.GetApp().GetID() {
		// Why: only the app that created a check run may update it.
		Error(w, http.StatusForbidden, fmt.Sprintf("Invalid app_id `%d` - check run can only be modified by the GitHub App that created it.", app.GetID()))
		return
	}
	if o.Output != nil {
		if o.Output.GetTitle() == "" || o.Output.GetSummary() == "" {
			Error(w, http.StatusUnprocessableEntity, "Invalid request: output.title and output.summary are required")
			return
		}
		if msg := CheckOutput(o.Output); msg != "" {
			Error(w, http.StatusUnprocessableEntity, msg)
			return
		}
		cr.Output.Title, cr.Output.Summary = o.Output.Title, o.Output.Summary
		if o.Output.Text != nil {
			cr.Output.Text = o.Output.Text
		}
		// GitHub appends the annotations of every update.
		cr.Output.AnnotationsCount = github.Int(cr.Output.GetAnnotationsCount() + len(o.Output.Annotations))
	}
	if o.Conclusion != nil {
		cr.Conclusion = o.Conclusion
	}
	if o.ExternalID != nil {
		cr.ExternalID = o.ExternalID
	}
	JSON(w, http.StatusOK, cr)
}

// The limits of a check run's output.
//
// Why: https://docs.github.com/rest/checks/runs#create-a-check-run
const (
	maxCheckText          = 65535
	maxAnnotationsPerCall = 50
)

// CheckOutput enforces GitHub's rules on a check run's output, as the real
// API does with 422: the texts' length, 50 annotations per request, each
// with a path, lines in order, a message, a known level, and columns only on
// one line.
func CheckOutput(o *github.CheckRunOutput) string {
	for name, s := range map[string]string{"title": o.GetTitle(), "summary": o.GetSummary(), "text": o.GetText()} {
		if len(s) > maxCheckText {
			return "Invalid request: output." + name + " is too long (maximum is 65535 characters)"
		}
	}
	if len(o.Annotations) > maxAnnotationsPerCall {
		return "Invalid request: at most 50 annotations per request"
	}
	for i, a := range o.Annotations {
		switch {
		case a.GetPath() == "" || a.GetStartLine() < 1 || a.GetEndLine() < a.GetStartLine() || a.GetMessage() == "":
			return fmt.Sprintf("Invalid request: annotations[%d] needs path, start_line <= end_line and message", i)
		case a.GetAnnotationLevel() != "notice" && a.GetAnnotationLevel() != "warning" && a.GetAnnotationLevel() != "failure":
			return fmt.Sprintf("Invalid request: annotations[%d].annotation_level must be notice, warning or failure", i)
		case (a.StartColumn != nil || a.EndColumn != nil) && a.GetStartLine() != a.GetEndLine():
			return fmt.Sprintf("Invalid request: annotations[%d]: columns only when start_line equals end_line", i)
		case len(a.GetTitle()) > 255:
			return fmt.Sprintf("Invalid request: annotations[%d].title is too long", i)
		}
	}
	return ""
}

func (c *Checks) status(w http.ResponseWriter, r *http.Request) {
	var st github.RepoStatus
	Decode(c.Server.t, r, &st)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Statuses = append(c.Statuses, st)
	switch {
	case c.StatusRefusal != "":
		Error(w, http.StatusForbidden, c.StatusRefusal)
		return
	case KindOf(token(r)) == NoToken:
		Error(w, http.StatusUnauthorized, "Requires authentication")
		return
	case len([]rune(st.GetDescription())) > githubapi.MaxStatusDescription:
		Error(w, http.StatusUnprocessableEntity, "Validation Failed: description is too long (maximum is 140 characters)")
		return
	}
	JSON(w, http.StatusCreated, st)
}

func (c *Checks) repo(w http.ResponseWriter, r *http.Request) {
	if !c.readable(r) {
		Error(w, http.StatusNotFound, "Not Found")
		return
	}
	JSON(w, http.StatusOK, &github.Repository{FullName: github.String(r.PathValue("owner") + "/" + r.PathValue("repo")), DefaultBranch: github.String("main")})
}

func (c *Checks) tree(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("recursive") == "" {
		c.Server.t.Errorf("githubtest: tree of %s listed without recursive", r.URL.Path)
	}
	key := r.PathValue("owner") + "/" + r.PathValue("repo") + "@" + r.PathValue("sha")
	c.mu.Lock()
	entries, ok := c.Trees[key]
	c.mu.Unlock()
	if !ok || !c.readable(r) {
		Error(w, http.StatusNotFound, "Not Found")
		return
	}
	JSON(w, http.StatusOK, &github.Tree{SHA: github.String(r.PathValue("sha")), Entries: entries, Truncated: github.Bool(false)})
}

// AnnotationBatches lists the number of annotations of every request that
// carried some, creations first, then updates, in order.
func (c *Checks) AnnotationBatches() []int {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []int
	for _, o := range c.Creates {
		if o.Output != nil && len(o.Output.Annotations) > 0 {
			out = append(out, len(o.Output.Annotations))
		}
	}
	for _, u := range c.Updates {
		if u.Opts.Output != nil && len(u.Opts.Output.Annotations) > 0 {
			out = append(out, len(u.Opts.Output.Annotations))
		}
	}
	return out
}
