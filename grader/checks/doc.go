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
// It imports document, rubric, fold and i18n only.
package checks
