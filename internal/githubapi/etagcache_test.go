package githubapi

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// memoryStore keeps answers in memory, as copies.
type memoryStore struct {
	mu      sync.Mutex
	answers map[string]CachedAnswer
}

func (m *memoryStore) Load(key string, a *CachedAnswer) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	kept, ok := m.answers[key]
	*a = kept
	return ok
}

func (m *memoryStore) Save(key string, a *CachedAnswer) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.answers[key] = *a
	return nil
}

func (m *memoryStore) Forget(key string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.answers, key)
}

// A second GET of the same URL is conditional; its 304 is answered from the
// store as the first answer was, and a 404 since forgets it.
func TestETagCacheAnswers304FromTheStore(t *testing.T) {
	var (
		mu      sync.Mutex
		sent    []string // If-None-Match of each request
		gone    bool
		headers = map[string]string{"ETag": `W/"v1"`, "Link": `<https://x/next>; rel="next"`}
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		sent = append(sent, r.Header.Get("If-None-Match"))
		switch {
		case gone:
			w.WriteHeader(http.StatusNotFound)
		case r.Header.Get("If-None-Match") == headers["ETag"]:
			w.WriteHeader(http.StatusNotModified)
		default:
			for k, v := range headers {
				w.Header().Set(k, v)
			}
			io.WriteString(w, `{"name":"lab"}`)
		}
	}))
	defer srv.Close()
	store := &memoryStore{answers: map[string]CachedAnswer{}}
	cache := &ETagCache{Store: store, Base: http.DefaultTransport}
	client := &http.Client{Transport: cache}
	get := func() (*http.Response, string) {
		t.Helper()
		resp, err := client.Get(srv.URL + "/repos/o/r")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	if resp, body := get(); resp.StatusCode != 200 || body != `{"name":"lab"}` || resp.Header.Get("X-From-Cache") != "" {
		t.Fatalf("first answer %d %q %v", resp.StatusCode, body, resp.Header)
	}
	resp, body := get()
	if resp.StatusCode != 200 || body != `{"name":"lab"}` || resp.Header.Get("X-From-Cache") != "1" ||
		resp.Header.Get("Link") != headers["Link"] || cache.Hits() != 1 {
		t.Fatalf("second answer %d %q %v, %d hits", resp.StatusCode, body, resp.Header, cache.Hits())
	}
	if sent[1] != `W/"v1"` {
		t.Errorf("second request sent If-None-Match %q", sent[1])
	}
	mu.Lock()
	gone = true
	mu.Unlock()
	if resp, _ := get(); resp.StatusCode != 404 || len(store.answers) != 0 {
		t.Errorf("after a 404: %d, %d answers kept", resp.StatusCode, len(store.answers))
	}
	// Not a GET: never conditional, never kept.
	if _, err := client.Post(srv.URL+"/repos/o/r/statuses/x", "application/json", nil); err != nil {
		t.Fatal(err)
	}
	if sent[len(sent)-1] != "" || len(store.answers) != 0 {
		t.Errorf("a POST was made conditional or kept")
	}
}
