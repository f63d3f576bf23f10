package checks

import (
	"testing"

	"gopkg.in/yaml.v3"
)

func TestParseVersion(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when not a version
	}{
		{"27.3.1", "27.3.1"},
		{"v0.17.1", "0.17.1"},
		{"v1.1.14-0-g2c9f560", "1.1.14"},
		{"Docker version 27.3.1, build ce12230", "27.3.1"},
		{"2", "2.0.0"},
		{"27.3", "27.3.0"},
		{"5.15.0-118-generic", "5.15.0"},
		{"Ubuntu 22.04.4 LTS", "22.4.4"},
		{"10.0.19045.1234", "10.0.19045"},
		{"V2.29.7", "2.29.7"},
		{"(27.3.1)", "27.3.1"},
		{"de40ad0", ""},
		{"57f17b0a6295a39009d861b89e3b3b87b005ca27", ""},
		{"go1.22.7", ""},
		{"27abc", ""},
		{"version", ""},
		{"", ""},
		{"v", ""},
		{"99999999999999999999999.1", ""},
		{"build ce12230, version 3.1", "3.1.0"},
	}
	for _, tt := range tests {
		v, ok := parseVersion(tt.in)
		got := ""
		if ok {
			got = v.String()
		}
		if got != tt.want {
			t.Errorf("parseVersion(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestVersionRange(t *testing.T) {
	tests := []struct {
		rng, ver string
		want     bool
	}{
		{">= 20.10", "27.3.1", true},
		{">= 20.10", "19.03.8", false},
		{"^27", "27.3.1", true},
		{"^27", "26.1.0", false},
		{"< 2", "v1.1.14-0-g2c9f560", true},
		{"< 2", "2", false},
		{"any", "0.0.1", true},
		{"ANY", "99", true},
	}
	for _, tt := range tests {
		r := &VersionRange{Source: tt.rng}
		if err := r.Validate(); err != nil {
			t.Fatalf("Validate(%q): %v", tt.rng, err)
		}
		v, ok := parseVersion(tt.ver)
		if !ok {
			t.Fatalf("parseVersion(%q) failed", tt.ver)
		}
		if got := r.Allows(v); got != tt.want {
			t.Errorf("%q allows %q = %v, want %v", tt.rng, tt.ver, got, tt.want)
		}
	}
}

func TestVersionRangeErrors(t *testing.T) {
	for _, src := range []string{"", "  ", ">= banana", "~> 1.2.3.4.5"} {
		r := &VersionRange{Source: src}
		if err := r.Validate(); err == nil {
			t.Errorf("Validate(%q) accepted a bad range", src)
		}
	}
	var r VersionRange
	if err := yaml.Unmarshal([]byte(`">= 20.10"`), &r); err != nil || r.String() != ">= 20.10" {
		t.Errorf("yaml range = %q, %v", r.String(), err)
	}
	if err := yaml.Unmarshal([]byte(`[1, 2]`), &r); err == nil {
		t.Errorf("a list was accepted as a version range")
	}
	// A range that does not compile allows nothing, and does not panic.
	bad := &VersionRange{Source: ">= banana"}
	v, _ := parseVersion("1.0.0")
	if bad.Allows(v) {
		t.Errorf("a bad range allowed a version")
	}
}
