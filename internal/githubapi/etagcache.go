package batch

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
)

// etagCache is an http.RoundTripper that makes GET requests conditional: an
// answer carrying an ETag is kept on disk, the next identical request sends
// If-None-Match, and a 304 (which GitHub does not count against the primary
// limit) is answered from the kept copy as a 200 marked X-From-Cache.
//
// Why: https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
type etagCache struct {
	dir  string
	base http.RoundTripper

	hits atomic.Int64 // answers served from disk after a 304
}

type cachedAnswer struct {
	URL    string      `json:"url"`
	ETag   string      `json:"etag"`
	Header http.Header `json:"header"`
	Body   []byte      `json:"body"`
}

// keptHeaders are what a cached answer needs to be read again: its type and
// its pagination links.
var keptHeaders = []string{"Content-Type", "Link"}

func (c *etagCache) file(req *http.Request) string {
	return filepath.Join(c.dir, hashKey(req.URL.String(), req.Header.Get("Accept"))+".json")
}

func (c *etagCache) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet || req.Header.Get("Range") != "" {
		return c.base.RoundTrip(req)
	}
	path := c.file(req)
	var kept cachedAnswer
	_, ok := readSealed(path, &kept)
	have := ok && kept.ETag != "" && kept.URL == req.URL.String()
	if have {
		req = req.Clone(req.Context())
		req.Header.Set("If-None-Match", kept.ETag)
	}
	resp, err := c.base.RoundTrip(req)
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
		ans := cachedAnswer{URL: req.URL.String(), ETag: resp.Header.Get("ETag"), Header: http.Header{}, Body: body}
		for _, k := range keptHeaders {
			if v := resp.Header.Values(k); len(v) > 0 {
				ans.Header[k] = v
			}
		}
		// A cache that cannot be written only costs requests next time.
		_ = writeSealed(path, ans)
		resp.Body = io.NopCloser(bytes.NewReader(body))
		resp.ContentLength = int64(len(body))
		resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
		return resp, nil
	case resp.StatusCode == http.StatusNotFound && have:
		// Gone since: forget it.
		os.Remove(path)
	}
	return resp, nil
}
