package main

import (
	"os"

	"github.com/tpgrade/tpgrade/internal/cli"
)

// version is set by the release build with -ldflags "-X main.version=v1.2.3";
// when it is not, tpgrade reports the version Go recorded in the binary.
var version string

func main() {
	os.Exit(cli.Run(os.Args[1:], version))
}
