package rubric

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"

	"gopkg.in/yaml.v3"
)

// Pattern is a regular expression from a rubric (`regex:` keys), compiled
// when the rubric loads so that a bad one is reported at its place:
// "bad regular expression: missing closing ): `^(abc`". It ignores case
// unless the teacher writes (?-i). The zero Pattern matches nothing.
type Pattern struct {
	src   string
	re    *regexp.Regexp
	whole *regexp.Regexp // the same, anchored at both ends
}

// CompilePattern compiles src as a rubric does.
func CompilePattern(src string) (Pattern, error) {
	if src == "" {
		return Pattern{}, errors.New("expected a regular expression, got nothing")
	}
	// Compile the teacher's text alone first, so that the error quotes it
	// as written and not with the (?i) prefix.
	if _, err := regexp.Compile(src); err != nil {
		var se *syntax.Error
		if errors.As(err, &se) {
			return Pattern{}, fmt.Errorf("bad regular expression: %s: `%s`", se.Code, se.Expr)
		}
		return Pattern{}, fmt.Errorf("bad regular expression: %v", err)
	}
	re, err := regexp.Compile("(?i)" + src)
	if err != nil {
		return Pattern{}, fmt.Errorf("bad regular expression: %v", err)
	}
	whole, err := regexp.Compile("(?i)^(?:" + src + ")$")
	if err != nil {
		return Pattern{}, fmt.Errorf("bad regular expression: %v", err)
	}
	return Pattern{src: src, re: re, whole: whole}, nil
}

// MustPattern is CompilePattern for expressions written in Go code; it
// panics on a bad one, which is a bug in that code.
func MustPattern(src string) Pattern {
	p, err := CompilePattern(src)
	if err != nil {
		panic(err)
	}
	return p
}

// UnmarshalYAML compiles the expression.
func (p *Pattern) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return fmt.Errorf("expected a regular expression, got %s", describe(n))
	}
	c, err := CompilePattern(n.Value)
	if err != nil {
		return err
	}
	*p = c
	return nil
}

// String is the expression as the teacher wrote it.
func (p Pattern) String() string { return p.src }

// IsZero reports whether no expression was given.
func (p Pattern) IsZero() bool { return p.re == nil }

// MatchString reports whether s contains a match.
func (p Pattern) MatchString(s string) bool { return p.re != nil && p.re.MatchString(s) }

// MatchWhole reports whether the expression matches the whole of s.
func (p Pattern) MatchWhole(s string) bool { return p.whole != nil && p.whole.MatchString(s) }

// FindStringIndex returns the byte span of the leftmost match in s, or nil.
func (p Pattern) FindStringIndex(s string) []int {
	if p.re == nil {
		return nil
	}
	return p.re.FindStringIndex(s)
}

// Regexp is the compiled expression (case-insensitive), nil for the zero
// Pattern.
func (p Pattern) Regexp() *regexp.Regexp { return p.re }

// MarshalText writes the expression as written, for JSON and YAML output.
func (p Pattern) MarshalText() ([]byte, error) { return []byte(p.src), nil }

// Equal reports whether two patterns are the same expression.
func (p Pattern) Equal(q Pattern) bool { return p.src == q.src }
