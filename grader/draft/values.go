package draft

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/fold"
	"github.com/tpgrade/tpgrade/grader/i18n"
)

// Values: the key/value data a model shows (table rows, "Key: value" lines
// of pasted output, "**Key**: value" items), each with a value rule
// inferred from the model's value: a version gives a version constraint, a
// number a range, a single word one_of, a list contains, an identifier a
// regular expression. Each value has its rules from the most specific to
// none at all: the draft keeps the first one the model itself passes.

// value is one value the draft asks for.
type value struct {
	key    string      // as the model writes it
	model  string      // the model's value
	line   int         // where the model shows it
	from   string      // the command that printed it, for output_of
	rules  []valueRule // most specific first; the last may be the empty rule
	chosen int         // the rule the model passes; -1: none
	earned []bool      // per rule: the model passes it (set by the probe)
}

// valueRule is one inferred rule: its YAML (nil for "any value") and what
// the teacher should know about it.
type valueRule struct {
	node *yaml.Node
	note i18n.Msg
}

var (
	versionShape = lazyRegexp(`^v?(\d+)\.(\d+)(\.\d+)*([-+~][0-9A-Za-z.\-+~]*)?$`)
	numberShape  = lazyRegexp(`^-?\d+([.,]\d+)?$`)
	hexShape     = lazyRegexp(`^[0-9a-f]{7,64}$`)
	dateShape    = lazyRegexp(`\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}:\d{2}|\b\d{1,2}/\d{1,2}/\d{2,4}\b`)
	quantityRe   = lazyRegexp(`^(\d+(?:[.,]\d+)?)\s?([A-Za-z]{1,3})$`)
)

// byteUnits are the units of a size, by the power they stand for: a value
// in one is accepted in any of its family.
var byteUnits = map[string][]string{
	"b": {"B", "o"}, "o": {"o", "B"},
	"kb": {"KB", "KiB", "kB", "Ko", "Kio"}, "kib": {"KiB", "KB", "kB", "Kio", "Ko"}, "ko": {"Ko", "Kio", "KB", "KiB"}, "kio": {"Kio", "Ko", "KiB", "KB"},
	"mb": {"MB", "MiB", "Mo", "Mio"}, "mib": {"MiB", "MB", "Mio", "Mo"}, "mo": {"Mo", "Mio", "MB", "MiB"}, "mio": {"Mio", "Mo", "MiB", "MB"},
	"gb": {"GB", "GiB", "Go", "Gio"}, "gib": {"GiB", "GB", "Gio", "Go"}, "go": {"Go", "Gio", "GB", "GiB"}, "gio": {"Gio", "Go", "GiB", "GB"},
	"tb": {"TB", "TiB", "To", "Tio"}, "tib": {"TiB", "TB", "Tio", "To"}, "to": {"To", "Tio", "TB", "TiB"}, "tio": {"Tio", "To", "TiB", "TB"},
}

// cleanValue is a value as a rule reads it, without what JSON output puts
// around it.
func cleanValue(v string) string {
	v = strings.TrimSpace(v)
	v = strings.TrimSuffix(v, ",")
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		v = v[1 : len(v)-1]
	}
	return strings.TrimSpace(v)
}

// volatile reports whether a value changes from one run or one machine to
// the next in a way no rule can say (a date, a digest, a URL, nothing).
func volatile(v string) bool {
	k := strings.ToLower(v)
	switch k {
	case "", "null", "none", "nil", "n/a", "-", "<none>", "[]", "{}", "[", "{":
		return true
	}
	return strings.Contains(v, "://") || strings.HasPrefix(k, "sha256:") || dateShape().MatchString(v)
}

// rulesFor infers the rules of a value, most specific first. names are
// the words the model's commands use as names its students choose (a
// container's, a volume's): such a value can be anything.
func rulesFor(key, v string, names map[string]bool) []valueRule {
	none := valueRule{note: i18n.M("any value: add a rule (one_of, number, regex ...) if only some are right",
		"toute valeur : ajoutez une règle (one_of, number, regex ...) si seules certaines sont justes")}
	isVersionKey := strings.Contains(fold.Key(key), "version")
	switch {
	case numberShape().MatchString(v) && !(isVersionKey && strings.ContainsAny(v, ".,")):
		n, _ := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
		if n < 0 {
			return []valueRule{none}
		}
		max := niceCeil(math.Max(10, 10*n))
		return []valueRule{{node: flowMap("number", flowMap("min", plain("0"), "max", plain(formatFloat(max)))),
			note: i18n.M("a number from 0 to %s: your model has %s; narrow or widen the range",
				"un nombre de 0 à %s : votre corrigé donne %s ; resserrez ou élargissez l'intervalle", formatFloat(max), v)}, none}
	case versionShape().MatchString(v):
		m := versionShape().FindStringSubmatch(v)
		floor := m[1]
		if m[1] == "0" {
			floor = "0." + m[2]
		}
		c := ">= " + floor
		return []valueRule{
			{node: flowMap("version", str(c)), note: i18n.M("a version %s (your model: %s): lower it if students' machines may run older versions",
				"une version %s (votre corrigé : %s) : abaissez-la si les machines des étudiants peuvent être plus anciennes", c, v)},
			{node: flowMap("regex", str(`^v?\d+\.\d+`), "expected", text(i18n.M("a version number such as "+v, "un numéro de version comme "+v))),
				note: i18n.M("a version number (your model: %s)", "un numéro de version (votre corrigé : %s)", v)},
			none}
	case hexShape().MatchString(strings.ToLower(v)) && strings.ContainsAny(v, "0123456789") && strings.ContainsAny(strings.ToLower(v), "abcdef"):
		return []valueRule{{node: flowMap("regex", str(`^[0-9a-f]{7,64}$`), "expected", text(i18n.M("a hexadecimal id such as "+shorten(v, 12), "un identifiant hexadécimal comme "+shorten(v, 12)))),
			note: i18n.M("an identifier: it differs on every machine", "un identifiant : il change d'une machine à l'autre")}, none}
	}
	if m := quantityRe().FindStringSubmatch(v); m != nil {
		if units, ok := byteUnits[strings.ToLower(m[2])]; ok {
			us := make([]*yaml.Node, len(units))
			for i, u := range units {
				us[i] = str(u)
			}
			return []valueRule{{node: flowMap("quantity", flowMap("units", flowSeq(us...))),
				note: i18n.M("a size (your model: %s): add min and max, in the first unit, if only some are right",
					"une taille (votre corrigé : %s) : ajoutez min et max, dans la première unité, si seules certaines conviennent", v)}, none}
		}
	}
	if items := listItems(v); len(items) >= 2 {
		ns := make([]*yaml.Node, len(items))
		for i, it := range items {
			ns[i] = str(it)
		}
		return []valueRule{{node: flowMap("contains", flowSeq(ns...)),
			note: i18n.M("must name each of these, in any order: remove those students may not have",
				"doit citer chacun de ces éléments, dans n'importe quel ordre : retirez ceux que les étudiants peuvent ne pas avoir")}, none}
	}
	if !strings.ContainsAny(v, " \t") && hasLetter(v) {
		for _, part := range strings.FieldsFunc(fold.Key(v), func(r rune) bool { return strings.ContainsRune("/._-: ", r) }) {
			if names[part] || names[fold.Key(v)] {
				return []valueRule{{note: i18n.M("it holds a name your students choose: any value", "il contient un nom choisi par l'étudiant : toute valeur")}}
			}
		}
		if strings.HasPrefix(v, "/home/") || strings.HasPrefix(v, "/Users/") || strings.HasPrefix(v, "C:\\") {
			return []valueRule{none}
		}
		return []valueRule{{node: flowMap("one_of", flowSeq(str(v))),
			note: i18n.M("your model's value: add the others students may see", "la valeur de votre corrigé : ajoutez celles que les étudiants peuvent voir")}, none}
	}
	return []valueRule{none}
}

// listItems splits "a, b, c" into its items when each is one word.
func listItems(v string) []string {
	if !strings.Contains(v, ",") {
		return nil
	}
	parts := strings.Split(v, ",")
	if len(parts) > 12 {
		return nil
	}
	var out []string
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || strings.ContainsAny(p, " \t") || !hasLetter(p) {
			return nil
		}
		out = append(out, p)
	}
	return out
}

// niceCeil rounds up to 1, 2 or 5 times a power of ten.
func niceCeil(x float64) float64 {
	if x <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x {
			return m * p
		}
	}
	return 10 * p
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// keyShape reports whether a key reads as the name of a value, not as the
// start of a sentence ("Pour créer le fork: https://...") or an identifier.
func keyShape(k string) bool {
	words := strings.Fields(fold.Key(k))
	if len(words) == 0 || len(words) > 5 || !hasLetter(k) || isFunction(words[0]) {
		return false
	}
	lk := strings.ToLower(k)
	return !(hexShape().MatchString(lk) && strings.ContainsAny(lk, "0123456789"))
}

// headerLike reports whether a table's first row reads as column titles
// (| Component | Version |) rather than as a first pair of data
// (| Storage Driver | overlay2 |): each cell capitalised words without
// digits or the marks of a value.
func headerLike(cells []*document.Cell) bool {
	if len(cells) < 2 {
		return false
	}
	for _, c := range cells[1:] {
		t := strings.TrimSpace(c.Text)
		if t == "" {
			continue
		}
		first := []rune(t)[0]
		if !hasLetter(t) || strings.ToUpper(string(first)) != string(first) || strings.ContainsAny(t, "0123456789./_:-=,") || len(strings.Fields(t)) > 4 {
			return false
		}
	}
	return true
}

// cellAt finds the row and column of the cell at span in t.
func cellAt(t *document.Table, span document.Span) (row, col int, ok bool) {
	for i, r := range t.Rows {
		for j, c := range r {
			if c.Span == span {
				return i, j, true
			}
		}
	}
	return 0, 0, false
}

// dataFact reports whether a fact of a table is read the way a reader
// reads a key/value table: a row's first cell and the cell next to it
// (below a header row, or in a first row that is data), or a header cell
// over the single row of values under it (| Client | Server | over |
// 27.3.1 | 27.3.1 |); not a column title over a column of values.
func dataFact(f *document.Fact) bool {
	t := f.Table
	if t == nil {
		return true
	}
	ki, kj, ok := cellAt(t, f.KeySpan)
	vi, vj, ok2 := cellAt(t, f.Span)
	switch {
	case !ok || !ok2:
		return false
	case ki == vi:
		return kj == 0 && (ki > 0 || !headerLike(t.Rows[0]))
	case kj == vj:
		return ki == 0 && vi == 1 && len(t.Rows) == 2 && headerLike(t.Rows[0])
	}
	return false
}

// valueLabel is how a value is named in a comment.
func valueLabel(v *value) string { return fmt.Sprintf("%s: %s", v.key, v.model) }
