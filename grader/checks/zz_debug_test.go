package checks

import (
	"os"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	for _, line := range strings.Split(os.Getenv("SENT"), "\n") {
		if line == "" {
			continue
		}
		p := piece{text: line, ft: foldOffsets(line), src: func(i int) int { return i }}
		t.Logf("%q", p.ft.key)
		for _, c := range p.clauses() {
			t.Logf("  [%d,%d) verb=%v deny=%d %q", c.start, c.end, c.verb, c.denyFrom, p.ft.key[c.start:c.end])
		}
	}
}
