// Package cli is tpgrade's command layer: cobra commands, each built as
// newCmdX(env, runF) over an xOptions struct and an xRun(opts) function, so
// that flag parsing and behaviour are tested apart. It is the only layer that
// touches the process: Run sets up what main needs (the signals, the
// terminals, the version) and Env injects standard streams, environment,
// clock, files and HTTP, so every command runs in tests against fakes.
//
// Commands translate results into exit codes (see the constants) and never
// compute a score themselves: that is the engine's job (package grader).
package cli
