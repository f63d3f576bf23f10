package render

import (
	"encoding/json"
	"io"

	"github.com/tpgrade/tpgrade/grader"
)

// JSON writes the report as indented JSON: the documented contract of
// `tpgrade grade --format json` (see the README).
func JSON(w io.Writer, rep *grader.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rep)
}
