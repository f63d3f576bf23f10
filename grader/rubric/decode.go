package rubric

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// The strict decoder. yaml.v3's Decode silently drops unknown keys and keeps
// the last of two equal keys; a teacher's typo must instead be an error at its
// place. So the loader walks yaml.Node itself and fills Go values by
// reflection, following the same yaml:"..." tags:
//
//   - a struct is a mapping; its keys are the fields' yaml tags (an untagged
//     field is its lower-cased name, `yaml:"-"` is not a key, an embedded
//     struct or `yaml:",inline"` lends its keys to the outer mapping);
//     unknown and repeated keys are errors, with a "did you mean" among the
//     keys valid at that place;
//   - struct tags understood besides yaml: `required:"true"` (a missing key
//     is an error at the mapping), `enum:"contains,exact"` (a text field
//     takes one of these words), `doc:"..."` (the JSON Schema description);
//   - a value whose pointer implements yaml.Unmarshaler (Points, Names,
//     Pattern) decodes itself from its node; its error is placed at the node,
//     unless it returns a *LoadError or ErrorList with positions of its own;
//   - after a value decoded without error, a Validator's Validate runs and its
//     error is placed the same way;
//   - null (`key:` with nothing after it) leaves the zero value, except for
//     types that decode themselves;
//   - aliases (*name) are followed; merge keys (<<) are refused.

// nodeDecoder is implemented by the package's own types whose decoding needs
// the decoder itself (Named, Feedback, Criterion).
type nodeDecoder interface {
	decodeNode(d *decoder, n *yaml.Node)
}

var (
	unmarshalerType = reflect.TypeOf((*yaml.Unmarshaler)(nil)).Elem()
	validatorType   = reflect.TypeOf((*Validator)(nil)).Elem()
	nodeDecoderType = reflect.TypeOf((*nodeDecoder)(nil)).Elem()
)

// decoder fills Go values from one rubric file's nodes.
type decoder struct {
	collector
	kinds Kinds
	// budget bounds the work aliases can cause: a few aliases of aliases
	// ("billion laughs") would otherwise expand into billions of nodes.
	budget    int
	exhausted bool
	// keys of each decoded criterion, for the rubric-level checks.
	criteria map[*Criterion]*criterionNodes
	// mappings with a (refused) merge key: their missing keys are not
	// reported, since they were probably in the merged mapping.
	merged map[*yaml.Node]bool
	// keys suggested by a "did you mean": not reported missing as well.
	suggested map[*yaml.Node]map[string]bool
	// loader is shared by the rubric's file and the files it includes.
	loader   *loader
	included bool // the file is included by another
}

// what names the file for messages: a rubric, or an included file.
func (d *decoder) what() string {
	if d.included {
		return "included file"
	}
	return "rubric"
}

// newDecoder makes a decoder for the file name, whose criteria may use
// kinds.
func newDecoder(name string, kinds Kinds) *decoder {
	return &decoder{collector: collector{file: name}, kinds: kinds, criteria: map[*Criterion]*criterionNodes{},
		merged: map[*yaml.Node]bool{}, suggested: map[*yaml.Node]map[string]bool{}, budget: 10000}
}

// criterionNodes keeps where a criterion's keys were written.
type criterionNodes struct {
	file   string // the file it is written in
	node   *yaml.Node
	keys   map[string]entry
	failed bool // its points or penalty did not decode
}

// spend counts one node visited; false once the budget is used up.
func (d *decoder) spend(n *yaml.Node) bool {
	if d.budget <= 0 {
		if !d.exhausted {
			d.exhausted = true
			d.at(n, "this rubric expands to too many values once its aliases (*name) are followed")
		}
		return false
	}
	d.budget--
	return true
}

// resolve follows aliases, refusing chains that loop.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode; i++ {
		if n.Alias == nil || i > 100 {
			d.at(n, "alias *%s cannot be followed", n.Value)
			return nil
		}
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// decode fills v (addressable) from n, then validates it.
func (d *decoder) decode(n *yaml.Node, v reflect.Value) {
	n = d.resolve(n)
	if n == nil || !d.spend(n) {
		return
	}
	before := len(d.errs)
	d.decodeValue(n, v)
	if len(d.errs) == before && v.Kind() != reflect.Pointer {
		d.validate(n, v)
	}
}

// validate runs v's Validate method, if it has one.
func (d *decoder) validate(n *yaml.Node, v reflect.Value) {
	var val Validator
	switch {
	case v.CanAddr() && v.Addr().Type().Implements(validatorType):
		val = v.Addr().Interface().(Validator)
	case v.Type().Implements(validatorType):
		val = v.Interface().(Validator)
	default:
		return
	}
	if err := val.Validate(); err != nil {
		var ke *KeyError
		if errors.As(err, &ke) && n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == ke.Key {
					d.adopt(d.resolve(n.Content[i+1]), errors.New(ke.Msg))
					return
				}
			}
		}
		d.adopt(n, err)
	}
}

func (d *decoder) decodeValue(n *yaml.Node, v reflect.Value) {
	if v.CanAddr() {
		p := v.Addr()
		if p.Type().Implements(nodeDecoderType) {
			p.Interface().(nodeDecoder).decodeNode(d, n)
			return
		}
		if p.Type().Implements(unmarshalerType) {
			if err := p.Interface().(yaml.Unmarshaler).UnmarshalYAML(n); err != nil {
				d.adopt(n, err)
			}
			return
		}
	}
	switch v.Kind() {
	case reflect.Pointer:
		// A type that decodes itself also judges null (a criterion that is
		// nothing is an error); other pointers stay nil.
		if isNull(n) && !v.Type().Implements(nodeDecoderType) {
			return
		}
		e := reflect.New(v.Type().Elem())
		d.decode(n, e.Elem())
		v.Set(e)
	case reflect.Struct:
		d.decodeStruct(n, v)
	case reflect.Slice:
		d.decodeSlice(n, v)
	case reflect.Map:
		d.decodeMap(n, v)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.at(n, "expected text, got %s", describe(n))
			return
		}
		if !isNull(n) {
			v.SetString(n.Value)
		}
	case reflect.Bool:
		b, ok := parseBool(n)
		if !ok {
			d.at(n, "expected true or false, got %s", describe(n))
			return
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if isNull(n) {
			return
		}
		i, err := strconv.ParseInt(n.Value, 0, v.Type().Bits())
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!str") || err != nil {
			d.at(n, "expected a whole number, got %s", describe(n))
			return
		}
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if isNull(n) {
			return
		}
		u, err := strconv.ParseUint(n.Value, 0, v.Type().Bits())
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!str") || err != nil {
			d.at(n, "expected a whole number of 0 or more, got %s", describe(n))
			return
		}
		v.SetUint(u)
	case reflect.Float32, reflect.Float64:
		if isNull(n) {
			return
		}
		f, ok := parseNumber(n)
		if !ok {
			d.at(n, "expected a number, got %s", describe(n))
			return
		}
		v.SetFloat(f)
	default:
		d.at(n, "tpgrade cannot read a value of Go type %s here (a bug in tpgrade)", v.Type())
	}
}

// parseBool accepts true/false, and yes/no/on/off as YAML 1.1 did.
func parseBool(n *yaml.Node) (bool, bool) {
	if n.Kind != yaml.ScalarNode {
		return false, false
	}
	switch strings.ToLower(n.Value) {
	case "true", "yes", "on":
		return true, n.Tag == "!!bool" || n.Tag == "!!str"
	case "false", "no", "off":
		return false, n.Tag == "!!bool" || n.Tag == "!!str"
	}
	return false, false
}

// parseNumber reads a finite number; a French decimal comma ("0,5") is
// accepted as for points.
func parseNumber(n *yaml.Node) (float64, bool) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float" && n.Tag != "!!str") {
		return 0, false
	}
	s := strings.TrimSpace(n.Value)
	if n.Tag == "!!str" {
		s = strings.Replace(s, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if i, err2 := strconv.ParseInt(s, 0, 64); err2 == nil && n.Tag == "!!int" {
			return float64(i), true
		}
		return 0, false
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.at(n, "expected a list, got %s", describe(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, c := range n.Content {
		d.decode(c, s.Index(i))
	}
	v.Set(s)
}

func (d *decoder) decodeMap(n *yaml.Node, v reflect.Value) {
	if v.Type().Key().Kind() != reflect.String {
		d.at(n, "tpgrade cannot read a map of Go type %s (a bug in tpgrade)", v.Type())
		return
	}
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.at(n, "expected a mapping (key: value lines), got %s", describe(n))
		return
	}
	m := reflect.MakeMap(v.Type())
	for _, p := range d.pairs(n) {
		e := reflect.New(v.Type().Elem()).Elem()
		d.decode(p.val, e)
		m.SetMapIndex(reflect.ValueOf(p.key.Value).Convert(v.Type().Key()), e)
	}
	v.Set(m)
}

// pair is one key and its value in a mapping.
type pair struct{ key, val *yaml.Node }

// pairs lists the key/value pairs of mapping n, reporting keys that are not
// plain words, merge keys, and keys written twice (the second is dropped).
func (d *decoder) pairs(n *yaml.Node) []pair {
	out := make([]pair, 0, len(n.Content)/2)
	first := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Tag == "!!merge" {
			d.at(k, "merge keys (<<) are not supported: write the keys out")
			d.merged[n] = true
			continue
		}
		rk := d.resolve(k)
		if rk == nil {
			continue
		}
		if rk.Kind != yaml.ScalarNode {
			d.at(k, "a key must be a word, got %s", describe(rk))
			continue
		}
		if f, ok := first[rk.Value]; ok {
			d.at(k, "key %q is written twice (first at line %d)", rk.Value, f.Line)
			continue
		}
		first[rk.Value] = k
		out = append(out, pair{key: &yaml.Node{Kind: yaml.ScalarNode, Tag: rk.Tag, Value: rk.Value, Line: k.Line, Column: k.Column}, val: v})
	}
	return out
}

// field is one key of a struct.
type field struct {
	name     string
	index    []int
	doc      string
	required bool
	enum     []string
}

var fieldCache sync.Map // reflect.Type -> []field

// fieldsOf lists the keys of struct type t, inline structs flattened, in
// declaration order.
func fieldsOf(t reflect.Type) []field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]field)
	}
	var fs []field
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		inline := strings.Contains(","+opts+",", ",inline,") || (sf.Anonymous && tag == "")
		if inline && sf.Type.Kind() == reflect.Struct {
			for _, f := range fieldsOf(sf.Type) {
				f.index = append([]int{i}, f.index...)
				fs = append(fs, f)
			}
			continue
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(sf.Name)
		}
		f := field{name: name, index: []int{i}, doc: sf.Tag.Get("doc"), required: sf.Tag.Get("required") == "true"}
		if e := sf.Tag.Get("enum"); e != "" {
			f.enum = strings.Split(e, ",")
		}
		fs = append(fs, f)
	}
	fieldCache.Store(t, fs)
	return fs
}

// target is a struct whose keys a mapping fills.
type target struct {
	v      reflect.Value
	fields []field
	owner  string // "kind section": named in "missing key" errors
}

// entry is a key found in a mapping and whether its value decoded cleanly.
type entry struct {
	pair
	ok bool
}

// fill decodes the pairs of mapping n into the targets' fields (a key goes
// to the first target that has it). Unknown keys are errors unless lenient.
// It returns the keys found.
func (d *decoder) fill(n *yaml.Node, ps []pair, targets []target, lenient bool) map[string]entry {
	found := map[string]entry{}
	for i, p := range ps {
		t, f, ok := lookup(targets, p.key.Value)
		if !ok {
			if !lenient {
				sug := suggest(p.key.Value, keyNames(targets))
				if sug == "" {
					d.at(p.key, "unknown key %q%s", p.key.Value, commaHint(n, ps, i))
					continue
				}
				d.at(p.key, "unknown key %q (did you mean %q?)", p.key.Value, sug)
				d.noteSuggested(n, sug)
			}
			continue
		}
		before := len(d.errs)
		fv := t.v.FieldByIndex(f.index)
		d.decode(p.val, fv)
		if len(d.errs) == before && len(f.enum) > 0 && fv.Kind() == reflect.String && fv.String() != "" {
			d.checkEnum(p.val, f, fv.String())
		}
		found[p.key.Value] = entry{pair: p, ok: len(d.errs) == before}
	}
	for _, t := range targets {
		for _, f := range t.fields {
			if _, ok := found[f.name]; f.required && !ok && !d.mayMiss(n, f.name) {
				switch {
				case t.owner != "":
					d.at(n, "missing key %q (%s needs it)", f.name, t.owner)
				case f.doc != "":
					// A key of a list item or a nested mapping (a
					// table's row) has no kind to name: say what it is
					// for, in the words the JSON Schema gives it.
					d.at(n, "missing key %q: %s", f.name, f.doc)
				default:
					d.at(n, "missing key %q", f.name)
				}
			}
		}
	}
	return found
}

// noteSuggested records that key was suggested for a misspelt key of
// mapping n: its absence is then not reported as well.
func (d *decoder) noteSuggested(n *yaml.Node, key string) {
	if d.suggested[n] == nil {
		d.suggested[n] = map[string]bool{}
	}
	d.suggested[n][key] = true
}

// commaHint explains an unknown key that is probably the end of the text
// before it: in {label: mémoire, totale}, YAML reads "totale" as a key with
// no value, since "," ends a text inside {...}.
func commaHint(n *yaml.Node, ps []pair, i int) string {
	p := ps[i]
	if n.Style&yaml.FlowStyle == 0 || i == 0 || !isNull(p.val) || p.val.Value != "" {
		return ""
	}
	prev := ps[i-1]
	if prev.val.Kind != yaml.ScalarNode || prev.val.Style != 0 || isNull(prev.val) {
		return ""
	}
	return fmt.Sprintf(`: "," ends a text inside {...}; if %q belongs to %s, put that text in quotes, such as %s: "%s, %s"`,
		p.key.Value, prev.key.Value, prev.key.Value, prev.val.Value, p.key.Value)
}

// mayMiss reports whether key may be missing from mapping n without an
// error: a merge key or a misspelt key already explains its absence.
func (d *decoder) mayMiss(n *yaml.Node, key string) bool {
	return d.merged[n] || d.suggested[n][key]
}

func (d *decoder) checkEnum(n *yaml.Node, f field, s string) {
	for _, e := range f.enum {
		if s == e {
			return
		}
	}
	dym := ""
	if sug := suggest(s, f.enum); sug != "" {
		dym = fmt.Sprintf(", did you mean %q?", sug)
	}
	d.at(d.resolve(n), "%s must be one of %s (got %q%s)", f.name, strings.Join(f.enum, ", "), s, dym)
}

func lookup(targets []target, key string) (target, field, bool) {
	for _, t := range targets {
		for _, f := range t.fields {
			if f.name == key {
				return t, f, true
			}
		}
	}
	return target{}, field{}, false
}

func keyNames(targets []target) []string {
	var out []string
	for _, t := range targets {
		for _, f := range t.fields {
			out = append(out, f.name)
		}
	}
	return out
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value) {
	fs := fieldsOf(v.Type())
	switch {
	case isNull(n):
		d.fill(n, nil, []target{{v: v, fields: fs}}, false)
	case n.Kind != yaml.MappingNode:
		d.at(n, "expected a mapping (key: value lines), got %s", describe(n))
	default:
		d.fill(n, d.pairs(n), []target{{v: v, fields: fs}}, false)
	}
}

// Named is a mapping whose keys are names the teacher chooses, in the order
// they were written, such as the `values` of the version and relation kinds:
//
//	values:
//	  client: {key: Client Version}
//	  server: {key: Server Version}
//
// decodes into a Named[Locator] of two entries, client then server. Values
// are decoded strictly like any other; a name may appear once.
type Named[T any] []NamedValue[T]

// NamedValue is one entry of a Named mapping.
type NamedValue[T any] struct {
	Name  string
	Value T
	Line  int // position of the name in the rubric file
	Col   int
}

// Get returns the value named name.
func (m Named[T]) Get(name string) (T, bool) {
	for _, e := range m {
		if e.Name == name {
			return e.Value, true
		}
	}
	var zero T
	return zero, false
}

// Names lists the names in the order written.
func (m Named[T]) Names() []string {
	out := make([]string, len(m))
	for i, e := range m {
		out[i] = e.Name
	}
	return out
}

func (m *Named[T]) decodeNode(d *decoder, n *yaml.Node) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.at(n, "expected a mapping of names to values, got %s", describe(n))
		return
	}
	out := make(Named[T], 0, len(n.Content)/2)
	for _, p := range d.pairs(n) {
		if p.key.Value == "" {
			d.at(p.key, "a name cannot be empty")
			continue
		}
		e := NamedValue[T]{Name: p.key.Value, Line: p.key.Line, Col: p.key.Column}
		d.decode(p.val, reflect.ValueOf(&e.Value).Elem())
		out = append(out, e)
	}
	*m = out
}

// schemaElem tells the JSON Schema generator the type of the values.
func (Named[T]) schemaElem() reflect.Type { return reflect.TypeOf((*T)(nil)).Elem() }

// feedbackKeys are the keys of the long form of feedback.
var feedbackKeys = []string{"pass", "partial", "fail"}

// decodeNode reads the short form (one text, shown whenever points are lost,
// possibly one per language) or the long form {pass, partial, fail}, each a
// text.
func (f *Feedback) decodeNode(d *decoder, n *yaml.Node) {
	switch {
	case isNull(n):
	case n.Kind == yaml.ScalarNode:
		f.Missing = Plain(n.Value)
	case n.Kind == yaml.MappingNode:
		ps := d.pairs(n)
		if !longFeedback(ps) {
			f.Missing.decodeLangs(d, n, ps)
			return
		}
		for _, p := range ps {
			var dst *Text
			switch p.key.Value {
			case "pass":
				dst = &f.Pass
			case "partial":
				dst = &f.Partial
			case "fail":
				dst = &f.Fail
			case "fr", "en":
				d.at(p.key, "%s: goes inside pass, partial or fail here, such as pass: {fr: Parfait., en: Perfect.}", p.key.Value)
				continue
			default:
				if s := suggest(p.key.Value, feedbackKeys); s != "" {
					d.at(p.key, "unknown key %q (did you mean %q?)", p.key.Value, s)
				} else {
					d.at(p.key, "unknown key %q: feedback is one text, {fr: ..., en: ...}, or {pass: ..., partial: ..., fail: ...}", p.key.Value)
				}
				continue
			}
			d.decode(p.val, reflect.ValueOf(dst).Elem())
		}
	default:
		d.at(n, "expected a text, {fr: ..., en: ...}, or a mapping with pass, partial and fail, got %s", describe(n))
	}
}

// longFeedback tells the long form of feedback ({pass, partial, fail}) from
// a text in two languages ({fr, en}) by its keys, misspelt ones included.
func longFeedback(ps []pair) bool {
	for _, p := range ps {
		k := p.key.Value
		if k == "fr" || k == "en" || suggest(k, textKeys) != "" {
			continue
		}
		return true
	}
	return false
}
