package rubric

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"reflect"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Includer reads a file that a rubric includes: ref as written in its
// include list, from the file named from (the rubric, or an included file).
// It returns the included file's name, shown in error positions and passed
// back as from for the files it includes in turn, and its bytes. The
// loader does no I/O itself: the caller decides where files come from (the
// disk, the files bundled in tpgrade, an Action's workspace).
type Includer func(from, ref string) (name string, src []byte, err error)

// MaxIncluded bounds the number of files one rubric may include, directly
// or not: a course shares a few pieces, not hundreds.
const MaxIncluded = 64

// Include is one entry of a rubric's include list, where it was written.
type Include struct {
	Ref  string // as written: a path relative to the including file, or a bundled name
	Line int
	Col  int
}

// Includes is the include list: one file or a list of files.
//
//	include: [common/structure.yaml, leftovers]
type Includes []Include

func (is *Includes) decodeNode(d *decoder, n *yaml.Node) {
	items := []*yaml.Node{n}
	switch {
	case isNull(n):
		return
	case n.Kind == yaml.SequenceNode:
		items = n.Content
	case n.Kind != yaml.ScalarNode:
		d.at(n, "expected a file to include, or a list of them, got %s", describe(n))
		return
	}
	out := make(Includes, 0, len(items))
	for _, c := range items {
		c = d.resolve(c)
		if c == nil {
			continue
		}
		if c.Kind != yaml.ScalarNode || strings.TrimSpace(c.Value) == "" {
			d.at(c, "expected a file to include (a path relative to this file, or a bundled name), got %s", describe(c))
			continue
		}
		out = append(out, Include{Ref: c.Value, Line: c.Line, Col: c.Column})
	}
	*is = out
}

// JSONSchema: one file or a list of files.
func (Includes) JSONSchema() map[string]any {
	file := map[string]any{"type": "string", "minLength": 1}
	return map[string]any{
		"anyOf": []any{file, map[string]any{"type": "array", "items": file}},
	}
}

// includedFile is what an included file may hold: criteria, and files to
// include in turn. The rubric's other keys (id, title, scale ...) belong to
// the rubric that includes it.
type includedFile struct {
	Include  Includes     `yaml:"include"`
	Criteria []*Criterion `yaml:"criteria"`
}

// loader is what the files of one rubric share while they load: the kinds,
// the includer, where each criterion was written, and the files read.
type loader struct {
	kinds    Kinds
	includer Includer
	criteria map[*Criterion]*criterionNodes
	files    []*decoder        // every file, the rubric first, in load order
	loading  []string          // the chain of files being loaded, to find cycles
	seen     map[string]string // file key -> where it was included (file:line:col)
	hashes   []string          // one line per included file, for the rubric's hash
	errs     ErrorList         // errors about several files (a duplicate id)
	// pointsUnknown is set when an included file's criteria could not be
	// read: the totals cannot be checked.
	pointsUnknown bool
}

// fileKey is a file's identity for cycles and repeats: its name cleaned.
func fileKey(name string) string {
	return path.Clean(strings.ReplaceAll(name, `\`, "/"))
}

// clean reports whether no file has an error so far.
func (l *loader) clean() bool {
	if len(l.errs) > 0 {
		return false
	}
	for _, d := range l.files {
		if len(d.errs) > 0 {
			return false
		}
	}
	return true
}

// inIncluded says, in a message about totals, that included criteria count.
func (l *loader) inIncluded() string {
	if len(l.files) > 1 {
		return " (included criteria counted)"
	}
	return ""
}

// errors gathers every file's errors: the rubric's first, then each
// included file's in load order, each file's sorted by position.
func (l *loader) errors() ErrorList {
	order := map[string]int{}
	var all ErrorList
	for i, d := range l.files {
		if _, ok := order[d.file]; !ok {
			order[d.file] = i
		}
		all = append(all, d.errs...)
	}
	all = append(all, l.errs...)
	sort.SliceStable(all, func(i, j int) bool {
		a, b := order[all[i].File], order[all[j].File]
		return a < b
	})
	// Sort by position within each file, then drop repeats.
	var out ErrorList
	for start := 0; start < len(all); {
		end := start
		for end < len(all) && all[end].File == all[start].File {
			end++
		}
		out = append(out, ErrorList(append([]*LoadError(nil), all[start:end]...)).sorted()...)
		start = end
	}
	return out
}

// hash is the rubric's identity: the sha256 of its file when it includes
// none (what sha256sum prints), else the sha256 of its file followed by one
// line per included file, in load order, with that file's sha256: a pin
// breaks whenever any of them changes.
func (l *loader) hash(src []byte) string {
	if len(l.hashes) == 0 {
		return HashOf(src)
	}
	h := sha256.New()
	h.Write(src)
	for _, line := range l.hashes {
		h.Write([]byte(line))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// includeAll loads the files of an include list, in order, and appends
// their criteria to criteria.
func (d *decoder) includeAll(incs Includes, criteria *[]*Criterion) {
	for _, inc := range incs {
		d.includeOne(inc, criteria)
	}
}

func (d *decoder) includeOne(inc Include, criteria *[]*Criterion) {
	l := d.loader
	here := fmt.Sprintf("%s:%d:%d", d.file, inc.Line, inc.Col)
	errAt := func(format string, args ...any) {
		d.errs = append(d.errs, &LoadError{File: d.file, Line: inc.Line, Col: inc.Col, Msg: fmt.Sprintf(format, args...)})
	}
	if l.includer == nil {
		errAt("cannot include %q here: this rubric is read without its folder; check it with tpgrade rubric check FILE", inc.Ref)
		return
	}
	if len(l.files) > MaxIncluded {
		errAt("too many included files (more than %d)", MaxIncluded)
		return
	}
	name, src, err := l.includer(d.file, inc.Ref)
	if err != nil {
		errAt("cannot include %q: %v", inc.Ref, err)
		return
	}
	key := fileKey(name)
	for i, f := range l.loading {
		if f == key {
			chain := append(append([]string(nil), l.loading[i:]...), key)
			errAt("include cycle: %s", strings.Join(chain, " includes "))
			return
		}
	}
	if where, ok := l.seen[key]; ok {
		errAt("%s is already included (at %s): a file is included once", name, where)
		return
	}
	l.seen[key] = here
	l.hashes = append(l.hashes, fmt.Sprintf("\n# include %s sha256 %s\n", inc.Ref, HashOf(src)))

	sub := newDecoder(name, l.kinds)
	sub.loader, sub.criteria = l, l.criteria
	l.files = append(l.files, sub)
	sub.included = true
	root := sub.parseYAML(src)
	if root == nil {
		l.pointsUnknown = true
		return
	}
	sub.budget = 10*countNodes(root, 0) + 10000
	l.loading = append(l.loading, key)
	defer func() { l.loading = l.loading[:len(l.loading)-1] }()

	var f includedFile
	var keep []pair
	for _, p := range sub.pairs(root) {
		if p.key.Value != "include" && p.key.Value != "criteria" && rubricKey(p.key.Value) {
			sub.at(p.key, "an included file holds only criteria (and include): %s belongs in the rubric that includes it", p.key.Value)
			continue
		}
		keep = append(keep, p)
	}
	v := reflect.ValueOf(&f).Elem()
	keys := sub.fill(root, keep, []target{{v: v, fields: fieldsOf(v.Type())}}, false)
	crit, hasCriteria := keys["criteria"]
	_, hasInclude := keys["include"]
	switch {
	case !hasCriteria && !hasInclude && !sub.mayMiss(root, "criteria"):
		sub.at(root, "missing key %q: an included file holds criteria (a list, as in a rubric)", "criteria")
	case hasCriteria && crit.ok && len(f.Criteria) == 0 && !hasInclude:
		sub.at(sub.resolve(crit.val), "criteria is empty: an included file holds at least one criterion")
	}
	if hasCriteria && !listOrNothing(sub.resolve(crit.val)) {
		l.pointsUnknown = true // its criteria could not be read: no totals
	}
	*criteria = append(*criteria, f.Criteria...)
	sub.includeAll(f.Include, criteria)
}

// rubricKey reports whether key is a key of a rubric file.
func rubricKey(key string) bool {
	for _, f := range fieldsOf(reflect.TypeOf(Rubric{})) {
		if f.name == key {
			return true
		}
	}
	return false
}
