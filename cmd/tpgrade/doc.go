// Command tpgrade grades Markdown lab reports against a YAML rubric.
//
// It is a thin adapter: main calls cli.Main with the process's arguments,
// streams, environment and a context cancelled by Ctrl-C, and exits with the
// code it returns (documented in the README). Everything else lives in
// internal/cli and below.
package main
