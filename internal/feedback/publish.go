package batch

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/google/go-github/v66/github"

	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/internal/githubapi"
	"github.com/tpgrade/tpgrade/internal/gradesheet"
	"github.com/tpgrade/tpgrade/internal/render"
)

// What --publish accepts.
const (
	PublishStatus  = "status"
	PublishComment = "comment"
)

// Publishing limits.
const (
	// Why: issue and comment bodies hold at most 65536 characters
	// (https://docs.github.com/rest/issues/comments#create-an-issue-comment).
	maxCommentBody = 65000
	// DispatchEvent is the repository_dispatch event type sent by --dispatch;
	// a workflow listening to repository_dispatch (as Classroom's did) re-grades.
	DispatchEvent = "tpgrade"
)

// marker finds tpgrade's feedback again in an issue or a comment.
func (b *run) marker() string { return "<!-- tpgrade:feedback:" + b.rubric.ID + " -->" }

// statusContext is the commit status tpgrade sets.
func (b *run) statusContext() string { return "tpgrade/" + b.rubric.ID }

// publish sends statuses, comments and dispatches for every graded student,
// in order, or prints them with DryRun. What a resumed run already published
// is not sent again; a failure is the student's, noted in the result and the
// log.
//
// Why one at a time: GitHub wants content-creating requests a second apart
// (the client paces them), so sending them from several workers only makes
// the order unpredictable.
func (b *run) publish(ctx context.Context, entries []*entry) error {
	var kinds []string
	for _, k := range []string{PublishStatus, PublishComment} {
		if slices.Contains(b.opt.Publish, k) {
			kinds = append(kinds, k)
		}
	}
	if b.opt.Dispatch {
		kinds = append(kinds, "dispatch")
	}
	for _, e := range entries {
		res := e.Result
		if res.Commit == "" || res.Report == nil || res.Repository == "" {
			continue
		}
		if err := b.publishOne(ctx, e, kinds); err != nil {
			return err
		}
	}
	return nil
}

// publishOne publishes one student's result, journaling each part at once so
// that a run stopped by a limit or Ctrl-C resumes without sending it again.
func (b *run) publishOne(ctx context.Context, e *entry, kinds []string) error {
	res := e.Result
	for _, kind := range kinds {
		done := kind + "@" + res.Commit
		if slices.Contains(res.Published, done) {
			continue
		}
		var err error
		switch kind {
		case PublishStatus:
			err = b.publishStatus(ctx, res)
		case PublishComment:
			err = b.publishComment(ctx, res)
		case "dispatch":
			err = b.dispatch(ctx, res)
		}
		if err != nil {
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

func (b *run) say(format string, a ...any) {
	if b.opt.Stdout == nil {
		return
	}
	b.logMu.Lock()
	defer b.logMu.Unlock()
	fmt.Fprintf(b.opt.Stdout, format+"\n", a...)
}

func (b *run) publishStatus(ctx context.Context, res *gradesheet.Result) error {
	rep := res.Report
	state := "failure"
	if rep.Passed {
		state = "success"
	}
	// The pair the check run, Classroom's notices and grades.csv show first.
	desc := fmt.Sprintf("Points %s/%s · %s/%s", rep.Points, rep.MaxPoints, rep.Grade, rep.Scale)
	if b.rubric.Title != "" {
		desc += " · " + b.rubric.Title
	}
	desc = githubapi.Clip(desc, githubapi.MaxStatusDescription)
	if b.opt.DryRun {
		b.say("would set status %s = %s %q on %s@%s", b.statusContext(), state, desc, res.Repository, res.Commit[:min(7, len(res.Commit))])
		return nil
	}
	owner, name := splitRepo(res.Repository)
	_, _, err := b.client.Repositories.CreateStatus(ctx, owner, name, res.Commit, &github.RepoStatus{
		State: github.String(state), Context: github.String(b.statusContext()), Description: github.String(desc),
	})
	return err
}

func (b *run) dispatch(ctx context.Context, res *gradesheet.Result) error {
	if b.opt.DryRun {
		b.say("would send repository_dispatch %q to %s", DispatchEvent, res.Repository)
		return nil
	}
	owner, name := splitRepo(res.Repository)
	payload := []byte(fmt.Sprintf(`{"rubric":%q}`, b.rubric.ID))
	raw := json.RawMessage(payload)
	_, _, err := b.client.Repositories.Dispatch(ctx, owner, name, github.DispatchRequestOptions{EventType: DispatchEvent, ClientPayload: &raw})
	return err
}

// publishComment creates or updates the student's feedback: a comment on
// the feedback pull request GitHub Classroom opened ("Feedback") when there
// is one, else an issue of its own; either is found again by the marker and
// edited only when its text changed.
func (b *run) publishComment(ctx context.Context, res *gradesheet.Result) error {
	owner, name := splitRepo(res.Repository)
	body := b.feedbackBody(res)
	var pr, mine *github.Issue
	// Why: 100 is the largest page the REST API serves, so the fewest requests
	// (https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api).
	opt := &github.IssueListByRepoOptions{State: "all", ListOptions: github.ListOptions{PerPage: 100}}
	pager := githubapi.Pager{What: "the issues of " + res.Repository}
	for {
		issues, resp, err := b.client.Issues.ListByRepo(ctx, owner, name, opt)
		if err != nil {
			return err
		}
		for _, is := range issues {
			switch {
			case is.IsPullRequest() && strings.EqualFold(strings.TrimSpace(is.GetTitle()), "Feedback") && pr == nil:
				pr = is
			case !is.IsPullRequest() && strings.Contains(is.GetBody(), b.marker()) && mine == nil:
				mine = is
			}
		}
		if opt.Page, err = pager.Next(resp, len(issues)); err != nil {
			return err
		}
		if opt.Page == 0 {
			break
		}
	}
	if pr != nil {
		return b.commentOn(ctx, owner, name, pr.GetNumber(), body, res)
	}
	title := i18n.M("Feedback: %s", "Retours : %s", b.rubric.Title).In(b.lang())
	switch {
	case mine != nil && mine.GetBody() == body:
		return nil
	case mine != nil:
		if b.opt.DryRun {
			b.say("would update feedback issue #%d on %s (Points %s/%s)", mine.GetNumber(), res.Repository, res.Report.Points, res.Report.MaxPoints)
			return nil
		}
		_, _, err := b.client.Issues.Edit(ctx, owner, name, mine.GetNumber(), &github.IssueRequest{Body: github.String(body)})
		return err
	}
	if b.opt.DryRun {
		b.say("would open feedback issue %q on %s (Points %s/%s)", title, res.Repository, res.Report.Points, res.Report.MaxPoints)
		return nil
	}
	_, _, err := b.client.Issues.Create(ctx, owner, name, &github.IssueRequest{Title: github.String(title), Body: github.String(body)})
	return err
}

func (b *run) commentOn(ctx context.Context, owner, name string, number int, body string, res *gradesheet.Result) error {
	// Why: 100 is the largest page the REST API serves (see above).
	opt := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	pager := githubapi.Pager{What: fmt.Sprintf("the comments of %s#%d", res.Repository, number)}
	for {
		comments, resp, err := b.client.Issues.ListComments(ctx, owner, name, number, opt)
		if err != nil {
			return err
		}
		for _, c := range comments {
			if !strings.Contains(c.GetBody(), b.marker()) {
				continue
			}
			if c.GetBody() == body {
				return nil
			}
			if b.opt.DryRun {
				b.say("would update the feedback comment on %s#%d", res.Repository, number)
				return nil
			}
			_, _, err := b.client.Issues.EditComment(ctx, owner, name, c.GetID(), &github.IssueComment{Body: github.String(body)})
			return err
		}
		if opt.Page, err = pager.Next(resp, len(comments)); err != nil {
			return err
		}
		if opt.Page == 0 {
			break
		}
	}
	if b.opt.DryRun {
		b.say("would comment on the feedback pull request %s#%d", res.Repository, number)
		return nil
	}
	_, _, err := b.client.Issues.CreateComment(ctx, owner, name, number, &github.IssueComment{Body: github.String(body)})
	return err
}

// feedbackBody is the student's feedback in Markdown: the grade, each
// criterion with the teacher's words, and every finding linked to its line
// in the graded commit.
func (b *run) feedbackBody(res *gradesheet.Result) string {
	lang := b.lang()
	rep := res.Report
	var s strings.Builder
	s.WriteString(b.marker() + "\n")
	fmt.Fprintf(&s, "## %s: Points %s/%s (%s/%s)\n\n", render.Escape(rep.RubricTitle), rep.Points, rep.MaxPoints, rep.Grade, rep.Scale)
	short := res.Commit[:min(7, len(res.Commit))]
	s.WriteString(i18n.M("Graded commit `%s`, the last on the default branch before the deadline (%s).",
		"Commit noté : `%s`, le dernier sur la branche par défaut avant la date limite (%s).",
		short, res.Deadline.In(b.loc()).Format("2006-01-02 15:04 MST")).In(lang) + "\n\n")
	blob := ""
	if res.RepositoryURL != "" && res.File != "" {
		blob = res.RepositoryURL + "/blob/" + res.Commit + "/" + res.File
	}
	line := func(f findingLine) string {
		where := fmt.Sprintf("%d:%d", f.line, f.col)
		if f.whole {
			where = "·"
		} else if blob != "" && f.line > 0 {
			where = fmt.Sprintf("[%s](%s#L%d)", where, blob, f.line)
		}
		out := fmt.Sprintf("- %s %s", where, render.Escape(f.msg))
		if f.hint != "" {
			out += " — _" + render.Escape(f.hint) + "_"
		}
		return out + "\n"
	}
	for _, f := range rep.Findings {
		s.WriteString(line(findingLine{f.Line, f.Col, f.Message, f.Hint, f.Whole}))
	}
	fmt.Fprintf(&s, "\n| %s | %s |\n|---|---|\n", i18n.M("Criterion", "Critère").In(lang), i18n.M("Points", "Points").In(lang))
	for _, c := range rep.Criteria {
		pts := c.Points.String()
		if c.MaxPoints > 0 {
			pts += "/" + c.MaxPoints.String()
		}
		fmt.Fprintf(&s, "| %s | %s |\n", render.Escape(c.Title), pts)
	}
	for _, c := range rep.Criteria {
		if c.Feedback == "" && len(c.Findings) == 0 {
			continue
		}
		fmt.Fprintf(&s, "\n### %s\n", render.Escape(c.Title))
		if c.Feedback != "" {
			s.WriteString(render.Escape(c.Feedback) + "\n")
		}
		for _, f := range c.Findings {
			s.WriteString(line(findingLine{f.Line, f.Col, f.Message, f.Hint, f.Whole}))
		}
	}
	out := s.String()
	if len(out) > maxCommentBody {
		out = githubapi.Clip(out, maxCommentBody) + "\n\n" + i18n.M("_(cut: the feedback is longer than a GitHub comment can hold)_",
			"_(coupé : le retour dépasse la taille d'un commentaire GitHub)_").In(lang) + "\n"
	}
	return out
}

type findingLine struct {
	line, col int
	msg, hint string
	whole     bool
}
