package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"text/template"

	"github.com/spf13/cobra"
	tpgrade "github.com/tpgrade/tpgrade"
	"github.com/tpgrade/tpgrade/grader"
)

// WorkflowPath is where `tpgrade init` writes the grading workflow.
const WorkflowPath = ".github/workflows/classroom.yml"

// DefaultActionRef is the action the generated workflow uses.
const DefaultActionRef = "tpgrade/tpgrade@v1"

// InitOptions are the inputs of `tpgrade init`.
type InitOptions struct {
	Env       *Env
	Dir       string // the template repository's root
	Rubric    string // embedded name or a path inside Dir
	File      string // the report's path; "" = the rubric's file names
	ActionRef string // owner/repo@ref of the tpgrade action
	Template  string // owner/name of the template, for tamper evidence; optional
	Force     bool   // replace an existing workflow
	WriteFile func(string, []byte) error
	MkdirAll  func(string) error
}

func newCmdInit(env *Env, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{
		Env:       env,
		WriteFile: func(name string, data []byte) error { return os.WriteFile(name, data, 0o644) },
		MkdirAll:  func(dir string) error { return os.MkdirAll(dir, 0o755) },
	}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write the grading workflow into a lab's template repository",
		Long: `Write .github/workflows/classroom.yml into the template repository (DIR, the
current directory by default). Every student repository made from the template
then grades its report on each push and shows the score as a check run.

The workflow is named "Autograding Tests" with one job "run-autograding-tests",
as GitHub Classroom's tools expect, runs on push, workflow_dispatch and
repository_dispatch (one at a time per commit), and asks only for the
permissions the action needs.

A rubric given as a path is a file of the template, so of every student's
repository: init pins it with its sha256 so that a student who edits it
gets no grade rather than a better one.`,
		Example: `  tpgrade init
  tpgrade init --rubric docker-tp1 --template-repository my-course/tp1-template
  tpgrade init --rubric grading/rubric.yaml --file RAPPORT.md --force`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if !validActionRef(opts.ActionRef) {
				return exit(ExitUsage, fmt.Errorf("--action must be owner/repo@ref or owner/repo/path@ref (got %q)", opts.ActionRef))
			}
			if t := opts.Template; t != "" {
				if o, r, ok := strings.Cut(t, "/"); !ok || o == "" || r == "" || strings.Contains(r, "/") {
					return exit(ExitUsage, fmt.Errorf("--template-repository must be owner/name (got %q)", t))
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Rubric, "rubric", "r", tpgrade.DefaultRubric, "rubric: an embedded name or a path inside the template repository")
	f.StringVar(&opts.File, "file", "", "the report's path in the repository (default: the rubric's file names)")
	f.StringVar(&opts.ActionRef, "action", DefaultActionRef, "the tpgrade action to use, owner/repo@ref")
	f.StringVar(&opts.Template, "template-repository", "", "owner/name of this template, to flag students' changes to the workflow and rubric")
	f.BoolVar(&opts.Force, "force", false, "replace an existing "+WorkflowPath)
	return cmd
}

func validActionRef(s string) bool {
	repo, ref, ok := strings.Cut(s, "@")
	parts := strings.Split(repo, "/")
	if !ok || ref == "" || len(parts) < 2 || strings.ContainsAny(s, " \t\n'\"") {
		return false
	}
	for _, p := range parts {
		if p == "" {
			return false
		}
	}
	return true
}

// WorkflowSettings are what the generated workflow says.
type WorkflowSettings struct {
	ActionRef    string
	Rubric       string
	RubricSHA256 string // set for a rubric file of the repository
	File         string
	Template     string
}

// workflowTemplate is parsed on the first init, not when any command starts.
var workflowTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("classroom.yml").Funcs(template.FuncMap{"q": yamlQuote}).Parse(
		`# Written by ` + "`tpgrade init`" + `. Grades the lab report on every push and posts the
# score as a check run with annotations on the report's lines; GitHub
# Classroom's tools read the score from the job's notices.
# Students: changes to this file are visible to your teacher.
name: Autograding Tests

on:
  push:
  workflow_dispatch:
  repository_dispatch:

permissions:
  contents: read # check out the report
  checks: write  # publish the score as a check run

# A push and a dispatch of the same commit grade it one after the other,
# not both at once on its check run.
concurrency:
  group: tpgrade-${{"{{"}} github.sha {{"}}"}}

jobs:
  run-autograding-tests:
    runs-on: ubuntu-latest
    # GitHub Classroom's bot pushes the starter code: nothing to grade yet.
    if: github.actor != 'github-classroom[bot]'
    timeout-minutes: 10
    steps:
      - name: Check out the report
        uses: actions/checkout@v5
        with:
          persist-credentials: false
      - name: Grade the report
        id: grade
        uses: {{.ActionRef}}
        with:
          rubric: {{q .Rubric}}
{{- if .RubricSHA256}}
          rubric-sha256: {{q .RubricSHA256}}
{{- end}}
{{- if .File}}
          file: {{q .File}}
{{- end}}
{{- if .Template}}
          template-repository: {{q .Template}}
          # A private template is read only with a token that can read it:
          # template-token: ${{"{{"}} secrets.TEMPLATE_READ_TOKEN {{"}}"}}
{{- end}}
`))
})

// yamlQuote writes s as a single-quoted YAML scalar.
func yamlQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// Workflow renders the grading workflow.
func Workflow(s WorkflowSettings) ([]byte, error) {
	var b bytes.Buffer
	if err := workflowTemplate().Execute(&b, s); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func initRun(opts *InitOptions) error {
	env := opts.Env
	s := WorkflowSettings{ActionRef: opts.ActionRef, Rubric: opts.Rubric, File: opts.File, Template: opts.Template}
	if !grader.IsBundled(opts.Rubric) {
		// A rubric file of the template is in every student's repository:
		// check it and pin it, or the action refuses it.
		rel := filepath.ToSlash(filepath.Clean(filepath.FromSlash(opts.Rubric)))
		if filepath.IsAbs(rel) || rel == ".." || strings.HasPrefix(rel, "../") {
			return exit(ExitUsage, fmt.Errorf("--rubric %q: give an embedded rubric (%s) or a path inside the repository",
				opts.Rubric, strings.Join(grader.Bundled(), ", ")))
		}
		src, err := env.ReadFile(filepath.Join(opts.Dir, filepath.FromSlash(rel)))
		if err != nil {
			return exit(ExitUnusable, fmt.Errorf("rubric: %w (embedded rubrics: %s)", err, strings.Join(grader.Bundled(), ", ")))
		}
		// Included files are pinned with it: paths relative to the rubric,
		// inside the repository.
		r, err := grader.ParseRubricFile(rel, src, func(p string) ([]byte, error) {
			if !filepath.IsAbs(p) {
				p = filepath.Join(opts.Dir, p)
			}
			return env.ReadFile(p)
		})
		if err != nil {
			return exit(ExitUnusable, fmt.Errorf("rubric: %w", err))
		}
		s.Rubric, s.RubricSHA256 = rel, r.Hash
	}
	out, err := Workflow(s)
	if err != nil {
		return exit(ExitUnusable, err)
	}
	path := filepath.Join(opts.Dir, filepath.FromSlash(WorkflowPath))
	if _, err := env.Stat(path); err == nil && !opts.Force {
		return exit(ExitUsage, fmt.Errorf("%s already exists: use --force to replace it", path))
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return exit(ExitUnusable, err)
	}
	if err := opts.MkdirAll(filepath.Dir(path)); err != nil {
		return exit(ExitUnusable, err)
	}
	if err := opts.WriteFile(path, out); err != nil {
		return exit(ExitUnusable, err)
	}
	fmt.Fprintf(env.Stdout, "Wrote %s: every repository made from this template will grade %s with %s on each push.\n",
		path, reportName(opts.File), s.Rubric)
	if s.RubricSHA256 != "" {
		fmt.Fprintf(env.Stdout, "The rubric is pinned by its sha256: run tpgrade init --force again after editing it.\n")
	}
	return nil
}

func reportName(file string) string {
	if file == "" {
		return "the report"
	}
	return file
}
