package githubtest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-github/v66/github"
)

// Prefix is where the fake API is mounted.
const Prefix = "/api-v3"

// Request is one recorded request.
type Request struct {
	Method  string
	Path    string // without Prefix, e.g. /repos/o/r/check-runs
	Query   string
	Header  http.Header
	Body    []byte
	Pattern string // the pattern that handled it, "" when unhandled
}

// Server is a fake GitHub API.
type Server struct {
	*httptest.Server
	t   testing.TB
	mux *http.ServeMux

	mu        sync.Mutex
	requests  []Request
	expected  map[string]int // pattern -> calls
	unhandled []string
}

// New starts a fake API and stops it when the test ends, failing the test if
// an expected pattern was never called or a request had no handler.
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{t: t, mux: http.NewServeMux(), expected: map[string]int{}}
	root := http.NewServeMux()
	root.Handle(Prefix+"/", http.StripPrefix(Prefix, http.HandlerFunc(s.serve)))
	root.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.unhandled = append(s.unhandled, r.Method+" "+r.URL.Path+" (outside "+Prefix+")")
		s.mu.Unlock()
		Error(w, http.StatusNotFound, "Not Found")
	})
	s.Server = httptest.NewServer(root)
	t.Cleanup(func() {
		s.Close()
		s.mu.Lock()
		defer s.mu.Unlock()
		for p, n := range s.expected {
			if n == 0 {
				t.Errorf("githubtest: expected a request %q, none came", p)
			}
		}
		for _, u := range s.unhandled {
			t.Errorf("githubtest: unexpected request %s", u)
		}
	})
	return s
}

// APIURL is the base URL a client should use, ending in "/".
func (s *Server) APIURL() string { return s.URL + Prefix + "/" }

// Client returns a go-github client pointed at the fake API.
func (s *Server) Client() *github.Client {
	c := github.NewClient(s.Server.Client()).WithAuthToken("test-token")
	c.BaseURL = mustURL(s.t, s.APIURL())
	c.UploadURL = mustURL(s.t, s.APIURL())
	return c
}

// Handle registers h for a Go ServeMux pattern relative to the API root, such
// as "POST /repos/{owner}/{repo}/check-runs".
func (s *Server) Handle(pattern string, h http.HandlerFunc) {
	s.mux.HandleFunc(pattern, s.wrap(pattern, h))
}

// Expect is Handle, and the test fails if the pattern is never called.
func (s *Server) Expect(pattern string, h http.HandlerFunc) {
	s.mu.Lock()
	s.expected[pattern] += 0
	s.mu.Unlock()
	s.Handle(pattern, h)
}

func (s *Server) wrap(pattern string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		if _, ok := s.expected[pattern]; ok {
			s.expected[pattern]++
		}
		for i := len(s.requests) - 1; i >= 0; i-- {
			if s.requests[i].Pattern == "" && s.requests[i].Path == r.URL.Path && s.requests[i].Method == r.Method {
				s.requests[i].Pattern = pattern
				break
			}
		}
		s.mu.Unlock()
		h(w, r)
	}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.mu.Lock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
		Header: r.Header.Clone(), Body: body})
	s.mu.Unlock()
	if _, pattern := s.mux.Handler(r); pattern == "" {
		s.mu.Lock()
		s.unhandled = append(s.unhandled, r.Method+" "+r.URL.String())
		s.mu.Unlock()
		Error(w, http.StatusNotFound, "Not Found")
		return
	}
	s.mux.ServeHTTP(w, r)
}

// Requests returns a copy of every request so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Count returns how many requests matched method and a path prefix.
func (s *Server) Count(method, pathPrefix string) int {
	n := 0
	for _, r := range s.Requests() {
		if (method == "" || r.Method == method) && strings.HasPrefix(r.Path, pathPrefix) {
			n++
		}
	}
	return n
}

// Decode reads a JSON request body into v, one of go-github's request types,
// rejecting fields that type does not have.
func Decode(t testing.TB, r *http.Request, v any) {
	t.Helper()
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Errorf("githubtest: %s %s: body does not decode into %T: %v", r.Method, r.URL.Path, v, err)
	}
}

// JSON writes v with a status code, as GitHub does.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Error writes GitHub's error shape.
func Error(w http.ResponseWriter, status int, message string) {
	JSON(w, status, map[string]string{
		"message":           message,
		"documentation_url": "https://docs.github.com/rest",
	})
}

func mustURL(t testing.TB, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatalf("githubtest: %v", err)
	}
	return u
}
