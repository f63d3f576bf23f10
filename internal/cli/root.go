package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"
)

// Exit codes of tpgrade, documented in the README.
const (
	ExitPassed   = 0 // graded, at or above the pass threshold; or the command succeeded
	ExitBelow    = 1 // graded, below the pass threshold
	ExitUsage    = 2 // bad command line
	ExitUnusable = 3 // the rubric or the report cannot be used; an API or I/O failure
)

// Env is everything a command may touch outside its arguments, injected so
// that commands are testable with fake I/O, environment, clock and HTTP.
type Env struct {
	Stdin    io.Reader
	Stdout   io.Writer
	Stderr   io.Writer
	Getenv   func(string) string
	Now      func() time.Time
	ReadFile func(string) ([]byte, error)
	Stat     func(string) (fs.FileInfo, error)
	HTTP     *http.Client // nil: http.DefaultClient
	Terminal bool         // stdout is a terminal: colours, progress bars
	Version  string       // tpgrade's version, set by main
}

// OSEnv is the real process environment.
func OSEnv(version string, terminal bool) *Env {
	return &Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Getenv: os.Getenv, Now: time.Now, ReadFile: os.ReadFile, Stat: os.Stat,
		Terminal: terminal, Version: version,
	}
}

// exitError carries an exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }

// exit returns an error that makes Main exit with code; a nil err prints nothing.
func exit(code int, err error) error { return &exitError{code: code, err: err} }

// Main runs tpgrade with args (without the program name) and returns the
// process exit code.
func Main(ctx context.Context, args []string, env *Env) int {
	root := NewRootCmd(env)
	root.SetArgs(args)
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitPassed
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(env.Stderr, "tpgrade: %v\n", ee.err)
		}
		return ee.code
	}
	// Anything cobra itself rejects (unknown flag, wrong arity) is a usage error.
	fmt.Fprintf(env.Stderr, "tpgrade: %v\nRun 'tpgrade --help' for usage.\n", err)
	return ExitUsage
}

// NewRootCmd builds the command tree.
func NewRootCmd(env *Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "tpgrade",
		Short: "Grade Markdown lab reports against a YAML rubric",
		Long: `tpgrade grades students' lab reports written in Markdown against a teacher's
YAML rubric, with line-level feedback. Students preview their score with
'tpgrade grade'; a GitHub Action grades every push; teachers batch-grade a
whole course organisation.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(
		newCmdGrade(env, nil),
		newCmdRubric(env),
		newCmdVersion(env),
		newCmdAction(env, nil),
		newCmdInit(env, nil),
		newCmdBatch(env, nil),
	)
	return root
}
