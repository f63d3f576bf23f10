package action

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-github/v66/github"

	"github.com/tpgrade/tpgrade/grader"
)

// fakePublisher records that it ran, what the chain had recorded by then,
// and fails with err.
type fakePublisher struct {
	name  string
	err   error
	calls *[]string
	saw   *Publication // a copy of the publication when it ran
	do    func(p *Publication)
}

func (f *fakePublisher) Publish(_ context.Context, p *Publication) error {
	*f.calls = append(*f.calls, f.name)
	if f.do != nil {
		f.do(p)
	}
	seen := *p
	f.saw = &seen
	return f.err
}

// refused is GitHub's 403 with message.
func refused(message string) error {
	return &github.ErrorResponse{Response: &http.Response{StatusCode: http.StatusForbidden,
		Request: &http.Request{Method: "POST"}}, Message: message}
}

// chainOf is the Action's real chain (newChain) over fakes.
type chainOf struct {
	calls                                  []string
	notes                                  strings.Builder
	checkRun, status, annotations, summary *fakePublisher
	chain                                  *chain
}

func newChainOf(checkRunErr, statusErr, summaryErr error) *chainOf {
	c := &chainOf{}
	c.checkRun = &fakePublisher{name: "check run", err: checkRunErr, calls: &c.calls}
	if checkRunErr == nil {
		c.checkRun.do = func(p *Publication) { p.CheckRun = &Published{ID: 1, HTMLURL: "https://github.com/o/r/runs/1"} }
	}
	c.status = &fakePublisher{name: "status", err: statusErr, calls: &c.calls}
	c.annotations = &fakePublisher{name: "annotations", calls: &c.calls}
	c.summary = &fakePublisher{name: "summary", err: summaryErr, calls: &c.calls}
	c.chain = newChain(c.checkRun, c.status, c.annotations, c.summary, func(format string, a ...any) {
		fmt.Fprintf(&c.notes, format, a...)
	})
	return c
}

func (c *chainOf) publish(t *testing.T) (*Publication, error) {
	t.Helper()
	p := &Publication{Report: &grader.Report{}, Path: "README.md", Run: &CheckRun{Name: "tpgrade / lab"}}
	return p, c.chain.Publish(context.Background(), p)
}

// The fallback chain on every kind of failure GitHub gives: who runs, in
// which order, what the result and the log say.
func TestPublisherChainFallsBackByFailure(t *testing.T) {
	for _, tc := range []struct {
		name       string
		err        error
		calls      []string
		fallback   string // in p.Fallback, "" for none
		publishErr bool
	}{
		{name: "check run published", calls: []string{"check run", "summary"}},
		{name: "classic personal token", err: refused("You must authenticate via a GitHub App."),
			calls: []string{"check run", "status", "annotations", "summary"}, fallback: "personal access token"},
		{name: "fine-grained personal token", err: refused("Resource not accessible by personal access token"),
			calls: []string{"check run", "status", "annotations", "summary"}, fallback: "fine-grained personal access token"},
		{name: "read-only job token (fork)", err: refused("Resource not accessible by integration"),
			calls: []string{"check run", "annotations", "summary"}, fallback: "may not write checks"},
		{name: "other 403", err: refused("Repository access blocked"),
			calls: []string{"check run", "annotations", "summary"}, fallback: "GitHub refused (403 Repository access blocked)"},
		{name: "server failure", err: errors.New("creating check run: 502 Bad Gateway"),
			calls: []string{"check run", "annotations", "summary"}, fallback: "502 Bad Gateway", publishErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newChainOf(tc.err, nil, nil)
			p, err := c.publish(t)
			if err != nil {
				t.Fatalf("chain failed: %v", err)
			}
			if !slices.Equal(c.calls, tc.calls) {
				t.Errorf("ran %v, want %v", c.calls, tc.calls)
			}
			switch {
			case tc.fallback == "" && (p.Fallback != "" || p.CheckRun == nil):
				t.Errorf("published, yet fallback %q, check run %v", p.Fallback, p.CheckRun)
			case tc.fallback != "" && (!strings.Contains(p.Fallback, tc.fallback) || p.CheckRun != nil):
				t.Errorf("fallback %q, want it to say %q; check run %v", p.Fallback, tc.fallback, p.CheckRun)
			}
			if (p.Err != nil) != tc.publishErr {
				t.Errorf("Err = %v, want an error: %v (a refusal is not a failure)", p.Err, tc.publishErr)
			}
			// The summary runs last and sees what happened.
			if s := c.summary.saw; s == nil || s.Fallback != p.Fallback || s.CheckRun != p.CheckRun {
				t.Errorf("the summary saw %+v, not the outcome", s)
			}
			notes := c.notes.String()
			if tc.fallback != "" && !strings.Contains(notes, "tpgrade: no check run: "+p.Fallback+".\n") {
				t.Errorf("the log does not say why:\n%s", notes)
			}
			if tc.fallback == "" && notes != "" {
				t.Errorf("the chain spoke with the check run published:\n%s", notes)
			}
		})
	}
}

// A fallback that fails is said in the log and the next one still runs.
func TestPublisherChainGoesOnAfterAFailedFallback(t *testing.T) {
	c := newChainOf(refused("You must authenticate via a GitHub App."), errors.New("creating commit status: 422 Validation Failed"), nil)
	p, err := c.publish(t)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.calls, []string{"check run", "status", "annotations", "summary"}) {
		t.Errorf("ran %v", c.calls)
	}
	if !strings.Contains(c.notes.String(), "tpgrade: no commit status either: creating commit status: 422 Validation Failed\n") {
		t.Errorf("log:\n%s", c.notes.String())
	}
	if p.Err != nil {
		t.Errorf("a refused check run and a failed status made Err %v", p.Err)
	}
}

// The job summary's failure is the chain's: the result is not where it
// should be.
func TestPublisherChainReturnsTheSummarysFailure(t *testing.T) {
	for _, checkRunErr := range []error{nil, refused("Resource not accessible by integration")} {
		c := newChainOf(checkRunErr, nil, errors.New("writing the job summary: disk full"))
		if _, err := c.publish(t); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("check run error %v: chain returned %v", checkRunErr, err)
		}
	}
}
