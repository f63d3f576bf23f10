package action

import (
	"testing"

	"github.com/tpgrade/tpgrade/internal/githubtest"
)

// newFakeChecks is GitHub's check runs, statuses and trees for one job's
// repository, as strict as GitHub (internal/githubtest).
func newFakeChecks(t testing.TB) *githubtest.Checks {
	return githubtest.NewChecks(githubtest.New(t))
}
