package document

import (
	"fmt"

	"github.com/tpgrade/tpgrade/grader/i18n"
)

// DefaultMaxBytes is the largest report Parse accepts unless told otherwise:
// ten times the longest real lab report we have seen, and still graded in
// well under a second.
const DefaultMaxBytes = 2 << 20

// Options tune Parse.
type Options struct {
	MaxBytes int // 0 means DefaultMaxBytes
}

// InputProblem says why a submission could not be read as a report.
type InputProblem string

// The reasons a submission is refused.
const (
	Empty    InputProblem = "empty"
	Binary   InputProblem = "binary"
	TooLarge InputProblem = "too-large"
)

// InputError refuses a submission that is not a readable report. Offset is
// where the problem was seen (the first NUL byte of a binary file, the size
// limit of a large one).
type InputError struct {
	Problem InputProblem
	Offset  int
	Size    int
	Limit   int
}

func (e *InputError) Error() string { return e.Message().EN }

// Message explains the problem to a student.
func (e *InputError) Message() i18n.Msg {
	switch e.Problem {
	case Empty:
		return i18n.M("the report is empty", "le rapport est vide")
	case Binary:
		return i18n.M("the report is not text (binary content at byte %d): submit a Markdown file",
			"le rapport n'est pas du texte (contenu binaire à l'octet %d) : rendez un fichier Markdown", e.Offset)
	case TooLarge:
		return i18n.M("the report is %s, over the %s limit: remove pasted logs or images encoded in the text",
			"le rapport fait %s, au-delà de la limite de %s : retirez les journaux collés ou les images encodées dans le texte",
			humanBytes(e.Size), humanBytes(e.Limit))
	}
	return i18n.M("the report cannot be read", "le rapport est illisible")
}

func humanBytes(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
