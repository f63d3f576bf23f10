package feedback

import (
	"github.com/google/go-github/v66/github"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/internal/githubapi"
	"github.com/tpgrade/tpgrade/internal/render"
)

// StatusContext is the name of tpgrade's commit status for a rubric, and
// the Action's default check-run name: "tpgrade / <rubric id>". One name,
// so that the Action and a batch over the same commit set one status, the
// later replacing the earlier, rather than two that may disagree.
//
// Why: a status or check run is found again by its name alone; GitHub asks
// for a stable, unique one
// (https://docs.github.com/rest/commits/statuses#create-a-commit-status).
func StatusContext(rubricID string) string { return "tpgrade / " + rubricID }

// CommitStatus is the commit status of a graded report, the one both the
// Action (when it may not create a check run) and the batch publish:
//
//   - context StatusContext(rep.Rubric);
//   - state success at or above the pass mark, failure below it or when the
//     report could not be graded (a status has no neutral state);
//   - description "Points X/Y · grade G/S · <rubric title>", the pair the
//     check run's title, Classroom's notices and grades.csv show first, with
//     why it could not be graded in place of the title; cut to GitHub's 140
//     characters, which it enforces with 422.
//
// The caller adds a target URL when it has one.
func CommitStatus(rep *grader.Report) *github.RepoStatus {
	state := "failure"
	if rep.Passed && rep.Usable {
		state = "success"
	}
	desc := i18n.M("Points %s/%s · grade %s/%s", "Points %s/%s · note %s/%s", rep.Points, rep.MaxPoints, rep.Grade, rep.Scale).In(rep.Lang)
	tail := rep.RubricTitle
	if !rep.Usable && len(rep.Findings) > 0 {
		tail = render.Visible(rep.Findings[0].Message) // it may quote a file name from the repository
	}
	if tail != "" {
		desc += " · " + tail
	}
	return &github.RepoStatus{
		Context:     github.String(StatusContext(rep.Rubric)),
		State:       github.String(state),
		Description: github.String(githubapi.Clip(desc, githubapi.MaxStatusDescription)),
	}
}
