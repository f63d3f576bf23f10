package checks

import (
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader/rubric"
)

func num(f float64) *float64 { return &f }

func TestValueRule(t *testing.T) {
	tests := []struct {
		name  string
		rule  *ValueRule
		value string
		ok    bool
		why   string // fragment of the English reason
	}{
		{"no rule, a value", nil, "overlay2", true, ""},
		{"no rule, empty", nil, "  ", false, `"X" is given without a value`},
		{"empty rule, empty", &ValueRule{}, "", false, "without a value"},
		{"regex", &ValueRule{Regex: rubric.MustPattern(`^[0-9a-f]{7,40}$`)}, "DE40AD0", true, ""},
		{"regex fails", &ValueRule{Regex: rubric.MustPattern(`^[0-9a-f]{7,40}$`)}, "v1.1.14", false, `"X" is "v1.1.14" here, which is not in the expected form (^[0-9a-f]{7,40}$)`},
		{"regex fails, told in words", &ValueRule{Regex: rubric.MustPattern(`^[0-9a-f]{7,40}$`), Expected: rubric.Plain("a commit id")}, "v1.1.14", false, `"X" is "v1.1.14" here: expected a commit id`},
		{"one_of folded", &ValueRule{OneOf: names("overlay2", "btrfs")}, "**Overlay2**", true, ""},
		{"one_of fails", &ValueRule{OneOf: names("overlay2", "btrfs")}, "ext4", false, `"X" is "ext4" here, expected one of: overlay2, btrfs`},
		{"number", &ValueRule{Number: &NumberRange{Min: num(1), Max: num(256)}}, "2", true, ""},
		{"number with a decimal comma", &ValueRule{Number: &NumberRange{Max: num(2)}}, "1,5", true, ""},
		{"number below", &ValueRule{Number: &NumberRange{Min: num(1)}}, "0", false, "expected at least 1"},
		{"number above", &ValueRule{Number: &NumberRange{Max: num(256)}}, "512", false, "expected at most 256"},
		{"number outside", &ValueRule{Number: &NumberRange{Min: num(1), Max: num(2)}}, "3", false, "expected between 1 and 2"},
		{"number exact", &ValueRule{Number: &NumberRange{Min: num(1), Max: num(1)}}, "1", true, ""},
		{"number not the one expected", &ValueRule{Number: &NumberRange{Min: num(1), Max: num(1)}}, "2", false, `"X" is 2 here, expected 1`},
		{"quantity not the one expected", &ValueRule{Quantity: &Quantity{Units: names("GiB", "MiB"), Min: num(2), Max: num(2)}}, "1024 MiB", false, `"X" is 1024 MiB here, expected 2 GiB`},
		{"number with a unit is no number", &ValueRule{Number: &NumberRange{}}, "2 GiB", false, "a number is expected"},
		{"quantity", &ValueRule{Quantity: &Quantity{Units: names("GiB", "GB", "Go"), Min: num(0.5)}}, "1.918 GiB", true, ""},
		{"quantity glued", &ValueRule{Quantity: &Quantity{Units: names("GiB", "Go")}}, "3,82Go", true, ""},
		{"quantity converted to the first unit", &ValueRule{Quantity: &Quantity{Units: names("GiB", "MiB"), Min: num(1)}}, "512 MiB", false, `"X" is 512 MiB here, expected at least 1 GiB`},
		{"quantity converted up", &ValueRule{Quantity: &Quantity{Units: names("GiB", "MiB"), Min: num(1)}}, "2048 MiB", true, ""},
		{"quantity without unit", &ValueRule{Quantity: &Quantity{Units: names("GiB", "GB")}}, "3.82", false, "expected a number followed by a unit (GiB, GB)"},
		{"quantity wrong unit", &ValueRule{Quantity: &Quantity{Units: names("GiB", "GB")}}, "16 GHz", false, "expected a number followed by a unit"},
		{"version any", &ValueRule{Version: &VersionRange{Source: "any"}}, "v0.17.1", true, ""},
		{"version in range", &ValueRule{Version: &VersionRange{Source: ">= 20.10"}}, "Docker version 27.3.1, build ce12230", true, ""},
		{"version too old", &ValueRule{Version: &VersionRange{Source: ">= 20.10"}}, "19.03.8", false, `"X" is version 19.3.8 here, expected >= 20.10`},
		{"not a version", &ValueRule{Version: &VersionRange{Source: "any"}}, "de40ad0", false, "that is not a version number"},
		{"contains", &ValueRule{Contains: names("runc")}, "io.containerd.runc.v2, runc", true, ""},
		{"contains on word boundaries", &ValueRule{Contains: names("runc")}, "io.containerd.runc.v2", false, `but it should name "runc"`},
		{"every rule must hold", &ValueRule{OneOf: names("2", "v2"), Number: &NumberRange{Min: num(2)}}, "v2", false, "a number is expected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, why := tt.rule.check("X", tt.value)
			if ok != tt.ok {
				t.Fatalf("check(%q) = %v (%q), want %v", tt.value, ok, why.EN, tt.ok)
			}
			if ok {
				if !why.IsZero() {
					t.Errorf("a value that holds has a reason: %+v", why)
				}
				return
			}
			if !strings.Contains(why.EN, tt.why) {
				t.Errorf("reason %q, want it to contain %q", why.EN, tt.why)
			}
			if why.FR == "" || why.FR == why.EN || !strings.Contains(why.FR, "« X »") {
				t.Errorf("French reason %q is missing or untranslated", why.FR)
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1", 1, true}, {" 42 ", 42, true}, {"1,5", 1.5, true}, {"-3.25", -3.25, true}, {"+2", 2, true},
		{"2 GiB", 0, false}, {"1.2.3", 0, false}, {"n/a", 0, false}, {"", 0, false}, {"--1", 0, false},
		{".5", 0, false}, {"5.", 0, false}, {"1e3", 0, false}, {"-", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseNumber(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
