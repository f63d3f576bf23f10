// Package document turns the bytes a student submitted into tpgrade's model of
// a lab report: a heading tree of sections, leaf blocks with plain text,
// tables (GFM pipe tables, HTML tables and pipe rows missing their delimiter
// row), code spans and blocks, and facts (key/value pairs wherever they were
// written). Every element keeps a byte span into the decoded text, and one
// LineIndex turns spans into line:col, columns counted in Unicode characters.
//
// Decoding comes first: UTF-8 with or without BOM, CRLF, Windows-1252/Latin-1
// (detected and reported), doubly encoded text noticed. Empty, binary and
// oversized inputs are refused with an *InputError, never a panic.
//
// The package parses Markdown with goldmark and owns that dependency: no other
// package of tpgrade sees goldmark's AST. It folds fact keys once (package
// fold) and must not import the rubric, the
// checks, the engine, or anything that does I/O.
package document
