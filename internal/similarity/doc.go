// Package similarity finds submissions whose own text is near-identical,
// for the teacher to look at: TextOf keeps what a student wrote in their own
// words (paragraphs, list items, tables), Find compares every pair of texts
// by shared runs of words (fold.Shingles) after removing the template's
// wording and the phrasing most of the class shares.
//
// It never changes a grade and never decides that a student copied: a Pair
// is a reason to look. It is pure: no GitHub, no files, no clock. It may
// import grader/document and grader/fold only; it must not import the
// scoring engine (grader), internal/batch or anything that does I/O.
package similarity
