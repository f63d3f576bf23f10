package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/fatih/color"
	"github.com/mattn/go-isatty"

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
	// Terminal says stdout is a terminal (a console, or mintty as in Git
	// Bash): colours, and the screen cleared by --watch.
	Terminal bool
	// ErrTerminal says stderr is a terminal: the batch's progress bar, which
	// is drawn there.
	ErrTerminal bool
	// Zone is the system's time zone under a name people read (Europe/Paris,
	// UTC+01:00), never Go's "Local"; nil: looked up when needed.
	Zone    *time.Location
	Version string // tpgrade's version (see Version)
}

// OSEnv is the real process environment, with stdout and stderr taken as
// terminals when terminal is true. version is the -X main.version value,
// "" when the build did not set it.
func OSEnv(version string, terminal bool) *Env {
	return &Env{
		// Why: color.Output is stdout made able to show colours on Windows
		// consoles that do not read ANSI sequences; elsewhere it is stdout.
		Stdin: os.Stdin, Stdout: color.Output, Stderr: os.Stderr,
		Getenv: os.Getenv, Now: time.Now, ReadFile: os.ReadFile, Stat: os.Stat,
		Terminal: terminal, ErrTerminal: terminal, Version: Version(version),
	}
}

// Run is tpgrade as a process, what main calls: the process's arguments
// (without the program name) and streams, a context ended by Ctrl-C or
// SIGTERM, and the exit code to exit with.
func Run(args []string, version string) int {
	ctx, stop := SignalContext(context.Background())
	defer stop()
	env := OSEnv(version, false)
	env.Terminal, env.ErrTerminal = isTerminal(os.Stdout), isTerminal(os.Stderr)
	return Main(ctx, args, env)
}

// SignalContext is ctx ended by the first Ctrl-C (SIGINT) or SIGTERM (what
// kill, systemd, docker stop and CI runners send), so that a command stops
// cleanly: a batch keeps what it did and resumes next time. A second signal
// is no longer caught and ends the process at once.
func SignalContext(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return ctx, stop
}

// isTerminal says whether f is a terminal: a console, or a Cygwin/MSYS pty
// (mintty, Git Bash's window) that is not a console but shows colours.
func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
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
		Version:       env.Version,
	}
	// --version prints the same line as `tpgrade version`.
	root.SetVersionTemplate("tpgrade {{.Version}} " + versionDetails() + "\n")
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
