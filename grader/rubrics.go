package grader

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"

	tpgrade "github.com/tpgrade/tpgrade"
	"github.com/tpgrade/tpgrade/grader/checks"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// ParseRubric loads a rubric from its source with every check kind tpgrade
// knows. name is used in error positions. It may include the criteria
// bundled with tpgrade (include: [leftovers]) but no file of its own: use
// ParseRubricFile for a rubric read from a folder.
func ParseRubric(name string, src []byte) (*rubric.Rubric, error) {
	return ParseRubricFile(name, src, nil)
}

// ParseRubricFile loads the rubric at path name from its source, and the
// files it includes: paths relative to the including file, read with
// readFile, and names of files bundled with tpgrade. With a nil readFile
// only bundled files can be included.
func ParseRubricFile(name string, src []byte, readFile func(string) ([]byte, error)) (*rubric.Rubric, error) {
	return rubric.Load(name, src, checks.Kinds, Includer(readFile))
}

// Bundled lists the names of the rubrics embedded in the binary, sorted.
func Bundled() []string { return embedded("rubrics/*.yaml") }

// BundledIncludes lists the names of the criteria files embedded in the
// binary for rubrics to include (include: [leftovers]), sorted.
func BundledIncludes() []string { return embedded("rubrics/include/*.yaml") }

func embedded(pattern string) []string {
	entries, _ := fs.Glob(tpgrade.Rubrics, pattern)
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(path.Base(e), ".yaml"))
	}
	sort.Strings(names)
	return names
}

// isName reports whether ref is a bare name rather than a path: no folder,
// no .yaml or .yml extension.
func isName(ref string) bool {
	return !strings.ContainsAny(ref, `/\`) && !strings.HasSuffix(ref, ".yaml") && !strings.HasSuffix(ref, ".yml")
}

// IsBundled reports whether ref names an embedded rubric rather than a path.
func IsBundled(ref string) bool {
	if !isName(ref) {
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

// BundledIncludeSource returns the YAML of the embedded criteria file named
// name, and its path inside tpgrade's rubrics folder (include/NAME.yaml).
func BundledIncludeSource(name string) ([]byte, string, bool) {
	if !isName(name) {
		return nil, "", false
	}
	p := "include/" + name + ".yaml"
	src, err := fs.ReadFile(tpgrade.Rubrics, "rubrics/"+p)
	return src, p, err == nil
}

// Includer reads the files a rubric includes:
//
//   - a bare name (no folder, no .yaml extension) is a criteria file
//     bundled with tpgrade, such as leftovers (named include/leftovers.yaml
//     in error positions);
//   - a path is relative to the including file's folder (or absolute), and
//     is read with readFile; from a bundled file, it is read from the binary.
//
// With a nil readFile, only bundled files can be included.
func Includer(readFile func(string) ([]byte, error)) rubric.Includer {
	return newIncluder(readFile, "").include
}

// includer remembers which of the names it gave are files of the binary.
type includer struct {
	readFile func(string) ([]byte, error)
	embedded map[string]string // name given -> path in tpgrade.Rubrics
}

// newIncluder makes an includer; bundled is the name of the bundled rubric
// being loaded, if it is one.
func newIncluder(readFile func(string) ([]byte, error), bundled string) *includer {
	in := &includer{readFile: readFile, embedded: map[string]string{}}
	if bundled != "" {
		in.embedded[bundled+".yaml"] = "rubrics/" + bundled + ".yaml"
	}
	return in
}

func (in *includer) include(from, ref string) (string, []byte, error) {
	if isName(ref) {
		if src, p, ok := BundledIncludeSource(ref); ok {
			in.embedded[p] = "rubrics/" + p
			return p, src, nil
		}
		if IsBundled(ref) {
			return "", nil, fmt.Errorf("%s is a whole rubric, not criteria to include (bundled criteria to include: %s)",
				ref, strings.Join(BundledIncludes(), ", "))
		}
		return "", nil, fmt.Errorf("no bundled criteria named %q (bundled: %s); a file of yours is named with its .yaml extension",
			ref, strings.Join(BundledIncludes(), ", "))
	}
	if inBinary, ok := in.embedded[from]; ok {
		p := path.Join(path.Dir(inBinary), filepath.ToSlash(ref))
		src, err := fs.ReadFile(tpgrade.Rubrics, p)
		if err != nil || !strings.HasPrefix(p, "rubrics/") {
			return "", nil, fmt.Errorf("tpgrade bundles no file %s", ref)
		}
		name := strings.TrimPrefix(p, "rubrics/")
		in.embedded[name] = p
		return name, src, nil
	}
	if in.readFile == nil {
		return "", nil, errors.New("this rubric is read without its folder, so it can only include bundled criteria")
	}
	p := filepath.FromSlash(ref)
	if !filepath.IsAbs(p) {
		p = filepath.Join(filepath.Dir(from), p)
	}
	src, err := in.readFile(p)
	if err != nil {
		return "", nil, err
	}
	return p, src, nil
}

// LoadRubric resolves ref: the name of an embedded rubric ("docker-tp1"), or a
// path read with readFile, as are the files it includes. An empty ref is the
// default rubric.
func LoadRubric(ref string, readFile func(string) ([]byte, error)) (*rubric.Rubric, error) {
	if ref == "" {
		ref = tpgrade.DefaultRubric
	}
	if src, ok := BundledSource(ref); ok {
		return rubric.Load(ref+".yaml", src, checks.Kinds, newIncluder(readFile, ref).include)
	}
	if readFile == nil {
		return nil, fmt.Errorf("no rubric named %q: bundled rubrics are %s", ref, strings.Join(Bundled(), ", "))
	}
	src, err := readFile(ref)
	if err != nil {
		if !strings.ContainsAny(ref, `/\.`) {
			return nil, fmt.Errorf("no rubric named %q: bundled rubrics are %s; or give a path to a .yaml file", ref, strings.Join(Bundled(), ", "))
		}
		return nil, err
	}
	return ParseRubricFile(ref, src, readFile)
}
