package action

import (
	"context"
	"fmt"

	"github.com/google/go-github/v66/github"

	"github.com/tpgrade/tpgrade/internal/feedback"
)

// statusPublisher publishes a commit status: the fallback for a token that
// may not create check runs but may write statuses (a personal access
// token). It is feedback.CommitStatus, the status a batch sets too, named
// like the check run and linked to the workflow run.
//
// Why: https://docs.github.com/rest/commits/statuses#create-a-commit-status
type statusPublisher struct {
	Client           *github.Client
	Owner, Repo, SHA string
	note             func(format string, a ...any)
}

// Publish sets the commit status: success at or above the pass mark,
// failure below it (whatever fail-below-pass says: a status has no neutral
// state), "Points X/Y · grade G/S · <title>".
func (s *statusPublisher) Publish(ctx context.Context, p *Publication) error {
	st := feedback.CommitStatus(p.Report)
	st.Context = github.String(p.Run.Name)
	st.TargetURL = optional(p.Run.DetailsURL)
	if _, _, err := s.Client.Repositories.CreateStatus(ctx, s.Owner, s.Repo, s.SHA, st); err != nil {
		return fmt.Errorf("creating commit status: %w", err)
	}
	s.note("tpgrade: published the commit status %q instead\n", p.Run.Name)
	return nil
}
