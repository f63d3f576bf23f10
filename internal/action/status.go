package action

import (
	"context"
	"fmt"

	"github.com/google/go-github/v66/github"
	"github.com/tpgrade/tpgrade/internal/githubapi"
)

// Statuses publishes a commit status: the fallback for a token that may not
// create check runs but may write statuses (a personal access token).
//
// Why: https://docs.github.com/rest/commits/statuses#create-a-commit-status
type Statuses struct {
	Client           *github.Client
	Owner, Repo, SHA string
}

// Publish sets the status named statusContext on the commit. state is success,
// failure or error; the description is cut to MaxStatusDescription.
func (s *Statuses) Publish(ctx context.Context, statusContext, state, description, targetURL string) error {
	_, _, err := s.Client.Repositories.CreateStatus(ctx, s.Owner, s.Repo, s.SHA, &github.RepoStatus{
		State:       github.String(state),
		Context:     github.String(statusContext),
		Description: github.String(githubapi.Clip(description, MaxStatusDescription)),
		TargetURL:   optional(targetURL),
	})
	if err != nil {
		return fmt.Errorf("creating commit status: %w", err)
	}
	return nil
}
