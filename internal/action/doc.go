// Package action is `tpgrade action`: grading a student's push inside a
// GitHub Actions job and publishing the result where the student and the
// teacher look.
//
// It owns reading the runner's environment (INPUT_* inputs, GITHUB_*
// variables, the event payload), choosing a rubric the student does not
// control, reading the report safely (internal/reportfile), publishing a
// check run (created once per head SHA, name and app, updated on re-runs,
// annotations 50 per request) through internal/githubapi's client, falling
// back to a commit
// status and to workflow-command annotations when the token cannot create
// check runs, the job summary and step outputs, GitHub Classroom's score
// notices (first, so that GitHub shows them), and tamper evidence against the template repository. Every GitHub
// limit it respects is a named constant in limits.go.
//
// All process access goes through System (environment, files, log, HTTP,
// randomness, clock) so that it is tested against a fake runner and the fake
// API of internal/githubtest. It imports the engine and internal/render; it
// must not import cobra or internal/cli, and it never computes a score.
package action
