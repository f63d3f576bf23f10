package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
	tpgrade "github.com/tpgrade/tpgrade"
)

func newCmdVersion(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print tpgrade's version",
		Long: `Print tpgrade's version: the release's (set when it was built), else the
module version 'go install' recorded, else the commit it was built from
("-dirty" when the tree had changes), else "dev". 'tpgrade --version' says
the same.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(env.Stdout, "tpgrade %s %s\n", env.Version, versionDetails())
			return err
		},
	}
}

// versionDetails follows the version on `tpgrade version`'s line.
func versionDetails() string {
	return fmt.Sprintf("(%s, %s/%s), default rubric %s", runtime.Version(), runtime.GOOS, runtime.GOARCH, tpgrade.DefaultRubric)
}

// Version is tpgrade's version: ldflag (-X main.version, set by the release
// build) when set, else what the Go toolchain recorded in the binary.
func Version(ldflag string) string {
	info, ok := debug.ReadBuildInfo()
	return versionOf(ldflag, info, ok)
}

// versionOf picks the version from the ldflag value and the build info: the
// module version when it is a real one ("go install ...@v1.2.0", or a
// pseudo-version stamped by "go build" in a clone), else the VCS revision
// with "-dirty" for a modified tree, else "dev" ("go run", "go test").
func versionOf(ldflag string, info *debug.BuildInfo, ok bool) string {
	if ldflag != "" {
		return ldflag
	}
	if !ok || info == nil {
		return "dev"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if dirty {
		rev += "-dirty"
	}
	return rev
}
