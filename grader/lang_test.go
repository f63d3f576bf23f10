package grader_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// texts collects every rubric.Text reachable from v: titles, feedback,
// labels, concept names and hints, expected forms, whatever kind holds them.
func texts(v reflect.Value, out *[]rubric.Text) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			texts(v.Elem(), out)
		}
	case reflect.Struct:
		if t, ok := v.Interface().(rubric.Text); ok {
			*out = append(*out, t)
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				texts(v.Field(i), out)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			texts(v.Index(i), out)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			texts(v.MapIndex(k), out)
		}
	}
}

// reportTexts is everything a report shows the student, one text per line.
func reportTexts(rep *grader.Report) string {
	var b strings.Builder
	b.WriteString(rep.RubricTitle + "\n")
	for _, f := range rep.AllFindings() {
		b.WriteString(f.Message + "\n" + f.Hint + "\n")
	}
	for _, c := range rep.Criteria {
		b.WriteString(c.Title + "\n" + c.Feedback + "\n")
	}
	return b.String()
}

// TestBundledRubricSpeaksBothLanguages: every text of the bundled rubric is
// given in French and in English, and a report graded in English shows none
// of the French ones (and the other way round), on every fixture.
func TestBundledRubricSpeaksBothLanguages(t *testing.T) {
	r := loadDefault(t)
	var all []rubric.Text
	texts(reflect.ValueOf(r), &all)
	var bilingual []rubric.Text
	for _, x := range all {
		if x.IsZero() {
			continue
		}
		if x.FR == "" || x.EN == "" {
			t.Errorf("text %+v is given in one language only", x)
		}
		if x.FR != x.EN {
			bilingual = append(bilingual, x)
		}
	}
	// Titles (rubric + 16 criteria), 16 feedbacks, labels, concepts,
	// hints and expected forms.
	if len(bilingual) < 50 {
		t.Fatalf("only %d texts of the bundled rubric differ between French and English", len(bilingual))
	}
	paths, _ := filepath.Glob(filepath.Join(fixtureDir, "*.md"))
	for _, p := range paths {
		name := filepath.Base(p)
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []i18n.Lang{i18n.EN, i18n.FR} {
			rep, _ := grader.GradeBytes(name, raw, r, grader.Options{Lang: lang})
			shown := reportTexts(rep)
			for _, x := range bilingual {
				other := x.FR
				if lang == i18n.FR {
					other = x.EN
				}
				// A text of the other language may hold one of this
				// language's (a label inside a title): only whole
				// texts that this language does not say count.
				if strings.Contains(shown, other) && !strings.Contains(x.In(lang), other) {
					t.Errorf("%s graded in %s shows %q", name, lang, other)
				}
			}
		}
	}
}

// TestExampleInEnglish grades the bundled example in English and compares
// it with testdata/example-en.golden: English titles, feedback and hints
// throughout, the same points as in French.
func TestExampleInEnglish(t *testing.T) {
	r := loadDefault(t)
	raw, err := os.ReadFile(filepath.Join(fixtureDir, "example.md"))
	if err != nil {
		t.Fatal(err)
	}
	en, _ := grader.GradeBytes("example.md", raw, r, grader.Options{Lang: i18n.EN})
	fr, _ := grader.GradeBytes("example.md", raw, r, grader.Options{Lang: i18n.FR})
	if en.Points != fr.Points || en.Grade != fr.Grade {
		t.Errorf("English %s (%s/20) and French %s (%s/20) grade differently", en.Points, en.Grade, fr.Points, fr.Grade)
	}
	if en.RubricTitle != "First Docker lab - Containers and images" || fr.RubricTitle != "Premier TP Docker - Conteneurs et images" {
		t.Errorf("rubric titles: %q / %q", en.RubricTitle, fr.RubricTitle)
	}
	got := summary(en)
	for _, c := range en.Criteria {
		got += c.ID + ": " + c.Title + " | " + c.Feedback + "\n"
	}
	const golden = "testdata/example-en.golden"
	if updating() {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./grader -run ExampleInEnglish -update)", err)
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("example.md in English differs from %s (-want +got):\n%s", golden, d)
	}
}
