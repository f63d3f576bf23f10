// Package grader is tpgrade's engine: it runs a rubric's criteria on a
// parsed report and computes the score, once, from what the checks found.
//
// Grade is a pure function of (document, rubric, options): no I/O, no clock,
// no environment, no printing, so the student's preview, the GitHub Action and
// the teacher's batch give the same score for the same bytes. Scores are exact
// hundredths (rubric.Points). Rendering and publishing live outside, in
// internal/render, internal/action and internal/batch.
//
// It imports document, rubric, checks, i18n and the root package (the
// embedded rubrics); it must not import cobra, go-github or any renderer.
package grader
