package batch

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tpgrade/tpgrade/internal/githubapi"
)

// activityEvent is one event of GET /repos/{owner}/{repo}/activity.
type activityEvent struct {
	Before       string    `json:"before"`
	After        string    `json:"after"`
	Ref          string    `json:"ref"`
	Timestamp    time.Time `json:"timestamp"`
	ActivityType string    `json:"activity_type"`
}

// The activity types that move a branch's head.
const (
	activityPush     = "push"
	activityForce    = "force_push"
	activityCreation = "branch_creation"
	activityDeletion = "branch_deletion"
)

// headAtDeadline is what a branch's pushes say about a deadline.
type headAtDeadline struct {
	Answered bool      // the activity API answered (it may not, on an old Enterprise Server)
	Known    bool      // the activity reaches back to the deadline, or to the branch's creation
	SHA      string    // the head at the deadline; "" when the branch did not exist yet
	PushedAt time.Time // when GitHub received the push that made SHA the head
	Late     bool      // GitHub received a push to the branch after the deadline
	// CommitDate is the head's committer date, when the fallback chose it.
	CommitDate time.Time
	Requests   int
}

// pushTimeHead finds the head of branch at deadline from the pushes GitHub
// recorded, newest first: the `after` of the last push (or force push, or
// the branch's creation) at or before the deadline. A commit's own dates
// are the student's to set; the time of a push is GitHub's. Pages are read
// only until that push is found, so one request is the usual cost.
//
// Why: commits?until= filters on the committer date, which git lets anyone
// backdate (https://docs.github.com/rest/repos/repos#list-repository-activities).
func (b *run) pushTimeHead(ctx context.Context, owner, name, branch string, deadline time.Time) (headAtDeadline, error) {
	var h headAtDeadline
	ref := "refs/heads/" + branch
	pager := githubapi.Pager{What: "the pushes to " + owner + "/" + name}
	after := ""
	created := false
	for {
		// Why: 100 is the largest page the activity API serves
		// (https://docs.github.com/rest/repos/repos#list-repository-activities).
		q := url.Values{"ref": {ref}, "per_page": {"100"}}
		if after != "" {
			q.Set("after", after)
		}
		req, err := b.client.NewRequest(http.MethodGet, fmt.Sprintf("repos/%s/%s/activity?%s", url.PathEscape(owner), url.PathEscape(name), q.Encode()), nil)
		if err != nil {
			return h, err
		}
		var events []activityEvent
		h.Requests++
		resp, err := b.client.Do(ctx, req, &events)
		if err != nil {
			return h, err
		}
		h.Answered = true
		for _, e := range events {
			if e.Ref != "" && e.Ref != ref && e.Ref != branch {
				continue
			}
			switch e.ActivityType {
			case activityPush, activityForce, activityCreation, activityDeletion:
			default:
				continue
			}
			if e.Timestamp.After(deadline) {
				if e.ActivityType != activityDeletion {
					h.Late = true
				}
				// A push from no commit (before all zeros) creates the branch too.
				created = created || e.ActivityType == activityCreation || e.Before != "" && strings.Trim(e.Before, "0") == ""
				continue
			}
			h.Known = true
			if e.ActivityType != activityDeletion {
				h.SHA, h.PushedAt = e.After, e.Timestamp.UTC()
			}
			return h, nil
		}
		if after, err = pager.NextCursor(resp, len(events)); err != nil {
			return h, err
		}
		if after == "" {
			// The whole history is listed: it reaches back to the deadline
			// only if it starts with the branch's creation after it.
			h.Known = created
			return h, nil
		}
	}
}
