// Package grader is tpgrade's engine: it runs a rubric's criteria on a
// parsed report and computes the score, once, from what the checks found.
//
// Grade is a pure function of (document, rubric, options): no I/O, no clock,
// no environment, no printing, so the student's preview, the GitHub Action and
// the teacher's batch give the same score for the same bytes. Scores are exact
// hundredths (rubric.Points). Rendering and publishing live outside, in
// internal/render, internal/action and internal/batch.
//
// Rubrics are loaded here too (LoadRubric, ParseRubricFile, Includer): the
// embedded ones from the binary, the others and the files they include
// through a readFile the caller gives, so that the command line, the Action
// and batch grading decide where files come from.
//
// It imports document, rubric, checks, i18n and the root package (the
// embedded rubrics); it must not import cobra, go-github or any renderer.
package grader
