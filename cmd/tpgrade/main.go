package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/mattn/go-isatty"
	"github.com/tpgrade/tpgrade/internal/cli"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Main(ctx, os.Args[1:], cli.OSEnv(version, isatty.IsTerminal(os.Stdout.Fd())))
	stop()
	os.Exit(code)
}
