package grader

import (
	"testing"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// fixed is a check that reports a fixed outcome, to test scoring alone.
type fixed struct{ out rubric.Outcome }

func (f fixed) Grade(*document.Document, *rubric.Env) rubric.Outcome { return f.out }

func pts(s string) rubric.Points {
	p, err := rubric.ParsePoints(s)
	if err != nil {
		panic(err)
	}
	return p
}

func crit(id, points, penalty string, met, of int, partial bool) *rubric.Criterion {
	c := &rubric.Criterion{ID: id, Title: rubric.Plain(id), Kind: "fixed", Check: fixed{rubric.Outcome{Met: met, Of: of}},
		Feedback: rubric.Feedback{Pass: rubric.Plain("bravo"), Partial: rubric.Plain("presque"), Fail: rubric.Plain("absent")}}
	if points != "" {
		c.Points = pts(points)
	}
	if penalty != "" {
		c.Penalty = pts(penalty)
	}
	if !partial {
		c.Partial = new(bool)
	}
	return c
}

func doc(t *testing.T) *document.Document {
	t.Helper()
	d, err := document.Parse("r.md", []byte("# Rapport\n\ntexte\n"), document.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestScoreIsExactAndOnScale(t *testing.T) {
	r := &rubric.Rubric{ID: "t", Scale: pts("20"), Pass: pts("10"), Criteria: []*rubric.Criterion{
		crit("a", "0.1", "", 1, 1, true),
		crit("b", "0.2", "", 1, 1, true),
		crit("c", "3", "", 1, 3, true),   // 1
		crit("d", "2", "", 2, 3, false),  // all or nothing: 0
		crit("e", "1.5", "", 5, 4, true), // Met over Of is capped
	}}
	rep := Grade(doc(t), r, Options{})
	want := map[string]string{"a": "0.1", "b": "0.2", "c": "1", "d": "0", "e": "1.5"}
	for _, c := range rep.Criteria {
		if c.Points.String() != want[c.ID] {
			t.Errorf("%s: %s points, want %s", c.ID, c.Points, want[c.ID])
		}
	}
	if rep.Points != pts("2.8") || rep.MaxPoints != pts("6.8") {
		t.Errorf("total %s/%s, want 2.8/6.8", rep.Points, rep.MaxPoints)
	}
	// 2.8 x 20 / 6.8 = 8.235... -> 8.24
	if rep.Grade != pts("8.24") || rep.Passed {
		t.Errorf("grade %s passed %v, want 8.24 and not passed", rep.Grade, rep.Passed)
	}
}

func TestFeedbackFollowsResult(t *testing.T) {
	r := &rubric.Rubric{ID: "t", Criteria: []*rubric.Criterion{
		crit("full", "1", "", 1, 1, true),
		crit("half", "1", "", 1, 2, true),
		crit("none", "1", "", 0, 2, true),
	}}
	rep := Grade(doc(t), r, Options{})
	for i, want := range []string{"bravo", "presque", "absent"} {
		if got := rep.Criteria[i].Feedback; got != want {
			t.Errorf("%s: feedback %q, want %q", rep.Criteria[i].ID, got, want)
		}
	}
}

func TestPenaltiesNeverMakeTheTotalNegative(t *testing.T) {
	r := &rubric.Rubric{ID: "t", Pass: pts("0.5"), Criteria: []*rubric.Criterion{
		crit("work", "1", "", 0, 1, true),
		crit("leftovers", "", "2", 1, 4, true), // 3 faults of 4 allowed: -1.5
	}}
	rep := Grade(doc(t), r, Options{})
	if rep.Criteria[1].Points != pts("-1.5") {
		t.Errorf("penalty %s, want -1.5", rep.Criteria[1].Points)
	}
	if rep.Points != 0 || rep.Grade != 0 || rep.Passed {
		t.Errorf("total %s grade %s passed %v, want 0, 0, false", rep.Points, rep.Grade, rep.Passed)
	}
	if rep.MaxPoints != pts("1") {
		t.Errorf("max %s: penalties must not count in the maximum", rep.MaxPoints)
	}
}

func TestUnreadableReportScoresZeroWithAReason(t *testing.T) {
	r := &rubric.Rubric{ID: "t", Lang: i18n.FR, Criteria: []*rubric.Criterion{crit("a", "2", "", 1, 1, true)}}
	for name, raw := range map[string][]byte{
		"empty":  []byte("  \n\n"),
		"binary": {0x89, 'P', 'N', 'G', 0, 0, 1, 2},
	} {
		rep, d := GradeBytes(name, raw, r, Options{})
		if d != nil || rep.Usable || rep.Points != 0 || len(rep.Findings) != 1 || rep.Criteria[0].MaxPoints != pts("2") {
			t.Errorf("%s: usable=%v points=%s findings=%v", name, rep.Usable, rep.Points, rep.Findings)
		}
		if rep.Findings[0].Line != 1 || rep.Lang != i18n.FR {
			t.Errorf("%s: finding %+v lang %s", name, rep.Findings[0], rep.Lang)
		}
	}
	big := make([]byte, 100)
	for i := range big {
		big[i] = 'a'
	}
	if rep, _ := GradeBytes("big.md", big, r, Options{MaxBytes: 10}); rep.Usable {
		t.Errorf("a report over the size limit was graded")
	}
}

func TestPointsRoundTrip(t *testing.T) {
	for in, want := range map[string]string{"2": "2", "1.5": "1.5", "0.25": "0.25", "1,5": "1.5", "-0.5": "-0.5", "0.10": "0.1"} {
		p, err := rubric.ParsePoints(in)
		if err != nil || p.String() != want {
			t.Errorf("ParsePoints(%q) = %s, %v; want %s", in, p, err, want)
		}
	}
	for _, bad := range []string{"", "1.234", "abc", "1.2.3", "--1", "-+1"} {
		if _, err := rubric.ParsePoints(bad); err == nil {
			t.Errorf("ParsePoints(%q) accepted", bad)
		}
	}
}

// TestWholeIsWhatTheCheckSays: a finding is about the whole report only
// when its check says so. One placed at the report's first byte (a table
// that starts the file) keeps its line and extent, and a finding the check
// calls whole is at 1:1 with no extent, wherever its span is.
func TestWholeIsWhatTheCheckSays(t *testing.T) {
	d, err := document.Parse("r.md", []byte("| A | B |\n|---|---|\n| 1 | 2 |\n"), document.Options{})
	if err != nil {
		t.Fatal(err)
	}
	table := d.Tables[0].Span
	if table.Start != 0 {
		t.Fatalf("the table starts at %d, want the report's first byte", table.Start)
	}
	msg := i18n.M("m", "m")
	c := crit("c", "1", "", 0, 1, true)
	c.Check = fixed{rubric.Outcome{Of: 1, Findings: []rubric.Finding{
		{Span: document.Span{Start: 0, End: 0}, Severity: rubric.Error, Message: msg},
		{Span: table, Severity: rubric.Error, Message: msg},
		{Whole: true, Span: document.Span{Start: 12, End: 15}, Severity: rubric.Error, Message: msg},
	}}}
	rep := Grade(d, &rubric.Rubric{ID: "t", Criteria: []*rubric.Criterion{c}}, Options{})
	type at struct {
		line, col, endLine, endCol int
		whole                      bool
	}
	var got []at
	for _, f := range rep.Criteria[0].Findings {
		got = append(got, at{f.Line, f.Col, f.EndLine, f.EndCol, f.Whole})
	}
	want := []at{{1, 1, 1, 1, false}, {1, 1, 3, 10, false}, {1, 1, 1, 1, true}}
	if len(got) != len(want) {
		t.Fatalf("findings at %v, want %v", got, want)
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			t.Errorf("no finding at %+v among %+v", w, got)
		}
	}
}

// TestNotesAboutTheWholeFile: the note about a UTF-16 file is about the
// whole report; the note about a Latin-1 byte on the first line points at
// it.
func TestNotesAboutTheWholeFile(t *testing.T) {
	r := &rubric.Rubric{ID: "t", Criteria: []*rubric.Criterion{crit("a", "1", "", 1, 1, true)}}
	utf16 := []byte{0xFF, 0xFE}
	for _, c := range "# Rapport\n\ntexte\n" {
		utf16 = append(utf16, byte(c), 0)
	}
	for name, tc := range map[string]struct {
		raw   []byte
		whole bool
	}{
		"utf-16":  {utf16, true},
		"latin-1": {[]byte("\xe9t\xe9\n\ntexte\n"), false},
	} {
		rep, d := GradeBytes(name, tc.raw, r, Options{})
		if d == nil || len(rep.Findings) != 1 {
			t.Fatalf("%s: findings %+v", name, rep.Findings)
		}
		if f := rep.Findings[0]; f.Whole != tc.whole || f.Line != 1 || f.Col != 1 || !tc.whole && f.EndCol != 2 {
			t.Errorf("%s: note %+v, want whole=%v", name, f, tc.whole)
		}
	}
}
