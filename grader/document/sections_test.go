package document

import (
	"strings"
	"testing"
)

func TestSectionsTree(t *testing.T) {
	src := "Préambule\n" + // 1
		"\n" + // 2
		"# Un *premier* titre #\n" + // 3
		"texte\n" + // 4
		"## Sous-partie\n" + // 5
		"### Détail `code`\n" + // 6
		"## Autre\n" + // 7
		"Titre setext\n" + // 8
		"------------\n" + // 9
		"# Deuxième\n" + // 10
		"#### Saut de niveaux\n" + // 11
		"fin\n" // 12
	doc := parse(t, src)

	type want struct {
		title   string
		level   int
		heading string
		span    string
		path    string
	}
	wants := []want{
		{"", 0, "1:1-1:1", "1:1-13:1", ""},
		{"Un premier titre", 1, "3:1-3:23", "3:1-10:1", "Un premier titre"},
		{"Sous-partie", 2, "5:1-5:15", "5:1-7:1", "Un premier titre > Sous-partie"},
		{"Détail code", 3, "6:1-6:18", "6:1-7:1", "Un premier titre > Sous-partie > Détail code"},
		{"Autre", 2, "7:1-7:9", "7:1-8:1", "Un premier titre > Autre"},
		{"Titre setext", 2, "8:1-9:13", "8:1-10:1", "Un premier titre > Titre setext"},
		{"Deuxième", 1, "10:1-10:11", "10:1-13:1", "Deuxième"},
		{"Saut de niveaux", 4, "11:1-11:21", "11:1-13:1", "Deuxième > Saut de niveaux"},
	}
	if len(doc.Sections) != len(wants) {
		t.Fatalf("got %d sections, want %d:\n%s", len(doc.Sections), len(wants), dump(doc))
	}
	for i, w := range wants {
		s := doc.Sections[i]
		got := want{s.Title, s.Level, at(doc, s.Heading), at(doc, s.Span), strings.Join(s.Path(), " > ")}
		if got != w {
			t.Errorf("section %d = %+v, want %+v", i, got, w)
		}
	}
	if doc.Root != doc.Sections[0] || len(doc.Root.Children) != 2 {
		t.Fatalf("root has %d children, want the two level-1 sections", len(doc.Root.Children))
	}
	if c := doc.Sections[1].Children; len(c) != 3 || c[0].Title != "Sous-partie" || c[2].Title != "Titre setext" {
		t.Errorf("children of the first section: %d", len(c))
	}
	if p := doc.Sections[7].Parent; p != doc.Sections[6] {
		t.Errorf("a level-4 heading under a level-1 one should be its child, parent is %q", p.Title)
	}
	// SectionAt finds the innermost section.
	for off, title := range map[int]string{
		0:                                  "",
		strings.Index(src, "texte"):        "Un premier titre",
		strings.Index(src, "Détail"):       "Détail code",
		strings.Index(src, "fin"):          "Saut de niveaux",
		strings.Index(src, "------------"): "Titre setext",
	} {
		if got := doc.SectionAt(off).Title; got != title {
			t.Errorf("SectionAt(%d) = %q, want %q", off, got, title)
		}
	}
	if len(doc.Code) != 1 || doc.Code[0].Section != doc.Sections[3] {
		t.Errorf("the code span of a heading belongs to the heading's section")
	}
	if b := doc.Sections[1].Body(); at(doc, b) != "3:23-10:1" {
		t.Errorf("body of the first section: %s", at(doc, b))
	}
}

func TestHeadingsInQuotesAndListsAreSections(t *testing.T) {
	doc := parse(t, "# A\n> ## Cité\n- ### En liste\n")
	var titles []string
	for _, s := range doc.Sections[1:] {
		titles = append(titles, s.Title)
	}
	if strings.Join(titles, "|") != "A|Cité|En liste" {
		t.Fatalf("sections %q", titles)
	}
	if at(doc, doc.Sections[2].Heading) != "2:3-2:10" {
		t.Errorf("quoted heading at %s", at(doc, doc.Sections[2].Heading))
	}
	if doc.Blocks[1].Kind != Heading || !doc.Blocks[1].Quote {
		t.Errorf("quoted heading block: %+v", doc.Blocks[1])
	}
}

func TestHeadingAfterTabs(t *testing.T) {
	// Found by fuzzing: goldmark places this empty heading past the text.
	for src, want := range map[string]string{
		">\t>\t#":      "1:5-1:6",
		">\t>\t###\nx": "1:5-1:8",
		">\t# Titre":   "1:3-1:10",
	} {
		doc := parse(t, src)
		if len(doc.Sections) != 2 || at(doc, doc.Sections[1].Heading) != want {
			t.Errorf("%q: %d sections, heading at %s, want %s", src, len(doc.Sections), at(doc, doc.Sections[len(doc.Sections)-1].Heading), want)
		}
	}
}
