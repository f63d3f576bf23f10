package checks

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tpgrade/tpgrade/grader/fold"
)

// Copy detection: a sentence of an answer that mostly repeats the assignment
// or the question earns nothing. Sentences and sources are compared as
// folded words (case, accents and punctuation ignored), cut into overlapping
// runs of three words (shingles); a sentence is copied when at least
// copiedShare of its shingles occur in the sources. Sentences of fewer than
// three words are never counted as copied: "Oui." or "docker.socket" copy
// nothing.
const (
	shingleSize = 3
	copiedShare = 0.8
)

// copySource is the text answers must not copy, cut into shingles.
type copySource struct {
	shingles map[uint64]bool
}

// copySources keeps the sources already made: a rubric's assignment is the
// same for every report of a batch. A source is never written once made, so
// goroutines share it; at most maxCopySources are kept.
var (
	copySources    sync.Map // texts joined by "\x00" -> copySource
	copySourcesN   atomic.Int32
	maxCopySources int32 = 64
)

// newCopySource folds and shingles the given texts (the rubric's assignment,
// the question). Empty texts add nothing.
func newCopySource(texts ...string) copySource {
	key := strings.Join(texts, "\x00")
	if c, ok := copySources.Load(key); ok {
		return c.(copySource)
	}
	src := makeCopySource(texts)
	if copySourcesN.Add(1) <= maxCopySources {
		copySources.Store(key, src)
	}
	return src
}

func makeCopySource(texts []string) copySource {
	src := copySource{shingles: map[uint64]bool{}}
	for _, t := range texts {
		for _, s := range fold.Shingles(fold.Key(t), shingleSize) {
			src.shingles[s] = true
		}
	}
	return src
}

// empty reports whether there is nothing to compare with.
func (c copySource) empty() bool { return len(c.shingles) == 0 }

// copied reports whether a folded sentence repeats the sources.
func (c copySource) copied(key string) bool {
	if c.empty() {
		return false
	}
	sh := fold.Shingles(key, shingleSize)
	if len(sh) == 0 {
		return false
	}
	hit := 0
	for _, s := range sh {
		if c.shingles[s] {
			hit++
		}
	}
	return float64(hit) >= copiedShare*float64(len(sh))
}

// split separates an answer's sentences into the student's own and the
// copied ones.
func (c copySource) split(ps []piece) (own, copied []piece) {
	for _, p := range ps {
		if c.copied(p.ft.key) {
			copied = append(copied, p)
		} else {
			own = append(own, p)
		}
	}
	return own, copied
}

// blockCopied reports whether a block repeats the sources: at least one of
// its sentences does, and every other one is too short to tell ("Question
// 4."). Such a block is a question copied from the assignment, where the
// previous answer ends.
func (c copySource) blockCopied(ps []piece) bool {
	if c.empty() {
		return false
	}
	copied := false
	for _, p := range ps {
		switch {
		case c.copied(p.ft.key):
			copied = true
		case len(strings.Fields(p.ft.key)) >= shingleSize:
			return false
		}
	}
	return copied
}
