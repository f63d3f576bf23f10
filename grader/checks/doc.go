// Package checks holds every kind of rubric criterion, one Go type per kind
// and one file per kind, registered in one table (Kinds) that the rubric
// loader uses to decode and validate criteria and that `tpgrade rubric list`
// prints.
//
// A check is a pure function of (document, criterion): it queries
// document.Document (sections, tables, code, facts, blocks) and never the raw
// text by string search, never goldmark, and does no I/O. It reports Met/Of
// and positioned findings; the engine turns that into points.
//
// Each kind is tested as a teacher and a student meet it: testdata/<kind>/
// holds a rubric that uses every key of the kind, reports, and the points
// and findings expected for each, graded through the loader and the engine
// (corpus_test.go); err/ holds broken rubrics and their positioned errors.
//
// Of tpgrade it imports document, rubric, fold and i18n only; besides the
// standard library it uses Masterminds/semver (version ranges), expr-lang/expr
// (relation expressions) and yaml.v3 (types that decode themselves).
package checks
