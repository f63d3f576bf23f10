package rubric

import (
	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
)

// Rubric is a teacher's grading scheme for one lab.
type Rubric struct {
	Schema     string       `yaml:"$schema" doc:"the JSON Schema of rubric files, for editors; tpgrade ignores it"`                                                    // JSON Schema reference for editors; ignored by tpgrade
	ID         string       `yaml:"id" doc:"stable identifier of the rubric: letters, digits, - and _ (check-run names and caches use it)"`                            // stable identifier: check-run names and caches use it
	Title      Text         `yaml:"title" doc:"the lab's title: one text, or {fr: ..., en: ...}"`                                                                      // the lab's title
	Lang       i18n.Lang    `yaml:"lang" doc:"fr or en: the report's language by default, for tpgrade's messages and the texts given in both (fr-FR, en-US are fine)"` // language of tpgrade's messages and of the texts given in both languages, by default
	Files      FileNames    `yaml:"files" doc:"the report's file names, first that exists wins (default: README.md)"`                                                  // report file names in order of preference (README.md, RAPPORT.md, ...)
	Scale      Points       `yaml:"scale" doc:"the grade is out of this, such as 20 (default: the total of points)"`                                                   // grades are out of this (20); defaults to the total
	Pass       Points       `yaml:"pass" doc:"passing grade, on the scale (default: half the scale)"`                                                                  // pass threshold on the scale
	Total      Points       `yaml:"total" doc:"optional: tpgrade checks that the criteria's points add up to this (bonuses not counted)"`                              // optional: when set, the criteria's points must add up to it
	Assignment string       `yaml:"assignment" doc:"the assignment's own wording: answers that copy it earn nothing in explanations"`                                  // the assignment's own wording: explanations that copy it earn nothing
	Criteria   []*Criterion `yaml:"criteria" doc:"the graded items: each has an id, a kind and points (or a penalty, or a bonus); required unless include gives them"`
	Include    Includes     `yaml:"include" doc:"files whose criteria are appended to these, in order: paths relative to this file, or names of files bundled with tpgrade (an included file holds only criteria, and include)"`

	// Set by the loader.
	Name     string   `yaml:"-"` // file name used in error positions
	Hash     string   `yaml:"-"` // sha256 of the source bytes, hex; with includes, of every file (see Load)
	Source   []byte   `yaml:"-"`
	Included []string `yaml:"-"` // the names of the files included, in load order
}

// MaxPoints is the sum of the criteria's points (penalties and bonuses
// excluded).
func (r *Rubric) MaxPoints() Points {
	var t Points
	for _, c := range r.Criteria {
		t += c.Points
	}
	return t
}

// Criterion is one graded item of a rubric.
type Criterion struct {
	ID       string   `yaml:"id" doc:"unique within the rubric: letters, digits, - and _"`
	Title    Text     `yaml:"title" doc:"the criterion's name, as the student sees it: one text, or {fr: ..., en: ...}"`
	Kind     string   `yaml:"kind" doc:"what is checked"`
	Points   Points   `yaml:"points" doc:"what a complete answer earns (0.25 steps are fine)"`                                                                                            // what a complete answer earns
	Penalty  Points   `yaml:"penalty" doc:"instead of points: the most a fault can cost; the criterion only takes points away"`                                                           // what a fault costs at most (placeholder, forbidden)
	Bonus    Points   `yaml:"bonus" doc:"instead of points: what a complete answer adds above the total; the grade never exceeds the scale"`                                              // extra points, not counted in the total
	Partial  *bool    `yaml:"partial" doc:"true (default): points in proportion of what is met; false: all or nothing"`                                                                   // false: all or nothing; default true
	Feedback Feedback `yaml:"feedback" doc:"the teacher's words to the student: one text shown whenever points are lost, or pass, partial and fail; each text may be {fr: ..., en: ...}"` // the teacher's words to the student
	Why      string   `yaml:"why" doc:"why this criterion exists, for teachers reading the rubric"`                                                                                       // why this criterion exists, for teachers reading the rubric

	Check Check `yaml:"-"` // the kind's own keys, decoded by the loader
	Line  int   `yaml:"-"` // position of the criterion in the rubric file
	Col   int   `yaml:"-"`
}

// AllowsPartial reports whether partial credit is given.
func (c *Criterion) AllowsPartial() bool { return c.Partial == nil || *c.Partial }

// Feedback is what the teacher says to the student depending on the result.
// A plain text (or {fr: ..., en: ...}) in YAML sets Missing: it is shown
// whenever points are lost.
type Feedback struct {
	Pass    Text `yaml:"pass" doc:"shown when the criterion earns full points"` // full points
	Partial Text `yaml:"partial" doc:"shown when it earns some points"`         // some points
	Fail    Text `yaml:"fail" doc:"shown when it earns nothing"`                // no points
	Missing Text `yaml:"-"`                                                     // from the short form: shown on partial or fail
}

// For picks the teacher's text for a result of got out of max.
func (f Feedback) For(got, max Points) Text {
	switch {
	case got >= max:
		return f.Pass
	case got > 0 && !f.Partial.IsZero():
		return f.Partial
	case got <= 0 && !f.Fail.IsZero():
		return f.Fail
	case !f.Missing.IsZero():
		return f.Missing
	case got > 0:
		return f.Fail
	}
	return f.Partial
}

// Check is one kind of criterion. A Check is a pure function of the document:
// no I/O, no clock, no printing. It reports how much of the requirement is met
// (Met out of Of, exact integers) and findings; the engine turns that into
// points.
type Check interface {
	Grade(doc *document.Document, env *Env) Outcome
}

// Validator is implemented by decoded values that check themselves after
// decoding (a regex compiles, a range is ordered). The loader reports the
// error at the position of the YAML node the value came from.
type Validator interface {
	Validate() error
}

// Env is what a check may know besides the document.
type Env struct {
	Lang       i18n.Lang // language of tpgrade's messages
	Assignment string    // the rubric's assignment text, for copy detection
	Criterion  *Criterion
	Memo       *Memo // shared by the checks of one grading; may be nil
	// Commands is the commands the report shows and what each printed,
	// read with every command the rubric names as a command line (a line
	// that matches another command ends the output above it); nil: as the
	// report's shape alone says (Document.Commands).
	Commands *document.CommandSet
}

// Outcome is what a check found. A check reports what it judged, never
// points: the engine turns an outcome into points, once, for every kind.
//
// Most kinds report Parts, one for each thing the criterion asks for (a
// value, a concept, a command, an expression); a kind that judges as a whole
// reports Met out of Of instead. A penalty kind reports Faults.
type Outcome struct {
	Met, Of  int // credit earned, when Parts is empty: Met out of Of (Of > 0)
	Parts    []Part
	Faults   int       // penalty kinds: occurrences of the fault
	Disputes []Dispute // values that disagree: each earns at most half, in every criterion
	Findings []Finding
}

// Part is one thing a criterion asks for, as a check judged it.
type Part struct {
	Label  string        // how the student is told about it
	Weight int           // shares it is worth; 0 counts as 1
	Met    bool          // found, and right
	Raw    bool          // found only in pasted command output
	Span   document.Span // where it was read; disputes name values by it
}

// Shares is the part's weight, at least 1.
func (p Part) Shares() int {
	if p.Weight <= 0 {
		return 1
	}
	return p.Weight
}

// Dispute says that values read in the report disagree with each other (an
// `equal` group or a `relation` that fails). The engine gives each of them at
// most half of its share, wherever a criterion credits it.
type Dispute struct {
	Spans  []document.Span // where each value was read
	Labels []string        // how the student is told about them, in the same order
}

// Full reports whether everything was met.
func (o Outcome) Full() bool {
	if len(o.Parts) > 0 {
		for _, p := range o.Parts {
			if !p.Met {
				return false
			}
		}
		return true
	}
	return o.Of > 0 && o.Met >= o.Of
}

// RawShare is implemented by the checks whose values earn less when they
// are only found in pasted command output (the from_output key): the share
// of a part's credit such a value keeps, in hundredths.
type RawShare interface {
	RawShare() int
}

// PerFault is implemented by penalty checks that charge each occurrence of a
// fault (the per key): what one occurrence costs, 0 for the whole penalty at
// the first.
type PerFault interface {
	PerFault() Points
}

// Severity ranks findings.
type Severity string

// Finding severities.
const (
	Error   Severity = "error"   // points lost
	Warning Severity = "warning" // worth fixing; may have cost partial credit
	Info    Severity = "info"    // what was found and credited
)

// Finding is one thing a check has to say about a place in the report. A
// check always gives a place: what is missing is reported where it was looked
// for (the section, the table), or, with nowhere nearer to point at, about
// the report as a whole.
type Finding struct {
	Span document.Span
	// Whole says the finding is about the report as a whole (a section,
	// value or command missing from all of it): it points at no line and
	// Span is not read. The check says so; a Span at the report's first
	// byte is a place like any other (a table that starts the file).
	Whole    bool
	Severity Severity
	Message  i18n.Msg
	Hint     Text // the teacher's own words from the rubric
}

// Kind is one check kind: its name in rubric files and how to make an empty
// check for the loader to decode its keys into (a pointer to a struct whose
// yaml-tagged fields are the kind's keys).
type Kind struct {
	Name    string
	Summary string
	New     func() Check
}

// Kinds is the table of every check kind tpgrade knows.
type Kinds []Kind

// Lookup finds a kind by name.
func (ks Kinds) Lookup(name string) (Kind, bool) {
	for _, k := range ks {
		if k.Name == name {
			return k, true
		}
	}
	return Kind{}, false
}

// Names lists the kinds' names, in table order.
func (ks Kinds) Names() []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.Name
	}
	return out
}

// Memo lets the checks of one grading share what they derive from the
// document (a block's folded text, its sentences), so that it is derived
// once rather than once per criterion. One Memo serves one document in one
// goroutine; with a nil Memo everything is computed every time. It holds
// only pure functions of the document, so it never changes a result.
type Memo struct {
	m map[memoKey]any
}

type memoKey struct {
	what string
	of   any
}

// Remember returns what f derives from of, computing it the first time.
func Remember[T any](m *Memo, what string, of any, f func() T) T {
	if m == nil {
		return f()
	}
	k := memoKey{what, of}
	if v, ok := m.m[k]; ok {
		return v.(T)
	}
	if m.m == nil {
		m.m = map[memoKey]any{}
	}
	v := f()
	m.m[k] = v
	return v
}
