package feedback

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/go-github/v66/github"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// What a teacher may publish: batch's --publish takes Status and Comment,
// --dispatch is Dispatch.
const (
	Status   = "status"
	Comment  = "comment"
	Dispatch = "dispatch"
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

// Publish publishes one kind (Status, Comment or Dispatch) of a submission.
func (p *Publisher) Publish(ctx context.Context, kind string, res Submission) error {
	switch kind {
	case Status:
		return p.publishStatus(ctx, res)
	case Comment:
		return p.publishComment(ctx, res)
	case Dispatch:
		return p.dispatch(ctx, res)
	}
	return fmt.Errorf("nothing to publish as %q (expected %s, %s or %s)", kind, Status, Comment, Dispatch)
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
