package action

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// System is everything `tpgrade action` touches outside its own memory,
// injected by the command layer (the real process) or by tests (a fake
// runner).
type System struct {
	Getenv     func(string) string
	ReadFile   func(string) ([]byte, error)
	WriteFile  func(name string, data []byte) error           // creates or replaces
	AppendFile func(name string, data []byte) error           // creates or appends
	RealPath   func(string) (string, error)                   // the path with every symlink resolved
	ReadReport func(path string, limit int64) ([]byte, error) // a regular file of at most limit bytes; nil: reportfile.Read
	Log        io.Writer                                      // the job's log (standard output)
	HTTP       *http.Client                                   // nil: http.DefaultClient
	Now        func() time.Time                               // check runs' timestamps, the API client's clock
	Sleep      func(context.Context, time.Duration) error     // the API client's waits; nil: a real timer
	Token      func() string                                  // a fresh random token for ::stop-commands:: and output delimiters
	Version    string                                         // tpgrade's version, for the log
}

// ConfigError is a mistake in how the action was set up (an input, the
// token, the runner's environment): the teacher fixes the workflow. The
// command layer maps it to the usage exit code.
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

func configErrorf(format string, a ...any) error {
	return &ConfigError{Err: fmt.Errorf(format, a...)}
}

// Inputs are the action's inputs, read from INPUT_<NAME> variables.
type Inputs struct {
	Rubric             string // embedded name, or a path in the action or (pinned) in the workspace
	RubricSHA256       string // optional pin, lower-case hex
	File               string // the report, relative to the workspace; "" = the rubric's files
	Token              string // GitHub token
	CheckName          string // "" = "tpgrade / <rubric id>"
	FailBelowPass      bool   // conclusion failure (true) or neutral (false) under the pass mark
	Classroom          bool   // emit GitHub Classroom's score notices
	MaxAnnotations     int    // annotations posted on the check run at most
	TemplateRepository string // owner/name to compare the workflow and rubric files with
	TemplateToken      string // reads the template when it is private; "" is Token
	// JobToken says Token is the job's own GITHUB_TOKEN (action.yml compares
	// them): its check runs are those of the github-actions app.
	JobToken bool
}

// input reads INPUT_<NAME> the way the runner writes it for Docker and
// JavaScript actions (upper case, spaces to underscores, hyphens kept), then
// with hyphens as underscores, the form a composite action can pass from a
// shell-friendly env: map.
//
// Why: https://docs.github.com/actions/creating-actions/metadata-syntax-for-github-actions#inputs
func input(getenv func(string) string, name string) string {
	key := "INPUT_" + strings.ToUpper(strings.ReplaceAll(name, " ", "_"))
	if v := getenv(key); v != "" {
		return strings.TrimSpace(v)
	}
	return strings.TrimSpace(getenv(strings.ReplaceAll(key, "-", "_")))
}

// ReadInputs reads and checks the inputs; defaults are those of action.yml.
func ReadInputs(getenv func(string) string) (Inputs, error) {
	in := Inputs{
		Rubric:             input(getenv, "rubric"),
		RubricSHA256:       strings.ToLower(strings.TrimPrefix(input(getenv, "rubric-sha256"), "sha256:")),
		File:               input(getenv, "file"),
		Token:              input(getenv, "token"),
		CheckName:          input(getenv, "check-name"),
		TemplateRepository: input(getenv, "template-repository"),
		TemplateToken:      input(getenv, "template-token"),
		MaxAnnotations:     DefaultMaxAnnotations,
		JobToken:           strings.TrimSpace(getenv("TPGRADE_TOKEN_IS_JOB_TOKEN")) == "true",
	}
	var errs []error
	var err error
	if in.FailBelowPass, err = boolInput(getenv, "fail-below-pass", true); err != nil {
		errs = append(errs, err)
	}
	if in.Classroom, err = boolInput(getenv, "classroom", true); err != nil {
		errs = append(errs, err)
	}
	if v := input(getenv, "max-annotations"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			errs = append(errs, fmt.Errorf("input max-annotations must be a whole number, 0 or more (got %q)", v))
		}
		in.MaxAnnotations = n
	}
	if in.RubricSHA256 != "" && !isHexSHA256(in.RubricSHA256) {
		errs = append(errs, fmt.Errorf("input rubric-sha256 must be 64 hexadecimal digits, as printed by `sha256sum rubric.yaml` (got %q)", in.RubricSHA256))
	}
	if t := in.TemplateRepository; t != "" {
		if o, r, ok := strings.Cut(t, "/"); !ok || o == "" || r == "" || strings.Contains(r, "/") {
			errs = append(errs, fmt.Errorf("input template-repository must be owner/name (got %q)", t))
		}
	}
	if len(in.CheckName) > 255 {
		errs = append(errs, fmt.Errorf("input check-name is longer than 255 characters"))
	}
	if len(errs) > 0 {
		return in, &ConfigError{Err: errors.Join(errs...)}
	}
	return in, nil
}

func boolInput(getenv func(string) string, name string, def bool) (bool, error) {
	switch strings.ToLower(input(getenv, name)) {
	case "":
		return def, nil
	case "true", "yes", "on", "1":
		return true, nil
	case "false", "no", "off", "0":
		return false, nil
	}
	return def, fmt.Errorf("input %s must be true or false (got %q)", name, input(getenv, name))
}

func isHexSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// Job is the workflow run tpgrade grades in, from the runner's GITHUB_*
// variables and the event payload.
//
// Why: https://docs.github.com/actions/learn-github-actions/variables#default-environment-variables
type Job struct {
	Owner, Repo string // from GITHUB_REPOSITORY
	SHA         string // the commit graded: the pull request's head, else GITHUB_SHA
	EventName   string
	Workspace   string
	APIURL      string // GITHUB_API_URL: github.com or an Enterprise Server
	ServerURL   string
	RunID       string
	WorkflowRef string // owner/repo/.github/workflows/x.yml@refs/heads/main
	Output      string // GITHUB_OUTPUT file, "" when not set
	StepSummary string // GITHUB_STEP_SUMMARY file, "" when not set
	RunnerTemp  string
	ActionPath  string // GITHUB_ACTION_PATH: the action's own checkout, "" for a Docker action
	ForkPR      bool   // a pull request from another repository: the token is read-only
}

// Repository is owner/name.
func (j *Job) Repository() string { return j.Owner + "/" + j.Repo }

// RunURL is the workflow run's page, "" when unknown.
func (j *Job) RunURL() string {
	if j.ServerURL == "" || j.RunID == "" {
		return ""
	}
	return strings.TrimRight(j.ServerURL, "/") + "/" + j.Repository() + "/actions/runs/" + j.RunID
}

// event is the part of the event payload tpgrade reads.
type event struct {
	PullRequest *struct {
		Head struct {
			SHA  string `json:"sha"`
			Repo *struct {
				FullName string `json:"full_name"`
			} `json:"repo"`
		} `json:"head"`
	} `json:"pull_request"`
}

// ReadJob reads the job's environment and event payload. A missing variable
// or a payload that is not the JSON the runner writes is a ConfigError: this
// is not running where and how an action runs.
func ReadJob(getenv func(string) string, readFile func(string) ([]byte, error)) (*Job, error) {
	j := &Job{
		SHA:         getenv("GITHUB_SHA"),
		EventName:   getenv("GITHUB_EVENT_NAME"),
		Workspace:   getenv("GITHUB_WORKSPACE"),
		APIURL:      getenv("GITHUB_API_URL"),
		ServerURL:   getenv("GITHUB_SERVER_URL"),
		RunID:       getenv("GITHUB_RUN_ID"),
		WorkflowRef: getenv("GITHUB_WORKFLOW_REF"),
		Output:      getenv("GITHUB_OUTPUT"),
		StepSummary: getenv("GITHUB_STEP_SUMMARY"),
		RunnerTemp:  getenv("RUNNER_TEMP"),
		ActionPath:  getenv("GITHUB_ACTION_PATH"),
	}
	var missing []string
	repo := getenv("GITHUB_REPOSITORY")
	if o, r, ok := strings.Cut(repo, "/"); ok && o != "" && r != "" {
		j.Owner, j.Repo = o, r
	} else {
		missing = append(missing, "GITHUB_REPOSITORY (owner/name)")
	}
	for _, v := range []struct{ name, val string }{
		{"GITHUB_SHA", j.SHA}, {"GITHUB_WORKSPACE", j.Workspace}, {"RUNNER_TEMP", j.RunnerTemp},
	} {
		if v.val == "" {
			missing = append(missing, v.name)
		}
	}
	if len(missing) > 0 {
		return nil, configErrorf("not running in a GitHub Actions job: %s not set (tpgrade action reads the runner's environment; to grade a file locally use `tpgrade grade`)",
			strings.Join(missing, ", "))
	}
	if path := getenv("GITHUB_EVENT_PATH"); path != "" {
		raw, err := readFile(path)
		if err != nil {
			return nil, configErrorf("cannot read the event payload GITHUB_EVENT_PATH=%s: %v", path, err)
		}
		var ev event
		if err := json.Unmarshal(raw, &ev); err != nil {
			return nil, configErrorf("the event payload %s is not valid JSON (%v): the runner writes it, so the job's environment is broken", path, describeJSONError(err))
		}
		// Why: on pull_request events GITHUB_SHA is a merge commit nobody
		// sees; the check run belongs on the pull request's head.
		// https://docs.github.com/actions/using-workflows/events-that-trigger-workflows#pull_request
		if pr := ev.PullRequest; pr != nil && pr.Head.SHA != "" {
			j.SHA = pr.Head.SHA
			if pr.Head.Repo != nil && !strings.EqualFold(pr.Head.Repo.FullName, repo) {
				j.ForkPR = true
			}
		}
	}
	return j, nil
}

func describeJSONError(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v at byte %d", se, se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("%s should be %s, got %s", te.Field, te.Type, te.Value)
	}
	return err.Error()
}

// isNotExist reports a file that is not there.
func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
