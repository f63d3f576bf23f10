package action

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/google/go-github/v66/github"
	"github.com/tpgrade/tpgrade/internal/githubtest"
)

// fakeChecks is a stateful fake of the check-runs and statuses endpoints on
// top of githubtest: every body is decoded into go-github's own types.
type fakeChecks struct {
	t   testing.TB
	srv *githubtest.Server

	mu        sync.Mutex
	runs      []*github.CheckRun
	creates   []github.CreateCheckRunOptions
	updates   []fakeUpdate
	statuses  []github.RepoStatus
	forbidden string // when set, creating a check run answers 403 with this message
	statusErr string // when set, creating a status answers 403 with this message
	trees     map[string][]*github.TreeEntry
}

type fakeUpdate struct {
	ID   int64
	Opts github.UpdateCheckRunOptions
}

func newFakeChecks(t testing.TB) *fakeChecks {
	f := &fakeChecks{t: t, srv: githubtest.New(t), trees: map[string][]*github.TreeEntry{}}
	f.srv.Handle("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", f.list)
	f.srv.Handle("POST /repos/{owner}/{repo}/check-runs", f.create)
	f.srv.Handle("PATCH /repos/{owner}/{repo}/check-runs/{id}", f.update)
	f.srv.Handle("POST /repos/{owner}/{repo}/statuses/{sha}", f.status)
	f.srv.Handle("GET /repos/{owner}/{repo}", func(w http.ResponseWriter, r *http.Request) {
		githubtest.JSON(w, 200, &github.Repository{FullName: github.String(r.PathValue("owner") + "/" + r.PathValue("repo")), DefaultBranch: github.String("main")})
	})
	f.srv.Handle("GET /repos/{owner}/{repo}/git/trees/{sha}", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("recursive") == "" {
			f.t.Errorf("tree of %s listed without recursive", r.URL.Path)
		}
		key := r.PathValue("owner") + "/" + r.PathValue("repo") + "@" + r.PathValue("sha")
		f.mu.Lock()
		entries, ok := f.trees[key]
		f.mu.Unlock()
		if !ok {
			githubtest.Error(w, 404, "Not Found")
			return
		}
		githubtest.JSON(w, 200, &github.Tree{SHA: github.String(r.PathValue("sha")), Entries: entries, Truncated: github.Bool(false)})
	})
	return f
}

func (f *fakeChecks) apiURL() string { return f.srv.URL + githubtest.Prefix }

func (f *fakeChecks) list(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	name := r.URL.Query().Get("check_name")
	res := &github.ListCheckRunsResults{CheckRuns: []*github.CheckRun{}}
	for _, cr := range f.runs {
		if cr.GetHeadSHA() == r.PathValue("ref") && (name == "" || cr.GetName() == name) {
			res.CheckRuns = append(res.CheckRuns, cr)
		}
	}
	res.Total = github.Int(len(res.CheckRuns))
	githubtest.JSON(w, 200, res)
}

func (f *fakeChecks) create(w http.ResponseWriter, r *http.Request) {
	var o github.CreateCheckRunOptions
	githubtest.Decode(f.t, r, &o)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.creates = append(f.creates, o)
	if f.forbidden != "" {
		githubtest.Error(w, http.StatusForbidden, f.forbidden)
		return
	}
	if o.Name == "" || o.HeadSHA == "" || o.Output == nil || o.Output.GetTitle() == "" {
		githubtest.Error(w, 422, "name, head_sha and output.title are required")
		return
	}
	if o.GetStatus() == "completed" && (o.Conclusion == nil || o.CompletedAt == nil) {
		githubtest.Error(w, 422, "conclusion and completed_at are required when completed")
		return
	}
	if msg := checkOutput(o.Output); msg != "" {
		githubtest.Error(w, 422, msg)
		return
	}
	id := int64(1000 + len(f.runs))
	cr := &github.CheckRun{
		ID: github.Int64(id), Name: github.String(o.Name), HeadSHA: github.String(o.HeadSHA),
		ExternalID: o.ExternalID, Status: o.Status, Conclusion: o.Conclusion, DetailsURL: o.DetailsURL,
		HTMLURL: github.String(fmt.Sprintf("https://github.com/%s/%s/runs/%d", r.PathValue("owner"), r.PathValue("repo"), id)),
		Output: &github.CheckRunOutput{Title: o.Output.Title, Summary: o.Output.Summary, Text: o.Output.Text,
			AnnotationsCount: github.Int(len(o.Output.Annotations))},
	}
	f.runs = append(f.runs, cr)
	githubtest.JSON(w, 201, cr)
}

func (f *fakeChecks) update(w http.ResponseWriter, r *http.Request) {
	var o github.UpdateCheckRunOptions
	githubtest.Decode(f.t, r, &o)
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.updates = append(f.updates, fakeUpdate{ID: id, Opts: o})
	var cr *github.CheckRun
	for _, c := range f.runs {
		if c.GetID() == id {
			cr = c
		}
	}
	if cr == nil {
		githubtest.Error(w, 404, "Not Found")
		return
	}
	if o.Output != nil {
		if o.Output.GetTitle() == "" || o.Output.GetSummary() == "" {
			githubtest.Error(w, 422, "output.title and output.summary are required")
			return
		}
		if msg := checkOutput(o.Output); msg != "" {
			githubtest.Error(w, 422, msg)
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
	githubtest.JSON(w, 200, cr)
}

// checkOutput enforces GitHub's limits on an output, as the real API does.
func checkOutput(o *github.CheckRunOutput) string {
	for name, s := range map[string]string{"title": o.GetTitle(), "summary": o.GetSummary(), "text": o.GetText()} {
		if len(s) > MaxCheckText {
			return "output." + name + " is too long"
		}
	}
	if len(o.Annotations) > AnnotationsPerRequest {
		return "too many annotations"
	}
	for _, a := range o.Annotations {
		if a.GetPath() == "" || a.GetStartLine() < 1 || a.GetEndLine() < a.GetStartLine() || a.GetMessage() == "" {
			return "annotation missing path, lines or message"
		}
		switch a.GetAnnotationLevel() {
		case "notice", "warning", "failure":
		default:
			return "annotation_level must be notice, warning or failure"
		}
		if (a.StartColumn != nil || a.EndColumn != nil) && a.GetStartLine() != a.GetEndLine() {
			return "columns are only allowed on one line"
		}
	}
	return ""
}

func (f *fakeChecks) status(w http.ResponseWriter, r *http.Request) {
	var st github.RepoStatus
	githubtest.Decode(f.t, r, &st)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.statuses = append(f.statuses, st)
	if f.statusErr != "" {
		githubtest.Error(w, http.StatusForbidden, f.statusErr)
		return
	}
	githubtest.JSON(w, 201, st)
}

// annotationBatches lists the number of annotations of every request that
// carried some, in order.
func (f *fakeChecks) annotationBatches() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []int
	for _, c := range f.creates {
		if c.Output != nil && len(c.Output.Annotations) > 0 {
			out = append(out, len(c.Output.Annotations))
		}
	}
	for _, u := range f.updates {
		if u.Opts.Output != nil && len(u.Opts.Output.Annotations) > 0 {
			out = append(out, len(u.Opts.Output.Annotations))
		}
	}
	return out
}
