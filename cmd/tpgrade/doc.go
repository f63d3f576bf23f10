// Command tpgrade grades Markdown lab reports against a YAML rubric.
//
// It is a thin adapter: main calls cli.Run with the process's arguments and
// the version the release build set, and exits with the code it returns
// (documented in the README). Streams, environment, terminals and the
// context ended by Ctrl-C or SIGTERM are set up by cli.Run; everything else
// lives in internal/cli and below.
package main
