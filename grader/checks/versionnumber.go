package checks

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/Masterminds/semver/v3"
	"gopkg.in/yaml.v3"
)

// parseVersion reads a version leniently from what a student pasted: the
// first number of one to three dot-separated parts that stands on its own,
// with an optional "v": "27.3.1", "v0.17.1", "v1.1.14-0-g2c9f560" (1.1.14),
// "Docker version 27.3.1, build ce12230" (27.3.1), "2" (2.0.0). A run of
// digits glued to letters, as in the commit "de40ad0", is not a version.
// Pre-release and build suffixes are dropped: students paste `git describe`
// strings and distribution suffixes, never semantic pre-releases.
func parseVersion(s string) (*semver.Version, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		start := i
		if (c == 'v' || c == 'V') && i+1 < len(s) && isDigit(s[i+1]) {
			i++
		} else if !isDigit(c) {
			continue
		}
		if start > 0 && isAlnum(s[start-1]) {
			// Inside a word ("de40ad0", "go1.22"): skip the rest of it.
			i = skipToken(s, i)
			continue
		}
		var parts []uint64
		j := i
		ok := true
		for len(parts) < 3 {
			k := j
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			if k == j {
				break
			}
			n, err := strconv.ParseUint(s[j:k], 10, 64)
			if err != nil {
				ok = false
				break
			}
			parts = append(parts, n)
			j = k
			if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
				j++
				continue
			}
			break
		}
		// Skip further numeric parts ("10.0.19045.1234"); then the number
		// must not run into letters ("27abc").
		for j < len(s) && (isDigit(s[j]) || s[j] == '.' && j+1 < len(s) && isDigit(s[j+1])) {
			j++
		}
		if !ok || len(parts) == 0 || j < len(s) && isLetter(s[j]) {
			i = skipToken(s, i)
			continue
		}
		for len(parts) < 3 {
			parts = append(parts, 0)
		}
		return semver.New(parts[0], parts[1], parts[2], "", ""), true
	}
	return nil, false
}

// skipToken returns the index of the last byte of the token (letters,
// digits, dots, hyphens and underscores) that holds s[i], so that the loop
// resumes after it.
func skipToken(s string, i int) int {
	for i+1 < len(s) && (isAlnum(s[i+1]) || s[i+1] == '.' || s[i+1] == '-' || s[i+1] == '_') {
		i++
	}
	return i
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }

// VersionRange is a version constraint from the rubric, such as ">= 20.10",
// "^27" or "< 2"; "any" accepts every version.
type VersionRange struct {
	Source     string
	constraint *semver.Constraints
}

// UnmarshalYAML reads the constraint text; Validate compiles it.
func (v *VersionRange) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return fmt.Errorf("expected a version range such as \">= 20.10\" or \"any\"")
	}
	v.Source = n.Value
	return v.Validate()
}

// JSONSchema: a version range, for the rubric's JSON Schema.
func (*VersionRange) JSONSchema() map[string]any {
	return map[string]any{
		"type":        []string{"string", "number"},
		"minLength":   1,
		"description": "a version range such as \">= 20.10\", \"^27\", \"< 2\", or \"any\"",
	}
}

// Validate compiles the constraint.
func (v *VersionRange) Validate() error {
	src := strings.TrimSpace(v.Source)
	if src == "" {
		return fmt.Errorf("expected a version range such as \">= 20.10\" or \"any\"")
	}
	if strings.EqualFold(src, "any") {
		v.constraint = nil
		return nil
	}
	c, err := semver.NewConstraint(src)
	if err != nil {
		return fmt.Errorf("bad version range %q: %v (write for example \">= 20.10\", \"^27\", \"< 2\" or \"any\")", src, err)
	}
	v.constraint = c
	return nil
}

// Any reports whether every version is accepted.
func (v *VersionRange) Any() bool {
	return v == nil || strings.EqualFold(strings.TrimSpace(v.Source), "any")
}

// Allows reports whether ver is within the range. A range that does not
// compile allows nothing.
func (v *VersionRange) Allows(ver *semver.Version) bool {
	if v.Any() {
		return true
	}
	c := v.constraint
	if c == nil {
		// Not validated (built in Go rather than loaded): compile a copy,
		// leaving v untouched for concurrent graders.
		var err error
		if c, err = semver.NewConstraint(strings.TrimSpace(v.Source)); err != nil {
			return false
		}
	}
	return c.Check(ver)
}

// String is the range as the teacher wrote it.
func (v *VersionRange) String() string {
	if v == nil {
		return "any"
	}
	return strings.TrimSpace(v.Source)
}
