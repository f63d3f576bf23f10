package checks

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tpgrade/tpgrade/grader/fold"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// ValueRule is a `value:` mapping: what a value found in the report must be.
// Every rule given must hold; an empty rule asks for a value that is not
// empty.
type ValueRule struct {
	Regex    rubric.Pattern `yaml:"regex" doc:"a regular expression the value must match (case-insensitive); anchor it with ^ and $ to match the whole value"`
	OneOf    rubric.Names   `yaml:"one_of" doc:"the value must be one of these names"`
	Number   *NumberRange   `yaml:"number" doc:"the value must be a number, within min and max when given"`
	Quantity *Quantity      `yaml:"quantity" doc:"the value must be a number followed by one of the units, within min and max when given"`
	Version  *VersionRange  `yaml:"version" doc:"the value must be a version within this range (such as \">= 20.10\"), or any version with \"any\""`
	Contains rubric.Names   `yaml:"contains" doc:"the value must name each of these"`
	Expected rubric.Text    `yaml:"expected" doc:"what the student is told is expected when the value breaks the regex (instead of the regex itself), such as: a version or a commit id; one text, or {fr: ..., en: ...}"`
}

// specific reports whether the rule tells a value from any other word (a
// number, a version, one of a list, a pattern), which reading values from
// sentences needs.
func (r *ValueRule) specific() bool {
	return r != nil && (!r.Regex.IsZero() || len(r.OneOf) > 0 || r.Number != nil || r.Quantity != nil ||
		r.Version != nil || len(r.Contains) > 0)
}

// check tells whether value, found for the thing named label, holds every
// rule, and why not.
func (r *ValueRule) check(label, value string) (bool, i18n.Msg) {
	v := strings.TrimSpace(value)
	if v == "" {
		return false, i18n.M("%q is given without a value", "« %s » est donné sans valeur", label)
	}
	if r == nil {
		return true, i18n.Msg{}
	}
	if !r.Regex.IsZero() && !r.Regex.MatchString(v) {
		if !r.Expected.IsZero() {
			return false, i18n.Msg{
				EN: fmt.Sprintf("%q is %q here: expected %s", label, v, r.Expected.In(i18n.EN)),
				FR: fmt.Sprintf("« %s » vaut « %s » ici : attendu %s", label, v, r.Expected.In(i18n.FR)),
			}
		}
		return false, i18n.M("%q is %q here, which is not in the expected form (%s)",
			"« %s » vaut « %s » ici, ce qui n'a pas la forme attendue (%s)", label, v, r.Regex.String())
	}
	if len(r.OneOf) > 0 {
		found := false
		for _, n := range r.OneOf {
			if n.IsRegex() && n.Regex.MatchWhole(v) || !n.IsRegex() && fold.Equal(v, n.Text) {
				found = true
				break
			}
		}
		if !found {
			list := i18n.Msg{EN: strings.Join(r.OneOf.In(i18n.EN), ", "), FR: strings.Join(r.OneOf.In(i18n.FR), ", ")}
			return false, i18n.M("%q is %q here, expected one of: %s",
				"« %s » vaut « %s » ici, valeurs attendues : %s", label, v, list)
		}
	}
	if r.Number != nil {
		n, ok := parseNumber(v)
		if !ok {
			return false, i18n.M("%q is %q here: a number is expected",
				"« %s » vaut « %s » ici : un nombre est attendu", label, v)
		}
		if ok, why := r.Number.holds(label, v, n, ""); !ok {
			return false, why
		}
	}
	if r.Quantity != nil {
		if ok, why := r.Quantity.holds(label, v); !ok {
			return false, why
		}
	}
	if r.Version != nil {
		ver, ok := parseVersion(v)
		if !ok {
			return false, i18n.M("%q is %q here: that is not a version number",
				"« %s » vaut « %s » ici : ce n'est pas un numéro de version", label, v)
		}
		if !r.Version.Allows(ver) {
			return false, i18n.M("%q is version %s here, expected %s",
				"« %s » est en version %s ici, attendu : %s", label, ver.String(), r.Version.String())
		}
	}
	for _, want := range r.Contains {
		if !foldedNameOf(want).in(v, fold.Key(v)) {
			return false, i18n.M("%q is %q here, but it should name %q",
				"« %s » vaut « %s » ici, mais devrait mentionner « %s »", label, v, want)
		}
	}
	return true, i18n.Msg{}
}

// NumberRange bounds a number; either bound may be left out.
type NumberRange struct {
	Min *float64 `yaml:"min" doc:"smallest accepted number"`
	Max *float64 `yaml:"max" doc:"largest accepted number"`
}

// Validate checks that the range is not empty.
func (r *NumberRange) Validate() error {
	if r.Min != nil && r.Max != nil && *r.Min > *r.Max {
		return fmt.Errorf("min %s is above max %s", formatNumber(*r.Min), formatNumber(*r.Max))
	}
	return nil
}

// holds checks n (read from the text v) against the range; unit is appended
// to the bounds in messages.
func (r *NumberRange) holds(label, v string, n float64, unit string) (bool, i18n.Msg) {
	if unit != "" {
		unit = " " + unit
	}
	switch {
	case r.Min != nil && r.Max != nil && *r.Min == *r.Max && n != *r.Min:
		return false, i18n.M("%q is %s here, expected %s%s",
			"« %s » vaut %s ici, attendu %s%s", label, v, formatNumber(*r.Min), unit)
	case r.Min != nil && r.Max != nil && (n < *r.Min || n > *r.Max):
		return false, i18n.M("%q is %s here, expected between %s%s and %s%s",
			"« %s » vaut %s ici, attendu entre %s%s et %s%s", label, v, formatNumber(*r.Min), unit, formatNumber(*r.Max), unit)
	case r.Min != nil && n < *r.Min:
		return false, i18n.M("%q is %s here, expected at least %s%s",
			"« %s » vaut %s ici, attendu au moins %s%s", label, v, formatNumber(*r.Min), unit)
	case r.Max != nil && n > *r.Max:
		return false, i18n.M("%q is %s here, expected at most %s%s",
			"« %s » vaut %s ici, attendu au plus %s%s", label, v, formatNumber(*r.Max), unit)
	}
	return true, i18n.Msg{}
}

// Quantity is a number followed by a unit, such as "1.918 GiB". The bounds
// are in the first unit listed; a value in another listed unit is converted
// when both are units of bytes (B, KB, KiB, MB, MiB, GB, GiB, TB, TiB and
// the French o, Ko, Kio, Mo, Mio, Go, Gio, To, Tio), and compared as written otherwise.
type Quantity struct {
	Units rubric.Names `yaml:"units" doc:"accepted units, such as [GiB, GB, Go]; min and max are in the first one"`
	Min   *float64     `yaml:"min" doc:"smallest accepted quantity, in the first unit"`
	Max   *float64     `yaml:"max" doc:"largest accepted quantity, in the first unit"`
}

// Validate checks that units are given and the range is not empty.
func (q *Quantity) Validate() error {
	if len(q.Units) == 0 {
		return fmt.Errorf("a quantity needs units, such as units: [GiB, GB, Go]")
	}
	if q.Units.HasRegex() {
		return rubric.ErrorOn("units", "units are written out, such as units: [GiB, GB, Go], not as regular expressions")
	}
	return (&NumberRange{Min: q.Min, Max: q.Max}).Validate()
}

func (q *Quantity) holds(label, v string) (bool, i18n.Msg) {
	units := strings.Join(q.Units.Strings(), ", ")
	n, unit, ok := parseQuantity(v)
	want := ""
	if ok {
		for _, u := range q.Units {
			if strings.EqualFold(u.Text, unit) {
				want = u.Text
				break
			}
		}
	}
	if !ok || want == "" {
		return false, i18n.M("%q is %q here: expected a number followed by a unit (%s)",
			"« %s » vaut « %s » ici : un nombre suivi d'une unité est attendu (%s)", label, v, units)
	}
	first := q.Units[0].Text
	if from, ok := byteUnits[strings.ToLower(want)]; ok {
		if to, ok := byteUnits[strings.ToLower(first)]; ok {
			n = n * from / to
		}
	}
	return (&NumberRange{Min: q.Min, Max: q.Max}).holds(label, v, n, first)
}

// byteUnits gives the size in bytes of the units of memory and disk space
// students write, lower-cased.
var byteUnits = map[string]float64{
	"b": 1, "o": 1,
	"kb": 1e3, "ko": 1e3, "kib": 1 << 10, "kio": 1 << 10,
	"mb": 1e6, "mo": 1e6, "mib": 1 << 20, "mio": 1 << 20,
	"gb": 1e9, "go": 1e9, "gib": 1 << 30, "gio": 1 << 30,
	"tb": 1e12, "to": 1e12, "tib": 1 << 40, "tio": 1 << 40,
}

// parseNumber reads a plain number: "1", "-3", "1.5" or "1,5" (French
// decimal comma). Anything else ("2 GiB", "1.2.3", "n/a") is not a number.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	body := strings.TrimLeft(s, "+-")
	if len(s)-len(body) > 1 || body == "" {
		return 0, false
	}
	seps := 0
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case isDigit(c):
		case (c == '.' || c == ','):
			seps++
			if seps > 1 || i == 0 || i == len(body)-1 {
				return 0, false
			}
		default:
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil {
		return 0, false
	}
	return f, true
}

// parseQuantity splits "1.918 GiB" or "512MiB" into a number and a unit.
func parseQuantity(s string) (float64, string, bool) {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && (isDigit(s[i]) || s[i] == '.' || s[i] == ',' || i == 0 && (s[i] == '-' || s[i] == '+')) {
		i++
	}
	n, ok := parseNumber(s[:i])
	unit := strings.TrimSpace(s[i:])
	if !ok || unit == "" {
		return 0, "", false
	}
	return n, unit, true
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
