package cli

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"
	tpgrade "github.com/tpgrade/tpgrade"
)

func newCmdVersion(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print tpgrade's version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(env.Stdout, "tpgrade %s (%s, %s/%s), default rubric %s\n",
				env.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH, tpgrade.DefaultRubric)
			return err
		},
	}
}
