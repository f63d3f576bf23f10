// Package render turns a grader.Report into what people read: coloured
// terminal text, JSON (the documented contract; JSON Lines for several
// reports), a Markdown summary for check runs and job summaries, GitHub
// workflow commands, and the closing tally of a run over several reports.
//
// Format names the output formats of `tpgrade grade`, and Write picks the
// renderer; every renderer writes to an io.Writer.
//
// Renderers only format: they never compute a score, never call GitHub and
// write only to the io.Writer they are given. They import the engine's result
// types, never cobra or go-github.
package render
