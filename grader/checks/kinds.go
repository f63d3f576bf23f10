package checks

import "github.com/tpgrade/tpgrade/grader/rubric"

// Kinds is every check kind, in the order `tpgrade rubric list` shows them.
// It is the only list of kinds: the loader's "kind must be one of ..." error,
// the JSON Schema and the documentation all come from it.
var Kinds = rubric.Kinds{
	// One line per kind: {Name: "section", Summary: "...", New: func() rubric.Check { return new(Section) }},
}
