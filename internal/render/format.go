package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/tpgrade/tpgrade/grader"
)

// Format is an output format of `tpgrade grade`. It is the one place where
// the format names live: the --format flag parses and validates through it
// (it is a pflag.Value), shell completion lists Formats, and Write picks the
// renderer from it.
type Format string

// The output formats.
const (
	FormatText     Format = "text"     // a person at a terminal
	FormatJSON     Format = "json"     // the documented contract, for scripts
	FormatMarkdown Format = "markdown" // summaries, issues, check runs
)

// Formats lists every format, in the order help and completion show them.
var Formats = []Format{FormatText, FormatJSON, FormatMarkdown}

// ParseFormat returns the format named s, or an error that lists them all.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("must be %s (got %q)", FormatNames(" or "), s)
}

// FormatNames joins the format names: "text, json or markdown" with last " or ".
func FormatNames(last string) string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return strings.Join(names[:len(names)-1], ", ") + last + names[len(names)-1]
}

// String implements pflag.Value.
func (f *Format) String() string { return string(*f) }

// Set implements pflag.Value: an unknown name is refused when the flag is
// parsed.
func (f *Format) Set(s string) error {
	v, err := ParseFormat(s)
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// Type implements pflag.Value; help shows it as the flag's value name.
func (*Format) Type() string { return "format" }

// Options are every renderer's options; Write passes each its own.
type Options struct {
	Text     TextOptions
	Markdown MarkdownOptions
}

// Write renders rep in format f to w. Every renderer has the same shape:
// it writes to an io.Writer and returns the first write error.
func Write(w io.Writer, f Format, rep *grader.Report, opt Options) error {
	switch f {
	case FormatJSON:
		return JSON(w, rep)
	case FormatMarkdown:
		return Markdown(w, rep, opt.Markdown)
	case FormatText:
		return Text(w, rep, opt.Text)
	}
	return fmt.Errorf("unknown format %q", f)
}
