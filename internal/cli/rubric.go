package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	tpgrade "github.com/tpgrade/tpgrade"
	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/checks"
	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/draft"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
	"github.com/tpgrade/tpgrade/internal/render"
	"github.com/tpgrade/tpgrade/internal/reportfile"
)

func newCmdRubric(env *Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rubric",
		Short: "List, check, show, hash and draft rubrics",
	}
	cmd.AddCommand(newCmdRubricList(env), newCmdRubricCheck(env), newCmdRubricShow(env), newCmdRubricKinds(env), newCmdRubricHash(env),
		newCmdRubricDraft(env, nil))
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
			if err := tw.Flush(); err != nil {
				return err
			}
			if inc := grader.BundledIncludes(); len(inc) > 0 {
				fmt.Fprintf(env.Stdout, "\nCriteria bundled for any rubric to include (include: [NAME]): %s\n", strings.Join(inc, ", "))
			}
			return nil
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
		r, ok := loadRubricFile(env, f)
		if !ok {
			bad++
			continue
		}
		included := ""
		if len(r.Included) > 0 {
			included = fmt.Sprintf(" (with %s)", strings.Join(r.Included, ", "))
		}
		fmt.Fprintf(env.Stdout, "%s: ok: %q, %d criteria, %s points, graded out of %s, pass at %s%s\n",
			f, r.ID, len(r.Criteria), r.MaxPoints(), r.Scale, r.Pass, included)
	}
	if bad > 0 {
		return exit(ExitUnusable, fmt.Errorf("%d of %d rubrics have errors", bad, len(opts.Files)))
	}
	return nil
}

// loadRubricFile loads the rubric at path f, or the bundled rubric named f,
// and the files it includes. On errors it prints them, each with its line
// and a caret, and returns false.
func loadRubricFile(env *Env, f string) (*rubric.Rubric, bool) {
	sources := map[string][]byte{}
	read := func(p string) ([]byte, error) {
		b, err := env.ReadFile(p)
		if err == nil {
			sources[p] = b
		}
		return b, err
	}
	var (
		r   *rubric.Rubric
		err error
	)
	if src, ok := grader.BundledSource(f); ok {
		sources[f+".yaml"] = src
		r, err = grader.LoadRubric(f, read)
	} else {
		var src []byte
		if src, err = read(f); err != nil {
			fmt.Fprintf(env.Stderr, "%v\n", err)
			return nil, false
		}
		r, err = grader.ParseRubricFile(f, src, read)
	}
	if err != nil {
		printRubricErrors(env, func(file string) []byte {
			if b, ok := sources[file]; ok {
				return b
			}
			b, _, _ := grader.BundledIncludeSource(strings.TrimSuffix(strings.TrimPrefix(file, "include/"), ".yaml"))
			return b
		}, err)
		return nil, false
	}
	return r, true
}

// printRubricErrors prints each error of a rubric as "file:line:col: message"
// with the file's line under it and a caret at the column; source returns
// a file's bytes by the name errors give it (nil when unknown).
func printRubricErrors(env *Env, source func(string) []byte, err error) {
	var list rubric.ErrorList
	if !errors.As(err, &list) {
		fmt.Fprintln(env.Stderr, err)
		return
	}
	lines := map[string][]string{}
	for _, e := range list {
		fmt.Fprintln(env.Stderr, e.Error())
		ls, ok := lines[e.File]
		if !ok {
			ls = strings.Split(string(source(e.File)), "\n")
			lines[e.File] = ls
		}
		if e.Line < 1 || e.Line > len(ls) {
			continue
		}
		text := strings.TrimRight(ls[e.Line-1], "\r")
		fmt.Fprintf(env.Stderr, "  %4d | %s\n", e.Line, text)
		fmt.Fprintf(env.Stderr, "       | %s^\n", render.CaretPad(text, e.Col))
	}
}

func newCmdRubricHash(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "hash FILE|NAME...",
		Short: "Print a rubric's sha256, the pin of the Action's rubric-sha256 input",
		Long: `Print each rubric's sha256 and its name, as sha256sum does: the value the
Action's rubric-sha256 input pins, and that batch grading's cache keys on.

For a rubric that includes no file, it is exactly what sha256sum prints for
the file. For a rubric with include:, it covers the rubric and every file it
includes, so that the pin breaks when any of them changes: compute it with
this command, never with sha256sum. A rubric with errors has no hash: they
are printed as by tpgrade rubric check.`,
		Example: `  tpgrade rubric hash .github/tpgrade/tp2.yaml
  tpgrade rubric hash docker-tp1`,
		Args: cobra.MinimumNArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return grader.Bundled(), cobra.ShellCompDirectiveDefault
		},
		RunE: func(_ *cobra.Command, args []string) error {
			bad := 0
			for _, f := range args {
				r, ok := loadRubricFile(env, f)
				if !ok {
					bad++
					continue
				}
				fmt.Fprintf(env.Stdout, "%s  %s\n", r.Hash, f)
			}
			if bad > 0 {
				return exit(ExitUnusable, fmt.Errorf("%d of %d rubrics have errors", bad, len(args)))
			}
			return nil
		},
	}
}

// SchemaURL is where editors find the rubric JSON Schema of the main branch.
const SchemaURL = "https://raw.githubusercontent.com/tpgrade/tpgrade/main/rubrics/rubric.schema.json"

func newCmdRubricShow(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "show NAME",
		Short: "Print an embedded rubric (or bundled criteria to include), to start a new one from it",
		Args:  cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return append(append(grader.Bundled(), grader.BundledIncludes()...), "schema"), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			name := "rubrics/" + args[0] + ".yaml"
			if args[0] == "schema" {
				name = "rubrics/rubric.schema.json"
			}
			src, err := fs.ReadFile(tpgrade.Rubrics, name)
			if _, p, ok := grader.BundledIncludeSource(args[0]); err != nil && ok {
				src, err = fs.ReadFile(tpgrade.Rubrics, "rubrics/"+p)
			}
			if err != nil {
				return exit(ExitUsage, fmt.Errorf("no embedded rubric %q (have: %s; criteria to include: %s; and schema)",
					args[0], strings.Join(grader.Bundled(), ", "), strings.Join(grader.BundledIncludes(), ", ")))
			}
			// The bundled files point at the schema beside them; a copy made
			// from this output lives elsewhere, so point it at the published one.
			src = bytes.Replace(src, []byte("$schema=./rubric.schema.json"), []byte("$schema="+SchemaURL), 1)
			src = bytes.Replace(src, []byte("$schema=../rubric.schema.json"), []byte("$schema="+SchemaURL), 1)
			_, err = env.Stdout.Write(src)
			return err
		},
	}
}

func newCmdRubricKinds(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "kinds [KIND]",
		Short: "List the kinds of criteria a rubric can use, or the keys of one kind",
		Long: `Without KIND, list the kinds of criteria with what each checks. With KIND,
list its keys with their meaning, the keys nested in their values (value
rules, concepts, commands ...) indented under them, then the keys every
criterion takes. "tpgrade rubric kinds rubric" lists the keys of the rubric
file itself. rubrics/README.md has an example of each.`,
		Example: `  tpgrade rubric kinds
  tpgrade rubric kinds explanation
  tpgrade rubric kinds rubric`,
		Args: cobra.MaximumNArgs(1),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return append(checks.Kinds.Names(), "rubric"), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
				for _, k := range checks.Kinds {
					fmt.Fprintf(tw, "%s\t%s\n", k.Name, k.Summary)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				fmt.Fprintln(env.Stdout, "\nThe keys of a kind: tpgrade rubric kinds KIND; of the rubric file: tpgrade rubric kinds rubric")
				return nil
			}
			return rubricKindRun(env, args[0])
		},
	}
}

// keysWidth is the width the keys' meanings are wrapped to.
const keysWidth = 100

func rubricKindRun(env *Env, name string) error {
	if name == "rubric" {
		fmt.Fprintf(env.Stdout, "The keys of a rubric file (criteria: tpgrade rubric kinds KIND):\n\n%s",
			rubric.FormatKeys(rubric.RubricKeys(), "  ", keysWidth))
		return nil
	}
	keys, ok := rubric.KindKeys(checks.Kinds, name)
	if !ok {
		dym := ""
		if s := suggestKind(name); s != "" {
			dym = fmt.Sprintf(" (did you mean %q?)", s)
		}
		return exit(ExitUsage, fmt.Errorf("no kind %q%s: kinds are %s, and rubric for the rubric file's keys",
			name, dym, strings.Join(checks.Kinds.Names(), ", ")))
	}
	k, _ := checks.Kinds.Lookup(name)
	fmt.Fprintf(env.Stdout, "%s: %s\n\nIts keys:\n%s\nThe keys of every criterion:\n%s", k.Name, k.Summary,
		rubric.FormatKeys(keys, "  ", keysWidth), rubric.FormatKeys(rubric.CriterionKeys(), "  ", keysWidth))
	// Names and texts are the same under every key: said once.
	fmt.Fprintf(env.Stdout, "\nNames (names, key, in, terms, any, wrong, output ...) are one name or a list of aliases;\na name may be a regular expression, {regex: ..., expected: ...}:\n%s"+
		"Texts (title, feedback, label, name, hint, expected) are one text, or one per language: {fr: ..., en: ...}.\n",
		rubric.FormatKeys(rubric.NameKeys(), "  ", keysWidth))
	return nil
}

// suggestKind is the kind closest to a misspelt name, or "".
func suggestKind(name string) string {
	return rubric.Suggest(name, append(checks.Kinds.Names(), "rubric"))
}

// RubricDraftOptions are the inputs of `tpgrade rubric draft`.
type RubricDraftOptions struct {
	Env   *Env
	Model string // the model answer's path
	Lang  string // en or fr; "" is the model's
	// ReadModel reads the model: a regular file only, its size checked
	// before reading (reportfile.Read).
	ReadModel func(path string, limit int64) ([]byte, error)
}

func newCmdRubricDraft(env *Env, runF func(*RubricDraftOptions) error) *cobra.Command {
	opts := &RubricDraftOptions{Env: env, ReadModel: reportfile.Read}
	cmd := &cobra.Command{
		Use:   "draft MODEL.md",
		Short: "Draft a commented rubric from your own model answer",
		Long: `Read your model answer (a lab report as you would write it) and print a
commented starting rubric on the standard output: a section criterion per
part, fact and table criteria for the key/value data it shows with value
rules inferred from its values, command criteria for the commands it shows
with a line of their output, explanation criteria for its prose answers with
their distinctive terms as concepts, points spread over a total of 20. The
assignment is left for you to paste.

Every criterion is something your model earns as tpgrade reads it: your
model grades 20/20 with the draft as printed. Comments in the draft say what
to review in each criterion. The draft's comments and texts are in the
model's language (--lang to choose).`,
		Example: `  tpgrade rubric draft corrige.md > tp2.yaml
  tpgrade rubric check tp2.yaml
  tpgrade grade --rubric tp2.yaml copie-etudiant.md`,
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"md", "markdown"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Model = args[0]
			if opts.Lang != "" {
				if _, ok := i18n.Parse(opts.Lang); !ok {
					return exit(ExitUsage, fmt.Errorf("--lang must be en or fr (got %q)", opts.Lang))
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return rubricDraftRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "language of the draft's comments and lang: en or fr (default: the model's)")
	_ = cmd.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions([]string{"en", "fr"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func rubricDraftRun(opts *RubricDraftOptions) error {
	env := opts.Env
	read := opts.ReadModel
	if read == nil {
		read = reportfile.Read
	}
	raw, err := read(opts.Model, document.DefaultMaxBytes)
	if err != nil {
		if why, ok := reportfile.Refusal(err); ok {
			return exit(ExitUnusable, fmt.Errorf("%s: %s", opts.Model, why.EN))
		}
		return exit(ExitUnusable, err)
	}
	doc, err := document.Parse(opts.Model, raw, document.Options{})
	if err != nil {
		var ie *document.InputError
		if errors.As(err, &ie) {
			return exit(ExitUnusable, fmt.Errorf("%s: cannot draft a rubric from it: %s", opts.Model, ie.Message().EN))
		}
		return exit(ExitUnusable, fmt.Errorf("%s: %w", opts.Model, err))
	}
	lang, _ := i18n.Parse(opts.Lang)
	d, err := draft.Write(doc, draft.Options{Lang: lang, Source: filepath.Base(opts.Model)})
	if err != nil {
		return exit(ExitUnusable, fmt.Errorf("%s: %w", opts.Model, err))
	}
	if _, err := env.Stdout.Write(d.YAML); err != nil {
		return err
	}
	// What a teacher needs to know goes to stderr, so that the draft
	// itself can be redirected to a file.
	for _, n := range doc.Notes {
		fmt.Fprintf(env.Stderr, "%s:%d: %s\n", opts.Model, doc.Pos(n.Span.Start).Line, n.Message.In(d.Lang))
	}
	fmt.Fprintln(env.Stderr, i18n.M("%s: %d criteria drafted; your model grades %s/%d with them. Read the comments, then: tpgrade rubric check FILE",
		"%s : %d critères ; votre corrigé obtient %s/%d avec eux. Lisez les commentaires, puis : tpgrade rubric check FICHIER",
		opts.Model, d.Criteria, d.Model, draft.Total).In(d.Lang))
	return nil
}
