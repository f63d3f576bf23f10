package action

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
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
	// App is the slug of the GitHub App the token acts as ("github-actions"
	// for the job's own GITHUB_TOKEN), "" when unknown: runs of the same
	// name made by another app are then told apart by GitHub's refusal.
	App  string
	Now  func() time.Time
	Note func(format string, a ...any) // what the log should say; nil: nothing
}

// Publish creates the check run, or updates the one an earlier run of
// tpgrade made for the same name, app and head SHA, so that re-running a
// job does not pile up duplicates. Annotations go 50 per request: with the
// create (or the first update), then in further updates.
//
// GitHub appends the annotations of every update to those already there, so
// an earlier run is updated in place only when it has no annotations yet or
// exactly ours (same external_id, same count); otherwise a new run is created
// and the earlier one is marked superseded, pointing to it. An earlier run
// that cannot be updated (another app's) is left alone and a new one made.
//
// Why: a check run made from a workflow joins some check suite of the
// commit, not necessarily the workflow's; only name + head SHA find it
// again, and only the app that created it may update it.
// https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference
func (p *CheckRuns) Publish(ctx context.Context, run *CheckRun) (*Published, error) {
	extID := run.ExternalID(p.RubricID)
	existing, seen, err := p.find(ctx, run.Name)
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
	first := []*github.CheckRunAnnotation(nil)
	if len(batches) > 0 {
		first = batches[0]
	}
	var cr *github.CheckRun
	if existing != nil && reusable(existing, extID, len(run.Annotations)) {
		kept := existing.GetOutput().GetAnnotationsCount() > 0
		anns := first
		if kept {
			anns = nil
		}
		cr, _, err = p.Client.Checks.UpdateCheckRun(ctx, p.Owner, p.Repo, existing.GetID(), github.UpdateCheckRunOptions{
			Name: run.Name, DetailsURL: optional(run.DetailsURL), ExternalID: github.String(extID),
			Status: github.String("completed"), Conclusion: github.String(run.Conclusion), CompletedAt: &now,
			Output: output(anns),
		})
		switch {
		case err == nil:
			pub.Updated, pub.AnnotationsKept = true, kept
			if kept {
				batches = nil
			} else if len(batches) > 0 {
				batches = batches[1:]
				pub.AnnotationRequests++
			}
		case cannotUpdate(err):
			p.note("tpgrade: the earlier check run %d cannot be updated (%v): making a new one\n", existing.GetID(), githubapi.Message(err))
			existing = nil
		default:
			return nil, fmt.Errorf("updating check run %d: %w", existing.GetID(), err)
		}
	}
	if cr == nil {
		opts := github.CreateCheckRunOptions{
			Name: run.Name, HeadSHA: p.SHA, DetailsURL: optional(run.DetailsURL), ExternalID: github.String(extID),
			Status: github.String("completed"), Conclusion: github.String(run.Conclusion),
			StartedAt: &now, CompletedAt: &now, Output: output(first),
		}
		if cr, err = p.create(ctx, opts, seen); err != nil {
			return nil, err
		}
		if len(batches) > 0 {
			batches = batches[1:]
			pub.AnnotationRequests++
		}
		if existing != nil {
			if err := p.supersede(ctx, existing, run.Name, cr.GetHTMLURL()); err != nil {
				p.note("tpgrade: %v\n", err)
			} else {
				pub.Superseded = existing.GetID()
			}
		}
	}
	pub.ID, pub.HTMLURL = cr.GetID(), cr.GetHTMLURL()
	for _, b := range batches {
		if _, _, err := p.Client.Checks.UpdateCheckRun(ctx, p.Owner, p.Repo, pub.ID, github.UpdateCheckRunOptions{
			Name: run.Name, Output: output(b),
		}); err != nil {
			return pub, fmt.Errorf("adding annotations to check run %d: %w", pub.ID, err)
		}
		pub.AnnotationRequests++
	}
	return pub, nil
}

// create creates the check run once. A creation is not idempotent, so the
// client does not repeat it on a 5xx; when one comes, the runs of this name
// are listed again: a run with our external_id that was not there before
// is the one the lost answer was about, otherwise the creation is asked
// once more.
//
// Why: a 502 from GitHub's front end does not say whether the request
// reached the API (https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api).
func (p *CheckRuns) create(ctx context.Context, opts github.CreateCheckRunOptions, seen map[int64]bool) (*github.CheckRun, error) {
	cr, _, err := p.Client.Checks.CreateCheckRun(ctx, p.Owner, p.Repo, opts)
	if err == nil || !serverFault(err) {
		if err != nil {
			return nil, fmt.Errorf("creating check run: %w", err)
		}
		return cr, nil
	}
	p.note("tpgrade: creating the check run answered %v: looking whether it was made\n", err)
	runs, err2 := p.list(ctx, opts.Name)
	if err2 != nil {
		return nil, fmt.Errorf("creating check run: %w (and listing to check: %v)", err, err2)
	}
	for _, r := range runs {
		if !seen[r.GetID()] && r.GetExternalID() == opts.GetExternalID() {
			if len(opts.Output.Annotations) > 0 && r.GetOutput().GetAnnotationsCount() == 0 {
				// Made without its annotations: add them.
				if _, _, err := p.Client.Checks.UpdateCheckRun(ctx, p.Owner, p.Repo, r.GetID(), github.UpdateCheckRunOptions{
					Name: opts.Name, Output: opts.Output,
				}); err != nil {
					return nil, fmt.Errorf("adding annotations to check run %d: %w", r.GetID(), err)
				}
			}
			return r, nil
		}
	}
	cr, _, err = p.Client.Checks.CreateCheckRun(ctx, p.Owner, p.Repo, opts)
	if err != nil {
		return nil, fmt.Errorf("creating check run: %w", err)
	}
	return cr, nil
}

// reusable reports whether an earlier run can be updated in place without
// leaving wrong or duplicated annotations on it.
func reusable(cr *github.CheckRun, extID string, annotations int) bool {
	n := cr.GetOutput().GetAnnotationsCount()
	return n == 0 || cr.GetExternalID() == extID && n == annotations
}

// find returns the most recent check run of this name on the commit that
// this token's app made (any app's when it is unknown), nil when there is
// none, and the ids of every run of this name.
func (p *CheckRuns) find(ctx context.Context, name string) (*github.CheckRun, map[int64]bool, error) {
	runs, err := p.list(ctx, name)
	if err != nil {
		return nil, nil, fmt.Errorf("looking for an earlier check run: %w", err)
	}
	seen := map[int64]bool{}
	var best *github.CheckRun
	for _, cr := range runs {
		seen[cr.GetID()] = true
		if p.App != "" && cr.GetApp().GetSlug() != p.App {
			p.note("tpgrade: a check run %q made by %s is on this commit too; it is not tpgrade's and is left alone\n", name, cr.GetApp().GetSlug())
			continue
		}
		if best == nil || cr.GetID() > best.GetID() {
			best = cr
		}
	}
	return best, seen, nil
}

// list lists the check runs of this name on the commit.
func (p *CheckRuns) list(ctx context.Context, name string) ([]*github.CheckRun, error) {
	// Why: filter=all lists every run of the name, not only the latest
	// (https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference):
	// after a lost answer, a run made then must be told from earlier ones.
	opt := &github.ListCheckRunsOptions{
		CheckName:   github.String(name),
		Filter:      github.String("all"),
		ListOptions: github.ListOptions{PerPage: 100},
	}
	pager := githubapi.Pager{What: fmt.Sprintf("the check runs %q of %s", name, p.SHA)}
	var out []*github.CheckRun
	for {
		res, resp, err := p.Client.Checks.ListCheckRunsForRef(ctx, p.Owner, p.Repo, p.SHA, opt)
		if err != nil {
			return nil, err
		}
		for _, cr := range res.CheckRuns {
			if cr.GetName() == name {
				out = append(out, cr)
			}
		}
		if opt.Page, err = pager.Next(resp, len(res.CheckRuns)); err != nil {
			return nil, err
		}
		if opt.Page == 0 {
			return out, nil
		}
	}
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

func (p *CheckRuns) note(format string, a ...any) {
	if p.Note != nil {
		p.Note(format, a...)
	}
}

// cannotUpdate reports GitHub refusing to update a run: another app's (403
// "check run can only be modified by the GitHub App that created it"), or
// one gone (404).
func cannotUpdate(err error) bool {
	s := githubapi.Status(err)
	return s == http.StatusForbidden || s == http.StatusNotFound || s == http.StatusUnprocessableEntity
}

// serverFault reports an answer that does not say whether the request was
// done: a 5xx, or no answer at all.
func serverFault(err error) bool {
	if s := githubapi.Status(err); s != 0 {
		return s >= 500
	}
	var ue *url.Error
	return errors.As(err, &ue)
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
// not accessible by integration"); a classic personal token cannot create
// check runs ("You must authenticate via a GitHub App"), nor can a
// fine-grained one ("Resource not accessible by personal access token").
// https://docs.github.com/rest/checks/runs#create-a-check-run
func Forbidden(err error) string {
	var er *github.ErrorResponse
	if !errors.As(err, &er) || er.Response == nil || er.Response.StatusCode != http.StatusForbidden {
		return ""
	}
	switch msg := er.Message; {
	case strings.Contains(msg, "GitHub App"):
		return "the token is a personal access token: only GitHub Apps, and the workflow's GITHUB_TOKEN, can create check runs"
	case strings.Contains(msg, "not accessible by personal access token"):
		return "the token is a fine-grained personal access token: only GitHub Apps, and the workflow's GITHUB_TOKEN, can create check runs"
	case strings.Contains(msg, "not accessible by integration"):
		return "the token may not write checks: on a pull request from a fork GITHUB_TOKEN is read-only, otherwise the workflow needs `permissions: checks: write`"
	default:
		return "GitHub refused (403 " + msg + ")"
	}
}

// isAppTokenProblem reports the 403 of a personal token, classic or
// fine-grained, which can still write a commit status.
func isAppTokenProblem(err error) bool {
	var er *github.ErrorResponse
	return errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusForbidden &&
		(strings.Contains(er.Message, "GitHub App") || strings.Contains(er.Message, "not accessible by personal access token"))
}
