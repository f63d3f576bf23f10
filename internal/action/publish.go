package action

import (
	"context"
	"fmt"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/internal/render"
)

// Publisher shows a graded result where the student and the teacher look:
// a check run, a commit status, annotations in the job's log, the job
// summary. An error says it could not; the chain decides what comes next.
type Publisher interface {
	Publish(ctx context.Context, p *Publication) error
}

var (
	_ Publisher = (*chain)(nil)
	_ Publisher = (*checkRunPublisher)(nil)
	_ Publisher = (*statusPublisher)(nil)
	_ Publisher = (*annotationPublisher)(nil)
	_ Publisher = (*summaryPublisher)(nil)
)

// Publication is a graded result ready to publish, and what the chain has
// published of it so far (for the publishers that say so: the job
// summary).
type Publication struct {
	Report *grader.Report
	Path   string    // the report's path in the repository, where annotations point
	Run    *CheckRun // built once: its name, title, texts and annotations serve every publisher

	CheckRun *Published // the check run published; nil when none was
	Fallback string     // why no check run was published, "" when one was
	Err      error      // the check run's failure when it was not a refusal (403)
}

// chain is the order the Action publishes in, reviewdog's publisher with a
// fallback made explicit:
//
//  1. first, the check run;
//  2. when it fails, every fallback whose applies accepts the failure, in
//     order; a fallback that fails is noted in the log and the next one
//     still runs;
//  3. in every case, the last publishers, which say what happened (the job
//     summary); their failure is the chain's.
type chain struct {
	first     Publisher
	fallbacks []fallback
	last      []Publisher
	note      func(format string, a ...any)
}

// fallback publishes in place of the check run.
type fallback struct {
	Publisher
	what    string               // for the log: "commit status"
	applies func(err error) bool // whether it serves after this failure; nil: after any
}

// newChain is the Action's chain: the check run; else a commit status when
// the token is a personal one, and annotations in the log within what
// GitHub shows of a step; then the job summary.
//
// Why: a personal token (classic or fine-grained) may not create check runs
// but may write statuses; the read-only GITHUB_TOKEN of a pull request
// from a fork may write neither, and workflow commands need no permission.
// https://docs.github.com/rest/checks/runs#create-a-check-run
func newChain(checkRun, status, annotations, summary Publisher, note func(format string, a ...any)) *chain {
	return &chain{
		first: checkRun,
		fallbacks: []fallback{
			{Publisher: status, what: "commit status", applies: isAppTokenProblem},
			{Publisher: annotations, what: "workflow annotations"},
		},
		last: []Publisher{summary},
		note: note,
	}
}

// Publish runs the chain. Only a last publisher's failure is returned: the
// check run's is in p (Fallback, Err) and the fallbacks' are in the log.
func (c *chain) Publish(ctx context.Context, p *Publication) error {
	if err := c.first.Publish(ctx, p); err != nil {
		c.fallBack(ctx, p, err)
	}
	for _, last := range c.last {
		if err := last.Publish(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// fallBack records why the check run failed, says so, and runs the
// fallbacks that apply.
func (c *chain) fallBack(ctx context.Context, p *Publication, failure error) {
	p.Fallback = Forbidden(failure)
	if p.Fallback == "" {
		p.Err, p.Fallback = failure, failure.Error()
	}
	c.note("tpgrade: no check run: %s.\ntpgrade: the score and the findings are in this job's summary, and the first findings are annotations of this job.\n", p.Fallback)
	for _, fb := range c.fallbacks {
		if fb.applies != nil && !fb.applies(failure) {
			continue
		}
		if err := fb.Publish(ctx, p); err != nil {
			c.note("tpgrade: no %s either: %v\n", fb.what, err)
		}
	}
}

// checkRunPublisher publishes the check run (CheckRuns does the API's
// work) and says in the log where it is.
type checkRunPublisher struct {
	runs *CheckRuns
	note func(format string, a ...any)
}

func (c *checkRunPublisher) Publish(ctx context.Context, p *Publication) error {
	pub, err := c.runs.Publish(ctx, p.Run)
	if err != nil {
		return err
	}
	p.CheckRun = pub
	verb := "created"
	if pub.Updated {
		verb = "updated"
	}
	c.note("tpgrade: %s check run %q (%s, %d annotation request(s)) %s\n", verb, p.Run.Name, p.Run.Title, pub.AnnotationRequests, pub.HTMLURL)
	if pub.Superseded != 0 {
		c.note("tpgrade: the earlier check run %d had other annotations; it is marked superseded\n", pub.Superseded)
	}
	return nil
}

// annotationPublisher writes the findings as workflow-command annotations
// in the job's log, within what GitHub shows of a step (the Classroom
// notices already printed count), and says where the rest are.
type annotationPublisher struct {
	log *logger
}

func (a *annotationPublisher) Publish(_ context.Context, p *Publication) error {
	written, left, err := render.WorkflowAnnotations(a.log, p.Report, render.WorkflowOptions{
		Path: p.Path, PerLevel: CommandAnnotationsPerLevel, Already: a.log.counts})
	if err != nil {
		return fmt.Errorf("writing the log: %w", err)
	}
	if left > 0 {
		a.log.printf("tpgrade: %d findings shown as annotations, %d more in the job summary (GitHub shows %d per level per step)\n",
			written, left, CommandAnnotationsPerLevel)
	}
	return nil
}

// summaryPublisher appends the whole result to the job summary, with where
// the check run is or why there is none; nothing when the runner gives no
// summary file.
type summaryPublisher struct {
	sys    System
	path   string // GITHUB_STEP_SUMMARY
	tamper *Tamper
}

func (s *summaryPublisher) Publish(_ context.Context, p *Publication) error {
	if s.path == "" {
		return nil
	}
	if err := writeStepSummary(s.sys, s.path, stepSummary(p, s.tamper)); err != nil {
		return fmt.Errorf("writing the job summary: %w", err)
	}
	return nil
}
