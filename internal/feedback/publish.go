package feedback

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/google/go-github/v66/github"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
	"github.com/tpgrade/tpgrade/internal/githubapi"
	"github.com/tpgrade/tpgrade/internal/render"
)

// What a teacher may publish: batch's --publish takes Status and Comment,
// --dispatch is Dispatch.
const (
	Status   = "status"
	Comment  = "comment"
	Dispatch = "dispatch"
)

// Publishing limits.
const (
	// Why: issue and comment bodies hold at most 65536 characters
	// (https://docs.github.com/rest/issues/comments#create-an-issue-comment).
	maxCommentBody = 65000
	// DispatchEvent is the repository_dispatch event type Dispatch sends;
	// a workflow listening to repository_dispatch (as Classroom's did) re-grades.
	DispatchEvent = "tpgrade"
)

// Submission is one student's graded commit, what is published about it.
type Submission struct {
	Repository    string // owner/name
	RepositoryURL string // its web page, "" when unknown
	Commit        string // the graded SHA
	File          string // the report graded, "" when none
	Deadline      time.Time
	Report        *grader.Report
}

// Publisher writes graded submissions to the students' repositories, or,
// with DryRun, says through Say what it would write.
type Publisher struct {
	Client   *github.Client // internal/githubapi's: paced writes, retries
	Rubric   *rubric.Rubric
	Lang     i18n.Lang      // the feedback's language
	Location *time.Location // the deadline's time zone in the feedback; nil: UTC
	DryRun   bool
	Say      func(format string, a ...any) // the dry run's plan, one line each; nil: discarded
}

// Publish publishes one kind (Status, Comment or Dispatch) of s.
func (p *Publisher) Publish(ctx context.Context, kind string, s Submission) error {
	switch kind {
	case Status:
		return p.publishStatus(ctx, s)
	case Comment:
		return p.publishComment(ctx, s)
	case Dispatch:
		return p.dispatch(ctx, s)
	}
	return fmt.Errorf("nothing to publish as %q (expected %s, %s or %s)", kind, Status, Comment, Dispatch)
}

// marker finds tpgrade's feedback again in an issue or a comment.
func (p *Publisher) marker() string { return "<!-- tpgrade:feedback:" + p.Rubric.ID + " -->" }

// statusContext is the commit status tpgrade sets.
func (p *Publisher) statusContext() string { return "tpgrade/" + p.Rubric.ID }

func (p *Publisher) say(format string, a ...any) {
	if p.Say != nil {
		p.Say(format, a...)
	}
}

func (p *Publisher) loc() *time.Location {
	if p.Location != nil {
		return p.Location
	}
	return time.UTC
}

func splitRepo(full string) (string, string) {
	o, n, _ := strings.Cut(full, "/")
	return o, n
}

func (p *Publisher) publishStatus(ctx context.Context, s Submission) error {
	rep := s.Report
	state := "failure"
	if rep.Passed {
		state = "success"
	}
	// The pair the check run, Classroom's notices and grades.csv show first.
	desc := fmt.Sprintf("Points %s/%s · %s/%s", rep.Points, rep.MaxPoints, rep.Grade, rep.Scale)
	if p.Rubric.Title != "" {
		desc += " · " + p.Rubric.Title
	}
	desc = githubapi.Clip(desc, githubapi.MaxStatusDescription)
	if p.DryRun {
		p.say("would set status %s = %s %q on %s@%s", p.statusContext(), state, desc, s.Repository, s.Commit[:min(7, len(s.Commit))])
		return nil
	}
	owner, name := splitRepo(s.Repository)
	_, _, err := p.Client.Repositories.CreateStatus(ctx, owner, name, s.Commit, &github.RepoStatus{
		State: github.String(state), Context: github.String(p.statusContext()), Description: github.String(desc),
	})
	return err
}

func (p *Publisher) dispatch(ctx context.Context, s Submission) error {
	if p.DryRun {
		p.say("would send repository_dispatch %q to %s", DispatchEvent, s.Repository)
		return nil
	}
	owner, name := splitRepo(s.Repository)
	payload := []byte(fmt.Sprintf(`{"rubric":%q}`, p.Rubric.ID))
	raw := json.RawMessage(payload)
	_, _, err := p.Client.Repositories.Dispatch(ctx, owner, name, github.DispatchRequestOptions{EventType: DispatchEvent, ClientPayload: &raw})
	return err
}

// publishComment creates or updates the student's feedback: a comment on
// the feedback pull request GitHub Classroom opened ("Feedback") when there
// is one, else an issue of its own; either is found again by the marker and
// edited only when its text changed.
func (p *Publisher) publishComment(ctx context.Context, s Submission) error {
	owner, name := splitRepo(s.Repository)
	body := p.body(s)
	var pr, mine *github.Issue
	// Why: 100 is the largest page the REST API serves, so the fewest requests
	// (https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api).
	opt := &github.IssueListByRepoOptions{State: "all", ListOptions: github.ListOptions{PerPage: 100}}
	pager := githubapi.Pager{What: "the issues of " + s.Repository}
	for {
		issues, resp, err := p.Client.Issues.ListByRepo(ctx, owner, name, opt)
		if err != nil {
			return err
		}
		for _, is := range issues {
			switch {
			case is.IsPullRequest() && strings.EqualFold(strings.TrimSpace(is.GetTitle()), "Feedback") && pr == nil:
				pr = is
			case !is.IsPullRequest() && strings.Contains(is.GetBody(), p.marker()) && mine == nil:
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
		return p.commentOn(ctx, owner, name, pr.GetNumber(), body, s)
	}
	title := i18n.M("Feedback: %s", "Retours : %s", p.Rubric.Title).In(p.Lang)
	switch {
	case mine != nil && mine.GetBody() == body:
		return nil
	case mine != nil:
		if p.DryRun {
			p.say("would update feedback issue #%d on %s (Points %s/%s)", mine.GetNumber(), s.Repository, s.Report.Points, s.Report.MaxPoints)
			return nil
		}
		_, _, err := p.Client.Issues.Edit(ctx, owner, name, mine.GetNumber(), &github.IssueRequest{Body: github.String(body)})
		return err
	}
	if p.DryRun {
		p.say("would open feedback issue %q on %s (Points %s/%s)", title, s.Repository, s.Report.Points, s.Report.MaxPoints)
		return nil
	}
	_, _, err := p.Client.Issues.Create(ctx, owner, name, &github.IssueRequest{Title: github.String(title), Body: github.String(body)})
	return err
}

func (p *Publisher) commentOn(ctx context.Context, owner, name string, number int, body string, s Submission) error {
	// Why: 100 is the largest page the REST API serves (see above).
	opt := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	pager := githubapi.Pager{What: fmt.Sprintf("the comments of %s#%d", s.Repository, number)}
	for {
		comments, resp, err := p.Client.Issues.ListComments(ctx, owner, name, number, opt)
		if err != nil {
			return err
		}
		for _, c := range comments {
			if !strings.Contains(c.GetBody(), p.marker()) {
				continue
			}
			if c.GetBody() == body {
				return nil
			}
			if p.DryRun {
				p.say("would update the feedback comment on %s#%d", s.Repository, number)
				return nil
			}
			_, _, err := p.Client.Issues.EditComment(ctx, owner, name, c.GetID(), &github.IssueComment{Body: github.String(body)})
			return err
		}
		if opt.Page, err = pager.Next(resp, len(comments)); err != nil {
			return err
		}
		if opt.Page == 0 {
			break
		}
	}
	if p.DryRun {
		p.say("would comment on the feedback pull request %s#%d", s.Repository, number)
		return nil
	}
	_, _, err := p.Client.Issues.CreateComment(ctx, owner, name, number, &github.IssueComment{Body: github.String(body)})
	return err
}

// body is the student's feedback in Markdown: the grade, each
// criterion with the teacher's words, and every finding linked to its line
// in the graded commit.
func (p *Publisher) body(s Submission) string {
	lang := p.Lang
	rep := s.Report
	var md strings.Builder
	md.WriteString(p.marker() + "\n")
	fmt.Fprintf(&md, "## %s: Points %s/%s (%s/%s)\n\n", render.Escape(rep.RubricTitle), rep.Points, rep.MaxPoints, rep.Grade, rep.Scale)
	short := s.Commit[:min(7, len(s.Commit))]
	md.WriteString(i18n.M("Graded commit `%s`, the last on the default branch before the deadline (%s).",
		"Commit noté : `%s`, le dernier sur la branche par défaut avant la date limite (%s).",
		short, s.Deadline.In(p.loc()).Format("2006-01-02 15:04 MST")).In(lang) + "\n\n")
	blob := ""
	if s.RepositoryURL != "" && s.File != "" {
		blob = s.RepositoryURL + "/blob/" + s.Commit + "/" + s.File
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
		md.WriteString(line(findingLine{f.Line, f.Col, f.Message, f.Hint, f.Whole}))
	}
	fmt.Fprintf(&md, "\n| %s | %s |\n|---|---|\n", i18n.M("Criterion", "Critère").In(lang), i18n.M("Points", "Points").In(lang))
	for _, c := range rep.Criteria {
		pts := c.Points.String()
		if c.MaxPoints > 0 {
			pts += "/" + c.MaxPoints.String()
		}
		fmt.Fprintf(&md, "| %s | %s |\n", render.Escape(c.Title), pts)
	}
	for _, c := range rep.Criteria {
		if c.Feedback == "" && len(c.Findings) == 0 {
			continue
		}
		fmt.Fprintf(&md, "\n### %s\n", render.Escape(c.Title))
		if c.Feedback != "" {
			md.WriteString(render.Escape(c.Feedback) + "\n")
		}
		for _, f := range c.Findings {
			md.WriteString(line(findingLine{f.Line, f.Col, f.Message, f.Hint, f.Whole}))
		}
	}
	out := md.String()
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
