package document

import (
	"strings"
	"testing"
)

func TestBlocks(t *testing.T) {
	src := "# Titre\n" + // 1
		"Un *texte* avec [un lien](http://x), `du code`, ![une image](i.png) et \\*rien\\* &amp; plus\n" + // 2
		"sur deux lignes.\n" + // 3
		"\n" + // 4
		"- premier élément\n" + // 5
		"  - imbriqué **gras**\n" + // 6
		"- second\n" + // 7
		"\n" + // 8
		"> cité\n" + // 9
		"> encore\n" + // 10
		"\n" + // 11
		"```sh\n" + // 12
		"docker  info\n" + // 13
		"```\n" + // 14
		"\n" + // 15
		"    indenté\n" + // 16
		"\n" + // 17
		"<div>du <b>HTML</b>\n" + // 18
		"&eacute;té</div>\n" + // 19
		"\n" + // 20
		"| a | b |\n" + // 21
		"|---|---|\n" + // 22
		"| 1 | 2 |\n" // 23
	doc := parse(t, src)
	type want struct {
		kind  BlockKind
		span  string
		text  string
		words int
		quote bool
	}
	wants := []want{
		{Heading, "1:1-1:8", "Titre", 1, false},
		{Paragraph, "2:1-3:17", "Un texte avec un lien, du code, une image et *rien* & plus\nsur deux lignes.", 15, false},
		{ListItem, "5:3-5:18", "premier élément", 2, false},
		{ListItem, "6:5-6:22", "imbriqué gras", 2, false},
		{ListItem, "7:3-7:9", "second", 1, false},
		{Paragraph, "9:3-10:9", "cité\nencore", 2, true},
		{CodeBlock, "12:1-14:4", "docker  info", 2, false},
		{CodeBlock, "16:5-16:12", "indenté", 1, false},
		{HTMLBlock, "18:1-19:17", "du HTML été", 3, false},
		{TableBlock, "21:1-23:10", "a | b\n1 | 2", 4, false},
	}
	if len(doc.Blocks) != len(wants) {
		t.Fatalf("got %d blocks, want %d:\n%s", len(doc.Blocks), len(wants), dump(doc))
	}
	for i, w := range wants {
		b := doc.Blocks[i]
		got := want{b.Kind, at(doc, b.Span), b.Text, b.Words, b.Quote}
		if got != w {
			t.Errorf("block %d = %+v\n          want %+v", i, got, w)
		}
		if b.Section != doc.Sections[1] {
			t.Errorf("block %d is in section %q", i, b.Section.Title)
		}
	}
}

func TestSourceOffsetMapsPlainTextBack(t *testing.T) {
	src := "Le **pilote** de `stockage` est [overlay2](https://docs) \\*enfin\\* &amp; fin"
	doc := parse(t, src)
	b := doc.Blocks[0]
	if b.Text != "Le pilote de stockage est overlay2 *enfin* & fin" {
		t.Fatalf("text %q", b.Text)
	}
	for _, word := range []string{"pilote", "stockage", "overlay2", "enfin", "fin"} {
		i := strings.Index(b.Text, word)
		o := b.SourceOffset(i)
		if got := string(doc.Text[o : o+len(word)]); got != word {
			t.Errorf("%q maps to %d, where the source reads %q", word, o, got)
		}
	}
	// "&" was an entity: it maps to the byte before it.
	amp := strings.Index(b.Text, "&")
	if o := b.SourceOffset(amp); doc.Text[o-1] != ' ' || o != strings.Index(src, "&amp;") {
		t.Errorf("the resolved entity maps to %d", o)
	}
}

func TestListItemKinds(t *testing.T) {
	// A loose list's items are paragraphs in goldmark: still list items here,
	// one block per paragraph of the item.
	doc := parse(t, "1. un\n\n   deux\n2. trois\n")
	var got []string
	for _, b := range doc.Blocks {
		got = append(got, b.Kind.String()+":"+b.Text+"@"+at(doc, b.Span))
	}
	want := "list item:un@1:4-1:6|list item:deux@3:4-3:8|list item:trois@4:4-4:9"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
}

func TestWords(t *testing.T) {
	for s, n := range map[string]int{
		"":                       0,
		"un deux  trois":         3,
		"créer un conteneur":     3,
		"- | -- 27.3.1 |":        1,
		"docker.service démarre": 2,
		"l'image\tet\nle réseau": 4,
		"日本 語":                   2,
	} {
		if got := countWords(s); got != n {
			t.Errorf("countWords(%q) = %d, want %d", s, got, n)
		}
	}
}
