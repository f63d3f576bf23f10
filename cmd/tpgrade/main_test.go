package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/tpgrade/tpgrade/internal/cli"
)

// terminalEnv, set to 1 in a script, makes tpgrade take its stdout and
// stderr for terminals, as a student's shell is.
const terminalEnv = "TPGRADE_TEST_TERMINAL"

// tpgrade runs tpgrade in this process as main does, with the version "test"
// as a release build would set it.
func tpgrade(args []string) int {
	ctx, stop := cli.SignalContext(context.Background())
	defer stop()
	return cli.Main(ctx, args, cli.OSEnv("test", os.Getenv(terminalEnv) == "1"))
}

// mainEnv, set to 1 in a child's environment, makes this test binary run
// main itself, so that a test can signal a real tpgrade process.
const mainEnv = "TPGRADE_TEST_MAIN"

// TestMain lets testscript run tpgrade in-process as the "tpgrade" command.
func TestMain(m *testing.M) {
	if os.Getenv(mainEnv) == "1" {
		version = "test"
		main()
	}
	testscript.Main(m, map[string]func(){
		"tpgrade": func() { os.Exit(tpgrade(os.Args[1:])) },
		// expect-exit CODE tpgrade ARGS... runs tpgrade and succeeds only
		// when it exits with CODE, so scripts can assert exit codes.
		"expect-exit": func() {
			if len(os.Args) < 3 || os.Args[2] != "tpgrade" {
				fmt.Fprintln(os.Stderr, "usage: expect-exit CODE tpgrade ARGS...")
				os.Exit(100)
			}
			want, err := strconv.Atoi(os.Args[1])
			if err != nil {
				fmt.Fprintln(os.Stderr, "expect-exit: bad code", os.Args[1])
				os.Exit(100)
			}
			if got := tpgrade(os.Args[3:]); got != want {
				fmt.Fprintf(os.Stderr, "expect-exit: tpgrade exited %d, want %d\n", got, want)
				os.Exit(1)
			}
			os.Exit(0)
		},
	})
}

// TestScripts runs the CLI scenarios in testdata/script: what a student and a
// teacher type, what they see, and the exit codes.
func TestScripts(t *testing.T) {
	fixtures, err := filepath.Abs("../../fixtures/docker-tp1")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			e.Setenv("FIXTURES", fixtures)
			// A real binary file (PNG header bytes) for the scripts: txtar
			// archives hold text only.
			png := []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'}
			return os.WriteFile(filepath.Join(e.WorkDir, "image.png"), png, 0o644)
		},
	})
}
