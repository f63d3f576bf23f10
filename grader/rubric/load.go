package rubric

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tpgrade/tpgrade/grader/i18n"
	"gopkg.in/yaml.v3"
)

// PenaltyOnly is implemented by checks that can only take points away (the
// placeholder kind): their criteria must give `penalty:`, never `points:`.
// A kind that does not implement it, or returns false, may use either.
type PenaltyOnly interface {
	PenaltyOnly() bool
}

// DefaultFiles is the report file looked for when a rubric names none.
var DefaultFiles = FileNames{"README.md"}

// Parse loads a rubric from its source. name is the file name shown in error
// positions; kinds is the table of check kinds criteria may use. Every
// problem is reported at once: the error is an ErrorList sorted by position,
// one "name:line:col: message" per line. The rubric is nil when there is any
// error. Parse never panics, whatever src holds. A rubric parsed this way
// cannot include files: Load can.
func Parse(name string, src []byte, kinds Kinds) (*Rubric, error) {
	return Load(name, src, kinds, nil)
}

// Load is Parse for a rubric that may include files (its include key): the
// includer reads them. Errors in an included file are reported at their
// place in that file; the rubric's Hash covers every file included.
func Load(name string, src []byte, kinds Kinds, includer Includer) (r *Rubric, err error) {
	d := newDecoder(name, kinds)
	d.loader = &loader{kinds: kinds, includer: includer, criteria: d.criteria, files: []*decoder{d},
		loading: []string{fileKey(name)}, seen: map[string]string{}}
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, ErrorList{{File: name, Line: 1, Col: 1, Msg: fmt.Sprintf("tpgrade could not read this rubric (a bug in tpgrade: %v)", p)}}
		}
	}()
	root := d.parseYAML(src)
	if root == nil {
		return nil, d.loader.errors()
	}
	r = &Rubric{Name: name, Source: src}
	d.budget = 10*countNodes(root, 0) + 10000
	d.decodeRubric(root, r)
	if errs := d.loader.errors(); len(errs) > 0 {
		return nil, errs
	}
	r.Hash = d.loader.hash(src)
	for _, f := range d.loader.files[1:] {
		r.Included = append(r.Included, f.file)
	}
	return r, nil
}

// countNodes counts the nodes of a tree without following aliases.
func countNodes(n *yaml.Node, depth int) int {
	if depth > 10000 {
		return 0
	}
	c := 1
	for _, k := range n.Content {
		c += countNodes(k, depth+1)
	}
	return c
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// parseYAML reads the one YAML document of src and returns its root, or
// records why it cannot and returns nil.
func (d *decoder) parseYAML(src []byte) *yaml.Node {
	if !utf8.Valid(src) {
		line, col := firstInvalidUTF8(src)
		d.errs = append(d.errs, &LoadError{File: d.file, Line: line, Col: col, Msg: "the " + d.what() + " is not UTF-8 text: save it as UTF-8"})
		return nil
	}
	docs, err := parseDocuments(src)
	if err != nil {
		d.syntaxErrors(src, err)
		return nil
	}
	if len(docs) > 1 {
		second := docs[1]
		d.errs = append(d.errs, &LoadError{File: d.file, Line: second.Line, Col: second.Column, Msg: "a " + d.what() + " is one YAML document: remove this second one (after ---) or put it in its own file"})
		return nil
	}
	if len(docs) == 0 || len(docs[0].Content) == 0 || isNull(docs[0].Content[0]) {
		msg := "the rubric is empty: it needs at least an id and criteria"
		if d.included {
			msg = "the included file is empty: it needs criteria"
		}
		d.errs = append(d.errs, &LoadError{File: d.file, Line: 1, Col: 1, Msg: msg})
		return nil
	}
	root := docs[0].Content[0]
	if root.Kind != yaml.MappingNode {
		if d.included {
			d.at(root, "an included file is a mapping with criteria (a list, as in a rubric), got %s", describe(root))
			return nil
		}
		d.at(root, "a rubric is a mapping of keys (id, title, criteria ...), got %s", describe(root))
		return nil
	}
	return root
}

// parseDocuments reads every YAML document of src. yaml.v3 reports syntax
// errors as panics it recovers itself; anything else it might throw is
// recovered here too.
func parseDocuments(src []byte) (docs []*yaml.Node, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("yaml: %v", p)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return docs, err
		}
		docs = append(docs, &doc)
	}
}

// syntaxErrors reports the YAML syntax errors of src: the first, and, as
// long as each can be fixed by quoting a text (a fix diagnose has tried),
// the next ones, found in the text so fixed. A teacher who forgot the
// quotes in ten places hears of the ten at once.
func (d *decoder) syntaxErrors(src []byte, err error) {
	fixedLines := map[int]bool{}
	for i := 0; i < 20 && err != nil; i++ {
		line, fixed := d.syntaxError(src, err)
		if fixed == "" || fixedLines[line] {
			return
		}
		fixedLines[line] = true
		lines := splitLines(src)
		orig := string(lines[line-1])
		lines[line-1] = []byte(fixed + orig[len(strings.TrimRight(orig, "\r\n\u0085\u2028\u2029")):])
		src = bytes.Join(lines, nil)
		_, err = parseDocuments(src)
		if err != nil {
			// The next error must be on another line: columns of a line
			// already fixed have moved.
			if next, _ := d.locate(src, err); fixedLines[next] {
				return
			}
		}
	}
}

// syntaxError places a YAML syntax error. yaml.v3 gives a line that is often
// where the enclosing block began, and no column; so the shortest prefix of
// the file (in whole lines) that fails with the same complaint is searched
// for, by bisection: its last line is where the text stops being readable.
// diagnose then finds the column and the usual cause (see syntax.go); when
// it finds none, the error goes at the start of that line's content.
func (d *decoder) syntaxError(src []byte, err error) (line int, fixed string) {
	line, msg := d.locate(src, err)
	lines := splitLines(src)
	col := 1
	if ds, fixed, ok := diagnose(lines, line, msg); ok {
		for _, dg := range ds {
			d.errs = append(d.errs, &LoadError{File: d.file, Line: line, Col: dg.col, Msg: dg.msg})
		}
		return line, fixed
	}
	if line <= len(lines) {
		text := strings.TrimRight(string(lines[line-1]), "\r\n")
		if trimmed := strings.TrimLeft(text, " "); trimmed != "" {
			col = utf8.RuneCountInString(text[:len(text)-len(trimmed)]) + 1
		}
		msg += quoteHint(text)
	}
	d.errs = append(d.errs, &LoadError{File: d.file, Line: line, Col: col, Msg: "YAML syntax: " + msg})
	return line, ""
}

// locate finds the line where src stops being readable YAML, and yaml.v3's
// complaint without its "yaml: line N:" prefix.
func (d *decoder) locate(src []byte, err error) (int, string) {
	msg := yamlLine.ReplaceAllString(err.Error(), "")
	line := 0
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil && m[1] != "" {
		line, _ = strconv.Atoi(m[1])
	}
	lines := splitLines(src)
	fails := func(k int) bool {
		_, perr := parseDocuments(bytes.Join(lines[:k], nil))
		return perr != nil && yamlLine.ReplaceAllString(perr.Error(), "") == msg
	}
	// Invariant: the prefix of hi lines fails as the whole file does; lo
	// lines do not (or fail otherwise).
	if lo, hi := 0, len(lines); fails(hi) {
		for hi-lo > 1 {
			mid := (lo + hi) / 2
			if fails(mid) {
				hi = mid
			} else {
				lo = mid
			}
		}
		line = hi
	}
	if line < 1 {
		line = 1
	}
	if line > len(lines)+1 {
		line = len(lines) + 1
	}
	return line, msg
}

// splitLines cuts src after each line break as YAML counts them: \r\n, \r,
// \n, and the Unicode NEL, LS and PS.
func splitLines(src []byte) [][]byte {
	var out [][]byte
	start := 0
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		end := i + size
		switch r {
		case '\r':
			if end < len(src) && src[end] == '\n' {
				end++
			}
		case '\n', '\u0085', '\u2028', '\u2029':
		default:
			i = end
			continue
		}
		out = append(out, src[start:end])
		start, i = end, end
	}
	if start < len(src) || len(out) == 0 {
		out = append(out, src[start:])
	}
	return out
}

// firstInvalidUTF8 is the 1-based line and column of the first byte that is
// not UTF-8.
func firstInvalidUTF8(src []byte) (int, int) {
	for n, line := range splitLines(src) {
		col := 1
		for len(line) > 0 {
			r, size := utf8.DecodeRune(line)
			if r == utf8.RuneError && size <= 1 {
				return n + 1, col
			}
			col++
			line = line[size:]
		}
	}
	return 1, 1
}

// decodeRubric fills r from the root mapping and checks the rubric as a
// whole.
func (d *decoder) decodeRubric(root *yaml.Node, r *Rubric) {
	v := reflect.ValueOf(r).Elem()
	keys := d.fill(root, d.pairs(root), []target{{v: v, fields: fieldsOf(v.Type())}}, false)

	if e, ok := keys["id"]; !ok && !d.mayMiss(root, "id") {
		d.at(root, "missing key \"id\": the rubric's identifier (letters, digits, - and _), such as id: docker-tp1")
	} else if e.ok && r.ID == "" {
		d.at(d.resolve(e.val), "id is empty: give the rubric an identifier (letters, digits, - and _), such as id: docker-tp1")
	} else if e.ok {
		d.checkID(e.val, "id", r.ID)
	}
	if e, ok := keys["lang"]; ok && e.ok && r.Lang != "" {
		l, known := i18n.Parse(string(r.Lang))
		if !known {
			d.at(d.resolve(e.val), "lang must be en or fr (got %q)", r.Lang)
		}
		r.Lang = l
	}
	if len(r.Files) == 0 {
		r.Files = append(FileNames(nil), DefaultFiles...)
	}

	crit, hasCriteria := keys["criteria"]
	inc, hasInclude := keys["include"]
	own := len(r.Criteria)
	if hasInclude {
		d.includeAll(r.Include, &r.Criteria) // the entries that could be read
	}
	switch {
	case !hasCriteria && !hasInclude && !d.mayMiss(root, "criteria"):
		d.at(root, "missing key %q: a rubric needs at least one criterion", "criteria")
	case hasCriteria && crit.ok && own == 0 && !hasInclude:
		d.at(d.resolve(crit.val), "criteria is empty: a rubric needs at least one criterion")
	case hasInclude && inc.ok && len(r.Criteria) == 0 && d.loader.clean():
		d.at(d.resolve(inc.val), "the rubric has no criteria: neither its own nor in the files it includes")
	}

	// Points are known when every criterion's points decoded: only then
	// do the totals mean something. They are checked even when other keys
	// are wrong, so that one run of rubric check says everything.
	pointsKnown := len(r.Criteria) > 0 && !d.loader.pointsUnknown && (!hasCriteria || listOrNothing(d.resolve(crit.val)))
	for _, c := range r.Criteria {
		if cn := d.criteria[c]; cn == nil || cn.failed {
			pointsKnown = false
		}
	}
	d.uniqueIDs(r.Criteria)

	// Points and the scale.
	max := r.MaxPoints()
	scaleKey, hasScale := keys["scale"]
	if hasScale && scaleKey.ok && r.Scale <= 0 {
		d.at(d.resolve(scaleKey.val), "scale must be more than 0 (got %s); leave it out to grade out of the total of points", r.Scale)
	}
	if e, ok := keys["total"]; ok && e.ok {
		switch {
		case r.Total < 0:
			d.at(d.resolve(e.val), "total must be 0 or more (got %s)", r.Total)
		case pointsKnown && r.Total != max:
			d.at(d.resolve(e.val), "total is %s but the criteria's points add up to %s%s", r.Total, max, d.loader.inIncluded())
		}
	}
	if e, ok := keys["pass"]; ok && e.ok {
		switch {
		case r.Pass < 0:
			d.at(d.resolve(e.val), "pass must be 0 or more (got %s)", r.Pass)
		case hasScale && scaleKey.ok && r.Scale > 0 && r.Pass > r.Scale:
			d.at(d.resolve(e.val), "pass (%s) is more than the scale (%s)", r.Pass, r.Scale)
		case !hasScale && pointsKnown && r.Pass > max:
			d.at(d.resolve(e.val), "pass (%s) is more than the total of points (%s), the scale when scale is not set", r.Pass, max)
		}
	}
	if _, ok := keys["scale"]; !ok {
		// Without a scale, the grade is out of the total of points.
		r.Scale = max
	}
	if _, ok := keys["pass"]; !ok {
		// Half the grade, as a French "moyenne" and most pass marks are; a
		// rubric with no pass mark would otherwise let every report pass.
		r.Pass = r.Scale.Fraction(1, 2)
	}
	if pointsKnown && max == 0 {
		at := crit.val
		if !hasCriteria {
			at = inc.val
		}
		d.at(d.resolve(at), "the criteria are worth no points: at least one criterion needs points")
	}
}

// listOrNothing reports whether n is a list or null: a criteria key whose
// criteria could all be read.
func listOrNothing(n *yaml.Node) bool {
	return n != nil && (n.Kind == yaml.SequenceNode || isNull(n))
}

// uniqueIDs reports a criterion id used twice, in one file or across the
// files of an include, naming where it was first used.
func (d *decoder) uniqueIDs(criteria []*Criterion) {
	first := map[string]*criterionNodes{}
	for _, c := range criteria {
		cn := d.criteria[c]
		if cn == nil {
			continue
		}
		e, ok := cn.keys["id"]
		if !ok || !e.ok || c.ID == "" {
			continue
		}
		f, dup := first[c.ID]
		if !dup {
			first[c.ID] = cn
			continue
		}
		at := d.resolve(e.val)
		where := fmt.Sprintf("line %d", f.keys["id"].val.Line)
		if f.file != cn.file {
			fv := d.resolve(f.keys["id"].val)
			where = fmt.Sprintf("%s:%d:%d", f.file, fv.Line, fv.Column)
		}
		d.loader.errs = append(d.loader.errs, &LoadError{File: cn.file, Line: at.Line, Col: at.Column,
			Msg: fmt.Sprintf("criterion id %q is used twice (first at %s)", c.ID, where)})
	}
}

// checkID reports an identifier that is not letters, digits, - and _.
func (d *decoder) checkID(n *yaml.Node, key, id string) {
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' {
			d.at(d.resolve(n), "%s must be made of letters, digits, - and _ (got %q)", key, id)
			return
		}
	}
}

// criterionType holds the keys every criterion has, whatever its kind.
var criterionType = reflect.TypeOf(Criterion{})

// decodeNode reads one criterion: the common keys and, at the same level,
// its kind's own keys, decoded into the struct the kind's New returns.
func (c *Criterion) decodeNode(d *decoder, n *yaml.Node) {
	c.Line, c.Col = n.Line, n.Column
	cn := &criterionNodes{file: d.file, node: n}
	d.criteria[c] = cn
	if n.Kind != yaml.MappingNode {
		d.at(n, "expected a criterion (a mapping with id, kind, points ...), got %s", describe(n))
		cn.failed = true
		return
	}
	ps := d.pairs(n)
	common := target{v: reflect.ValueOf(c).Elem(), fields: fieldsOf(criterionType)}
	targets := []target{common}
	lenient := true // unknown keys are only known once the kind is

	var kindNode *yaml.Node
	for _, p := range ps {
		if p.key.Value == "kind" {
			kindNode = d.resolve(p.val)
		}
	}
	var kind Kind
	switch {
	case kindNode == nil:
		if !d.merged[n] {
			d.at(n, "missing key \"kind\": one of %s", strings.Join(d.kinds.Names(), ", "))
		}
	case kindNode.Kind != yaml.ScalarNode:
		// reported by fill: "expected text, got a list"
	case isNull(kindNode):
		d.at(kindNode, "kind must be one of %s (got nothing)", strings.Join(d.kinds.Names(), ", "))
	default:
		var ok bool
		kind, ok = d.kinds.Lookup(kindNode.Value)
		if !ok {
			dym := ""
			if s := suggest(kindNode.Value, d.kinds.Names()); s != "" {
				dym = fmt.Sprintf(", did you mean %q?", s)
			}
			d.at(kindNode, "kind must be one of %s (got %q%s)", strings.Join(d.kinds.Names(), ", "), kindNode.Value, dym)
		}
	}
	var check Check
	if kind.New != nil {
		check = kind.New()
		cv := reflect.ValueOf(check)
		if check == nil || cv.Kind() != reflect.Pointer || cv.Elem().Kind() != reflect.Struct {
			d.at(kindNode, "kind %q has no keys to read (a bug in tpgrade: its New must return a pointer to a struct)", kind.Name)
			check = nil
		} else {
			targets = append(targets, target{v: cv.Elem(), fields: fieldsOf(cv.Elem().Type()), owner: "kind " + kind.Name})
			lenient = false
		}
	}

	keys := d.fill(n, ps, targets, lenient)
	cn.keys = keys
	if check != nil {
		c.Check = check
		// Validate what the kind's keys say as soon as they decoded, even
		// if another key of the criterion is wrong (a misspelt "pionts"):
		// every error at once.
		if kindKeysOK(keys, fieldsOf(reflect.ValueOf(check).Elem().Type()), d.suggested[n]) {
			d.validate(n, reflect.ValueOf(check).Elem())
		}
	}

	if e, ok := keys["id"]; !ok && !d.mayMiss(n, "id") {
		d.at(n, "missing key \"id\": every criterion needs an id, unique in the rubric")
	} else if e.ok && c.ID == "" {
		d.at(d.resolve(e.val), "id is empty: every criterion needs an id, unique in the rubric")
	} else if e.ok {
		d.checkID(e.val, "a criterion id", c.ID)
	}

	pts, hasPoints := keys["points"]
	pen, hasPenalty := keys["penalty"]
	bon, hasBonus := keys["bonus"]
	// Without its points, a criterion's share of the totals is unknown.
	cn.failed = (hasPoints && !pts.ok) || (hasPenalty && !pen.ok) || (hasBonus && !bon.ok) || (!hasPoints && !hasPenalty && !hasBonus)
	penaltyOnly := false
	if po, ok := check.(PenaltyOnly); ok && po.PenaltyOnly() {
		penaltyOnly = true
	}
	switch {
	case hasPoints && hasPenalty:
		d.at(pen.key, "a criterion has points or a penalty, not both")
	case hasBonus && (hasPoints || hasPenalty):
		d.at(bon.key, "a criterion has points, a penalty or a bonus, only one of them")
	case penaltyOnly && hasPoints:
		d.at(pts.key, "kind %s can only take points away: write penalty: instead of points:", kind.Name)
	case penaltyOnly && hasBonus:
		d.at(bon.key, "kind %s can only take points away: write penalty: instead of bonus:", kind.Name)
	case hasBonus:
	case !hasPoints && !hasPenalty && (d.mayMiss(n, "points") || d.mayMiss(n, "penalty") || d.mayMiss(n, "bonus")):
	case !hasPoints && !hasPenalty && penaltyOnly:
		d.at(n, "missing key \"penalty\": the most this criterion can take away")
	case !hasPoints && !hasPenalty:
		d.at(n, "missing key \"points\": what a complete answer earns (or penalty: what a fault costs)")
	}
	if hasPoints && pts.ok && c.Points < 0 {
		d.at(d.resolve(pts.val), "points must be 0 or more (got %s); a criterion that takes points away uses penalty:", c.Points)
		cn.failed = true
	}
	if hasBonus && bon.ok && c.Bonus < 0 {
		d.at(d.resolve(bon.val), "bonus must be 0 or more (got %s)", c.Bonus)
		cn.failed = true
	}
	if hasPenalty && pen.ok && c.Penalty < 0 {
		d.at(d.resolve(pen.val), "penalty is the most a criterion can take away: write it as 0 or more (got %s)", c.Penalty)
		cn.failed = true
	}
}

// kindKeysOK reports whether every key of a kind that the criterion gives
// decoded cleanly and every key the kind requires is there: then its
// Validate sees real values, not the zero values of a failed decoding.
// A key suggested for a misspelt one counts as given and failed: its
// absence is already explained by the did-you-mean.
func kindKeysOK(keys map[string]entry, fields []field, suggested map[string]bool) bool {
	for _, f := range fields {
		e, found := keys[f.name]
		if found && !e.ok || !found && (f.required || suggested[f.name]) {
			return false
		}
	}
	return true
}

// HashOf is a rubric file's identity: the hex sha256 of its bytes, as
// sha256sum prints it. Check runs record it and pins compare with it.
func HashOf(src []byte) string {
	sum := sha256.Sum256(src)
	return hex.EncodeToString(sum[:])
}
