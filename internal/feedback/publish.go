package feedback

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/google/go-github/v66/github"

	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/internal/githubapi"
	"github.com/tpgrade/tpgrade/internal/render"
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

// marker finds tpgrade's feedback again in an issue or a comment.
func (p *Publisher) marker() string { return "<!-- tpgrade:feedback:" + p.Rubric.ID + " -->" }

func (p *Publisher) say(format string, a ...any) {
	if p.Say != nil {
		p.Say(format, a...)
	}
}

func (p *Publisher) publishStatus(ctx context.Context, res Submission) error {
	st := CommitStatus(res.Report)
	if p.DryRun {
		p.say("would set status %s = %s %q on %s@%s", st.GetContext(), st.GetState(), st.GetDescription(), res.Repository, res.Commit[:min(7, len(res.Commit))])
		return nil
	}
	owner, name := splitRepo(res.Repository)
	_, _, err := p.Client.Repositories.CreateStatus(ctx, owner, name, res.Commit, st)
	return err
}

func (p *Publisher) dispatch(ctx context.Context, res Submission) error {
	if p.DryRun {
		p.say("would send repository_dispatch %q to %s", DispatchEvent, res.Repository)
		return nil
	}
	owner, name := splitRepo(res.Repository)
	payload := []byte(fmt.Sprintf(`{"rubric":%q}`, p.Rubric.ID))
	raw := json.RawMessage(payload)
	_, _, err := p.Client.Repositories.Dispatch(ctx, owner, name, github.DispatchRequestOptions{EventType: DispatchEvent, ClientPayload: &raw})
	return err
}

// publishComment creates or updates the student's feedback: a comment on
// the feedback pull request GitHub Classroom opened ("Feedback") when there
// is one, else an issue of its own; either is found again by the marker and
// edited only when its text changed.
func (p *Publisher) publishComment(ctx context.Context, res Submission) error {
	owner, name := splitRepo(res.Repository)
	body := p.body(res)
	var pr, mine *github.Issue
	// Why: 100 is the largest page the REST API serves, so the fewest requests
	// (https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api).
	opt := &github.IssueListByRepoOptions{State: "all", ListOptions: github.ListOptions{PerPage: 100}}
	pager := githubapi.Pager{What: "the issues of " + res.Repository}
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
		return p.commentOn(ctx, owner, name, pr.GetNumber(), body, res)
	}
	title := i18n.M("Feedback: %s", "Retours : %s", p.Rubric.Title.In(p.Lang)).In(p.Lang)
	switch {
	case mine != nil && mine.GetBody() == body:
		return nil
	case mine != nil:
		if p.DryRun {
			p.say("would update feedback issue #%d on %s (Points %s/%s)", mine.GetNumber(), res.Repository, res.Report.Points, res.Report.MaxPoints)
			return nil
		}
		_, _, err := p.Client.Issues.Edit(ctx, owner, name, mine.GetNumber(), &github.IssueRequest{Body: github.String(body)})
		return err
	}
	if p.DryRun {
		p.say("would open feedback issue %q on %s (Points %s/%s)", title, res.Repository, res.Report.Points, res.Report.MaxPoints)
		return nil
	}
	_, _, err := p.Client.Issues.Create(ctx, owner, name, &github.IssueRequest{Title: github.String(title), Body: github.String(body)})
	return err
}

func (p *Publisher) commentOn(ctx context.Context, owner, name string, number int, body string, res Submission) error {
	// Why: 100 is the largest page the REST API serves (see above).
	opt := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	pager := githubapi.Pager{What: fmt.Sprintf("the comments of %s#%d", res.Repository, number)}
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
				p.say("would update the feedback comment on %s#%d", res.Repository, number)
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
		p.say("would comment on the feedback pull request %s#%d", res.Repository, number)
		return nil
	}
	_, _, err := p.Client.Issues.CreateComment(ctx, owner, name, number, &github.IssueComment{Body: github.String(body)})
	return err
}

// body is the student's feedback in Markdown: the marker that finds it
// again, then the report as the check run's summary and details show it
// (render.Markdown: score, criteria, every finding with its severity,
// hostile text escaped), with the graded commit under the score and every
// finding linked to its line in that commit.
func (p *Publisher) body(res Submission) string {
	rep := res.Report
	lang := rep.Lang
	short := res.Commit[:min(7, len(res.Commit))]
	opt := render.MarkdownOptions{
		Path: res.File,
		AfterScore: i18n.M("Graded commit `%s`, the last on the default branch before the deadline (%s).",
			"Commit noté : `%s`, le dernier sur la branche par défaut avant la date limite (%s).",
			codeSafe(short), res.Deadline.In(p.loc()).Format("2006-01-02 15:04 MST")).In(lang),
	}
	if res.RepositoryURL != "" && res.File != "" {
		opt.FileURL = res.RepositoryURL + "/blob/" + url.PathEscape(res.Commit) + "/" + escapePath(res.File)
	}
	out := p.marker() + "\n" + render.MarkdownString(rep, opt)
	if len(out) > maxCommentBody {
		out = githubapi.Clip(out, maxCommentBody) + "\n\n" + i18n.M("_(cut: the feedback is longer than a GitHub comment can hold)_",
			"_(coupé : le retour dépasse la taille d'un commentaire GitHub)_").In(lang) + "\n"
	}
	return out
}

// escapePath percent-encodes each segment of a path for a URL.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// codeSafe keeps the hexadecimal digits of a commit SHA: what goes in its
// code span comes from the server.
func codeSafe(sha string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F' {
			return r
		}
		return -1
	}, sha)
}
