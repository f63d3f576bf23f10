package rubric

import (
	"errors"
	"fmt"

	"github.com/tpgrade/tpgrade/grader/document"
)

// The test kinds mirror the shapes of the real ones (names, nested rows,
// value rules, named values, a penalty-only kind) without depending on the
// checks package. Their Grade is never called by the loader.

type testSection struct {
	Names    Names  `yaml:"names" required:"true" doc:"the heading"`
	Level    int    `yaml:"level" doc:"heading level"`
	Match    string `yaml:"match" enum:"contains,exact" doc:"how the heading matches"`
	MinWords int    `yaml:"min_words"`
}

func (*testSection) Grade(*document.Document, *Env) Outcome { return Outcome{Of: 1} }

type testRange struct {
	Min *float64 `yaml:"min"`
	Max *float64 `yaml:"max"`
}

func (r testRange) Validate() error {
	if r.Min != nil && r.Max != nil && *r.Min > *r.Max {
		return fmt.Errorf("min (%g) is more than max (%g)", *r.Min, *r.Max)
	}
	return nil
}

type testRule struct {
	Regex  Pattern    `yaml:"regex"`
	OneOf  Names      `yaml:"one_of"`
	Number *testRange `yaml:"number"`
}

type testLocator struct {
	Key     Names `yaml:"key" required:"true"`
	Context Names `yaml:"context"`
	Label   Text  `yaml:"label"`
}

type testRow struct {
	testLocator `yaml:",inline"`
	Value       testRule `yaml:"value"`
}

type testTable struct {
	In      Names     `yaml:"in"`
	Columns []Names   `yaml:"columns"`
	Rows    []testRow `yaml:"rows"`
}

func (*testTable) Grade(*document.Document, *Env) Outcome { return Outcome{Of: 1} }

func (t *testTable) Validate() error {
	if len(t.Columns) == 0 && len(t.Rows) == 0 {
		return errors.New("a table criterion needs columns or rows")
	}
	if len(t.Columns) > 3 {
		return ErrorOn("columns", "at most 3 columns (got %d)", len(t.Columns))
	}
	return nil
}

type testVersionValue struct {
	testLocator `yaml:",inline"`
	Constraint  string `yaml:"constraint"`
}

type testVersion struct {
	Values Named[testVersionValue] `yaml:"values" required:"true"`
	Equal  [][]string              `yaml:"equal"`
	Ratio  float64                 `yaml:"from_output"`
	Strict *bool                   `yaml:"strict"`
}

func (*testVersion) Grade(*document.Document, *Env) Outcome { return Outcome{Of: 1} }

func (v *testVersion) Validate() error {
	var errs ErrorList
	for _, group := range v.Equal {
		for _, name := range group {
			if _, ok := v.Values.Get(name); !ok {
				errs = append(errs, &LoadError{Msg: fmt.Sprintf("equal names %q, which is not one of the values (%v)", name, v.Values.Names())})
			}
		}
	}
	for _, e := range v.Values {
		if e.Value.Constraint == "bad" {
			errs = append(errs, ErrorAt(e.Line, e.Col, "value %s: bad constraint", e.Name))
		}
	}
	return errs.Err()
}

type testPlaceholder struct {
	Words Names  `yaml:"words" required:"true"`
	Per   Points `yaml:"per"`
}

func (*testPlaceholder) Grade(*document.Document, *Env) Outcome { return Outcome{Of: 1} }
func (*testPlaceholder) PenaltyOnly() bool                      { return true }

var testKinds = Kinds{
	{Name: "section", Summary: "a heading the report must have", New: func() Check { return new(testSection) }},
	{Name: "table", Summary: "a table with required rows and/or columns", New: func() Check { return new(testTable) }},
	{Name: "version", Summary: "version numbers", New: func() Check { return new(testVersion) }},
	{Name: "placeholder", Summary: "template leftovers cost points", New: func() Check { return new(testPlaceholder) }},
}
