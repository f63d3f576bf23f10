// Package rubric is the teacher's side: the YAML rubric language, its loader
// and the contract every check kind implements.
//
// The loader walks yaml.Node itself (yaml.v3's Decode silently accepts unknown
// keys), keeps every position, and reports every error it finds at once, each
// as "rubric.yaml:14:7: unknown key "colums" (did you mean "columns"?)".
// Points are exact hundredths (Points), never floats. The texts a student
// reads (titles, feedback, labels, hints, a {regex} name's expected) are
// Text: one text, or one per language, picked with In; Names are shown the
// same way (Name.In).
//
// A rubric may include files (include:, include.go): Load reads them through
// an Includer the caller gives, since this package does no I/O; an error in
// an included file is reported in that file, and Hash covers every file.
// YAML syntax errors are placed and explained in syntax.go; keys.go
// describes every key from the same doc tags as the JSON Schema.
//
// The table of check kinds is not here: the loader receives it (checks.Kinds),
// so that this package does not import the kinds it validates. It must not
// import the engine, the renderers, or anything that does I/O.
package rubric
