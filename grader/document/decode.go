package document

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/tpgrade/tpgrade/grader/i18n"
)

// decoded is the submission turned into the text every span points into.
type decoded struct {
	text     []byte
	encoding Encoding
	crlf     bool
	notes    []Note
}

// binaryControlShare is the share of control bytes (other than tab, line
// feed, carriage return, form feed, vertical tab and escape) above which a
// file is taken for binary even without a NUL byte. Pasted terminal output
// carries a few escapes and stray controls; a real binary file is full of
// them.
const binaryControlShare = 0.10

// decode checks the submitted bytes and turns them into LF-terminated UTF-8.
// The size limit is checked first, before any work.
//
// Bytes that are not valid UTF-8 are read one by one as Windows-1252 while
// valid UTF-8 sequences are kept: a Latin-1 file comes out exactly as
// decoding it whole would, and a UTF-8 file with one stray Latin-1 byte keeps
// its accents.
func decode(raw []byte, maxBytes int) (decoded, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if len(raw) > maxBytes {
		return decoded{}, &InputError{Problem: TooLarge, Offset: maxBytes, Size: len(raw), Limit: maxBytes}
	}
	d := decoded{encoding: UTF8}
	if utf16, ok := fromUTF16(raw); ok {
		// Notepad's "Unicode": read it, and tell the student.
		raw = utf16
		d.encoding = UTF16
		d.notes = append(d.notes, Note{Kind: NoteEncoding, Whole: true, Message: i18n.M(
			"the file is saved as UTF-16 (Notepad's \"Unicode\"): it was read, but GitHub shows it as binary; save it as UTF-8",
			"le fichier est enregistré en UTF-16 (« Unicode » du Bloc-notes) : il a été lu, mais GitHub l'affiche comme un fichier binaire ; enregistrez-le en UTF-8")})
	}
	if bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")) {
		raw = raw[3:]
		d.encoding = UTF8BOM
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return decoded{}, &InputError{Problem: Empty, Size: len(raw)}
	}
	if off := binaryOffset(raw); off >= 0 {
		return decoded{}, &InputError{Problem: Binary, Offset: off, Size: len(raw)}
	}

	if bytes.IndexByte(raw, '\r') < 0 && utf8.Valid(raw) {
		d.text = bytes.Clone(raw) // the common case: nothing to convert
		if note, ok := findMojibake(d.text); ok {
			d.notes = append(d.notes, note)
		}
		return d, nil
	}
	text := make([]byte, 0, len(raw))
	firstBad, bad := -1, 0
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\r':
				if i+1 < len(raw) && raw[i+1] == '\n' {
					d.crlf = true
					i++
				}
				text = append(text, '\n')
			default:
				text = append(text, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && n == 1 {
			if firstBad < 0 {
				firstBad = len(text)
			}
			bad++
			text = utf8.AppendRune(text, charmap.Windows1252.DecodeByte(c))
			i++
			continue
		}
		text = append(text, raw[i:i+n]...)
		i += n
	}
	d.text = text
	if bad > 0 {
		d.encoding = Windows1252
		_, n := utf8.DecodeRune(text[firstBad:])
		d.notes = append(d.notes, Note{
			Kind: NoteEncoding,
			Span: Span{Start: firstBad, End: firstBad + n},
			Message: i18n.M(
				"the file is not UTF-8 (%d bytes were not): it was read as Latin-1 (Windows-1252); save it as UTF-8 so that accents show on GitHub",
				"le fichier n'est pas en UTF-8 (%d octets ne l'étaient pas) : il a été lu en Latin-1 (Windows-1252) ; enregistrez-le en UTF-8 pour que les accents s'affichent sur GitHub",
				bad),
		})
	}
	if note, ok := findMojibake(text); ok {
		d.notes = append(d.notes, note)
	}
	return d, nil
}

// binaryOffset returns where a file shows it is not text, or -1: its first
// NUL byte, or its first control byte when control bytes are too many.
func binaryOffset(raw []byte) int {
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return i
	}
	first, count := -1, 0
	for i, c := range raw {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b) || c == 0x7f {
			if first < 0 {
				first = i
			}
			count++
		}
	}
	if count > 0 && float64(count) > binaryControlShare*float64(len(raw)) {
		return first
	}
	return -1
}

// mojibake is one doubly encoded character: the UTF-8 bytes of want read as
// Windows-1252 or Mac Roman and saved again as UTF-8.
type mojibake struct {
	seen []byte // what the report shows, e.g. "√©"
	want string // what the student typed, e.g. "é"
}

// mojibakeByLead groups the patterns by their first two bytes so that one
// pass over the text finds them all.
var mojibakeByLead = buildMojibake()

func buildMojibake() map[[2]byte][]mojibake {
	// The characters of French (and English typography) a report is likely
	// to hold: each yields one pattern per wrong reading.
	const typed = "éèêëàâäçîïôöùûüÉÈÊÀÂÇÎÔÙÛœŒ’‘“”«»…–—\u00a0\u202f"
	out := map[[2]byte][]mojibake{}
	for _, want := range typed {
		utf := []byte(string(want))
		for _, cm := range []*charmap.Charmap{charmap.Windows1252, charmap.Macintosh} {
			var seen []byte
			ok := true
			for _, b := range utf {
				r := cm.DecodeByte(b)
				if r == utf8.RuneError || r < 0x20 || (r >= 0x80 && r < 0xa0) {
					ok = false // an undefined byte: such text is not reliably seen
					break
				}
				seen = utf8.AppendRune(seen, r)
			}
			if !ok || len(seen) < 2 {
				continue
			}
			key := [2]byte{seen[0], seen[1]}
			out[key] = append(out[key], mojibake{seen: seen, want: string(want)})
		}
	}
	return out
}

// findMojibake looks for text that was UTF-8 read as Windows-1252 or Mac
// Roman ("crÃ©er", "cr√©er") and returns one note at the first occurrence,
// counting them all.
func findMojibake(text []byte) (Note, bool) {
	first, count := -1, 0
	var example mojibake
	for i := 0; i+1 < len(text); {
		if text[i] < utf8.RuneSelf {
			i++
			continue
		}
		matched := 0
		for _, m := range mojibakeByLead[[2]byte{text[i], text[i+1]}] {
			if bytes.HasPrefix(text[i:], m.seen) {
				matched = len(m.seen)
				if first < 0 {
					first, example = i, m
				}
				count++
				break
			}
		}
		if matched > 0 {
			i += matched
		} else {
			i++
		}
	}
	if count == 0 {
		return Note{}, false
	}
	return Note{
		Kind:    NoteMojibake,
		Span:    Span{Start: first, End: first + len(example.seen)},
		Message: mojibakeMessage(count, string(example.seen), example.want),
	}, true
}

// mojibakeMessage tells the student how many characters look doubly encoded,
// with one example, in the singular or the plural.
func mojibakeMessage(count int, seen, want string) i18n.Msg {
	if count == 1 {
		return i18n.M(
			"one character looks doubly encoded (%q instead of %q): the file was converted from UTF-8 to another encoding and back; fix it and save the file as UTF-8",
			"un caractère semble mal encodé (%q au lieu de %q) : le fichier a été converti d'UTF-8 vers un autre encodage puis relu ; corrigez-le et enregistrez le fichier en UTF-8",
			seen, want)
	}
	return i18n.M(
		"%d characters look doubly encoded (%q instead of %q, for one): the file was converted from UTF-8 to another encoding and back; fix them and save the file as UTF-8",
		"%d caractères semblent mal encodés (%q au lieu de %q, par exemple) : le fichier a été converti d'UTF-8 vers un autre encodage puis relu ; corrigez-les et enregistrez le fichier en UTF-8",
		count, seen, want)
}

// fromUTF16 decodes a file that starts with a UTF-16 byte order mark, the
// way Windows editors save "Unicode" text; ok is false for anything else.
func fromUTF16(raw []byte) ([]byte, bool) {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	default:
		return nil, false
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return nil, false
	}
	return out, true
}
