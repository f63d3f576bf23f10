package rubric

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/agnivade/levenshtein"
	"gopkg.in/yaml.v3"
)

// LoadError is one problem in a rubric file, at a line and column. Lines and
// columns start at 1 and columns count Unicode characters, as yaml.v3 does.
// Line 0 means the whole file.
type LoadError struct {
	File string
	Line int
	Col  int
	Msg  string
}

// Error prints "file:line:col: message".
func (e *LoadError) Error() string {
	switch {
	case e.Line <= 0:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	case e.Col <= 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// ErrorAt makes an error at a line and column, for a Validate method that
// knows a more precise place than the node its value came from (a Named
// entry's Line and Col, for instance). The loader fills in the file name.
func ErrorAt(line, col int, format string, args ...any) *LoadError {
	return &LoadError{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// ErrorList is every problem found in a rubric file, sorted by position. It
// prints one error per line.
type ErrorList []*LoadError

// Error prints one error per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns nil when the list is empty, the list itself otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// sort orders errors by position, then message, and drops exact repeats
// (an alias used twice reports its own problems once).
func (l ErrorList) sorted() ErrorList {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
	out := l[:0]
	for i, e := range l {
		if i > 0 && *e == *l[i-1] {
			continue
		}
		out = append(out, e)
	}
	return out
}

// collector gathers positioned errors for one file.
type collector struct {
	file string
	errs ErrorList
}

// at records an error at node n.
func (c *collector) at(n *yaml.Node, format string, args ...any) {
	c.errs = append(c.errs, &LoadError{File: c.file, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)})
}

// adopt records err, returned by an UnmarshalYAML or Validate method, at node
// n; errors that carry their own position keep it.
func (c *collector) adopt(n *yaml.Node, err error) {
	var list ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			c.adopt(n, e)
		}
		return
	}
	var pe *LoadError
	if errors.As(err, &pe) && pe.Line > 0 {
		c.errs = append(c.errs, &LoadError{File: c.file, Line: pe.Line, Col: pe.Col, Msg: pe.Msg})
		return
	}
	if pe != nil {
		c.at(n, "%s", pe.Msg)
		return
	}
	c.at(n, "%s", err.Error())
}

// suggest returns the candidate closest to word when it is close enough to
// be a typo: at most one edit, plus one per four letters of the word, so
// "colums" finds "columns" and "tabel" finds "table", but "xy" finds no "id".
// Comparison ignores case; ties go to the earlier candidate.
func suggest(word string, candidates []string) string {
	w := strings.ToLower(word)
	best, bestDist := "", 1+len([]rune(w))/4+1
	for _, c := range candidates {
		if c == word {
			continue
		}
		d := levenshtein.ComputeDistance(w, strings.ToLower(c))
		if d > 1 && sameLetters(w, strings.ToLower(c)) {
			d = 1 // two letters swapped: "kye", "tabel"
		}
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// Suggest is the candidate closest to word when word looks like a typo of
// it (the loader's did-you-mean), or "".
func Suggest(word string, candidates []string) string { return suggest(word, candidates) }

// sameLetters reports whether a and b are made of the same letters.
func sameLetters(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	sort.Slice(ra, func(i, j int) bool { return ra[i] < ra[j] })
	sort.Slice(rb, func(i, j int) bool { return rb[i] < rb[j] })
	return string(ra) == string(rb)
}

// KeyError is a Validate error about one key of the mapping the value was
// decoded from: the loader reports it at that key's value rather than at the
// start of the mapping.
type KeyError struct {
	Key string
	Msg string
}

func (e *KeyError) Error() string { return e.Msg }

// ErrorOn makes a Validate error about key.
func ErrorOn(key, format string, args ...any) error {
	return &KeyError{Key: key, Msg: fmt.Sprintf(format, args...)}
}

// UnknownKey is the error for an unknown key of a mapping that a value
// decodes itself (a yaml.Unmarshaler, such as a command's {regex, show}):
// at the key, with a did-you-mean among valid, as the loader says it for
// the mappings it decodes. what names the mapping: "a command".
func UnknownKey(key *yaml.Node, what string, valid ...string) *LoadError {
	if s := suggest(key.Value, valid); s != "" {
		return ErrorAt(key.Line, key.Column, "unknown key %q in %s (did you mean %q?)", key.Value, what, s)
	}
	quoted := make([]string, len(valid))
	for i, v := range valid {
		quoted[i] = fmt.Sprintf("%q", v)
	}
	keys := strings.Join(quoted, ", ")
	if n := len(quoted); n > 1 {
		keys = strings.Join(quoted[:n-1], ", ") + " and " + quoted[n-1]
	}
	return ErrorAt(key.Line, key.Column, "unknown key %q in %s (the keys are %s)", key.Value, what, keys)
}
