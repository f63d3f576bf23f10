// Package batch grades a whole course as of a deadline: it lists the
// students (an organisation's repositories named <prefix><login>, a roster
// CSV, or the retired GitHub Classroom API when it still answers), finds in
// each repository the head of the default branch after the last push before
// the student's deadline (GitHub's push times, not commit dates), fetches
// the report once per new commit, grades it with the engine (package
// grader) and writes the teacher's outputs: grades.csv,
// a Moodle CSV, results.json and a self-contained report.html, plus pairs of
// near-identical submissions for the teacher to look at.
//
// It owns the GitHub traffic of a batch over internal/githubapi's client
// (retries, rate limits, bounds, paced writes): bounded concurrency,
// conditional requests with ETags, an on-disk cache keyed by (repository,
// commit, rubric) and a per-student journal, each entry sealed with its
// checksum, so that an interrupted run resumes. Publishing (commit statuses,
// feedback comments, repository_dispatch) is opt-in, one write at a time,
// and lives here too.
//
// It never computes a score itself (grader does). Its only files are under
// the output directory it is given (outputs, cache, journal); the clock, the
// sleeper, the HTTP client, the time zone and the output streams are
// injected by the command layer (internal/cli). It must not import
// cobra, internal/cli or internal/action.
package batch
