package similarity

import (
	"sort"
	"strings"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/fold"
)

// The comparison's settings.
const (
	shingleWords = 5 // words per shingle: long enough that common phrasing rarely matches by chance
	// minShingles is the smallest personal text compared: below it, two short
	// answers would look identical for no reason.
	minShingles = 8
	// DefaultThreshold is the overlap over which a pair is listed: half of
	// the shorter submission's own text is also in the other.
	DefaultThreshold = 0.5
)

// Pair is two submissions whose own text is near-identical, for the teacher
// to look at. It never changes a grade.
type Pair struct {
	A       string  `json:"a"` // login (or roster identifier) of the first student
	B       string  `json:"b"`
	Overlap float64 `json:"overlap"` // shared shingles over the smaller set: how much of the shorter text is in the other, 0 to 1
	Jaccard float64 `json:"jaccard"` // shared shingles over all shingles of both, 0 to 1
	Shared  int     `json:"shared"`  // shingles the two have in common
}

// TextOf is what a student wrote in their own words: paragraphs,
// list items and tables. Headings and pasted code are left out: they are the
// same for everyone by design.
func TextOf(doc *document.Document) string {
	if doc == nil {
		return ""
	}
	var b strings.Builder
	for _, bl := range doc.Blocks {
		switch bl.Kind {
		case document.Paragraph, document.ListItem, document.TableBlock:
			b.WriteString(bl.Text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// shingles folds text (case, accents, punctuation) and hashes every run of
// shingleWords consecutive words. Words do not run across lines, so that two
// table rows never make a shingle together.
func shingles(text string) map[uint64]struct{} {
	out := map[uint64]struct{}{}
	for _, line := range strings.Split(text, "\n") {
		for _, h := range fold.Shingles(fold.Key(line), shingleWords) {
			out[h] = struct{}{}
		}
	}
	return out
}

// Find compares every pair of texts (by student key) and lists those
// whose overlap reaches threshold, most similar first. Overlap rather than
// Jaccard decides, because copying is usually partial: one explanation
// copied into otherwise different reports is half of the shorter one's own
// text but a small share of both together; Jaccard is reported alongside. Shingles of the
// template (the assignment's wording, the template repository's report) are
// removed first, and so are shingles shared by many submissions (more than
// max(4, 4 % of them)): pasted command output and the phrasing everyone
// learnt in class are not copying.
func Find(texts map[string]string, template string, threshold float64) []Pair {
	tmpl := shingles(template)
	sets := map[string]map[uint64]struct{}{}
	df := map[uint64]int{}
	for k, t := range texts {
		s := shingles(t)
		for h := range s {
			if _, ok := tmpl[h]; ok {
				delete(s, h)
				continue
			}
			df[h]++
		}
		sets[k] = s
	}
	common := max(4, len(texts)/25)
	index := map[uint64][]string{}
	for k, s := range sets {
		for h := range s {
			if df[h] > common {
				delete(s, h)
			}
		}
		if len(s) < minShingles {
			continue
		}
		for h := range s {
			index[h] = append(index[h], k)
		}
	}
	type pk struct{ a, b string }
	shared := map[pk]int{}
	for _, ks := range index {
		sort.Strings(ks)
		for i := range ks {
			for j := i + 1; j < len(ks); j++ {
				shared[pk{ks[i], ks[j]}]++
			}
		}
	}
	var out []Pair
	round := func(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }
	for p, n := range shared {
		if n < minShingles {
			continue
		}
		a, b := len(sets[p.a]), len(sets[p.b])
		overlap := float64(n) / float64(min(a, b))
		if overlap >= threshold {
			out = append(out, Pair{A: p.a, B: p.b, Overlap: round(overlap),
				Jaccard: round(float64(n) / float64(a+b-n)), Shared: n})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Overlap != out[j].Overlap {
			return out[i].Overlap > out[j].Overlap
		}
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		return out[i].B < out[j].B
	})
	return out
}
