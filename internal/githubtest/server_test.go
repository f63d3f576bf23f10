package githubtest

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-github/v66/github"
)

func TestServerRecordsAndDecodes(t *testing.T) {
	s := New(t)
	s.Expect("POST /repos/{owner}/{repo}/statuses/{sha}", func(w http.ResponseWriter, r *http.Request) {
		var st github.RepoStatus
		Decode(t, r, &st)
		if st.GetState() != "success" || r.PathValue("sha") != "abc" {
			t.Errorf("got %+v sha %s", st, r.PathValue("sha"))
		}
		JSON(w, http.StatusCreated, st)
	})
	_, _, err := s.Client().Repositories.CreateStatus(context.Background(), "o", "r", "abc",
		&github.RepoStatus{State: github.String("success"), Context: github.String("tpgrade/x")})
	if err != nil {
		t.Fatal(err)
	}
	if n := s.Count("POST", "/repos/o/r/statuses/"); n != 1 {
		t.Fatalf("recorded %d requests, want 1", n)
	}
}

func TestServerFailsOnMissingExpectation(t *testing.T) {
	ft := &fakeTB{TB: t}
	s := New(ft)
	s.Expect("GET /never", func(http.ResponseWriter, *http.Request) {})
	s.Close()
	// Run the cleanups registered by New by hand: they must report the missing call.
	for i := len(ft.cleanups) - 1; i >= 0; i-- {
		ft.cleanups[i]()
	}
	if len(ft.errors) != 1 {
		t.Fatalf("errors = %v, want one about the missing call", ft.errors)
	}
}

type fakeTB struct {
	testing.TB
	cleanups []func()
	errors   []string
}

func (f *fakeTB) Cleanup(fn func())              { f.cleanups = append(f.cleanups, fn) }
func (f *fakeTB) Errorf(format string, a ...any) { f.errors = append(f.errors, format) }
func (f *fakeTB) Helper()                        {}
