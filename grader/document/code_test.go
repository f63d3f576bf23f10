package document

import (
	"strings"
	"testing"
)

func TestCode(t *testing.T) {
	src := "running ```docker info``` gives `a` and `` b`c `` and ` x `\n" + // 1
		"\n" + // 2
		"```docker {.x}\n" + // 3
		"FROM alpine:3.20\n" + // 4
		"RUN  apk add curl\n" + // 5
		"```\n" + // 6
		"\n" + // 7
		"~~~\n" + // 8
		"~~~\n" + // 9
		"\n" + // 10
		"    $ docker ps\n" + // 11
		"    CONTAINER ID\n" + // 12
		"\n" + // 13
		"- item\n" + // 14
		"  ```bash\n" + // 15
		"  docker run hello-world\n" + // 16
		"  ```\n" + // 17
		"> ```\n" + // 18
		"> cité\n" + // 19
		"> ```\n" + // 20
		"```\n" + // 21
		"jamais fermé\n" // 22
	doc := parse(t, src)
	type want struct {
		block bool
		lang  string
		span  string
		text  string
	}
	wants := []want{
		{false, "", "1:12-1:23", "docker info"},
		{false, "", "1:34-1:35", "a"},
		{false, "", "1:44-1:47", "b`c"},
		{false, "", "1:57-1:58", "x"}, // one space stripped each side
		{true, "docker", "4:1-5:18", "FROM alpine:3.20\nRUN  apk add curl"},
		{true, "", "9:1-9:1", ""},
		{true, "", "11:5-12:17", "$ docker ps\nCONTAINER ID"},
		{true, "bash", "16:3-16:25", "docker run hello-world"},
		{true, "", "19:3-19:7", "cité"},
		{true, "", "22:1-22:13", "jamais fermé"},
	}
	if len(doc.Code) != len(wants) {
		t.Fatalf("got %d code elements, want %d:\n%s", len(doc.Code), len(wants), dump(doc))
	}
	for i, w := range wants {
		c := doc.Code[i]
		got := want{c.Block, c.Lang, at(doc, c.Span), c.Text}
		if got != w {
			t.Errorf("code %d = %+v\n         want %+v", i, got, w)
		}
	}
	// Code block blocks span their fences; the unclosed one ends with the text.
	var spans []string
	for _, b := range doc.Blocks {
		if b.Kind == CodeBlock {
			spans = append(spans, at(doc, b.Span))
		}
	}
	if got := strings.Join(spans, " "); got != "3:1-6:4 8:1-9:4 11:5-12:17 15:3-17:6 18:3-20:6 21:1-22:13" {
		t.Errorf("code block spans %s", got)
	}
	if !doc.Blocks[len(doc.Blocks)-2].Quote {
		t.Errorf("the quoted code block is not marked as quoted")
	}
}
