package rubric

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Points counts hundredths of a point, so that totals are exact: 0.1+0.2 is
// 0.3 here, and a grade never drifts by a rounding error between runs.
type Points int64

// Hundredths per point.
const Unit Points = 100

// ParsePoints reads "2", "1.5", "0.25", "-1" or "1,5" (French decimal comma).
func ParsePoints(s string) (Points, error) {
	s = strings.TrimSpace(strings.Replace(s, ",", ".", 1))
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		return 0, fmt.Errorf("%q is not a number of points", s)
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" || len(frac) > 2 {
		return 0, fmt.Errorf("%q is not a number of points with at most two decimals", s)
	}
	var p Points
	if whole != "" {
		w, err := strconv.ParseInt(whole, 10, 32)
		if err != nil {
			return 0, fmt.Errorf("%q is not a number of points", s)
		}
		p = Points(w) * Unit
	}
	if frac != "" {
		for len(frac) < 2 {
			frac += "0"
		}
		f, err := strconv.ParseUint(frac, 10, 8)
		if err != nil {
			return 0, fmt.Errorf("%q is not a number of points", s)
		}
		p += Points(f)
	}
	if neg {
		p = -p
	}
	return p, nil
}

// String prints points without trailing zeros: 2, 1.5, 0.25.
func (p Points) String() string {
	sign := ""
	if p < 0 {
		sign, p = "-", -p
	}
	w, f := p/Unit, p%Unit
	switch {
	case f == 0:
		return fmt.Sprintf("%s%d", sign, w)
	case f%10 == 0:
		return fmt.Sprintf("%s%d.%d", sign, w, f/10)
	}
	return fmt.Sprintf("%s%d.%02d", sign, w, f)
}

// Float is for display and JSON only; never add floats.
func (p Points) Float() float64 { return float64(p) / float64(Unit) }

// MarshalJSON writes a JSON number such as 1.5.
func (p Points) MarshalJSON() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalJSON reads a JSON number.
func (p *Points) UnmarshalJSON(b []byte) error {
	v, err := ParsePoints(strings.Trim(string(b), `"`))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// UnmarshalYAML reads a YAML number with at most two decimals.
func (p *Points) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float" && n.Tag != "!!str") {
		return fmt.Errorf("expected a number of points, got %s", describe(n))
	}
	v, err := ParsePoints(n.Value)
	if err != nil {
		if !strings.ContainsAny(n.Value, "0123456789") {
			return fmt.Errorf("expected a number of points, got %s", describe(n))
		}
		return err
	}
	*p = v
	return nil
}

// Scale converts p out of max into a grade out of scale, rounded to the
// nearest hundredth (halves away from zero).
func (p Points) Scale(max, scale Points) Points {
	if max <= 0 {
		return 0
	}
	return Points(roundDiv(int64(p)*int64(scale), int64(max)))
}

// Fraction returns p * num / den rounded to the nearest hundredth.
func (p Points) Fraction(num, den int) Points {
	if den <= 0 {
		return 0
	}
	return Points(roundDiv(int64(p)*int64(num), int64(den)))
}

func roundDiv(a, b int64) int64 {
	if b < 0 {
		a, b = -a, -b
	}
	if a >= 0 {
		return (2*a + b) / (2 * b)
	}
	return -((2*-a + b) / (2 * b))
}

// describe names a YAML node's type for error messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!str":
		return fmt.Sprintf("the text %q", n.Value)
	case "!!bool":
		return "a boolean " + n.Value
	case "!!null":
		return "nothing"
	}
	return n.Value
}
