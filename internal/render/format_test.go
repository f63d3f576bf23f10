package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

func TestParseFormat(t *testing.T) {
	for _, f := range Formats {
		if got, err := ParseFormat(string(f)); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	for _, bad := range []string{"", "pdf", "JSON", "md"} {
		if _, err := ParseFormat(bad); err == nil || !strings.Contains(err.Error(), "must be text, json or markdown") {
			t.Errorf("ParseFormat(%q): %v", bad, err)
		}
	}
	var f Format
	if err := f.Set("markdown"); err != nil || f != FormatMarkdown || f.String() != "markdown" {
		t.Errorf("Set: %q %v", f, err)
	}
	if err := f.Set("html"); err == nil || f != FormatMarkdown {
		t.Errorf("a refused value changed the flag: %q %v", f, err)
	}
}

// Every format writes to the writer it is given, and reports its errors.
func TestWriteEveryFormat(t *testing.T) {
	checks := map[Format]func(string) bool{
		FormatText:     func(s string) bool { return strings.Contains(s, "Total 1.5/4") },
		FormatJSON:     func(s string) bool { return json.Valid([]byte(s)) && strings.Contains(s, `"severity": "error"`) },
		FormatMarkdown: func(s string) bool { return strings.Contains(s, "| 🟡 |") && strings.Contains(s, "<sub>Rubric") },
	}
	for _, f := range Formats {
		var b bytes.Buffer
		if err := Write(&b, f, sampleReport(), Options{}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if ok := checks[f]; ok == nil || !ok(b.String()) {
			t.Errorf("%s:\n%s", f, b.String())
		}
		if err := Write(failing{}, f, sampleReport(), Options{}); !errors.Is(err, errFull) {
			t.Errorf("%s: write error %v, want it returned", f, err)
		}
	}
	if err := Write(&bytes.Buffer{}, Format("pdf"), sampleReport(), Options{}); err == nil {
		t.Error("an unknown format was written")
	}
}

var errFull = errors.New("disk full")

type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, errFull }

// One table of words: the text and the Markdown say the same, in the
// report's language.
func TestSeverityWordsFollowTheLanguage(t *testing.T) {
	rep := wholeAndPlaced()
	rep.Criteria[0].Findings = append(rep.Criteria[0].Findings,
		grader.Finding{Line: 2, Col: 1, Severity: rubric.Warning, Message: "short", Criterion: "c"},
		grader.Finding{Line: 2, Col: 1, Severity: rubric.Info, Message: "seen", Criterion: "c"})
	for _, tc := range []struct {
		lang                       i18n.Lang
		err, warn, note, countLine string
	}{
		{i18n.EN, "error", "warning", "note", "2 errors, 1 warning, 1 note\n"},
		{i18n.FR, "erreur", "attention", "note", "2 erreurs, 1 avertissement, 1 note\n"},
	} {
		rep.Lang = tc.lang
		var text bytes.Buffer
		if err := Text(&text, rep, TextOptions{Verbose: true}); err != nil {
			t.Fatal(err)
		}
		md := MarkdownString(rep, MarkdownOptions{})
		for _, w := range []string{tc.err, tc.warn, tc.note} {
			if !strings.Contains(text.String(), ": "+w+": ") || !strings.Contains(md, "**"+w+"**") {
				t.Errorf("%s: %q missing from the text or the Markdown:\n%s\n%s", tc.lang, w, text.String(), md)
			}
		}
		if !strings.HasSuffix(text.String(), "\n"+tc.countLine) {
			t.Errorf("%s: text does not end with %q:\n%s", tc.lang, tc.countLine, text.String())
		}
	}
}

func TestCountLine(t *testing.T) {
	for _, tc := range []struct {
		c     Counts
		lang  i18n.Lang
		notes bool
		want  string
	}{
		{Counts{}, i18n.EN, false, "0 errors, 0 warnings"},
		{Counts{}, i18n.FR, false, "0 erreur, 0 avertissement"},
		{Counts{Errors: 1, Warnings: 2, Notes: 5}, i18n.EN, false, "1 error, 2 warnings"},
		{Counts{Errors: 2, Warnings: 1, Notes: 1}, i18n.FR, true, "2 erreurs, 1 avertissement, 1 note"},
	} {
		if got := tc.c.Line(tc.lang, tc.notes); got != tc.want {
			t.Errorf("%+v %s: %q, want %q", tc.c, tc.lang, got, tc.want)
		}
	}
	if got := Count(wholeAndPlaced()); got != (Counts{Errors: 2}) {
		t.Errorf("Count = %+v", got)
	}
}

func TestTextColoursOnlyWhenAsked(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, wholeAndPlaced(), TextOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\x1b[31merror\x1b[0m: wrong value", "\x1b[33m◐\x1b[0m", "\x1b[1mLab\x1b[22m"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("lacks %q:\n%q", want, b.String())
		}
	}
	b.Reset()
	if err := Text(&b, wholeAndPlaced(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "\x1b") {
		t.Errorf("colours without Color:\n%q", b.String())
	}
}
