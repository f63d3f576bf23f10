package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rhysd/actionlint"
	"gopkg.in/yaml.v3"
)

func initEnv(t *testing.T) (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }, Now: time.Now,
		ReadFile: os.ReadFile, Stat: os.Stat,
	}, &out, &errb
}

func lint(t *testing.T, name string, src []byte) {
	t.Helper()
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.Lint(name, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("actionlint: %s:%d:%d: %s [%s]", name, e.Line, e.Column, e.Message, e.Kind)
	}
}

func TestInitWritesALintCleanClassroomWorkflow(t *testing.T) {
	dir := t.TempDir()
	env, out, errb := initEnv(t)
	if code := Main(context.Background(), []string{"init", dir, "--template-repository", "course/tp1-template", "--file", "RAPPORT.md"}, env); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	path := filepath.Join(dir, ".github", "workflows", "classroom.yml")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lint(t, "classroom.yml", src)

	var wf struct {
		Name        string            `yaml:"name"`
		On          map[string]any    `yaml:"on"`
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			If     string `yaml:"if"`
			RunsOn string `yaml:"runs-on"`
			Steps  []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(src, &wf); err != nil {
		t.Fatal(err)
	}
	if wf.Name != "Autograding Tests" {
		t.Errorf("name %q", wf.Name)
	}
	for _, ev := range []string{"push", "workflow_dispatch", "repository_dispatch"} {
		if _, ok := wf.On[ev]; !ok {
			t.Errorf("no %s trigger", ev)
		}
	}
	if len(wf.On) != 3 {
		t.Errorf("triggers %v", wf.On)
	}
	if len(wf.Permissions) != 2 || wf.Permissions["contents"] != "read" || wf.Permissions["checks"] != "write" {
		t.Errorf("permissions %v, want contents: read and checks: write only", wf.Permissions)
	}
	job, ok := wf.Jobs["run-autograding-tests"]
	if !ok || len(wf.Jobs) != 1 {
		t.Fatalf("jobs %v", wf.Jobs)
	}
	if job.If != "github.actor != 'github-classroom[bot]'" || job.RunsOn != "ubuntu-latest" {
		t.Errorf("if %q runs-on %q", job.If, job.RunsOn)
	}
	grade := job.Steps[len(job.Steps)-1]
	if grade.Uses != DefaultActionRef || grade.With["rubric"] != "docker-tp1" || grade.With["file"] != "RAPPORT.md" ||
		grade.With["template-repository"] != "course/tp1-template" || grade.With["rubric-sha256"] != "" {
		t.Errorf("grading step %+v", grade)
	}
	if !strings.Contains(out.String(), "Wrote "+path) {
		t.Errorf("stdout %q", out)
	}

	// Not replaced without --force.
	if err := os.WriteFile(path, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	env, _, errb = initEnv(t)
	if code := Main(context.Background(), []string{"init", dir}, env); code != ExitUsage || !strings.Contains(errb.String(), "already exists: use --force") {
		t.Errorf("exit %d: %s", code, errb)
	}
	if b, _ := os.ReadFile(path); string(b) != "mine" {
		t.Error("the existing workflow was replaced")
	}
	env, _, _ = initEnv(t)
	if code := Main(context.Background(), []string{"init", dir, "--force", "--action", "my-school/tpgrade@v1.2.0"}, env); code != 0 {
		t.Fatalf("--force: exit %d", code)
	}
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), "uses: my-school/tpgrade@v1.2.0") {
		t.Errorf("--action not used:\n%s", b)
	}
}

func TestInitPinsARubricFileOfTheTemplate(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "action", "testdata", "rubric.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "grading"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "grading", "rubric.yaml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	env, _, errb := initEnv(t)
	if code := Main(context.Background(), []string{"init", dir, "--rubric", "grading/rubric.yaml"}, env); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	wf, err := os.ReadFile(filepath.Join(dir, WorkflowPath))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(src)
	if !strings.Contains(string(wf), "rubric: 'grading/rubric.yaml'\n          rubric-sha256: '"+hex.EncodeToString(sum[:])+"'") {
		t.Errorf("rubric not pinned:\n%s", wf)
	}
	lint(t, "classroom.yml", wf)

	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--rubric", "grading/missing.yaml"}, ExitUnusable, "no such file"},
		{[]string{"--rubric", "../outside.yaml"}, ExitUsage, "a path inside the repository"},
		{[]string{"--action", "not-a-ref"}, ExitUsage, "--action must be owner/repo@ref"},
		{[]string{"--template-repository", "x"}, ExitUsage, "--template-repository must be owner/name"},
	} {
		env, _, errb := initEnv(t)
		args := append([]string{"init", dir, "--force"}, c.args...)
		if code := Main(context.Background(), args, env); code != c.code || !strings.Contains(errb.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, errb, c.code, c.want)
		}
	}
}

func TestInitWorkflowMatchesTheActionInputs(t *testing.T) {
	// Lint the workflow against this repository's action.yml, used as a
	// local action: actionlint then checks every with: key is an input.
	dir := t.TempDir()
	action, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "tpgrade"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tpgrade", "action.yml"), action, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	wf, err := Workflow(WorkflowSettings{ActionRef: "./tpgrade", Rubric: "r.yaml", RubricSHA256: strings.Repeat("a", 64),
		File: "R.md", Template: "o/t"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := actionlint.NewProject(dir)
	if err != nil {
		t.Fatal(err)
	}
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.Lint(filepath.Join(dir, ".github", "workflows", "classroom.yml"), wf, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("actionlint: %d:%d: %s [%s]", e.Line, e.Column, e.Message, e.Kind)
	}
	// And a misspelt input is caught, so the check above can fail.
	bad := bytes.Replace(wf, []byte("file: "), []byte("fiel: "), 1)
	errs, _ = l.Lint(filepath.Join(dir, ".github", "workflows", "classroom.yml"), bad, p)
	if len(errs) == 0 {
		t.Error("actionlint did not catch an unknown input: the local action was not read")
	}
}

// TestNode24ActionMajorsEverywhere: GitHub removed Node 20 from its runners
// on 2026-09-16; every workflow tpgrade writes, runs or shows uses the
// actions' Node 24 majors (checkout v5, setup-go v6, cache v5, or later).
func TestNode24ActionMajorsEverywhere(t *testing.T) {
	minimum := map[string]int{"checkout": 5, "setup-go": 6, "cache": 5}
	files, _ := filepath.Glob("../../.github/workflows/*.yml")
	docs, _ := filepath.Glob("../../docs/*.md")
	files = append(files, "../../action.yml", "../../README.md")
	files = append(files, docs...)
	texts := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts[f] = string(b)
	}
	wf, err := Workflow(WorkflowSettings{ActionRef: DefaultActionRef, Rubric: "docker-tp1"})
	if err != nil {
		t.Fatal(err)
	}
	texts["tpgrade init"] = string(wf)
	uses := regexp.MustCompile(`actions/(checkout|setup-go|cache)@v(\d+)`)
	seen := 0
	for name, text := range texts {
		for _, m := range uses.FindAllStringSubmatch(text, -1) {
			seen++
			if n, _ := strconv.Atoi(m[2]); n < minimum[m[1]] {
				t.Errorf("%s uses %s: Node 20, gone from GitHub's runners; use v%d or later", name, m[0], minimum[m[1]])
			}
		}
	}
	if seen < 6 {
		t.Errorf("found %d uses of the actions, the test reads the wrong files", seen)
	}
	if !strings.Contains(string(wf), "concurrency:\n  group: tpgrade-${{ github.sha }}\n") {
		t.Errorf("the generated workflow has no concurrency group per commit:\n%s", wf)
	}
}
