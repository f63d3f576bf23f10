package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/internal/batch"
	"github.com/tpgrade/tpgrade/internal/feedback"
	"github.com/tpgrade/tpgrade/internal/gradesheet"
	"github.com/tpgrade/tpgrade/internal/render"
	"github.com/tpgrade/tpgrade/internal/similarity"
)

// BatchOptions are the inputs of `tpgrade batch`.
type BatchOptions struct {
	Env *Env
	Ctx context.Context

	Org                 string
	Prefix              string
	Roster              string // path of the roster CSV
	ClassroomAssignment string
	Rubric              string
	Deadline            string
	Timezone            string // IANA name; "" is TZ, then the system's zone
	Out                 string
	Concurrency         int
	APIURL              string
	NoWait              bool
	TemplateRepo        string
	AssignmentName      string
	AssignmentURL       string
	Similarity          float64
	Lang                string
	Publish             []string
	Dispatch            bool
	DryRun              bool
	JSON                bool // the summary as JSON on stdout, for scripts
}

func newCmdBatch(env *Env, runF func(*BatchOptions) error) *cobra.Command {
	opts := &BatchOptions{Env: env}
	cmd := &cobra.Command{
		Use:   "batch --deadline WHEN (--org ORG --prefix PREFIX | --roster FILE | --classroom-assignment ID)",
		Short: "Grade every student of an assignment as of the deadline",
		Long: `Grade, for every student of an assignment, the last commit on the default
branch of their repository before the deadline, and write into --out:

  grades.csv    GitHub Classroom's grade columns, one column per criterion,
                the graded commit and flags (no report, pushed late, ...)
  moodle.csv    identifier, email and grade, when the roster has them
  results.json  every student's full result and findings
  report.html   the class report: grade histogram, success per criterion,
                every student's feedback, similar submissions

Students come from the organisation's repositories named <prefix><login>
(--org, --prefix), from a roster CSV (--roster: login, repository, identifier,
email, extension), or from the retired GitHub Classroom API
(--classroom-assignment).

Run it again with the same --out: only what changed is fetched again, and an
interrupted run (Ctrl-C, SIGTERM, a closed laptop) resumes where it stopped.

With --json, stdout is one JSON object summing the run up, for scripts (its
fields are in docs/batch.md); the rest goes to stderr.

Environment:
  GH_TOKEN, GITHUB_TOKEN  the GitHub token, read in this order as gh does:
                          one that can read the course's repositories
  GITHUB_API_URL          the REST API of a GitHub Enterprise Server
  TZ                      the time zone, when --timezone is not given`,
		Example: `  tpgrade batch --org my-course --prefix tp1-docker- --deadline 2026-10-15
  tpgrade batch --org my-course --roster roster.csv --deadline "2026-10-15 23:59" --out tp1
  tpgrade batch --org my-course --prefix tp1-docker- --deadline 2026-10-15T23:59:00+02:00 --publish status,comment --dry-run`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			if err := opts.validate(); err != nil {
				return exit(ExitUsage, err)
			}
			if runF != nil {
				return runF(opts)
			}
			return batchRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Org, "org", "", "organisation holding the student repositories")
	f.StringVar(&opts.Prefix, "prefix", "", "student repositories are named <prefix><login> (e.g. tp1-docker-)")
	f.StringVar(&opts.Roster, "roster", "", "roster CSV: login, repository, identifier, email, extension columns")
	f.StringVar(&opts.ClassroomAssignment, "classroom-assignment", "", "GitHub Classroom assignment id (the Classroom API may no longer answer)")
	f.StringVarP(&opts.Rubric, "rubric", "r", "", "rubric: an embedded name or a path to a YAML file (default docker-tp1)")
	f.StringVar(&opts.Deadline, "deadline", "", "deadline: RFC 3339 (2026-10-15T23:59:00+02:00), or a date/time in your time zone (2026-10-15 23:59, 2026-10-15 = end of day)")
	f.StringVar(&opts.Timezone, "timezone", "", "time zone of --deadline and of the roster's dates, e.g. Europe/Paris (default: TZ, then the system's)")
	f.StringVarP(&opts.Out, "out", "o", "", "output folder (default tpgrade-<rubric id>)")
	f.IntVar(&opts.Concurrency, "concurrency", batch.DefaultConcurrency, "students fetched at once")
	f.StringVar(&opts.APIURL, "api-url", "", "GitHub REST API URL (default: GITHUB_API_URL, then https://api.github.com)")
	f.BoolVar(&opts.NoWait, "no-wait", false, "when the API rate limit runs out, stop (resumable) instead of waiting for its reset")
	f.StringVar(&opts.TemplateRepo, "template-repo", "", "owner/name of the template repository: its report is not counted as copying")
	f.StringVar(&opts.AssignmentName, "assignment-name", "", "assignment_name in grades.csv (default: the rubric's title)")
	f.StringVar(&opts.AssignmentURL, "assignment-url", "", "assignment_url in grades.csv")
	f.Float64Var(&opts.Similarity, "similarity", similarity.DefaultThreshold, "list pairs of submissions whose own text overlaps at least this much (share of the shorter text, 0 to 1)")
	f.StringVar(&opts.Lang, "lang", "", "language of the feedback: en or fr (default: the rubric's)")
	f.StringSliceVar(&opts.Publish, "publish", nil, "publish to each repository: status (a commit status tpgrade/<rubric>), comment (a feedback comment)")
	f.BoolVar(&opts.Dispatch, "dispatch", false, "send repository_dispatch to each graded repository so that its own workflow re-grades")
	f.BoolVar(&opts.DryRun, "dry-run", false, "with --publish or --dispatch: show what would be published, publish nothing")
	f.BoolVar(&opts.JSON, "json", false, "write the run's summary to stdout as JSON, for scripts")
	_ = cmd.RegisterFlagCompletionFunc("publish", cobra.FixedCompletions([]string{feedback.Status, feedback.Comment}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions([]string{"en", "fr"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("rubric", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return grader.Bundled(), cobra.ShellCompDirectiveDefault
	})
	return cmd
}

// validate checks what flags alone can tell.
func (o *BatchOptions) validate() error {
	if o.Deadline == "" {
		return errors.New("--deadline is required: the graded commit is the last one before it")
	}
	sources := 0
	if o.Roster != "" {
		sources++
	}
	if o.ClassroomAssignment != "" {
		sources++
	}
	if o.Roster == "" && o.ClassroomAssignment == "" {
		if o.Org == "" || o.Prefix == "" {
			return errors.New("say who the students are: --org ORG --prefix PREFIX, --roster FILE or --classroom-assignment ID")
		}
	}
	if sources > 1 {
		return errors.New("give either --roster or --classroom-assignment, not both")
	}
	if o.Concurrency < 1 || o.Concurrency > 32 {
		return fmt.Errorf("--concurrency must be between 1 and 32 (got %d): GitHub penalises many concurrent requests", o.Concurrency)
	}
	if o.Similarity <= 0 || o.Similarity > 1 {
		return fmt.Errorf("--similarity must be in (0, 1] (got %g)", o.Similarity)
	}
	for _, p := range o.Publish {
		if p != feedback.Status && p != feedback.Comment {
			return fmt.Errorf("--publish takes status and/or comment (got %q)", p)
		}
	}
	if o.DryRun && len(o.Publish) == 0 && !o.Dispatch {
		return errors.New("--dry-run shows what --publish or --dispatch would do: give one of them")
	}
	if o.Lang != "" {
		if _, ok := i18n.Parse(o.Lang); !ok {
			return fmt.Errorf("--lang must be en or fr (got %q)", o.Lang)
		}
	}
	if o.TemplateRepo != "" && strings.Count(o.TemplateRepo, "/") != 1 {
		return fmt.Errorf("--template-repo must be owner/name (got %q)", o.TemplateRepo)
	}
	return nil
}

// location resolves the teacher's time zone: --timezone, then TZ, then the
// system's, always under a name people read.
func (o *BatchOptions) location() (*time.Location, error) {
	name := o.Timezone
	if name == "" {
		name = o.Env.Getenv("TZ")
	}
	if name == "" {
		if o.Env.Zone != nil {
			return o.Env.Zone, nil
		}
		return systemZone(o.Env.Now()), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: %v (use an IANA name such as Europe/Paris)", name, err)
	}
	return loc, nil
}

// githubToken is the token the teacher gave, looked for as gh does: GH_TOKEN
// first, then GITHUB_TOKEN.
//
// Why: https://cli.github.com/manual/gh_help_environment
func githubToken(env *Env) string {
	for _, name := range []string{"GH_TOKEN", "GITHUB_TOKEN"} {
		if t := env.Getenv(name); t != "" {
			return t
		}
	}
	return ""
}

func batchRun(opts *BatchOptions) error {
	env := opts.Env
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	loc, err := opts.location()
	if err != nil {
		return exit(ExitUsage, err)
	}
	deadline, err := inZone(loc, env.Now(), func(loc *time.Location) (time.Time, error) {
		return batch.ParseDeadline(opts.Deadline, loc)
	})
	if err != nil {
		return exit(ExitUsage, err)
	}
	r, err := loadRubric(env, opts.Rubric)
	if err != nil {
		return err
	}
	lang, _ := i18n.Parse(opts.Lang)
	token := githubToken(env)
	if token == "" {
		fmt.Fprintln(env.Stderr, "tpgrade: warning: no GH_TOKEN or GITHUB_TOKEN: GitHub allows 60 unauthenticated requests per hour and no private repository")
	}
	apiURL := opts.APIURL
	if apiURL == "" {
		apiURL = env.Getenv("GITHUB_API_URL")
	}
	out := opts.Out
	if out == "" {
		out = "tpgrade-" + r.ID
	}
	bo := batch.Options{
		HTTP: env.HTTP, APIURL: apiURL, Token: token, Version: env.Version,
		Org: opts.Org, Prefix: opts.Prefix, ClassroomAssignment: opts.ClassroomAssignment,
		Rubric: r, Deadline: deadline, Location: loc, Lang: lang,
		Out: out, Concurrency: opts.Concurrency, NoWait: opts.NoWait, TemplateRepo: opts.TemplateRepo,
		AssignmentName: opts.AssignmentName, AssignmentURL: opts.AssignmentURL, Similarity: opts.Similarity,
		Publish: opts.Publish, Dispatch: opts.Dispatch, DryRun: opts.DryRun,
		Clock:  batch.Clock{Now: env.Now},
		Log:    env.Stderr,
		Stdout: env.Stdout,
	}
	if opts.JSON {
		// stdout is the JSON summary alone; the dry run's plan goes with the log.
		bo.Stdout = env.Stderr
	}
	// The bar is drawn on stderr: a bar only when stderr is a terminal, plain
	// progress lines in a log or a file.
	bo.Progress = batch.NewProgress(env.Stderr, env.ErrTerminal, bo.Clock)
	if opts.Roster != "" {
		if bo.Roster, err = opts.readRoster(deadline, loc); err != nil {
			return exit(ExitUsage, err)
		}
	}
	fmt.Fprintf(env.Stderr, "tpgrade: grading %s as of %s into %s\n", r.ID, deadline.In(loc).Format("2006-01-02 15:04:05 MST"), out)
	res, err := batch.Run(ctx, bo)
	var rl *batch.RateLimitError
	switch {
	case errors.As(err, &rl):
		return exit(ExitUnusable, fmt.Errorf("%v: stopped as asked (--no-wait); run the same command after %s to resume",
			rl, rl.Reset.In(loc).Format("15:04")))
	case errors.Is(err, batch.ErrInterrupted):
		return exit(ExitUnusable, fmt.Errorf("interrupted: run the same command again to resume where it stopped (%s keeps what was done)", out))
	case errors.Is(err, batch.ErrClassroomUnavailable):
		return exit(ExitUnusable, err)
	case err != nil:
		return exit(ExitUnusable, err)
	}
	if opts.JSON {
		err = writeBatchJSON(env, r.ID, deadline, loc, res, out)
	} else {
		printBatchSummary(env, res, out)
	}
	if err != nil {
		return exit(ExitUnusable, err)
	}
	if res.Summary.Errors > 0 {
		return exit(ExitUnusable, fmt.Errorf("%d students could not be graded (flag \"error\" in grades.csv): run the same command again to retry them", res.Summary.Errors))
	}
	return nil
}

// readRoster reads --roster; its dates are in loc.
func (o *BatchOptions) readRoster(deadline time.Time, loc *time.Location) ([]batch.Student, error) {
	src, err := o.Env.ReadFile(o.Roster)
	if err != nil {
		return nil, fmt.Errorf("roster: %w", err)
	}
	students, err := inZone(loc, o.Env.Now(), func(loc *time.Location) ([]batch.Student, error) {
		return batch.ReadRoster(o.Roster, src, batch.RosterDefaults{
			Owner: o.Org, Prefix: o.Prefix, Deadline: deadline, Location: loc})
	})
	if err == nil && students == nil {
		students = []batch.Student{}
	}
	return students, err
}

func printBatchSummary(env *Env, res *batch.Outcome, out string) {
	s := res.Summary
	w := env.Stdout
	fmt.Fprintf(w, "%d students: %d graded, %d missing, %d pushed after the deadline, %d errors; %d passed\n",
		s.Students, s.Graded, s.Missing, s.Late, s.Errors, s.Passed)
	if n := len(res.Pairs); n > 0 {
		if n == 1 {
			fmt.Fprintln(w, "1 pair of similar submissions to look at (report.html, results.json)")
		} else {
			fmt.Fprintf(w, "%d pairs of similar submissions to look at (report.html, results.json)\n", n)
		}
	}
	if res.Reused > 0 {
		fmt.Fprintf(w, "resumed: %d students taken from the interrupted run\n", res.Reused)
	}
	fmt.Fprintf(w, "GitHub requests: %d (%d retried, %d answered 304 from the cache)\n", res.Stats.Requests, res.Stats.Retries, res.Stats.NotModified)
	names := make([]string, 0, len(res.Files))
	for _, f := range res.Files {
		names = append(names, filepath.Base(f))
	}
	slices.Sort(names)
	fmt.Fprintf(w, "wrote %s in %s\n", strings.Join(names, ", "), out)
}

// BatchSummary is what `tpgrade batch --json` writes: the run summed up for
// scripts. Fields are only ever added (docs/batch.md lists them).
type BatchSummary struct {
	Rubric   string `json:"rubric"`
	Deadline string `json:"deadline"` // RFC 3339, in the teacher's time zone
	Timezone string `json:"timezone"`
	Out      string `json:"out"`
	gradesheet.Summary
	SimilarPairs int           `json:"similar_pairs"`
	Resumed      int           `json:"resumed"` // students taken from an interrupted run
	Requests     BatchRequests `json:"requests"`
	Files        []string      `json:"files"`
}

// BatchRequests counts the GitHub requests of a run.
type BatchRequests struct {
	Sent        int64 `json:"sent"`
	Retried     int64 `json:"retried"`
	NotModified int64 `json:"not_modified"` // answered 304 from the cache
}

func writeBatchJSON(env *Env, rubricID string, deadline time.Time, loc *time.Location, res *batch.Outcome, out string) error {
	files := append([]string{}, res.Files...)
	slices.Sort(files)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(BatchSummary{
		Rubric: rubricID, Deadline: deadline.In(loc).Format(time.RFC3339), Timezone: humanZone(loc, deadline), Out: out,
		Summary: res.Summary, SimilarPairs: len(res.Pairs), Resumed: res.Reused,
		Requests: BatchRequests{Sent: res.Stats.Requests, Retried: res.Stats.Retries, NotModified: res.Stats.NotModified},
		Files:    files,
	}); err != nil {
		return err
	}
	_, err := env.Stdout.Write(render.EscapeHidden(buf.Bytes()))
	return err
}
