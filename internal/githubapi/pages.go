package githubapi

import (
	"fmt"

	"github.com/google/go-github/v66/github"
)

// DefaultMaxPages bounds how many pages one listing may take: 30,000 items
// at 100 a page, far more than a course has repositories, issues or
// comments.
const DefaultMaxPages = 300

// Pager follows GitHub's Link pagination and stops with a clear error when
// the server's next page does not move forward (a Link pointing back to a
// page already read, a cursor seen before, an empty page that still
// announces a next one) or when the listing runs past Max pages, so that a
// broken or hostile server cannot keep a client asking forever.
//
// Why: GitHub paginates with page numbers or with before/after cursors in
// the Link header (https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api).
type Pager struct {
	What string // what is listed, for the error: "the repositories of course"
	Max  int    // pages at most; 0: DefaultMaxPages

	pages int
	page  int // the page number just read (1 for the first)
	seen  map[string]bool
}

// Next returns the page number to ask for after an answer with items
// elements, 0 when the listing is complete, or an error when the next page
// would not advance.
func (p *Pager) Next(resp *github.Response, items int) (int, error) {
	if err := p.step(resp, items); err != nil || resp == nil || resp.NextPage == 0 {
		return 0, err
	}
	if p.page == 0 {
		p.page = 1
	}
	if resp.NextPage <= p.page {
		return 0, p.stuck(fmt.Sprintf("page %d", resp.NextPage))
	}
	p.page = resp.NextPage
	return resp.NextPage, nil
}

// NextCursor returns the after= cursor to ask for after an answer with
// items elements, "" when the listing is complete, or an error when the
// cursor was seen before.
func (p *Pager) NextCursor(resp *github.Response, items int) (string, error) {
	if err := p.step(resp, items); err != nil || resp == nil {
		return "", err
	}
	next := resp.After
	if next == "" {
		next = resp.Cursor
	}
	if next == "" {
		return "", nil
	}
	if p.seen == nil {
		p.seen = map[string]bool{}
	}
	if p.seen[next] {
		return "", p.stuck("cursor " + next)
	}
	p.seen[next] = true
	return next, nil
}

func (p *Pager) step(resp *github.Response, items int) error {
	p.pages++
	hasNext := resp != nil && (resp.NextPage != 0 || resp.After != "" || resp.Cursor != "")
	if hasNext && items == 0 {
		return fmt.Errorf("listing %s: GitHub's page %d is empty yet links to a next one: stopped after %d requests", p.what(), p.pages, p.pages)
	}
	maxPages := p.Max
	if maxPages <= 0 {
		maxPages = DefaultMaxPages
	}
	if hasNext && p.pages >= maxPages {
		return fmt.Errorf("listing %s: more than %d pages: stopped", p.what(), maxPages)
	}
	return nil
}

func (p *Pager) stuck(next string) error {
	return fmt.Errorf("listing %s: GitHub's next-page link points back to %s, already read: stopped after %d requests", p.what(), next, p.pages)
}

func (p *Pager) what() string {
	if p.What == "" {
		return "a GitHub list"
	}
	return p.What
}
