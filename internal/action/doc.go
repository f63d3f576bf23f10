// Package action is `tpgrade action`: grading a student's push inside a
// GitHub Actions job and publishing the result where the student and the
// teacher look.
//
// It owns reading the runner's environment (INPUT_* inputs, GITHUB_*
// variables, the event payload), choosing a rubric the student does not
// control, reading the report safely (internal/reportfile), tamper evidence
// against the template repository, GitHub Classroom's score notices (first,
// so that GitHub shows them), the step's outputs, and publishing. Every
// place a result is published is a Publisher (publish.go), run in one
// explicit chain: the check run (created once per head SHA, name and app,
// updated on re-runs, annotations 50 per request, through
// internal/githubapi's client); when GitHub refuses it, a commit status
// for a personal token and workflow-command annotations; in every case the
// job summary, which says which of them happened. Every GitHub limit it
// respects is a named constant in limits.go.
//
// All process access goes through System (environment, files, log, HTTP,
// randomness, clock) so that it is tested against a fake runner and the fake
// API of internal/githubtest. It imports the engine, internal/render and
// internal/feedback (for the commit status, the same as the batch's); it
// must not import cobra or internal/cli, and it never computes a score.
package action
