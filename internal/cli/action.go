package cli

import (
	"context"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/tpgrade/tpgrade/internal/action"
	"github.com/tpgrade/tpgrade/internal/render"
)

// ActionOptions are the inputs of `tpgrade action`. Its real inputs are the
// runner's environment (INPUT_*, GITHUB_*); the file functions are the
// process's, replaceable in tests.
type ActionOptions struct {
	Env        *Env
	Ctx        context.Context
	Timeout    time.Duration // for the whole run, API calls included
	WriteFile  func(string, []byte) error
	AppendFile func(string, []byte) error
	RealPath   func(string) (string, error)
	Token      func() string
}

func newCmdAction(env *Env, runF func(*ActionOptions) error) *cobra.Command {
	opts := &ActionOptions{
		Env:        env,
		WriteFile:  func(name string, data []byte) error { return os.WriteFile(name, data, 0o644) },
		AppendFile: appendFile,
		RealPath:   filepath.EvalSymlinks,
		Token:      rand.Text,
	}
	cmd := &cobra.Command{
		Use:   "action",
		Short: "Grade the pushed report inside GitHub Actions and publish the score",
		Long: `Run as the grading step of a GitHub Actions job (the tpgrade action runs it).

Inputs come from INPUT_<NAME> variables (rubric, rubric-sha256, file, token,
check-name, fail-below-pass, classroom, max-annotations, template-repository),
the job from the runner's GITHUB_* variables and event payload. The report is
graded in GITHUB_WORKSPACE; the score is published as a check run (a commit
status and workflow-command annotations when the token may not create check
runs), in the job summary, in the step outputs and as GitHub Classroom's
notices. See docs/action.md.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.Ctx = cmd.Context()
			if runF != nil {
				return runF(opts)
			}
			return actionRun(opts)
		},
	}
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 2*time.Minute, "give up on GitHub's API after this long")
	return cmd
}

func actionRun(opts *ActionOptions) error {
	env := opts.Env
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	res, err := action.Run(ctx, action.System{
		Getenv: env.Getenv, ReadFile: env.ReadFile,
		WriteFile: opts.WriteFile, AppendFile: opts.AppendFile, RealPath: opts.RealPath,
		Log: env.Stdout, HTTP: env.HTTP, Now: env.Now, Token: opts.Token, Version: env.Version,
	})
	if err != nil {
		// Also as an error annotation, so that the teacher sees it on the run's page.
		_, _ = env.Stdout.Write([]byte(render.WorkflowCommand("error", []render.Property{{Key: "title", Value: "tpgrade"}}, err.Error())))
		var ce *action.ConfigError
		if errors.As(err, &ce) {
			return exit(ExitUsage, err)
		}
		return exit(ExitUnusable, err)
	}
	switch {
	case res.PublishErr != nil:
		// Already in the log, with the fallback that replaced the check run.
		return exit(ExitUnusable, nil)
	case !res.Report.Usable:
		return exit(ExitUnusable, nil)
	case !res.Report.Passed && res.Inputs.FailBelowPass:
		return exit(ExitBelow, nil)
	}
	return nil
}

func appendFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
