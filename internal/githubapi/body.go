package githubapi

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// DefaultMaxBody bounds an answer's body unless the request says otherwise
// (WithMaxBody).
//
// Why: the largest JSON tpgrade asks for is a page of 100 repositories or a
// file's contents, at most 1 MB before base64
// (https://docs.github.com/rest/repos/contents#get-repository-content);
// 8 MiB is several times either, and keeps a hostile or broken server from
// filling the memory.
const DefaultMaxBody = 8 << 20

type maxBodyKey struct{}

// WithMaxBody bounds the body of the answers to requests made with ctx, such
// as a raw file download bounded by the report size limit.
func WithMaxBody(ctx context.Context, n int64) context.Context {
	return context.WithValue(ctx, maxBodyKey{}, n)
}

// BodyTooLargeError is an answer larger than its bound.
type BodyTooLargeError struct {
	URL   string
	Limit int64
	Size  int64 // from Content-Length; -1 when the body ran past the limit
}

func (e *BodyTooLargeError) Error() string {
	if e.Size >= 0 {
		return fmt.Sprintf("GitHub's answer to %s is %d bytes, over the %d-byte limit: not read", e.URL, e.Size, e.Limit)
	}
	return fmt.Sprintf("GitHub's answer to %s runs past the %d-byte limit: stopped reading", e.URL, e.Limit)
}

// bound refuses an answer whose announced size is over its limit before
// reading any of it, and cuts the reading of any other at the limit.
func (l *Transport) bound(req *http.Request, resp *http.Response) (*http.Response, error) {
	limit := l.MaxBody
	if limit <= 0 {
		limit = DefaultMaxBody
	}
	if n, ok := req.Context().Value(maxBodyKey{}).(int64); ok && n > 0 {
		limit = n
	}
	where := req.Method + " " + req.URL.Path
	if resp.ContentLength > limit {
		resp.Body.Close()
		return nil, &BodyTooLargeError{URL: where, Limit: limit, Size: resp.ContentLength}
	}
	resp.Body = &boundedBody{rc: resp.Body, left: limit, limit: limit, where: where}
	return resp, nil
}

// boundedBody reads up to its limit and fails past it.
type boundedBody struct {
	rc          io.ReadCloser
	left, limit int64
	where       string
}

func (b *boundedBody) Read(p []byte) (int, error) {
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.rc.Read(p)
	if int64(n) > b.left {
		return 0, &BodyTooLargeError{URL: b.where, Limit: b.limit, Size: -1}
	}
	b.left -= int64(n)
	return n, err
}

func (b *boundedBody) Close() error { return b.rc.Close() }
