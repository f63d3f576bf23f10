package action

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/google/go-github/v66/github"
	"github.com/tpgrade/tpgrade/internal/githubapi"
)

// CheckRun is what tpgrade publishes about one graded commit.
type CheckRun struct {
	Name        string // stable and unique: "tpgrade / docker-tp1"
	DetailsURL  string // the workflow run, "" when unknown
	Title       string // "Points X/Y"
	Summary     string // Markdown, at most MaxCheckText
	Text        string // Markdown, at most MaxCheckText
	Conclusion  string // success, failure or neutral
	Annotations []*github.CheckRunAnnotation
}

// ExternalID identifies this result: the same rubric and the same
// annotations give the same id, so that a re-run can tell whether the
// annotations an earlier run posted are already the right ones.
func (c *CheckRun) ExternalID(rubricID string) string {
	h := sha256.New()
	_ = json.NewEncoder(h).Encode(c.Annotations)
	id := "tpgrade:" + rubricID + ":" + hex.EncodeToString(h.Sum(nil))[:16]
	return githubapi.Clip(id, MaxExternalID)
}

// Published says what Publish did.
type Published struct {
	ID                 int64
	HTMLURL            string
	Updated            bool  // an earlier run of this name on this commit was updated, not duplicated
	Superseded         int64 // an earlier run whose annotations no longer apply, marked superseded
	AnnotationRequests int   // requests that carried annotations
	AnnotationsKept    bool  // the earlier run already had exactly these annotations
}

// CheckRuns publishes check runs on one commit.
type CheckRuns struct {
	Client           *github.Client
	Owner, Repo, SHA string
	RubricID         string
	Now              func() time.Time
}

// Publish creates the check run, or updates the one an earlier run of
// tpgrade made for the same name and head SHA, so that re-running a job does
// not pile up duplicates. Annotations go 50 per request: with the create (or
// the first update), then in further updates.
//
// GitHub appends the annotations of every update to those already there, so
// an earlier run is updated in place only when it has no annotations yet or
// exactly ours (same external_id, same count); otherwise a new run is created
// and the earlier one is marked superseded, pointing to it.
//
// Why: a check run made from a workflow joins some check suite of the
// commit, not necessarily the workflow's; only name + head SHA find it again.
// https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference
func (p *CheckRuns) Publish(ctx context.Context, run *CheckRun) (*Published, error) {
	extID := run.ExternalID(p.RubricID)
	existing, err := p.find(ctx, run.Name)
	if err != nil {
		return nil, err
	}
	batches := batch(run.Annotations, AnnotationsPerRequest)
	pub := &Published{}
	output := func(anns []*github.CheckRunAnnotation) *github.CheckRunOutput {
		return &github.CheckRunOutput{Title: github.String(run.Title), Summary: github.String(run.Summary),
			Text: github.String(run.Text), Annotations: anns}
	}
	now := github.Timestamp{Time: p.now()}
	var id int64
	switch {
	case existing != nil && reusable(existing, extID, len(run.Annotations)):
		id = existing.GetID()
		pub.Updated = true
		if existing.GetOutput().GetAnnotationsCount() > 0 {
			pub.AnnotationsKept = true
			batches = nil
		}
		first := []*github.CheckRunAnnotation(nil)
		if len(batches) > 0 {
			first, batches = batches[0], batches[1:]
			pub.AnnotationRequests++
		}
		cr, _, err := p.Client.Checks.UpdateCheckRun(ctx, p.Owner, p.Repo, id, github.UpdateCheckRunOptions{
			Name: run.Name, DetailsURL: optional(run.DetailsURL), ExternalID: github.String(extID),
			Status: github.String("completed"), Conclusion: github.String(run.Conclusion), CompletedAt: &now,
			Output: output(first),
		})
		if err != nil {
			return nil, fmt.Errorf("updating check run %d: %w", id, err)
		}
		pub.ID, pub.HTMLURL = cr.GetID(), cr.GetHTMLURL()
	default:
		first := []*github.CheckRunAnnotation(nil)
		if len(batches) > 0 {
			first, batches = batches[0], batches[1:]
			pub.AnnotationRequests++
		}
		cr, _, err := p.Client.Checks.CreateCheckRun(ctx, p.Owner, p.Repo, github.CreateCheckRunOptions{
			Name: run.Name, HeadSHA: p.SHA, DetailsURL: optional(run.DetailsURL), ExternalID: github.String(extID),
			Status: github.String("completed"), Conclusion: github.String(run.Conclusion),
			StartedAt: &now, CompletedAt: &now, Output: output(first),
		})
		if err != nil {
			return nil, fmt.Errorf("creating check run: %w", err)
		}
		id = cr.GetID()
		pub.ID, pub.HTMLURL = id, cr.GetHTMLURL()
		if existing != nil {
			if err := p.supersede(ctx, existing, run.Name, cr.GetHTMLURL()); err != nil {
				return nil, err
			}
			pub.Superseded = existing.GetID()
		}
	}
	for _, b := range batches {
		if _, _, err := p.Client.Checks.UpdateCheckRun(ctx, p.Owner, p.Repo, id, github.UpdateCheckRunOptions{
			Name: run.Name, Output: output(b),
		}); err != nil {
			return pub, fmt.Errorf("adding annotations to check run %d: %w", id, err)
		}
		pub.AnnotationRequests++
	}
	return pub, nil
}

// reusable reports whether an earlier run can be updated in place without
// leaving wrong or duplicated annotations on it.
func reusable(cr *github.CheckRun, extID string, annotations int) bool {
	n := cr.GetOutput().GetAnnotationsCount()
	return n == 0 || cr.GetExternalID() == extID && n == annotations
}

// find returns the most recent check run of this name on the commit, nil
// when there is none.
func (p *CheckRuns) find(ctx context.Context, name string) (*github.CheckRun, error) {
	res, _, err := p.Client.Checks.ListCheckRunsForRef(ctx, p.Owner, p.Repo, p.SHA, &github.ListCheckRunsOptions{
		CheckName:   github.String(name),
		Filter:      github.String("latest"),
		ListOptions: github.ListOptions{PerPage: 100},
	})
	if err != nil {
		return nil, fmt.Errorf("looking for an earlier check run: %w", err)
	}
	var best *github.CheckRun
	for _, cr := range res.CheckRuns {
		if cr.GetName() == name && (best == nil || cr.GetID() > best.GetID()) {
			best = cr
		}
	}
	return best, nil
}

func (p *CheckRuns) supersede(ctx context.Context, old *github.CheckRun, name, newURL string) error {
	summary := "A later grading of this commit replaced this one"
	if newURL != "" {
		summary += ": see " + newURL
	}
	_, _, err := p.Client.Checks.UpdateCheckRun(ctx, p.Owner, p.Repo, old.GetID(), github.UpdateCheckRunOptions{
		Name: name, Conclusion: github.String("neutral"), Status: github.String("completed"),
		Output: &github.CheckRunOutput{Title: github.String("Superseded"), Summary: github.String(summary + ".")},
	})
	if err != nil {
		return fmt.Errorf("marking check run %d superseded: %w", old.GetID(), err)
	}
	return nil
}

func (p *CheckRuns) now() time.Time {
	if p.Now != nil {
		return p.Now().UTC()
	}
	return time.Unix(0, 0).UTC()
}

func batch[T any](xs []T, n int) [][]T {
	var out [][]T
	for len(xs) > 0 {
		k := min(n, len(xs))
		out = append(out, xs[:k])
		xs = xs[k:]
	}
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Forbidden says why a token may not publish, when the API answered 403,
// and "" for any other error.
//
// Why: on a pull request from a fork GITHUB_TOKEN is read-only ("Resource
// not accessible by integration"); a personal token cannot create check runs
// ("You must authenticate via a GitHub App").
// https://docs.github.com/rest/checks/runs#create-a-check-run
func Forbidden(err error) string {
	var er *github.ErrorResponse
	if !errors.As(err, &er) || er.Response == nil || er.Response.StatusCode != http.StatusForbidden {
		return ""
	}
	switch msg := er.Message; {
	case strings.Contains(msg, "GitHub App"):
		return "the token is not a GitHub App token (a personal access token?): only GitHub Apps, and the workflow's GITHUB_TOKEN, can create check runs"
	case strings.Contains(msg, "not accessible by integration"):
		return "the token may not write checks: on a pull request from a fork GITHUB_TOKEN is read-only, otherwise the workflow needs `permissions: checks: write`"
	default:
		return "GitHub refused (403 " + msg + ")"
	}
}

// isAppTokenProblem reports the 403 of a personal token, which can still
// write a commit status.
func isAppTokenProblem(err error) bool {
	var er *github.ErrorResponse
	return errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusForbidden &&
		strings.Contains(er.Message, "GitHub App")
}
