package render

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

func TestEscapeNeutralisesMarkdownHTMLAndMentions(t *testing.T) {
	for in, want := range map[string]string{
		"a | b":                          `a \| b`,
		"<img src=x onerror=alert(1)>":   "&lt;img src=x onerror=alert(1)&gt;",
		"&lt;b&gt;":                      "&amp;lt;b&amp;gt;",
		"ping @teacher and @org/team":    "ping @\u200dteacher and @\u200dorg/team",
		"mail a@b.fr":                    "mail a@\u200db.fr",
		"lone @ sign":                    "lone @ sign",
		"two\nlines\r\nhere\tok":         "two lines  here ok",
		"[x](javascript:alert(1))":       `\[x\](javascript:alert(1))`,
		"`code` *em* _u_ ~s~ #12 \\":     "\\`code\\` \\*em\\* \\_u\\_ \\~s\\~ \\#12 \\\\",
		"bidi \u202Eevil\u202C and \x07": `bidi U+202EevilU+202C and \\x07`,
		"\x1b]52;c;aGk=\x07 \x1b[2J":     `\\x1b\]52;c;aGk=\\x07 \\x1b\[2J`,
		"see https://evil.example/x":     "see https:\u200d//evil.example/x",
		"or www.evil.example, WWW.x.fr":  "or www.\u200devil.example, WWW.\u200dx.fr",
		"not awww.x":                     "not awww.x",
		"accents: é à ç":                 "accents: é à ç",
		"bad utf8 \xff":                  "bad utf8 \uFFFD",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCellCutsLongText(t *testing.T) {
	got := Cell(strings.Repeat("é", 50), 10)
	if got != strings.Repeat("é", 9)+"…" {
		t.Errorf("Cell = %q", got)
	}
}

func sampleReport() *grader.Report {
	return &grader.Report{
		Rubric: "lab", RubricTitle: "Lab | <b>1</b>", RubricHash: "abc123", File: "README.md", Lang: i18n.EN,
		Points: 150, MaxPoints: 400, Grade: 750, Scale: 2000, Pass: 1000, Usable: true,
		Criteria: []grader.Criterion{
			{ID: "a", Title: "Part | A @teacher", Points: 150, MaxPoints: 200, Feedback: "Add <details>\nplease",
				Findings: []grader.Finding{{Line: 3, Col: 2, EndLine: 3, EndCol: 9, Severity: rubric.Error,
					Message: "found `x` | @teacher <img src=x onerror=alert(1)>", Hint: "see [here](http://x)", Criterion: "a"}}},
			{ID: "b", Title: "Part B", Points: 0, MaxPoints: 200, Feedback: "Missing.", Findings: []grader.Finding{}},
			{ID: "p", Title: "Leftovers", Points: -50, MaxPoints: 0, Penalty: 200, Findings: []grader.Finding{}},
		},
		Findings: []grader.Finding{},
	}
}

func TestMarkdownTableSurvivesHostileText(t *testing.T) {
	md := MarkdownString(sampleReport(), MarkdownOptions{})
	rows := 0
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "| ") {
			continue
		}
		rows++
		if n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|"); n != 5 {
			t.Errorf("row has %d unescaped pipes, want 5: %q", n, line)
		}
	}
	if rows != 4 { // header + 3 criteria
		t.Errorf("%d table rows, want 4:\n%s", rows, md)
	}
	if regexp.MustCompile(`[^\\]\]\(`).MatchString(md) {
		t.Errorf("Markdown carries a link:\n%s", md)
	}
	for _, bad := range []string{"<img", "<b>", "<details>", "@teacher"} {
		if strings.Contains(md, bad) {
			t.Errorf("Markdown carries %q:\n%s", bad, md)
		}
	}
	for _, want := range []string{
		"## ❌ Lab \\| &lt;b&gt;1&lt;/b&gt;: 7.5/20",
		"**Points 1.5/4** · pass mark 10/20 · below the pass mark · report README.md",
		"| 🟡 | Part \\| A @\u200dteacher | 1.5/2 | Add &lt;details&gt; please |",
		"| ❌ | Part B | 0/2 | Missing. |",
		"| ❌ | Leftovers | -0.5 (max −2) |  |",
		"- README.md `3:2` **error** found \\`x\\` \\| @\u200dteacher &lt;img src=x onerror=alert(1)&gt;",
		"  - → see \\[here\\](http:\u200d//x)",
		"<sub>Rubric `lab` · sha256 `abc123`</sub>",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	if brief := MarkdownString(sampleReport(), MarkdownOptions{Brief: true}); strings.Contains(brief, "`3:2`") {
		t.Errorf("Brief lists findings:\n%s", brief)
	}
}

func TestMarkdownInFrenchAndUnusable(t *testing.T) {
	rep := sampleReport()
	rep.Lang = i18n.FR
	rep.Usable = false
	rep.Findings = []grader.Finding{{Line: 1, Col: 1, Severity: rubric.Error, Message: "aucun rapport trouvé : README.md attendu"}}
	md := MarkdownString(rep, MarkdownOptions{Path: "docs/RAPPORT.md"})
	for _, want := range []string{"## ⛔", "seuil 10/20", "sous le seuil", "rapport docs/RAPPORT.md",
		"> **erreur** aucun rapport trouvé : README.md attendu", "| | Critère | Points | Commentaire |", "Barème `lab`"} {
		if !strings.Contains(md, want) {
			t.Errorf("lacks %q:\n%s", want, md)
		}
	}
}

func TestRubricLineKeepsOnlyCodeSafeCharacters(t *testing.T) {
	rep := &grader.Report{Rubric: "lab`<x>", RubricHash: "ab`c", Lang: i18n.EN}
	if got := RubricLine(rep); got != "<sub>Rubric `labx` · sha256 `abc`</sub>\n" {
		t.Errorf("RubricLine = %q", got)
	}
}
