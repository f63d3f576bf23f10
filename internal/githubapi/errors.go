package githubapi

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/go-github/v66/github"
)

// Status is the HTTP status of a go-github error, 0 when it has none.
func Status(err error) int {
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		return er.Response.StatusCode
	}
	return 0
}

// Message is GitHub's message in an error answer, "" when there is none.
func Message(err error) string {
	var er *github.ErrorResponse
	if errors.As(err, &er) {
		return er.Message
	}
	return ""
}

// Blocked says, when GitHub refused a request because access to the
// repository is blocked (451 Unavailable For Legal Reasons, or 403
// "Repository access blocked"), why in words a teacher understands. Such an
// answer is final: the client never retries it.
//
// Why: GitHub blocks repositories taken down (DMCA) or disabled for a terms
// of service violation (https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api).
func Blocked(err error) (string, bool) {
	status, msg := Status(err), Message(err)
	switch {
	case status == http.StatusUnavailableForLegalReasons:
	case status == http.StatusForbidden && strings.Contains(strings.ToLower(msg), "access blocked"):
	default:
		return "", false
	}
	if msg == "" {
		msg = http.StatusText(status)
	}
	return fmt.Sprintf("GitHub blocks access to this repository (%d %s)", status, msg), true
}
