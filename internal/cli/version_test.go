package cli

import (
	"runtime/debug"
	"testing"
)

func TestVersionOf(t *testing.T) {
	info := func(version string, settings ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/tpgrade/tpgrade", Version: version}}
		for i := 0; i+1 < len(settings); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return bi
	}
	const rev = "0123456789abcdef0123456789abcdef01234567"
	for _, tc := range []struct {
		name   string
		ldflag string
		info   *debug.BuildInfo
		ok     bool
		want   string
	}{
		{"the release build's -X wins", "v1.2.3", info("v1.0.0", "vcs.revision", rev), true, "v1.2.3"},
		{"go install ...@v1.4.0", "", info("v1.4.0", "vcs.revision", rev), true, "v1.4.0"},
		{"go build in a clone: pseudo-version", "", info("v0.0.0-20261015120000-0123456789ab+dirty"), true, "v0.0.0-20261015120000-0123456789ab+dirty"},
		{"no module version: the revision", "", info("(devel)", "vcs.revision", rev, "vcs.modified", "false"), true, rev},
		{"a modified tree", "", info("(devel)", "vcs.revision", rev, "vcs.modified", "true"), true, rev + "-dirty"},
		{"go run: nothing recorded", "", info("(devel)"), true, "dev"},
		{"no build info", "", nil, false, "dev"},
	} {
		if got := versionOf(tc.ldflag, tc.info, tc.ok); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
