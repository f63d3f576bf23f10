package rubric

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// dirIncluder reads included files from the folder dir, with names
// relative to it, as the command line does from the working folder.
func dirIncluder(dir string) Includer {
	return func(from, ref string) (string, []byte, error) {
		name := filepath.ToSlash(filepath.Join(filepath.Dir(from), ref))
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return "", nil, fmt.Errorf("no file %s", name)
		}
		return name, src, nil
	}
}

// TestIncludeCorpus loads testdata/include/*/main.yaml with the files it
// includes, and compares with expected.out: the criteria's ids ("ok: ...")
// or the errors, one "file:line:col: message" per line.
func TestIncludeCorpus(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/include/*")
	if len(dirs) < 8 {
		t.Fatalf("only %d include cases", len(dirs))
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, "main.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			r, err := Load("main.yaml", src, testKinds, dirIncluder(dir))
			var got string
			if err != nil {
				var list ErrorList
				if !errors.As(err, &list) || r != nil {
					t.Fatalf("error %T %v, rubric %v", err, err, r)
				}
				got = err.Error() + "\n"
				for _, e := range list {
					b, rerr := os.ReadFile(filepath.Join(dir, e.File))
					if rerr != nil {
						t.Errorf("error in a file that does not exist: %v", e)
						continue
					}
					checkPositions(t, b, ErrorList{e})
				}
			} else {
				ids := make([]string, len(r.Criteria))
				for i, c := range r.Criteria {
					ids[i] = c.ID
				}
				got = "ok: " + strings.Join(ids, ", ") + "\n"
			}
			golden := filepath.Join(dir, "expected.out")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if d := cmp.Diff(string(want), got); d != "" {
				t.Errorf("%s (-want +got):\n%s", golden, d)
			}
		})
	}
}

// TestIncludeHash: a rubric that includes nothing hashes as sha256sum
// does; one that includes files changes hash when any of them changes, and
// not when nothing does.
func TestIncludeHash(t *testing.T) {
	files := map[string]string{
		"main.yaml":         "id: lab\ninclude: [parts/a.yaml]\ncriteria:\n  - {id: intro, kind: section, points: 1, names: Intro}\n",
		"parts/a.yaml":      "include: [b.yaml]\ncriteria:\n  - {id: a, kind: section, points: 1, names: A}\n",
		"parts/b.yaml":      "criteria:\n  - {id: b, kind: section, points: 1, names: B}\n",
		"plain.yaml":        "id: lab\ncriteria:\n  - {id: intro, kind: section, points: 1, names: Intro}\n",
		"parts/unused.yaml": "criteria: []\n",
	}
	includer := func(from, ref string) (string, []byte, error) {
		name := filepath.ToSlash(filepath.Join(filepath.Dir(from), ref))
		src, ok := files[name]
		if !ok {
			return "", nil, fmt.Errorf("no file %s", name)
		}
		return name, []byte(src), nil
	}
	hash := func() string {
		r, err := Load("main.yaml", []byte(files["main.yaml"]), testKinds, includer)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Included) != 2 || r.Included[0] != "parts/a.yaml" || r.Included[1] != "parts/b.yaml" {
			t.Errorf("included %v", r.Included)
		}
		return r.Hash
	}
	plain, err := Load("plain.yaml", []byte(files["plain.yaml"]), testKinds, includer)
	if err != nil {
		t.Fatal(err)
	}
	if plain.Hash != HashOf([]byte(files["plain.yaml"])) {
		t.Errorf("a rubric without include hashes as %s, not as sha256sum does", plain.Hash)
	}
	h0 := hash()
	if h0 == HashOf([]byte(files["main.yaml"])) || hash() != h0 {
		t.Fatalf("hash %s covers the rubric alone, or is not stable", h0)
	}
	seen := map[string]string{h0: "original"}
	for _, change := range []struct{ file, from, to string }{
		{"parts/b.yaml", "names: B", "names: Bee"},   // a file included by an included file
		{"parts/a.yaml", "names: A", "names: Ay"},    // an included file
		{"main.yaml", "names: Intro", "names: Intr"}, // the rubric itself
	} {
		files[change.file] = strings.Replace(files[change.file], change.from, change.to, 1)
		h := hash()
		if prev, ok := seen[h]; ok {
			t.Errorf("changing %s leaves the hash of %s", change.file, prev)
		}
		seen[h] = change.file
	}
	files["parts/unused.yaml"] = "criteria: [x]\n"
	if h := hash(); seen[h] != "main.yaml" {
		t.Errorf("a file not included changed the hash")
	}
}

// TestIncludeWithoutIncluder: Parse cannot read files; it says so where
// the include is written.
func TestIncludeWithoutIncluder(t *testing.T) {
	_, err := Parse("r.yaml", []byte("id: a\ninclude: [x.yaml]\ncriteria:\n  - {id: s, kind: section, points: 1, names: S}\n"), testKinds)
	if err == nil || !strings.HasPrefix(err.Error(), `r.yaml:2:11: cannot include "x.yaml" here`) {
		t.Errorf("got %v", err)
	}
}
