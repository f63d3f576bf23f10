package checks

import (
	"sort"
	"strings"

	"github.com/tpgrade/tpgrade/grader/document"
)

// Commands said by ellipsis: "j'ai tapé `systemctl list-units --type=service
// | grep docker` puis la même chose avec `--type=socket`". A code span that
// holds options only, in the paragraph of a code span that holds a command,
// shows that command with those options: an option of the same name is
// replaced, another one is added before the first pipe.

// maxEllipsisGap is the most bytes of prose between the command and the
// options that complete it: the same sentence or the next one.
const maxEllipsisGap = 200

// completed returns the command that the code span code completes, or
// false when it holds more than options or follows no command.
func completed(doc *document.Document, code *document.Code) (string, bool) {
	opts := strings.Fields(code.Text)
	if code.Block || len(opts) == 0 || !strings.HasPrefix(opts[0], "-") {
		return "", false
	}
	i := sort.Search(len(doc.Code), func(i int) bool { return doc.Code[i].Span.Start >= code.Span.Start })
	for k := i - 1; k >= 0; k-- {
		prev := doc.Code[k]
		if prev.Block || prev.Span.End > code.Span.Start || code.Span.Start-prev.Span.End > maxEllipsisGap {
			return "", false
		}
		if strings.Contains(string(doc.Text[prev.Span.End:code.Span.Start]), "\n\n") {
			return "", false // another paragraph
		}
		words := strings.Fields(prev.Text)
		if len(words) < 2 || strings.HasPrefix(words[0], "-") {
			continue // options too, or a single word: not a command
		}
		return withOptions(words, opts), true
	}
	return "", false
}

// withOptions returns the command words with the options opts: each replaces
// the command's option of the same name (--type=service by --type=socket,
// -t service by -t socket) or is added before the first pipe.
func withOptions(words, opts []string) string {
	out := append([]string(nil), words...)
	pipe := len(out)
	for i, w := range out {
		if w == "|" || strings.HasPrefix(w, "|") {
			pipe = i
			break
		}
	}
	for i := 0; i < len(opts); i++ {
		o := opts[i]
		if !strings.HasPrefix(o, "-") {
			continue // the value of the option before, handled with it
		}
		name, _, hasValue := strings.Cut(o, "=")
		value := ""
		if !hasValue && i+1 < len(opts) && !strings.HasPrefix(opts[i+1], "-") {
			value = opts[i+1]
		}
		replaced := false
		for k := 0; k < pipe; k++ {
			n, _, _ := strings.Cut(out[k], "=")
			if n != name {
				continue
			}
			out[k] = o
			if value != "" && k+1 < pipe && !strings.HasPrefix(out[k+1], "-") {
				out[k+1] = value
			}
			replaced = true
			break
		}
		if !replaced {
			add := []string{o}
			if value != "" {
				add = append(add, value)
			}
			out = append(out[:pipe], append(add, out[pipe:]...)...)
			pipe += len(add)
		}
	}
	return strings.Join(out, " ")
}
