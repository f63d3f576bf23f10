package githubapi

import "unicode/utf8"

// MaxStatusDescription is the longest commit status description GitHub
// accepts: a longer one is refused with 422, not cut.
// Why: https://docs.github.com/rest/commits/statuses#create-a-commit-status
const MaxStatusDescription = 140

// Clip cuts text to at most limit bytes on a character boundary, ending with
// an ellipsis when it cut. GitHub states its limits in characters; counting
// bytes keeps under them whatever the text.
func Clip(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	const more = "…"
	cut := limit - len(more)
	if cut < 0 {
		cut = 0
	}
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + more
}
