package document

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

func TestRefusedInputs(t *testing.T) {
	cases := []struct {
		name    string
		raw     []byte
		max     int
		problem InputProblem
		offset  int
		en, fr  string
	}{
		{"empty", nil, 0, Empty, 0, "the report is empty", "le rapport est vide"},
		{"white space", []byte(" \n\t\r\n  "), 0, Empty, 0, "empty", "vide"},
		{"a BOM alone", []byte("\xEF\xBB\xBF\n"), 0, Empty, 0, "empty", "vide"},
		{"NUL byte", []byte("# Rapport\x00\x01"), 0, Binary, 9, "binary content at byte 9", "contenu binaire à l'octet 9"},
		{"UTF-16 without its BOM", []byte("#\x00 \x00"), 0, Binary, 1, "not text", "pas du texte"},
		{"control bytes", append([]byte("ab"), bytes.Repeat([]byte{0x01, 0x02, 'x'}, 20)...), 0, Binary, 2, "binary", "binaire"},
		{"over a set limit", bytes.Repeat([]byte("a"), 101), 100, TooLarge, 100, "the report is 101 B, over the 100 B limit", "au-delà de la limite de 100 B"},
		{"over the default limit", bytes.Repeat([]byte("a\n"), DefaultMaxBytes/2+1), 0, TooLarge, DefaultMaxBytes, "over the 2.0 MiB limit", "2.0 MiB"},
		{"binary and too large: size first", bytes.Repeat([]byte{0}, 200), 100, TooLarge, 100, "limit", "limite"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := Parse("r.md", c.raw, Options{MaxBytes: c.max})
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("got %v, %v; want an *InputError", doc, err)
			}
			if ie.Problem != c.problem || ie.Offset != c.offset {
				t.Errorf("problem %s at %d, want %s at %d", ie.Problem, ie.Offset, c.problem, c.offset)
			}
			if m := ie.Message(); !strings.Contains(m.EN, c.en) || !strings.Contains(m.FR, c.fr) {
				t.Errorf("message %+v, want %q / %q in it", m, c.en, c.fr)
			}
		})
	}
}

func TestAFewControlBytesAreText(t *testing.T) {
	// Pasted terminal output keeps colour escapes and the odd stray byte.
	doc := parse(t, "# Sortie\n```\n\x1b[32mOK\x1b[0m\x07\n```\n"+strings.Repeat("texte ", 10))
	if doc.Code[0].Text != "\x1b[32mOK\x1b[0m\x07" {
		t.Errorf("code %q", doc.Code[0].Text)
	}
}

func TestLatin1(t *testing.T) {
	// "Créer un conteneur : à faire" saved in ISO-8859-1, with a Windows-1252
	// apostrophe (0x92).
	raw := []byte("# Cr\xe9er\n\nL\x92image : \xe0 faire\n")
	doc := parse(t, string(raw))
	if doc.Encoding != Windows1252 {
		t.Errorf("encoding %s", doc.Encoding)
	}
	if got := string(doc.Text); got != "# Créer\n\nL’image : à faire\n" {
		t.Errorf("text %q", got)
	}
	if doc.Sections[1].Title != "Créer" {
		t.Errorf("title %q", doc.Sections[1].Title)
	}
	if len(doc.Notes) != 1 || doc.Notes[0].Kind != NoteEncoding {
		t.Fatalf("notes %+v", doc.Notes)
	}
	n := doc.Notes[0]
	if at(doc, n.Span) != "1:5-1:6" || text(doc, n.Span) != "é" {
		t.Errorf("encoding note at %s (%q)", at(doc, n.Span), text(doc, n.Span))
	}
	if !strings.Contains(n.Message.EN, "not UTF-8 (3 bytes") || !strings.Contains(n.Message.EN, "Windows-1252") || !strings.Contains(n.Message.FR, "enregistrez-le en UTF-8") {
		t.Errorf("message %+v", n.Message)
	}
	// The fact is read from the decoded text, at the right column.
	if f := doc.Facts[0]; f.Key != "L’image" || f.Value != "à faire" || at(doc, f.Span) != "3:11-3:18" {
		t.Errorf("fact %q=%q at %s", f.Key, f.Value, at(doc, f.Span))
	}
}

func TestUTF8WithAStrayLatin1Byte(t *testing.T) {
	// Valid UTF-8 accents stay; only the stray byte is read as Windows-1252.
	doc := parse(t, "Créé le 12\xb0C\n")
	if string(doc.Text) != "Créé le 12°C\n" || doc.Encoding != Windows1252 {
		t.Errorf("text %q encoding %s", doc.Text, doc.Encoding)
	}
}

func TestCRLFAndBOM(t *testing.T) {
	raw := "\xEF\xBB\xBF# Titre\r\n\r\n| a | b |\r\n|---|---|\r\n| 1 | 2 |\r\nfin\rlone\r\n"
	doc := parse(t, raw)
	if doc.Encoding != UTF8BOM || !doc.CRLF {
		t.Errorf("encoding %s crlf %v", doc.Encoding, doc.CRLF)
	}
	if want := "# Titre\n\n| a | b |\n|---|---|\n| 1 | 2 |\nfin\nlone\n"; string(doc.Text) != want {
		t.Errorf("text %q", doc.Text)
	}
	if len(doc.Notes) != 0 {
		t.Errorf("a BOM and CRLF need no note: %+v", doc.Notes)
	}
	if at(doc, doc.Tables[0].Rows[1][1].Span) != "5:7-5:8" {
		t.Errorf("cell at %s", at(doc, doc.Tables[0].Rows[1][1].Span))
	}
	if doc.Lines.Line(7) != "lone" {
		t.Errorf("a lone CR ends a line: line 7 is %q", doc.Lines.Line(7))
	}
	plain := parse(t, "a\nb\n")
	if plain.CRLF || plain.Encoding != UTF8 {
		t.Errorf("LF text: crlf %v encoding %s", plain.CRLF, plain.Encoding)
	}
}

func TestMojibake(t *testing.T) {
	cases := []struct {
		name, text, seen, want, span string
		count                        int
	}{
		{"Mac Roman", "Pour cr√©er le fork\net l√†, √ßa\n", "√©", "é", "1:8-1:10", 3},
		{"Windows-1252", "Le r\u00c3\u00a9seau\nl\u00e2\u20ac\u2122image\n", "Ã©", "é", "1:5-1:7", 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := parse(t, c.text)
			if len(doc.Notes) != 1 || doc.Notes[0].Kind != NoteMojibake {
				t.Fatalf("notes %+v", doc.Notes)
			}
			n := doc.Notes[0]
			if at(doc, n.Span) != c.span || text(doc, n.Span) != c.seen {
				t.Errorf("note at %s (%q), want %s", at(doc, n.Span), text(doc, n.Span), c.span)
			}
			if !strings.Contains(n.Message.EN, c.seen) || !strings.Contains(n.Message.EN, c.want) || !strings.HasPrefix(n.Message.FR, strings.Split(n.Message.EN, " ")[0]+" caractères") {
				t.Errorf("message %+v", n.Message)
			}
			if got := strings.Split(n.Message.EN, " ")[0]; got != string(rune('0'+c.count)) {
				t.Errorf("counted %s, want %d", got, c.count)
			}
		})
	}
	// French written right, and Portuguese or maths that merely use "Ã" or
	// "√", are not mojibake.
	for _, s := range []string{"Créer, à, ça, œuvre, « guillemets »", "São Paulo, Ãgua", "√2 ≈ 1.414"} {
		if doc := parse(t, s); len(doc.Notes) != 0 {
			t.Errorf("%q: notes %+v", s, doc.Notes)
		}
	}
}

func TestUTF16IsReadAndReported(t *testing.T) {
	for name, enc := range map[string]func(string) []byte{
		"little endian": func(s string) []byte {
			out := []byte{0xFF, 0xFE}
			for _, r := range utf16.Encode([]rune(s)) {
				out = append(out, byte(r), byte(r>>8))
			}
			return out
		},
		"big endian": func(s string) []byte {
			out := []byte{0xFE, 0xFF}
			for _, r := range utf16.Encode([]rune(s)) {
				out = append(out, byte(r>>8), byte(r))
			}
			return out
		},
	} {
		doc, err := Parse("r.md", enc("# Rapport\r\n\r\nLe démon dockerd gère les conteneurs.\r\n"), Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if doc.Encoding != UTF16 || len(doc.Sections) != 2 || doc.Sections[1].Title != "Rapport" {
			t.Errorf("%s: encoding %s, sections %d", name, doc.Encoding, len(doc.Sections))
		}
		if len(doc.Notes) == 0 || doc.Notes[0].Kind != NoteEncoding || !strings.Contains(doc.Notes[0].Message.EN, "UTF-16") {
			t.Errorf("%s: notes %+v", name, doc.Notes)
		}
		if got := doc.Blocks[len(doc.Blocks)-1].Text; got != "Le démon dockerd gère les conteneurs." {
			t.Errorf("%s: text %q", name, got)
		}
	}
}
