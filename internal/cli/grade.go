package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/cobra"
	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
	"github.com/tpgrade/tpgrade/internal/render"
	"github.com/tpgrade/tpgrade/internal/reportfile"
)

// GradeOptions are the inputs of `tpgrade grade`.
type GradeOptions struct {
	Env      *Env
	Ctx      context.Context
	Paths    []string      // reports: files, or folders where the rubric's file names are looked for; none: the current folder
	Rubric   string        // embedded rubric name or path; "" is the default rubric
	Lang     string        // en or fr; "" is the rubric's language
	Format   render.Format // text, json or markdown
	Watch    bool          // re-grade whenever the report is saved
	Verbose  bool          // also show what was found and credited
	MaxBytes int           // size limit of a report
	// ReadReport reads a report: a regular file only, its size checked
	// before reading (reportfile.Read).
	ReadReport func(path string, limit int64) ([]byte, error)
}

func newCmdGrade(env *Env, runF func(*GradeOptions) error) *cobra.Command {
	opts := &GradeOptions{Env: env, Format: render.FormatText, ReadReport: reportfile.Read}
	cmd := &cobra.Command{
		Use:   "grade [FILE|DIR]...",
		Short: "Grade reports and show the score with line-level feedback",
		Long: `Grade a Markdown report against a rubric and show, criterion by criterion,
the points earned, what is missing and where (file:line:col).

With no argument, the report is looked for in the current directory under the
names the rubric gives (README.md, RAPPORT.md, ...); a folder given as an
argument is searched the same way. With no --rubric, the embedded default
rubric (docker-tp1) is used.

Several files or folders (a class set: tpgrade grade class/*.md) are graded
in one run, in parallel, and shown in the order given: in text one after the
other, then a closing line that counts them ("30 reports: 28 graded (25
passed, 3 below the pass mark), 2 unreadable; 41 errors, 12 warnings"); with
--format json one JSON object per line (JSON Lines) per report read; in
Markdown one after the other. An argument that names no report is said on
stderr, in its turn, and the others are graded. The exit code is the worst
of them: 3 if one is unreadable, else 1 if one is below the pass mark.

` + render.Legend + `

Colours are used when the output is a terminal, never when NO_COLOR is set
or TERM is dumb.`,
		Example: `  tpgrade grade
  tpgrade grade RAPPORT.md --lang en
  tpgrade grade --rubric my-lab.yaml --format json report.md
  tpgrade grade --watch
  tpgrade grade --format json class/*.md > grades.jsonl`,
		Args: cobra.ArbitraryArgs,
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"md", "markdown"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.Ctx = cmd.Context()
			if opts.Watch && len(args) > 1 {
				return exit(ExitUsage, fmt.Errorf("--watch follows one report: give one file or folder (got %d)", len(args)))
			}
			if opts.Lang != "" {
				if _, ok := i18n.Parse(opts.Lang); !ok {
					return exit(ExitUsage, fmt.Errorf("--lang must be en or fr (got %q)", opts.Lang))
				}
			}
			if opts.MaxBytes <= 0 {
				return exit(ExitUsage, fmt.Errorf("--max-bytes must be positive (got %d)", opts.MaxBytes))
			}
			if runF != nil {
				return runF(opts)
			}
			return gradeRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Rubric, "rubric", "r", "", "rubric: an embedded name (see 'tpgrade rubric list') or a path to a YAML file")
	f.StringVar(&opts.Lang, "lang", "", "language of the feedback: en or fr (default: the rubric's)")
	f.VarP(&opts.Format, "format", "f", "output format: "+render.FormatNames(" or "))
	f.BoolVarP(&opts.Watch, "watch", "w", false, "grade again every time the report is saved (Ctrl-C to stop); one report only")
	f.BoolVarP(&opts.Verbose, "verbose", "v", false, "also show what was found and credited (text format)")
	f.IntVar(&opts.MaxBytes, "max-bytes", document.DefaultMaxBytes, "largest report accepted, in bytes")
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		names := make([]string, len(render.Formats))
		for i, f := range render.Formats {
			names[i] = string(f)
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions([]string{"en", "fr"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("rubric", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return grader.Bundled(), cobra.ShellCompDirectiveDefault
	})
	return cmd
}

func gradeRun(opts *GradeOptions) error {
	tuneGC(opts.Env)
	r, err := loadRubric(opts.Env, opts.Rubric)
	if err != nil {
		return err
	}
	if len(opts.Paths) > 1 {
		return gradeMany(opts, r)
	}
	arg := ""
	if len(opts.Paths) == 1 {
		arg = opts.Paths[0]
	}
	if !opts.Watch {
		rep, err := gradeOnce(opts, r, arg)
		if err != nil {
			return err
		}
		return exitFor(rep)
	}
	return watch(opts, r, arg)
}

// tuneGC sets the garbage collector for grading, unless GOGC or GOMEMLIMIT
// is set, which then decides.
//
// Why: grading allocates much and keeps little (one report's model and
// findings, then the next one's). With Go's default (GOGC=100, a 4 MB heap
// to start) the collector ran every few megabytes and took a quarter of
// the CPU of a 300-report run; at 400 the heap may grow to five times what
// is live (34 MB for those 300 reports) and the run is 30% faster. The soft
// limit keeps one pathological report from growing the heap past 256 MiB
// on that account (https://go.dev/doc/gc-guide#Memory_limit).
func tuneGC(env *Env) {
	if env.Getenv("GOGC") != "" || env.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(256 << 20)
}

// loadRubric resolves --rubric and turns loader errors into exit code 3.
func loadRubric(env *Env, ref string) (*rubric.Rubric, error) {
	r, err := grader.LoadRubric(ref, env.ReadFile)
	if err != nil {
		return nil, exit(ExitUnusable, fmt.Errorf("rubric: %w", err))
	}
	return r, nil
}

// reportPath resolves a FILE|DIR argument ("" is the current folder): a
// directory is searched for the rubric's file names in order; the first
// name is returned when none exists. Reports are read with opts.ReadReport:
// a named pipe, a device or a directory is refused at once, a report over
// the size limit before it is read.
func reportPath(opts *GradeOptions, r *rubric.Rubric, arg string) (string, []byte, error) {
	env := opts.Env
	read := opts.ReadReport
	if read == nil {
		read = reportfile.Read
	}
	limit := int64(opts.MaxBytes)
	if arg == "" {
		arg = "."
	}
	files := []string(r.Files)
	if len(files) == 0 {
		files = rubric.DefaultFiles
	}
	if st, err := env.Stat(arg); err != nil {
		return arg, nil, err
	} else if !st.IsDir() {
		data, err := read(arg, limit)
		return arg, data, err
	}
	for _, name := range files {
		p := filepath.Join(arg, name)
		if data, err := read(p, limit); err == nil {
			return p, data, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return p, nil, err
		}
	}
	return filepath.Join(arg, files[0]), nil, fs.ErrNotExist
}

// graded is what grading one argument gave: a report, possibly unusable
// (empty, binary, too large: graded zero and said so), with the lines to
// quote under its findings; or, in err, why there is no report to grade
// (missing, refused), worded in the grading's language.
type graded struct {
	rep *grader.Report
	src render.Source
	err error
}

// gradeArg grades the report arg names ("" is the current folder).
func gradeArg(opts *GradeOptions, r *rubric.Rubric, arg string) graded {
	lang, _ := i18n.Parse(opts.Lang)
	gopt := grader.Options{Lang: lang, MaxBytes: opts.MaxBytes}
	path, data, err := reportPath(opts, r, arg)
	var big *document.InputError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Nothing to grade: one message, no criteria marked failed.
		return graded{err: noReport(opts.Env, arg, path, r, lang)}
	case errors.As(err, &big):
		// Over the size limit, known from its size: graded as unusable, unread.
		return graded{rep: grader.Unusable(path, r, big.Message(), gopt)}
	case err != nil:
		if why, ok := reportfile.Refusal(err); ok {
			l := lang
			if l == "" {
				l = r.Lang
			}
			return graded{err: errors.New(why.In(l))}
		}
		return graded{err: err}
	}
	rep, doc := grader.GradeBytes(path, data, r, gopt)
	g := graded{rep: rep}
	if doc != nil {
		g.src = doc.Lines
	}
	return g
}

// renderOptions are the renderers' options for a report whose lines src gives.
func renderOptions(opts *GradeOptions, src render.Source) render.Options {
	return render.Options{Text: render.TextOptions{
		Color:   colour(opts.Env),
		Source:  src,
		Verbose: opts.Verbose,
	}}
}

// gradeOnce grades one report and writes it to stdout.
func gradeOnce(opts *GradeOptions, r *rubric.Rubric, arg string) (*grader.Report, error) {
	g := gradeArg(opts, r, arg)
	if g.err != nil {
		return nil, exit(ExitUnusable, g.err)
	}
	if err := render.Write(opts.Env.Stdout, opts.Format, g.rep, renderOptions(opts, g.src)); err != nil {
		return nil, exit(ExitUnusable, err)
	}
	return g.rep, nil
}

// noReport says that no report was found, in the grading's language: the
// file asked for, or every name looked for in the folder, in order.
func noReport(env *Env, arg, path string, r *rubric.Rubric, lang i18n.Lang) error {
	if lang == "" {
		lang = r.Lang
	}
	if st, err := env.Stat(arg); arg != "" && (err != nil || !st.IsDir()) {
		return errors.New(i18n.M("no report %s: no such file", "pas de rapport %s : ce fichier n'existe pas", path).In(lang))
	}
	where := i18n.M("in the current folder", "dans le dossier courant")
	if dir := filepath.Dir(path); dir != "." {
		where = i18n.M("in %s", "dans %s", dir)
	}
	files := []string(r.Files)
	if len(files) == 0 {
		files = rubric.DefaultFiles
	}
	return errors.New(i18n.M("no report found %s: looked for %s (the first one found is graded; or name the file: tpgrade grade FILE)",
		"aucun rapport trouvé %s : cherché %s (le premier trouvé est noté ; ou nommez le fichier : tpgrade grade FICHIER)",
		where.In(lang), strings.Join(files, ", ")).In(lang))
}

// colour says whether the text output is coloured: on a terminal (a
// console, or mintty as in Git Bash), unless NO_COLOR is set
// (https://no-color.org) or TERM is dumb: the rule fatih/color applies to
// the process, applied here to the injected environment.
func colour(env *Env) bool {
	return env.Terminal && env.Getenv("NO_COLOR") == "" && env.Getenv("TERM") != "dumb"
}

// exitFor maps a report to the documented exit codes.
func exitFor(rep *grader.Report) error {
	switch {
	case !rep.Usable:
		return exit(ExitUnusable, nil)
	case !rep.Passed:
		return exit(ExitBelow, nil)
	}
	return nil
}

// watch grades, then grades again each time the report's directory sees the
// report written, until the context ends (Ctrl-C).
func watch(opts *GradeOptions, r *rubric.Rubric, arg string) error {
	env := opts.Env
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	path, _, _ := reportPath(opts, r, arg)
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return exit(ExitUnusable, err)
	}
	defer w.Close()
	if err := w.Add(filepath.Dir(path)); err != nil {
		return exit(ExitUnusable, err)
	}
	regrade := func() error {
		if env.Terminal {
			fmt.Fprint(env.Stdout, "\x1b[H\x1b[2J")
		}
		// A save caught half-way, or a file briefly gone while an editor
		// renames it, is not a reason to stop watching.
		if _, err := gradeOnce(opts, r, arg); err != nil {
			fmt.Fprintf(env.Stderr, "tpgrade: %v\n", err)
		}
		fmt.Fprintf(env.Stderr, "tpgrade: watching %s (Ctrl-C to stop)\n", path)
		return nil
	}
	if err := regrade(); err != nil {
		return err
	}
	// Editors save in bursts (write, chmod, rename): wait for quiet.
	const settle = 150 * time.Millisecond
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if filepath.Clean(ev.Name) == filepath.Clean(path) && ev.Op&(fsnotify.Write|fsnotify.Create|fsnotify.Rename) != 0 {
				timer = time.After(settle)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(env.Stderr, "tpgrade: watch: %v\n", err)
		case <-timer:
			timer = nil
			if err := regrade(); err != nil {
				return err
			}
		}
	}
}
