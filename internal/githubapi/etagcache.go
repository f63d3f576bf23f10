package githubapi

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
)

// ETagCache is an http.RoundTripper that makes GET requests conditional: an
// answer carrying an ETag is kept in Store, the next identical request sends
// If-None-Match, and a 304 (which GitHub does not count against the primary
// limit) is answered from the kept copy as a 200 marked X-From-Cache.
// Put it between go-github and the Transport with Options.Wrap.
//
// Why: https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
type ETagCache struct {
	Store AnswerStore
	Base  http.RoundTripper

	hits atomic.Int64 // answers served from the store after a 304
}

// AnswerStore keeps cached answers between runs, by key (a file name's
// worth of hex). The batch keeps them as sealed files under --out, so that
// an answer edited by hand is noticed and asked again.
type AnswerStore interface {
	Load(key string, a *CachedAnswer) bool // false when absent or damaged
	Save(key string, a *CachedAnswer) error
	Forget(key string)
}

// CachedAnswer is a kept answer: what a 304 is answered with.
type CachedAnswer struct {
	URL    string      `json:"url"`
	ETag   string      `json:"etag"`
	Header http.Header `json:"header"`
	Body   []byte      `json:"body"`
}

// keptHeaders are what a cached answer needs to be read again: its type and
// its pagination links.
var keptHeaders = []string{"Content-Type", "Link"}

// Hits counts the answers served from the store after a 304.
func (c *ETagCache) Hits() int { return int(c.hits.Load()) }

// key names a request's answer: its URL and the form asked for.
func (c *ETagCache) key(req *http.Request) string {
	h := sha256.Sum256([]byte(req.URL.String() + "\x00" + req.Header.Get("Accept")))
	return hex.EncodeToString(h[:])
}

// RoundTrip sends req, conditionally when an answer to it is kept.
func (c *ETagCache) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet || req.Header.Get("Range") != "" {
		return c.Base.RoundTrip(req)
	}
	key := c.key(req)
	var kept CachedAnswer
	have := c.Store.Load(key, &kept) && kept.ETag != "" && kept.URL == req.URL.String()
	if have {
		req = req.Clone(req.Context())
		req.Header.Set("If-None-Match", kept.ETag)
	}
	resp, err := c.Base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	switch {
	case resp.StatusCode == http.StatusNotModified && have:
		resp.Body.Close()
		c.hits.Add(1)
		h := http.Header{}
		for k, vs := range kept.Header {
			h[k] = append([]string(nil), vs...)
		}
		h.Set("X-From-Cache", "1")
		h.Set("ETag", kept.ETag)
		return &http.Response{
			Status: "200 OK", StatusCode: http.StatusOK,
			Proto: resp.Proto, ProtoMajor: resp.ProtoMajor, ProtoMinor: resp.ProtoMinor,
			Header: h, Body: io.NopCloser(bytes.NewReader(kept.Body)),
			ContentLength: int64(len(kept.Body)), Request: req,
		}, nil
	case resp.StatusCode == http.StatusOK && resp.Header.Get("ETag") != "":
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		ans := CachedAnswer{URL: req.URL.String(), ETag: resp.Header.Get("ETag"), Header: http.Header{}, Body: body}
		for _, k := range keptHeaders {
			if v := resp.Header.Values(k); len(v) > 0 {
				ans.Header[k] = v
			}
		}
		// A cache that cannot be written only costs requests next time.
		_ = c.Store.Save(key, &ans)
		resp.Body = io.NopCloser(bytes.NewReader(body))
		resp.ContentLength = int64(len(body))
		resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
		return resp, nil
	case resp.StatusCode == http.StatusNotFound && have:
		// Gone since: forget it.
		c.Store.Forget(key)
	}
	return resp, nil
}
