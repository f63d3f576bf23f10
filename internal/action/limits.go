package action

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tpgrade/tpgrade/internal/githubapi"
)

// GitHub's limits, each with where it is documented.
const (
	// MaxCheckText is the longest output.title, output.summary or
	// output.text of a check run. The documentation says characters; bytes
	// are counted here, which is never more than GitHub's count.
	// Why: https://docs.github.com/rest/checks/runs#create-a-check-run ("Maximum length: 65535 characters")
	MaxCheckText = 65535

	// AnnotationsPerRequest is how many annotations one create or update of
	// a check run may carry; the rest go in further updates.
	// Why: https://docs.github.com/rest/checks/runs#update-a-check-run ("maximum of 50 annotations per API request")
	AnnotationsPerRequest = 50

	// DefaultMaxAnnotations is how many annotations tpgrade posts when the
	// max-annotations input is not set: four requests at most.
	DefaultMaxAnnotations = 200

	// MaxAnnotationMessage bounds an annotation's message and raw_details.
	// Why: https://docs.github.com/rest/checks/runs#update-a-check-run ("message ... maximum size is 64 KB")
	MaxAnnotationMessage = 64 * 1024

	// MaxAnnotationTitle bounds an annotation's title.
	// Why: https://docs.github.com/rest/checks/runs#update-a-check-run ("title ... maximum 255 characters")
	MaxAnnotationTitle = 255

	// MaxStepSummary is the largest job summary one step may write; a larger
	// one is not shown at all.
	// Why: https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#step-isolation-and-limits
	MaxStepSummary = 1024 * 1024

	// CommandAnnotationsPerLevel is how many ::error (and ::warning,
	// ::notice) annotations GitHub shows per step; the rest are dropped
	// silently, so tpgrade emits no more and says where the rest are.
	// Why: https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions (10 per type per step, 50 per job)
	CommandAnnotationsPerLevel = 10

	// MaxStatusDescription is the longest commit status description GitHub
	// accepts (422 past it).
	MaxStatusDescription = githubapi.MaxStatusDescription

	// MaxExternalID bounds a check run's external_id; tpgrade's are short.
	// Why: https://docs.github.com/rest/checks/runs#create-a-check-run (external_id, a reference for the integrator)
	MaxExternalID = 255
)

// fitMarkdown returns s when it fits in limit bytes; otherwise it cuts s at
// the last line break that leaves room for a note, closes a code fence left
// open, and appends the note saying how much of what was cut and where the
// whole is.
func fitMarkdown(s string, limit int, what, whereWhole string) string {
	if len(s) <= limit {
		return s
	}
	note := func(cutBytes, cutLines int) string {
		return fmt.Sprintf("\n\n> ✂️ **Truncated**: the last %d lines (%d bytes) of the %s were cut to fit GitHub's limit of %d. %s\n",
			cutLines, cutBytes, what, limit, whereWhole)
	}
	// The note's length depends on the numbers in it; reserve the widest.
	room := limit - len(note(len(s), strings.Count(s, "\n")+1)) - len("```\n")
	if room < 0 {
		room = 0
	}
	cut := room
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], '\n'); i > 0 {
		cut = i + 1
	}
	kept := s[:cut]
	rest := s[cut:]
	if fencesOpen(kept) {
		kept += "```\n"
	}
	return kept + note(len(rest), strings.Count(strings.TrimRight(rest, "\n"), "\n")+1)
}

// fencesOpen reports whether s ends inside a ``` code block.
func fencesOpen(s string) bool {
	open := false
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " "), "```") {
			open = !open
		}
	}
	return open
}
