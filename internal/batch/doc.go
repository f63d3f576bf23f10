// Package batch grades a whole course as of a deadline. It reads, in the
// order Run takes the steps:
//
//   - sources (sources.go, roster.go, and run.go's students): who the
//     students are: an organisation's repositories named <prefix><login>, a
//     roster CSV, or the retired GitHub Classroom API when it still answers;
//   - deadline (deadline.go, pushes.go): each student's graded commit, the
//     head of the default branch after the last push before their deadline
//     (GitHub's push times, not commit dates);
//   - grade (fetch.go): the report fetched once per new commit and graded
//     by the engine (package grader), cached by (repository, commit,
//     rubric);
//   - journal (store.go): every student's result sealed with its checksum
//     as soon as it is done, so that an interrupted run resumes;
//
// then the similar pairs (package similarity), what the teacher asked to
// publish (package feedback; which parts were sent is journaled too) and
// the grade sheet (package gradesheet renders grades.csv, moodle.csv,
// results.json and report.html; the batch writes them atomically).
//
// It owns the output directory it is given (the files, the cache, the
// journal) and the concurrency of a batch over internal/githubapi's client
// (retries, rate limits, bounds, paced writes, ETagCache over the answers
// kept in --out). It never computes a score itself (grader does). The
// clock, the sleeper, the HTTP client, the time zone and the output streams
// are injected by the command layer (internal/cli). It must not import
// cobra, internal/cli or internal/action.
package batch
