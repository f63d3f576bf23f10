// Package draft turns a teacher's model answer into a commented starting
// rubric: `tpgrade rubric draft MODEL.md`.
//
// It reads the model as tpgrade reads any report (package document) and
// proposes what a rubric asks of a lab report: a section criterion per
// part (outline.go), fact and table criteria for the key/value data shown
// with value rules inferred from the model's values (values.go), command
// criteria for the commands shown, with a line of their output
// (commands.go), and explanation criteria for the prose answers, their
// concepts the terms that make each answer distinctive (terms.go, with the
// French and English word lists of words/). Points are spread over a total
// of 20; the assignment is left for the teacher.
//
// Every piece proposed is then tried on the model itself (probe.go): what
// the model does not earn as tpgrade reads it is left out, or takes a
// looser rule, and the whole draft is graded on the model before it is
// printed. So the draft always loads, and the model grades at the top of
// the scale.
//
// The YAML is built as yaml.v3 nodes with comments (yaml.go, emit.go): it
// parses whatever the model holds. The package is pure: a document in,
// YAML text out, no I/O. It imports the engine (grader) to grade the
// model, and nothing that prints or reads files; nothing in tpgrade's
// engine imports it.
package draft
