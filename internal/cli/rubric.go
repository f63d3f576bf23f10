package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	tpgrade "github.com/tpgrade/tpgrade"
	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/checks"
	"github.com/tpgrade/tpgrade/grader/rubric"
	"github.com/tpgrade/tpgrade/internal/render"
)

func newCmdRubric(env *Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rubric",
		Short: "List, check and show rubrics",
	}
	cmd.AddCommand(newCmdRubricList(env), newCmdRubricCheck(env), newCmdRubricShow(env), newCmdRubricKinds(env))
	return cmd
}

func newCmdRubricList(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the rubrics embedded in tpgrade",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tCRITERIA\tPOINTS\tSCALE\tTITLE")
			for _, name := range grader.Bundled() {
				r, err := grader.LoadRubric(name, env.ReadFile)
				if err != nil {
					return exit(ExitUnusable, err)
				}
				mark := ""
				if name == tpgrade.DefaultRubric {
					mark = " (default)"
				}
				fmt.Fprintf(tw, "%s%s\t%d\t%s\t%s\t%s\n", name, mark, len(r.Criteria), r.MaxPoints(), r.Scale, r.Title.In(r.Lang))
			}
			return tw.Flush()
		},
	}
}

// RubricCheckOptions are the inputs of `tpgrade rubric check`.
type RubricCheckOptions struct {
	Env   *Env
	Files []string
}

func newCmdRubricCheck(env *Env) *cobra.Command {
	opts := &RubricCheckOptions{Env: env}
	return &cobra.Command{
		Use:   "check FILE...",
		Short: "Check rubrics and report every error with file:line:col",
		Long: `Load each rubric and report every error at once, each as file:line:col with
the offending line and a caret under the spot: unknown keys (with a
did-you-mean), wrong types, bad regular expressions, bad version constraints,
duplicate ids, unknown kinds. Exits 3 when a rubric has errors.`,
		Args: cobra.MinimumNArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Files = args
			return rubricCheckRun(opts)
		},
	}
}

func rubricCheckRun(opts *RubricCheckOptions) error {
	env := opts.Env
	bad := 0
	for _, f := range opts.Files {
		src, err := env.ReadFile(f)
		if err != nil {
			fmt.Fprintf(env.Stderr, "%v\n", err)
			bad++
			continue
		}
		r, err := grader.ParseRubric(f, src)
		if err != nil {
			bad++
			printRubricErrors(env, src, err)
			continue
		}
		fmt.Fprintf(env.Stdout, "%s: ok: %q, %d criteria, %s points, graded out of %s, pass at %s\n",
			f, r.ID, len(r.Criteria), r.MaxPoints(), r.Scale, r.Pass)
	}
	if bad > 0 {
		return exit(ExitUnusable, fmt.Errorf("%d of %d rubrics have errors", bad, len(opts.Files)))
	}
	return nil
}

// printRubricErrors prints each error of a rubric as "file:line:col: message"
// with the rubric's line under it and a caret at the column.
func printRubricErrors(env *Env, src []byte, err error) {
	var list rubric.ErrorList
	if !errors.As(err, &list) {
		fmt.Fprintln(env.Stderr, err)
		return
	}
	lines := strings.Split(string(src), "\n")
	for _, e := range list {
		fmt.Fprintln(env.Stderr, e.Error())
		if e.Line < 1 || e.Line > len(lines) {
			continue
		}
		text := strings.TrimRight(lines[e.Line-1], "\r")
		fmt.Fprintf(env.Stderr, "  %4d | %s\n", e.Line, text)
		fmt.Fprintf(env.Stderr, "       | %s^\n", render.CaretPad(text, e.Col))
	}
}

// SchemaURL is where editors find the rubric JSON Schema of the main branch.
const SchemaURL = "https://raw.githubusercontent.com/tpgrade/tpgrade/main/rubrics/rubric.schema.json"

func newCmdRubricShow(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "show NAME",
		Short: "Print an embedded rubric, to start a new one from it",
		Args:  cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return append(grader.Bundled(), "schema"), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			name := "rubrics/" + args[0] + ".yaml"
			if args[0] == "schema" {
				name = "rubrics/rubric.schema.json"
			}
			src, err := fs.ReadFile(tpgrade.Rubrics, name)
			if err != nil {
				return exit(ExitUsage, fmt.Errorf("no embedded rubric %q (have: %s, and schema)", args[0], strings.Join(grader.Bundled(), ", ")))
			}
			// The bundled rubric points at the schema beside it; a copy made
			// from this output lives elsewhere, so point it at the published one.
			src = bytes.Replace(src, []byte("$schema=./rubric.schema.json"), []byte("$schema="+SchemaURL), 1)
			_, err = env.Stdout.Write(src)
			return err
		},
	}
}

func newCmdRubricKinds(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "kinds",
		Short: "List the kinds of criteria a rubric can use",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
			for _, k := range checks.Kinds {
				fmt.Fprintf(tw, "%s\t%s\n", k.Name, k.Summary)
			}
			return tw.Flush()
		},
	}
}
