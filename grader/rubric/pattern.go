package rubric

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// Pattern is a regular expression from a rubric (`regex:` keys), compiled
// when the rubric loads so that a bad one is reported at its place:
// "bad regular expression: missing closing ): `^(abc`". It ignores case
// unless the teacher writes (?-i). The zero Pattern matches nothing.
type Pattern struct {
	src string
	re  *regexp.Regexp
	// whole is the same, anchored at both ends: compiled when first used,
	// since few checks match whole texts and loading is part of every
	// grade's start-up.
	whole func() *regexp.Regexp
}

// CompilePattern compiles src as a rubric does.
func CompilePattern(src string) (Pattern, error) {
	if src == "" {
		return Pattern{}, errors.New("expected a regular expression, got nothing")
	}
	re, err := regexp.Compile("(?i)" + src)
	if err != nil {
		// Quote the teacher's text as written, not with the (?i) prefix.
		var se *syntax.Error
		if _, perr := syntax.Parse(src, syntax.Perl); errors.As(perr, &se) {
			return Pattern{}, fmt.Errorf("bad regular expression: %s: `%s`", se.Code, se.Expr)
		}
		return Pattern{}, fmt.Errorf("bad regular expression: %v", err)
	}
	// The anchored form is compiled on first use: few checks match whole
	// texts. It is valid whenever src is, unless \Q quotes its closing
	// parenthesis: then it is parsed now, so that the rubric is refused at
	// the expression's place rather than a check failing later.
	anchored := "(?i)^(?:" + src + ")$"
	if strings.Contains(src, `\Q`) {
		if _, err := syntax.Parse(anchored, syntax.Perl); err != nil {
			return Pattern{}, fmt.Errorf("bad regular expression: %v", err)
		}
	}
	whole := sync.OnceValue(func() *regexp.Regexp {
		w, err := regexp.Compile(anchored)
		if err != nil {
			return nil // only when src is at regexp/syntax's size or nesting limit: then it matches no whole text
		}
		return w
	})
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
func (p Pattern) MatchWhole(s string) bool {
	if p.whole == nil {
		return false
	}
	w := p.whole()
	return w != nil && w.MatchString(s)
}

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
