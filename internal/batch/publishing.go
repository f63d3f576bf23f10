package batch

import (
	"context"
	"fmt"
	"slices"

	"github.com/tpgrade/tpgrade/internal/feedback"
)

// publish sends statuses, comments and dispatches (package feedback) for
// every graded student, in order, or prints them with DryRun. What a
// resumed run already published is not sent again; a failure is the
// student's, noted in the log.
//
// Why one at a time: GitHub wants content-creating requests a second apart
// (the client paces them), so sending them from several workers only makes
// the order unpredictable.
func (b *run) publish(ctx context.Context, entries []*entry) error {
	var kinds []string
	for _, k := range []string{feedback.Status, feedback.Comment} {
		if slices.Contains(b.opt.Publish, k) {
			kinds = append(kinds, k)
		}
	}
	if b.opt.Dispatch {
		kinds = append(kinds, feedback.Dispatch)
	}
	p := &feedback.Publisher{Client: b.client.Client, Rubric: b.rubric, Lang: b.lang(), Location: b.loc(),
		DryRun: b.opt.DryRun, Say: b.say}
	for _, e := range entries {
		res := e.Result
		if res.Commit == "" || res.Report == nil || res.Repository == "" {
			continue
		}
		if err := b.publishOne(ctx, p, e, kinds); err != nil {
			return err
		}
	}
	return nil
}

// publishOne publishes one student's result, journaling each part at once so
// that a run stopped by a limit or Ctrl-C resumes without sending it again.
func (b *run) publishOne(ctx context.Context, p *feedback.Publisher, e *entry, kinds []string) error {
	res := e.Result
	sub := feedback.Submission{Repository: res.Repository, RepositoryURL: res.RepositoryURL, Commit: res.Commit,
		File: res.File, Deadline: res.Deadline, Report: res.Report}
	for _, kind := range kinds {
		done := kind + "@" + res.Commit
		if slices.Contains(res.Published, done) {
			continue
		}
		if err := p.Publish(ctx, kind, sub); err != nil {
			if fatal(ctx, err) {
				return err
			}
			b.logf("tpgrade: %s: %s not published: %v", res.Repository, kind, err)
			continue
		}
		if b.opt.DryRun {
			continue
		}
		res.Published = append(res.Published, done)
		if err := writeSealed(b.state.entryPath(e.Key), e); err != nil {
			return fmt.Errorf("writing the journal: %w", err)
		}
	}
	return nil
}

// say prints a line of the dry run's plan.
func (b *run) say(format string, a ...any) {
	if b.opt.Stdout == nil {
		return
	}
	b.logMu.Lock()
	defer b.logMu.Unlock()
	fmt.Fprintf(b.opt.Stdout, format+"\n", a...)
}
