package document

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// The reference report's whole model, line:col by line:col, is kept in a
// golden file: any change in how a real report is read shows in review.
// Run `go test ./grader/document -run Golden -update` after a deliberate one.
func TestGoldenReferenceReport(t *testing.T) {
	doc := parse(t, string(readExample(t)))
	got := dump(doc)
	const golden = "testdata/premier-tp-docker-report.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(g) || i < len(w); i++ {
			var gl, wl string
			if i < len(g) {
				gl = g[i]
			}
			if i < len(w) {
				wl = w[i]
			}
			if gl != wl {
				t.Fatalf("model differs from %s at line %d:\n got: %s\nwant: %s", golden, i+1, gl, wl)
			}
		}
	}
}

func TestReferenceReportHighlights(t *testing.T) {
	doc := parse(t, string(readExample(t)))
	if len(doc.Sections) != 18 || len(doc.Tables) != 12 || len(doc.Code) != 5 {
		t.Errorf("%d sections, %d tables, %d code elements", len(doc.Sections), len(doc.Tables), len(doc.Code))
	}
	if c := doc.Code[0]; c.Block || c.Text != "docker info" || at(doc, c.Span) != "9:12-9:23" {
		t.Errorf("the inline ```docker info``` is %+v at %s", c, at(doc, c.Span))
	}
	var kinds []string
	for _, n := range doc.Notes {
		kinds = append(kinds, string(n.Kind)+"@"+at(doc, n.Span))
	}
	if strings.Join(kinds, " ") != "mojibake@4:8-4:10 recovered-table@89:1-89:78" {
		t.Errorf("notes %s", kinds)
	}
}
