package githubapi

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/go-github/v66/github"
)

// DefaultURL is github.com's REST API.
const DefaultURL = "https://api.github.com/"

// Options configure a client.
type Options struct {
	HTTP   *http.Client // the network; nil: http.DefaultClient
	APIURL string       // the REST API's base; "" is DefaultURL
	Token  string       // sent to the API's host only; "" is anonymous
	Clock  Clock
	NoWait bool // a limit is spent: fail with a RateLimitError rather than wait
	Notify func(msg string)

	// Wrap, when set, puts a RoundTripper (the batch's ETagCache) between
	// go-github and the Transport.
	Wrap func(http.RoundTripper) http.RoundTripper

	// Tuning, mostly for tests; zero values are the Transport's defaults.
	Timeout       time.Duration
	MaxAttempts   int
	BaseDelay     time.Duration
	MaxBody       int64
	WriteInterval time.Duration
	WritesPerHour int
}

// Client is a go-github client over a Transport.
type Client struct {
	*github.Client
	Transport *Transport
}

// New returns a client for the REST API at opt.APIURL.
//
// Why: on GitHub Enterprise Server the API lives under /api/v3 of the
// instance, and Actions give its exact base in GITHUB_API_URL
// (https://docs.github.com/actions/learn-github-actions/variables); using it
// as is, rather than deriving it, works on both.
func New(opt Options) (*Client, error) {
	apiURL := opt.APIURL
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
	base := http.DefaultClient
	if opt.HTTP != nil {
		base = opt.HTTP
	}
	t := &Transport{
		Base: base.Transport, Token: opt.Token, APIHost: u.Scheme + "://" + u.Host,
		Clock: opt.Clock, NoWait: opt.NoWait, Notify: opt.Notify,
		Timeout: opt.Timeout, MaxAttempts: opt.MaxAttempts, BaseDelay: opt.BaseDelay, MaxBody: opt.MaxBody,
		WriteInterval: opt.WriteInterval, WritesPerHour: opt.WritesPerHour,
	}
	var rt http.RoundTripper = t
	if opt.Wrap != nil {
		rt = opt.Wrap(t)
	}
	hc := &http.Client{Transport: rt, Jar: base.Jar, CheckRedirect: base.CheckRedirect}
	c := github.NewClient(hc)
	c.BaseURL = u
	c.UploadURL = u
	return &Client{Client: c, Transport: t}, nil
}
