package grader

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	tpgrade "github.com/tpgrade/tpgrade"
	"github.com/tpgrade/tpgrade/grader/checks"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// ParseRubric loads a rubric from its source with every check kind tpgrade
// knows. name is used in error positions.
func ParseRubric(name string, src []byte) (*rubric.Rubric, error) {
	return rubric.Parse(name, src, checks.Kinds)
}

// Bundled lists the names of the rubrics embedded in the binary, sorted.
func Bundled() []string {
	entries, _ := fs.Glob(tpgrade.Rubrics, "rubrics/*.yaml")
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(path.Base(e), ".yaml"))
	}
	sort.Strings(names)
	return names
}

// IsBundled reports whether ref names an embedded rubric rather than a path.
func IsBundled(ref string) bool {
	if strings.ContainsAny(ref, `/\`) || strings.HasSuffix(ref, ".yaml") || strings.HasSuffix(ref, ".yml") {
		return false
	}
	for _, n := range Bundled() {
		if n == ref {
			return true
		}
	}
	return false
}

// BundledSource returns the YAML of the embedded rubric named name.
func BundledSource(name string) ([]byte, bool) {
	if !IsBundled(name) {
		return nil, false
	}
	src, err := fs.ReadFile(tpgrade.Rubrics, "rubrics/"+name+".yaml")
	return src, err == nil
}

// LoadRubric resolves ref: the name of an embedded rubric ("docker-tp1"), or a
// path read with readFile. An empty ref is the default rubric.
func LoadRubric(ref string, readFile func(string) ([]byte, error)) (*rubric.Rubric, error) {
	if ref == "" {
		ref = tpgrade.DefaultRubric
	}
	if src, ok := BundledSource(ref); ok {
		return ParseRubric(ref+".yaml", src)
	}
	src, err := readFile(ref)
	if err != nil {
		if !strings.ContainsAny(ref, `/\.`) {
			return nil, fmt.Errorf("no rubric named %q: bundled rubrics are %s; or give a path to a .yaml file", ref, strings.Join(Bundled(), ", "))
		}
		return nil, err
	}
	return ParseRubric(ref, src)
}
