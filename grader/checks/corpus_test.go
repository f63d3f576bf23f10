package checks_test

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/checks"
	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

var update = flag.Bool("update", false, "rewrite the expected results (*.out) of testdata/<kind>/ from what tpgrade finds")

// The corpus of the check kinds, as actionlint's testdata: every kind has a
// folder testdata/<kind>/ holding
//
//   - rubric.yaml, loaded by the real loader (rubric.Load with checks.Kinds),
//     whose criteria use every key of the kind between them (a folder below
//     it may hold another rubric.yaml with its own reports);
//   - reports, *.md, each showing one behaviour, and beside each its expected
//     results, *.out: every criterion's points with its findings as the
//     student reads them, "line:col: severity: message" (a line /.../ is a
//     regular expression the line must match). A report named *.fr.md or
//     *.en.md is graded in that language, the others in the rubric's;
//   - premier-tp-docker-report.out, when the real report of
//     testdata/premier-tp-docker-report.md is graded with that rubric too
//     (create it empty, and -update fills it);
//   - err/*.yaml, rubrics that must not load, each with the errors expected,
//     err/*.out, one "file:line:col: message" per line.
//
// `go test ./grader/checks -run Corpus -update` rewrites the *.out files,
// keeping the /regex/ lines that still match.

// sharedReport is the real student report the project started from, graded
// by the rubrics whose folder holds its expected results.
const sharedReport = "testdata/premier-tp-docker-report.md"

// TestCorpus grades every report of every kind's corpus and compares with
// its expected results; a kind without a corpus, or a key of a kind that no
// rubric of its corpus uses, fails.
func TestCorpus(t *testing.T) {
	for _, k := range checks.Kinds {
		t.Run(k.Name, func(t *testing.T) {
			dir := filepath.Join("testdata", k.Name)
			rubrics := rubricFiles(t, dir)
			if len(rubrics) == 0 {
				t.Fatalf("kind %s has no corpus: write %s/rubric.yaml and reports that it grades (see corpus_test.go)", k.Name, dir)
			}
			use := newKeyUse()
			for _, path := range rubrics {
				r, src := loadCorpusRubric(t, path)
				use.collect(t, src, k.Name)
				gradeCorpus(t, r, filepath.Dir(path))
			}
			use.check(t, k.Name)
		})
	}
}

// TestCorpusNamesOnlyKinds: every folder of testdata is a kind's corpus
// (or fuzz/, where go test keeps the inputs that broke a fuzz target); one
// left behind by a renamed or removed kind fails.
func TestCorpusNamesOnlyKinds(t *testing.T) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := checks.Kinds.Lookup(e.Name()); e.IsDir() && !ok && e.Name() != "fuzz" {
			t.Errorf("testdata/%s is the corpus of no kind (kinds: %s)", e.Name(), strings.Join(checks.Kinds.Names(), ", "))
		}
	}
}

// TestCorpusCommonKeys: between them, the corpora use every key a criterion
// of any kind takes (points, penalty, bonus, partial, feedback ...).
func TestCorpusCommonKeys(t *testing.T) {
	use := newKeyUse()
	for _, k := range checks.Kinds {
		for _, path := range rubricFiles(t, filepath.Join("testdata", k.Name)) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var root yaml.Node
			if err := yaml.Unmarshal(src, &root); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			for _, c := range criteriaNodes(&root) {
				use.walk(rubric.CriterionKeys(), c, "")
			}
		}
	}
	for _, p := range keyPaths(rubric.CriterionKeys(), "") {
		if !use.used[p] {
			t.Errorf("no rubric of testdata/*/ uses the criterion key %s", p)
		}
	}
}

// TestCorpusErrors loads every testdata/<kind>/err/*.yaml, which must not
// load, and compares the errors with err/*.out.
func TestCorpusErrors(t *testing.T) {
	for _, k := range checks.Kinds {
		t.Run(k.Name, func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join("testdata", k.Name, "err", "*.yaml"))
			if len(files) == 0 {
				t.Fatalf("kind %s has no broken rubrics: write testdata/%s/err/*.yaml with its own validation errors", k.Name, k.Name)
			}
			outs, _ := filepath.Glob(filepath.Join("testdata", k.Name, "err", "*.out"))
			for _, o := range outs {
				if _, err := os.Stat(strings.TrimSuffix(o, ".out") + ".yaml"); err != nil {
					t.Errorf("%s expects the errors of a rubric that is not there", o)
				}
			}
			for _, path := range files {
				t.Run(filepath.Base(path), func(t *testing.T) {
					src, err := os.ReadFile(path)
					if err != nil {
						t.Fatal(err)
					}
					r, err := rubric.Load(filepath.Base(path), src, checks.Kinds, nil)
					if err == nil {
						t.Fatalf("loaded without error: %d criteria", len(r.Criteria))
					}
					var list rubric.ErrorList
					if !errors.As(err, &list) {
						t.Fatalf("error is %T, want rubric.ErrorList", err)
					}
					lines := len(strings.Split(string(src), "\n"))
					for i, e := range list {
						if e.Line < 1 || e.Line > lines || e.Col < 1 {
							t.Errorf("error outside the file (%d lines): %v", lines, e)
						}
						if i > 0 && (list[i-1].Line > e.Line || list[i-1].Line == e.Line && list[i-1].Col > e.Col) {
							t.Errorf("errors not sorted: %v before %v", list[i-1], e)
						}
					}
					compareGolden(t, strings.TrimSuffix(path, ".yaml")+".out", err.Error()+"\n")
				})
			}
		})
	}
}

// rubricFiles lists the rubric.yaml files of a kind's corpus, its err
// folder left out.
func rubricFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "err" {
			return filepath.SkipDir
		}
		if !d.IsDir() && d.Name() == "rubric.yaml" {
			out = append(out, path)
		}
		return nil
	})
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	return out
}

func loadCorpusRubric(t *testing.T, path string) (*rubric.Rubric, []byte) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := rubric.Load(path, src, checks.Kinds, nil)
	if err != nil {
		t.Fatalf("the corpus rubric does not load:\n%v", err)
	}
	return r, src
}

// gradeCorpus grades each report of dir with r and compares with its
// expected results.
func gradeCorpus(t *testing.T, r *rubric.Rubric, dir string) {
	t.Helper()
	reports, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, path := range reports {
		golden := strings.TrimSuffix(path, ".md") + ".out"
		t.Run(filepath.Base(path), func(t *testing.T) { gradeOne(t, r, path, golden) })
	}
	shared := filepath.Join(dir, strings.TrimSuffix(filepath.Base(sharedReport), ".md")+".out")
	if _, err := os.Stat(shared); err == nil {
		t.Run(filepath.Base(sharedReport), func(t *testing.T) { gradeOne(t, r, sharedReport, shared) })
	} else if len(reports) == 0 {
		t.Errorf("%s has a rubric and no report (*.md, or %s) to grade", dir, filepath.Base(shared))
	}
	outs, _ := filepath.Glob(filepath.Join(dir, "*.out"))
	for _, o := range outs {
		if o == shared {
			continue
		}
		if _, err := os.Stat(strings.TrimSuffix(o, ".out") + ".md"); err != nil {
			t.Errorf("%s expects the results of a report that is not there", o)
		}
	}
}

// reportLang is the language a corpus report is graded in: its name's
// .fr.md or .en.md, else the rubric's.
func reportLang(path string) i18n.Lang {
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		if strings.HasSuffix(path, "."+string(l)+".md") {
			return l
		}
	}
	return ""
}

func gradeOne(t *testing.T, r *rubric.Rubric, path, golden string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lang := reportLang(path)
	rep, doc := grader.GradeBytes(filepath.Base(path), raw, r, grader.Options{Lang: lang})
	if doc == nil {
		t.Fatalf("the report cannot be read: %v", rep.Findings)
	}
	checkBothLanguages(t, raw, r, rep, doc)
	compareGolden(t, golden, results(rep, doc))
}

// checkBothLanguages grades the report in the other language too: the
// same points, findings at the same places, and every message written in
// each language, inside the report.
func checkBothLanguages(t *testing.T, raw []byte, r *rubric.Rubric, rep *grader.Report, doc *document.Document) {
	t.Helper()
	other := i18n.FR
	if rep.Lang == i18n.FR {
		other = i18n.EN
	}
	alt, _ := grader.GradeBytes(rep.File, raw, r, grader.Options{Lang: other})
	a, b := rep.AllFindings(), alt.AllFindings()
	if rep.Points != alt.Points || len(a) != len(b) {
		t.Fatalf("graded in %s and %s: %s and %s points, %d and %d findings", rep.Lang, other, rep.Points, alt.Points, len(a), len(b))
	}
	lines := strings.Count(string(doc.Text), "\n") + 1
	for i := range a {
		f, g := a[i], b[i]
		if f.Line != g.Line || f.Col != g.Col || f.EndLine != g.EndLine || f.EndCol != g.EndCol || f.Severity != g.Severity {
			t.Errorf("finding %q is at %d:%d in %s, %q at %d:%d in %s", f.Message, f.Line, f.Col, rep.Lang, g.Message, g.Line, g.Col, other)
		}
		if f.Message == "" || g.Message == "" || f.Message == g.Message {
			t.Errorf("finding %q is not written in both languages (%s: %q)", f.Message, other, g.Message)
		}
		if strings.Contains(f.Message+g.Message, "%!") {
			t.Errorf("finding has a formatting error: %q / %q", f.Message, g.Message)
		}
		if f.Line < 1 || f.EndLine > lines || f.EndLine < f.Line || f.Col < 1 {
			t.Errorf("finding %q at %d:%d-%d:%d is outside the report (%d lines)", f.Message, f.Line, f.Col, f.EndLine, f.EndCol, lines)
		}
	}
}

// results prints a graded report as its expected results are written.
func results(rep *grader.Report, doc *document.Document) string {
	lines := strings.Split(string(doc.Text), "\n")
	var b strings.Builder
	if len(rep.Findings) > 0 {
		b.WriteString("report:\n")
		writeFindings(&b, rep.Findings, lines)
	}
	for _, c := range rep.Criteria {
		b.WriteString(c.ID)
		if c.Title != "" {
			fmt.Fprintf(&b, " %q", c.Title)
		}
		switch {
		case c.Penalty > 0:
			fmt.Fprintf(&b, ": %s (penalty %s)\n", c.Points, c.Penalty)
		case c.Bonus > 0:
			fmt.Fprintf(&b, ": +%s (bonus %s)\n", c.Points, c.Bonus)
		default:
			fmt.Fprintf(&b, ": %s/%s\n", c.Points, c.MaxPoints)
		}
		writeFindings(&b, c.Findings, lines)
		if c.Feedback != "" {
			fmt.Fprintf(&b, "  feedback: %s\n", c.Feedback)
		}
	}
	fmt.Fprintf(&b, "total: %s/%s\n", rep.Points, rep.MaxPoints)
	return b.String()
}

// writeFindings prints findings as "line:col: severity: message" ("whole:"
// for a finding about the report as a whole), each followed by the text
// it points at and the teacher's hint.
func writeFindings(b *strings.Builder, fs []grader.Finding, lines []string) {
	for _, f := range fs {
		if f.Whole {
			fmt.Fprintf(b, "  whole: %s: %s\n", f.Severity, f.Message)
		} else {
			fmt.Fprintf(b, "  %d:%d: %s: %s\n", f.Line, f.Col, f.Severity, f.Message)
			if s := excerpt(lines, f); s != "" {
				fmt.Fprintf(b, "      > %s\n", s)
			}
		}
		if f.Hint != "" {
			fmt.Fprintf(b, "      hint: %s\n", f.Hint)
		}
	}
}

// excerpt is the text a finding spans (columns count characters, the end
// is exclusive), its lines joined by ⏎, shortened to 72 characters.
func excerpt(lines []string, f grader.Finding) string {
	if f.Line < 1 || f.Line > len(lines) || f.EndLine < f.Line || f.EndLine > len(lines) {
		return ""
	}
	var parts []string
	for l := f.Line; l <= f.EndLine; l++ {
		r := []rune(lines[l-1])
		from, to := 0, len(r)
		if l == f.Line {
			from = min(f.Col-1, len(r))
		}
		if l == f.EndLine {
			to = min(max(f.EndCol-1, from), len(r))
		}
		parts = append(parts, string(r[from:to]))
	}
	s := strings.Join(parts, "⏎")
	if utf8.RuneCountInString(s) > 72 {
		s = string([]rune(s)[:71]) + "…"
	}
	return s
}

// compareGolden compares got with the expected results in path, line by
// line: a line written /.../ is a regular expression the line must match
// whole. With -update it rewrites path, keeping such lines where they still
// match.
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	wantSrc, err := os.ReadFile(path)
	if err != nil && !(*update && errors.Is(err, os.ErrNotExist)) {
		t.Fatalf("%v (run go test ./grader/checks -run Corpus -update to write it)", err)
	}
	want := strings.Split(string(wantSrc), "\n")
	have := strings.Split(got, "\n")
	// Where a /regex/ line matches, it reads as the line it matched.
	shown := slices.Clone(want)
	for i := range shown {
		if i < len(have) && matchesPattern(shown[i], have[i]) {
			shown[i] = have[i]
		}
	}
	if *update {
		kept := slices.Clone(have)
		for i := range kept {
			if i < len(want) && isPattern(want[i]) && matchesPattern(want[i], kept[i]) {
				kept[i] = want[i]
			}
		}
		if err := os.WriteFile(path, []byte(strings.Join(kept, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if diff := cmp.Diff(shown, have); diff != "" {
		t.Errorf("results differ from %s (-want +got):\n%s", path, diff)
	}
}

// isPattern reports whether an expected line is a /regular expression/.
func isPattern(line string) bool {
	s := strings.TrimSpace(line)
	return len(s) >= 2 && s[0] == '/' && s[len(s)-1] == '/'
}

// matchesPattern reports whether want is a /regular expression/ that got,
// its indentation left out, matches whole.
func matchesPattern(want, got string) bool {
	if !isPattern(want) {
		return false
	}
	s := strings.TrimSpace(want)
	re, err := regexp.Compile("^(?:" + s[1:len(s)-1] + ")$")
	return err == nil && re.MatchString(strings.TrimSpace(got))
}

// keyUse records what the corpus rubrics of a kind use: every key path
// (values.output_of.show), {regex} names, their expected, and texts in
// both languages.
type keyUse struct {
	used                        map[string]bool
	regexName, expected, fr, en bool
}

func newKeyUse() *keyUse { return &keyUse{used: map[string]bool{}} }

// collect records the keys of the criteria of kind in a rubric's source.
func (u *keyUse) collect(t *testing.T, src []byte, kind string) {
	t.Helper()
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		t.Fatal(err)
	}
	keys, _ := rubric.KindKeys(checks.Kinds, kind)
	found := false
	for _, c := range criteriaNodes(&root) {
		if criterionKind(c) != kind {
			continue
		}
		found = true
		u.walk(append(slices.Clone(keys), rubric.CriterionKeys()...), c, "")
	}
	if !found {
		t.Errorf("the corpus rubric of %s has no criterion of kind %s", kind, kind)
	}
}

// criteriaNodes returns the criteria mappings of a rubric's YAML tree.
func criteriaNodes(root *yaml.Node) []*yaml.Node {
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "criteria" {
			return root.Content[i+1].Content
		}
	}
	return nil
}

func criterionKind(c *yaml.Node) string {
	for i := 0; i+1 < len(c.Content); i += 2 {
		if c.Content[i].Value == "kind" {
			return c.Content[i+1].Value
		}
	}
	return ""
}

// walk records the keys of n, a value described by keys, under prefix. A
// mapping found where keys describe none is a name ({regex, expected}) or a
// text ({fr, en}).
func (u *keyUse) walk(keys []rubric.KeyDoc, n *yaml.Node, prefix string) {
	switch n.Kind {
	case yaml.SequenceNode:
		for _, item := range n.Content {
			u.walk(keys, item, prefix)
		}
	case yaml.MappingNode:
		if len(keys) == 0 {
			u.leaf(n)
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			name, known := n.Content[i].Value, false
			for _, k := range keys {
				if k.Name == name || k.Name == "NAME" {
					u.used[prefix+k.Name] = true
					u.walk(k.Keys, n.Content[i+1], prefix+k.Name+".")
					known = true
					break
				}
			}
			if !known {
				// feedback: {fr: ..., en: ...} is a text where pass,
				// partial and fail may be.
				u.leaf(&yaml.Node{Kind: yaml.MappingNode, Content: n.Content[i : i+2]})
			}
		}
	}
}

// leaf records a name or a text written as a mapping, and the names and
// texts inside it.
func (u *keyUse) leaf(n *yaml.Node) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch n.Content[i].Value {
		case "regex":
			u.regexName = true
		case "expected":
			u.expected = true
		case "fr":
			u.fr = true
		case "en":
			u.en = true
		}
		if v := n.Content[i+1]; v.Kind == yaml.MappingNode {
			u.leaf(v)
		}
	}
}

// keyPaths lists the paths of every key of the tree, depth first.
func keyPaths(keys []rubric.KeyDoc, prefix string) []string {
	var out []string
	for _, k := range keys {
		out = append(out, prefix+k.Name)
		out = append(out, keyPaths(k.Keys, prefix+k.Name+".")...)
	}
	return out
}

// check fails for each key of kind that no corpus rubric uses, and for a
// corpus without a {regex} name, its expected, or a text in both
// languages.
func (u *keyUse) check(t *testing.T, kind string) {
	t.Helper()
	keys, ok := rubric.KindKeys(checks.Kinds, kind)
	if !ok {
		t.Fatalf("kind %s has no keys to describe", kind)
	}
	var missing []string
	for _, p := range keyPaths(keys, "") {
		if !u.used[p] {
			missing = append(missing, p)
		}
	}
	sort.Strings(missing)
	for _, p := range missing {
		t.Errorf("no rubric of testdata/%s/ uses the key %s: add it to a criterion and a report that shows what it does", kind, p)
	}
	if !u.regexName || !u.expected {
		t.Errorf("no rubric of testdata/%s/ gives a name as {regex: ..., expected: ...}", kind)
	}
	if !u.fr || !u.en {
		t.Errorf("no rubric of testdata/%s/ gives a text in both languages, {fr: ..., en: ...}", kind)
	}
}
