// Package rubric is the teacher's side: the YAML rubric language, its loader
// and the contract every check kind implements.
//
// The loader walks yaml.Node itself (yaml.v3's Decode silently accepts unknown
// keys), keeps every position, and reports every error it finds at once, each
// as "rubric.yaml:14:7: unknown key "colums" (did you mean "columns"?)".
// Points are exact hundredths (Points), never floats.
//
// The table of check kinds is not here: the loader receives it (checks.Kinds),
// so that this package does not import the kinds it validates. It must not
// import the engine, the renderers, or anything that does I/O.
package rubric
