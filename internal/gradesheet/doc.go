// Package gradesheet is a graded class as the teacher reads it: one Result
// per student (who, which commit, the engine's report, the Flags a teacher
// must know about), the Summary that counts them, and the files rendered
// from them: grades.csv (GitHub Classroom's columns, then the grade, one
// column per criterion, the graded commit and the flags), moodle.csv (for
// Moodle's grade import), results.json (every result in full, the schema
// documented in docs/batch.md) and report.html (a self-contained page:
// histogram, success per criterion, every student's feedback, similar
// pairs; its template is report.html.tmpl).
//
// Render returns the files' bytes and writes nothing: the batch, which owns
// the output folder, writes them. What students and rosters wrote is shown,
// never obeyed: control characters and bidi overrides are made visible
// (render.Visible), spreadsheet formulas neutralised, HTML escaped.
//
// It imports the engine's report and rubric types, internal/render and
// internal/similarity (for Pair). It must not import internal/batch,
// internal/githubapi or go-github, internal/cli or cobra, and it never
// computes a score (grader does).
package gradesheet
