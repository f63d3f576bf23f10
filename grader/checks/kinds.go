package checks

import "github.com/tpgrade/tpgrade/grader/rubric"

// Kinds is every check kind, in the order `tpgrade rubric list` shows them.
// It is the only list of kinds: the loader's "kind must be one of ..." error,
// the JSON Schema and the documentation all come from it.
var Kinds = rubric.Kinds{
	// One line per kind: {Name: "section", Summary: "...", New: func() rubric.Check { return new(Section) }},
	{Name: "section", Summary: "a heading the report must have, with some words under it", New: func() rubric.Check { return new(Section) }},
	{Name: "table", Summary: "a table with required rows and/or columns", New: func() rubric.Check { return new(Table) }},
	{Name: "fact", Summary: "values found in any form: table, Key: value line, pasted output", New: func() rubric.Check { return new(Fact) }},
	{Name: "version", Summary: "version numbers, their constraints and their agreement", New: func() rubric.Check { return new(Version) }},
	{Name: "relation", Summary: "figures that must add up", New: func() rubric.Check { return new(Relation) }},
	{Name: "explanation", Summary: "the student explains a concept in their own words: command, terms, concepts, length", New: func() rubric.Check { return new(Explanation) }},
	{Name: "command", Summary: "commands shown in code", New: func() rubric.Check { return new(Command) }},
	{Name: "placeholder", Summary: "template leftovers (TODO, à compléter) cost points", New: func() rubric.Check { return new(Placeholder) }},
	{Name: "forbidden", Summary: "words that must not appear in the text cost points", New: func() rubric.Check { return new(Placeholder) }},
}
