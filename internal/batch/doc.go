// Package batch grades a whole course as of a deadline: it lists the
// students (an organisation's repositories named <prefix><login>, a roster
// CSV, or the retired GitHub Classroom API when it still answers), finds in
// each repository the last commit on the default branch before the
// student's deadline, fetches the report once per new commit, grades it with
// the engine (package grader) and writes the teacher's outputs: grades.csv,
// a Moodle CSV, results.json and a self-contained report.html, plus pairs of
// near-identical submissions for the teacher to look at.
//
// It owns the GitHub traffic of a batch: bounded concurrency, retries with
// backoff and jitter, primary and secondary rate limits, conditional
// requests with ETags, an on-disk cache keyed by (repository, commit,
// rubric) and a per-student journal so that an interrupted run resumes.
// Publishing (commit statuses, feedback comments, repository_dispatch) is
// opt-in and lives here too.
//
// It never computes a score itself (grader does). Its only files are under
// the output directory it is given (outputs, cache, journal); the clock, the
// sleeper, the HTTP client, the time zone and the output streams are
// injected by the command layer (internal/cli). It must not import
// cobra, internal/cli or internal/action.
package batch
