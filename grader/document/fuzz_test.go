package document

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

func init() {
	// Tests must see a panic, not the error it would be turned into.
	recoverPanics = false
}

// FuzzParse checks that no input makes Parse panic, and that every model it
// returns keeps its promises: spans inside the text and in order, positions
// inside the lines, segments that copy the source.
func FuzzParse(f *testing.F) {
	f.Add(readExample(f))
	for _, s := range []string{
		"# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		"| **Registry** | 127.0.0.0/8 |\n",
		"text\n| a | b |\n|--|\n",
		"```console\n$ docker info\nServer:\n Engine:\n  Version: 27.3.1\n```\n",
		"- **Storage Driver**: overlay2\n- Pilote : json-file\n",
		"<table><tr><th>a</th></tr>\n\n    <tr><td>b\n</table>\n",
		"<table><tr><td>a<td><table><tr><td>x</table>",
		"> # q\n> ```\n> code\n",
		"Titre\n===\n\n    indented\n\n~~~\n",
		"cr\xe9er \x92 \r\n\xEF\xBB\xBF",
		"Pour cr√©er le fork : https://x\nÃ© â€™\n",
		"[a](b \"t\") ![i](j) <http://x> www.example.com ~~s~~ - [x] done &amp; &#x41; \\*",
		"`a\nb` ``` c ```\n",
		"* * *\n---\n***\n",
		"1. a\n   - b\n     > c\n       ```\n       d\n",
		"[a](", "<table", "| |", "|\n|-|\n|", "\\", "&", ":", "- a:", "\t- \t>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		// A parse that takes seconds on 64 KiB is a bug too: report the input
		// rather than hang the fuzzer.
		var (
			problem error
			done    = make(chan struct{})
		)
		go func() {
			defer close(done)
			doc, err := Parse("fuzz.md", raw, Options{MaxBytes: 1 << 16})
			if err != nil {
				var ie *InputError
				if !errors.As(err, &ie) {
					problem = fmt.Errorf("error that is not an *InputError: %v", err)
				}
				return
			}
			problem = checkModel(doc)
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("still running after 5s on %d bytes: %q", len(raw), raw)
		}
		if problem != nil {
			t.Fatalf("%v\ninput %q", problem, raw)
		}
	})
}
