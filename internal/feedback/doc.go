// Package feedback is what tpgrade writes to a student's repository after a
// batch: a commit status on the graded commit (CommitStatus: "Points X/Y",
// the pair the check run and grades.csv show; the Action sets the same one
// when it may not create a check run), the feedback in Markdown (a comment on
// the "Feedback" pull request GitHub Classroom opened, else an issue of its
// own, found again by a marker and edited only when its text changed), and
// a repository_dispatch that asks the repository's workflow to grade again.
// A dry run says what it would write and writes nothing.
//
// It writes through internal/githubapi's client (paced content writes,
// retries). It does not choose whom to publish to, nor remember what was
// published: the batch does, in its journal. It imports the engine's
// report and rubric types, internal/githubapi and internal/render; it must
// not import internal/batch, internal/gradesheet, internal/cli or cobra,
// and it never computes a score.
package feedback
