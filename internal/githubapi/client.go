package githubapi

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/go-github/v66/github"
)

// DefaultURL is github.com's REST API.
const DefaultURL = "https://api.github.com/"

// NewClient returns a client for the REST API at apiURL (DefaultURL when
// empty), authenticated with token when it is not empty.
//
// Why: on GitHub Enterprise Server the API lives under /api/v3 of the
// instance, and Actions give its exact base in GITHUB_API_URL
// (https://docs.github.com/actions/learn-github-actions/variables); using it
// as is, rather than deriving it, works on both.
func NewClient(httpClient *http.Client, apiURL, token string) (*github.Client, error) {
	if apiURL == "" {
		apiURL = DefaultURL
	}
	if !strings.HasSuffix(apiURL, "/") {
		apiURL += "/"
	}
	u, err := url.Parse(apiURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("API URL %q is not an http(s) URL", apiURL)
	}
	c := github.NewClient(httpClient)
	if token != "" {
		c = c.WithAuthToken(token)
	}
	c.BaseURL = u
	c.UploadURL = u
	return c, nil
}
