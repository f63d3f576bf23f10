package document

import (
	"fmt"
	"strings"
	"testing"
)

// rows renders a table's cells as "text@line:col-line:col", rows on lines.
func rows(doc *Document, tb *Table) string {
	var out []string
	for _, r := range tb.Rows {
		var cells []string
		for _, c := range r {
			cells = append(cells, fmt.Sprintf("%s@%s", c.Text, at(doc, c.Span)))
		}
		out = append(out, strings.Join(cells, " | "))
	}
	return strings.Join(out, "\n")
}

func TestPipeTable(t *testing.T) {
	src := "## Client\n" + // 1
		"| **Component** | _Version_ |\n" + // 2
		"|:--|--:|\n" + // 3
		"| Docker Engine | `27.3.1` |\n" + // 4
		"| a \\| b | [lien](http://x) |\n" + // 5
		"| court |\n" // 6
	doc := parse(t, src)
	if len(doc.Tables) != 1 {
		t.Fatalf("%d tables:\n%s", len(doc.Tables), dump(doc))
	}
	tb := doc.Tables[0]
	if tb.Source != PipeTable || !tb.Header || tb.Section != doc.Sections[1] || tb.Columns() != 2 {
		t.Errorf("table: source %v header %v section %q columns %d", tb.Source, tb.Header, tb.Section.Title, tb.Columns())
	}
	if at(doc, tb.Span) != "2:1-6:10" {
		t.Errorf("table span %s", at(doc, tb.Span))
	}
	want := "Component@2:3-2:16 | Version@2:19-2:28\n" +
		"Docker Engine@4:3-4:16 | 27.3.1@4:19-4:27\n" +
		"a | b@5:3-5:9 | lien@5:12-5:28\n" +
		"court@6:3-6:8"
	if got := rows(doc, tb); got != want {
		t.Errorf("rows:\n%s\nwant:\n%s", got, want)
	}
	if b := doc.Blocks[1]; b.Kind != TableBlock || b.Text != "Component | Version\nDocker Engine | 27.3.1\na | b | lien\ncourt" {
		t.Errorf("table block %v %q", b.Kind, b.Text)
	}
	// The code span in a cell is a code span of the document.
	if len(doc.Code) != 1 || doc.Code[0].Text != "27.3.1" || at(doc, doc.Code[0].Span) != "4:20-4:26" {
		t.Errorf("code in cell: %+v", doc.Code)
	}
}

func TestRecoveredTables(t *testing.T) {
	src := "### Insecure Registries\n" + // 1
		"| **Registry**            | 127.0.0.0/8 |\n" + // 2
		"\n" + // 3
		"Du texte avant\n" + // 4
		"| Storage Driver | overlay2 |\n" + // 5
		"|Cgroup Driver|systemd|\n" + // 6
		"et après | pas une ligne\n" + // 7
		"\n" + // 8
		"| a | b | c |\n" + // 9
		"|---|---|\n" + // 10
		"| 1 | 2 | 3 |\n" + // 11
		"\n" + // 12
		"|---|---|\n" + // 13
		"\n" + // 14
		"| une seule cellule |\n" // 15
	doc := parse(t, src)
	if len(doc.Tables) != 3 {
		t.Fatalf("%d tables, want 3:\n%s", len(doc.Tables), dump(doc))
	}
	wants := []struct{ span, rows string }{
		{"2:1-2:42", "Registry@2:3-2:15 | 127.0.0.0/8@2:29-2:40"},
		{"5:1-6:24", "Storage Driver@5:3-5:17 | overlay2@5:20-5:28\nCgroup Driver@6:2-6:15 | systemd@6:16-6:23"},
		{"9:1-11:14", "a@9:3-9:4 | b@9:7-9:8 | c@9:11-9:12\n1@11:3-11:4 | 2@11:7-11:8 | 3@11:11-11:12"},
	}
	for i, w := range wants {
		tb := doc.Tables[i]
		if tb.Source != RecoveredTable || tb.Header {
			t.Errorf("table %d: source %v header %v", i, tb.Source, tb.Header)
		}
		if got := at(doc, tb.Span); got != w.span {
			t.Errorf("table %d span %s, want %s", i, got, w.span)
		}
		if got := rows(doc, tb); got != w.rows {
			t.Errorf("table %d rows:\n%s\nwant:\n%s", i, got, w.rows)
		}
		if tb.Section != doc.Sections[1] {
			t.Errorf("table %d not attached to its section", i)
		}
	}
	// One note per recovered table, where it is, saying why.
	if len(doc.Notes) != 3 {
		t.Fatalf("%d notes, want 3", len(doc.Notes))
	}
	for i, n := range doc.Notes {
		if n.Kind != NoteRecoveredTable || n.Span != doc.Tables[i].Span {
			t.Errorf("note %d: %v at %s", i, n.Kind, at(doc, n.Span))
		}
	}
	if !strings.Contains(doc.Notes[0].Message.EN, "no |---| delimiter row") || !strings.Contains(doc.Notes[0].Message.FR, "ligne de séparation") {
		t.Errorf("note message %+v", doc.Notes[0].Message)
	}
	if !strings.Contains(doc.Notes[2].Message.EN, "not have as many cells") {
		t.Errorf("mismatched delimiter note: %s", doc.Notes[2].Message.EN)
	}
	// A paragraph of pipe rows is a table block; one with prose around its
	// rows stays a paragraph.
	kinds := map[string]BlockKind{}
	for _, b := range doc.Blocks {
		kinds[doc.Lines.Line(doc.Pos(b.Span.Start).Line)] = b.Kind
	}
	if kinds["| **Registry**            | 127.0.0.0/8 |"] != TableBlock || kinds["Du texte avant"] != Paragraph {
		t.Errorf("block kinds %v", kinds)
	}
}

func TestHTMLTables(t *testing.T) {
	src := "# HTML\n" + // 1
		"<table>\n" + // 2
		"  <tr><th>Field</th><th>Value</th></tr>\n" + // 3
		"  <tr><td><b>Storage Driver</b></td><td> overlay2 </td></tr>\n" + // 4
		"  <tr><td>Total&nbsp;Memory</td><td>3.82 GiB</td></tr>\n" + // 5
		"</table>\n" + // 6
		"\n" + // 7
		"<TABLE>\n" + // 8
		"<thead><tr><td>Client</td><td>Server</td></tr></thead>\n" + // 9
		"\n" + // 10
		"    <tr><td>27.3.1\n" + // 11
		"    </td><td>27.3.1</td></tr>\n" + // 12
		"</TABLE>\n" + // 13
		"\n" + // 14
		"<table><tr><td>a<td>b<tr><td>c<td><table><tr><td>inner</td></tr></table></td></tr></table>\n" + // 15
		"\n" + // 16
		"<tablet>pas une table</tablet>\n" + // 17
		"\n" + // 18
		"<table>\n" + // 19
		"<tr><td>jamais</td><td>fermée</td></tr>\n" + // 20
		"\n" + // 21
		"Fin.\n" // 22
	doc := parse(t, src)
	if len(doc.Tables) != 4 {
		t.Fatalf("%d tables, want 4:\n%s", len(doc.Tables), dump(doc))
	}
	wants := []struct {
		span   string
		header bool
		rows   string
	}{
		{"2:1-6:9", true, "Field@3:11-3:16 | Value@3:25-3:30\nStorage Driver@4:11-4:32 | overlay2@4:42-4:50\nTotal\u00a0Memory@5:11-5:28 | 3.82 GiB@5:37-5:45"},
		{"8:1-13:9", true, "Client@9:16-9:22 | Server@9:31-9:37\n27.3.1@11:13-11:19 | 27.3.1@12:14-12:20"},
		{"15:1-15:91", false, "a@15:16-15:17 | b@15:21-15:22\nc@15:30-15:31 | inner@15:35-15:73"},
		{"19:1-21:1", false, "jamais@20:9-20:15 | fermée@20:24-20:30"},
	}
	for i, w := range wants {
		tb := doc.Tables[i]
		if tb.Source != HTMLTable || tb.Header != w.header || at(doc, tb.Span) != w.span {
			t.Errorf("table %d: source %v header %v span %s, want header %v span %s", i, tb.Source, tb.Header, at(doc, tb.Span), w.header, w.span)
		}
		if got := rows(doc, tb); got != w.rows {
			t.Errorf("table %d rows:\n%s\nwant:\n%s", i, got, w.rows)
		}
	}
	// The table split by a blank line is one HTML block: the indented rows
	// goldmark read as code are not code.
	for _, c := range doc.Code {
		t.Errorf("unexpected code %q", c.Text)
	}
	var html []string
	for _, b := range doc.Blocks {
		if b.Kind == HTMLBlock {
			html = append(html, at(doc, b.Span)+" "+b.Text)
		}
	}
	want := []string{
		"2:1-6:9 Field Value Storage Driver overlay2 Total\u00a0Memory 3.82 GiB",
		"8:1-13:9 Client Server 27.3.1 27.3.1",
		"15:1-15:91 a b c inner",
		"19:1-21:1 jamais fermée",
	}
	if strings.Join(html, "\n") != strings.Join(want, "\n") {
		t.Errorf("HTML blocks:\n%s\nwant:\n%s", strings.Join(html, "\n"), strings.Join(want, "\n"))
	}
	// "<tablet>" is inline HTML in a paragraph, not a table.
	if p := doc.Blocks[len(doc.Blocks)-3]; p.Kind != Paragraph || p.Text != "pas une table" {
		t.Errorf("the <tablet> line: %+v", p)
	}
	if last := doc.Blocks[len(doc.Blocks)-1]; last.Kind != Paragraph || last.Text != "Fin." {
		t.Errorf("the text after an unclosed table is lost: %+v", last)
	}
}
