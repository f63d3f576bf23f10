package githubapi_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tpgrade/tpgrade/internal/githubapi"
	"github.com/tpgrade/tpgrade/internal/githubtest"
)

func TestNewClientUsesAPIURLAndToken(t *testing.T) {
	s := githubtest.New(t)
	s.Expect("GET /repos/{owner}/{repo}", func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("Authorization"); got != "Bearer tok" {
			t.Errorf("Authorization = %q", got)
		}
		githubtest.JSON(w, 200, map[string]any{"name": r.PathValue("repo"), "full_name": "o/" + r.PathValue("repo")})
	})
	// No trailing slash, as GITHUB_API_URL is written.
	c, err := githubapi.NewClient(s.Server.Client(), s.URL+githubtest.Prefix, "tok")
	if err != nil {
		t.Fatal(err)
	}
	repo, _, err := c.Repositories.Get(context.Background(), "o", "lab")
	if err != nil || repo.GetFullName() != "o/lab" {
		t.Fatalf("repo %v, err %v", repo, err)
	}
}

func TestNewClientRejectsBadURL(t *testing.T) {
	for _, u := range []string{"ftp://x/", "not a url", "https://"} {
		if _, err := githubapi.NewClient(nil, u, ""); err == nil {
			t.Errorf("githubapi.NewClient(%q) accepted it", u)
		}
	}
}

func TestClipKeepsCharactersWhole(t *testing.T) {
	got := githubapi.Clip(strings.Repeat("é", 100), 11)
	if len(got) > 11 || !utf8.ValidString(got) || !strings.HasSuffix(got, "…") {
		t.Errorf("Clip = %q", got)
	}
	if githubapi.Clip("short", 10) != "short" {
		t.Error("Clip changed a short text")
	}
	if got := githubapi.Clip("abcdef", 2); len(got) > 3 {
		t.Errorf("Clip under the ellipsis = %q", got)
	}
}
