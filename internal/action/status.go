package action

import (
	"context"
	"fmt"

	"github.com/google/go-github/v66/github"

	"github.com/tpgrade/tpgrade/internal/githubapi"
)

// statusPublisher publishes a commit status: the fallback for a token that
// may not create check runs but may write statuses (a personal access
// token). It is named and described like the check run: its name, its
// title and the grade on the scale, linked to the workflow run.
//
// Why: https://docs.github.com/rest/commits/statuses#create-a-commit-status
type statusPublisher struct {
	Client           *github.Client
	Owner, Repo, SHA string
	note             func(format string, a ...any)
}

// Publish sets the status named like the check run on the commit: success,
// or failure when the check run would have failed; the description is cut
// to MaxStatusDescription.
func (s *statusPublisher) Publish(ctx context.Context, p *Publication) error {
	run := p.Run
	_, _, err := s.Client.Repositories.CreateStatus(ctx, s.Owner, s.Repo, s.SHA, &github.RepoStatus{
		State:       github.String(statusState(run.Conclusion)),
		Context:     github.String(run.Name),
		Description: github.String(githubapi.Clip(run.Title+" · "+gradeLine(p.Report), MaxStatusDescription)),
		TargetURL:   optional(run.DetailsURL),
	})
	if err != nil {
		return fmt.Errorf("creating commit status: %w", err)
	}
	s.note("tpgrade: published the commit status %q instead\n", run.Name)
	return nil
}
