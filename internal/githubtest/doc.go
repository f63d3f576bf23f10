// Package githubtest is a fake GitHub REST API for tests: an httptest server
// that mounts the API under /api-v3/ (as go-github's own tests do, so that a
// request built with an absolute path fails loudly), records every request,
// and fails the test when a request has no handler or when an expected call
// never came.
//
// Handlers decode request bodies into go-github's own types and answer with
// the real API's JSON shapes, as strict as GitHub where tpgrade depends on it:
// Org (a course's repositories: pushes apart from commit dates, pages,
// redirects, large contents, faults) and Checks (check runs and statuses:
// token kinds and their 403s, apps, 422s). Nothing here reaches the network.
// It is imported only by tests.
package githubtest
