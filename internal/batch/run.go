package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
	"github.com/tpgrade/tpgrade/internal/githubapi"
	"github.com/tpgrade/tpgrade/internal/gradesheet"
	"github.com/tpgrade/tpgrade/internal/similarity"
)

// DefaultConcurrency is how many students are fetched at once. Why: GitHub
// asks for few concurrent requests to stay clear of secondary limits
// (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#avoid-concurrent-requests);
// eight keeps a 300-student class within seconds.
const DefaultConcurrency = 8

// Options configure a batch.
type Options struct {
	HTTP   *http.Client // the network; nil: http.DefaultClient
	APIURL string       // GitHub's REST API; "" is api.github.com
	Token  string
	// Version is tpgrade's version: with grader.Revision, it keys the
	// stored grades, so that another tpgrade grades again.
	Version string

	// Where the students come from: Roster when given, else the Classroom
	// assignment, else Org's repositories named Prefix+login. Org, when
	// given, is also listed once to learn every repository's state in a few
	// requests instead of one per student.
	Org                 string
	Prefix              string
	Roster              []Student
	ClassroomAssignment string

	Rubric   *rubric.Rubric
	Deadline time.Time      // students without an extension
	Location *time.Location // the teacher's time zone, for display
	Lang     i18n.Lang      // language of messages; the rubric's when empty

	Out          string // output folder
	Concurrency  int    // 0: DefaultConcurrency
	NoWait       bool   // stop with resumable state when the rate limit runs out
	TemplateRepo string // owner/name of the template repository: its report is not copying

	AssignmentName string // grades.csv's assignment_name; the rubric's title when empty
	AssignmentURL  string
	Similarity     float64 // overlap over which a pair is listed; 0: similarity.DefaultThreshold

	Publish  []string // "status", "comment"
	Dispatch bool     // send repository_dispatch to every graded repository
	DryRun   bool     // show what would be published, publish nothing

	Clock    Clock
	Progress Progress  // nil: none
	Log      io.Writer // notices: rate limits, warnings; nil: discarded
	Stdout   io.Writer // the summary and the dry-run's plan; nil: discarded

	// Network tuning, mostly for tests.
	RequestTimeout time.Duration
	MaxAttempts    int
	BaseDelay      time.Duration
	WritesPerHour  int // content-creating requests per hour; 0: githubapi.DefaultWritesPerHour
}

// Outcome is what a finished batch produced.
type Outcome struct {
	Results []*gradesheet.Result
	Pairs   []similarity.Pair
	Summary gradesheet.Summary
	Stats   Stats // requests sent
	Reused  int   // students taken from an interrupted run's journal
	Cached  int   // answers served from the ETag cache after a 304
	Files   []string
}

// ErrInterrupted reports a run stopped before every student was done; the
// next run with the same --out resumes it.
var ErrInterrupted = errors.New("interrupted")

// Clock is the batch's notion of time (githubapi.Clock), injected so that
// tests never wait.
type Clock = githubapi.Clock

// RateLimitError stops a batch when a GitHub limit is spent and the teacher
// asked not to wait (--no-wait).
type RateLimitError = githubapi.RateLimitError

// Stats counts the requests a batch sent.
type Stats = githubapi.Stats

// run is one batch in progress.
type run struct {
	opt     Options
	client  *githubapi.Client
	cache   *githubapi.ETagCache
	rubric  *rubric.Rubric
	state   state
	listing map[string]repoInfo
	logMu   sync.Mutex
}

func (b *run) lang() i18n.Lang {
	if b.opt.Lang != "" {
		return b.opt.Lang
	}
	if b.rubric.Lang != "" {
		return b.rubric.Lang
	}
	return i18n.EN
}

func (b *run) gradeOpts() grader.Options { return grader.Options{Lang: b.opt.Lang} }

// engine identifies what computes a grade: the engine's rules and the
// tpgrade that ran them. Grades stored under another engine are not reused.
func (b *run) engine() string { return grader.Revision + " " + b.opt.Version }

func (b *run) loc() *time.Location {
	if b.opt.Location != nil {
		return b.opt.Location
	}
	return time.UTC
}

func (b *run) files() []string {
	if len(b.rubric.Files) == 0 {
		return rubric.DefaultFiles
	}
	return b.rubric.Files
}

// fileLabel names the expected report as `tpgrade grade` does: the first name.
func (b *run) fileLabel() string { return b.files()[0] }

func (b *run) logf(format string, a ...any) {
	if b.opt.Log == nil {
		return
	}
	b.logMu.Lock()
	defer b.logMu.Unlock()
	fmt.Fprintf(b.opt.Log, format+"\n", a...)
}

// Run grades every student and writes the grade sheet into opt.Out. It
// returns ErrInterrupted (wrapped) when the context is cancelled, and a
// *RateLimitError when the primary limit ran out with NoWait: in both cases
// what was done is kept and the next run resumes it. One student's failure
// never stops the batch: it is a row flagged "error".
//
// The steps, in order: who the students are (sources), each one's head at
// the deadline graded and journaled (gradeAll), the similar pairs, what
// the teacher asked to publish, and the files.
func Run(ctx context.Context, opt Options) (*Outcome, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	b, err := newRun(opt)
	if err != nil {
		return nil, err
	}
	resumed, err := b.state.begin(opt.Rubric.Hash)
	if err != nil {
		return nil, err
	}
	out := &Outcome{}
	defer func() { out.Stats, out.Cached = b.client.Transport.Stats(), b.cache.Hits() }()

	meta := gradesheet.Assignment{Name: opt.AssignmentName, URL: opt.AssignmentURL, Deadline: opt.Deadline, Location: b.loc(), Lang: b.lang()}
	students, err := b.students(ctx, &meta)
	if err != nil {
		return out, stopped(ctx, err)
	}
	template, err := b.templateText(ctx, &meta)
	if err != nil {
		return out, stopped(ctx, err)
	}

	var entries []*entry
	entries, out.Reused = b.fromJournal(students, resumed)
	if err := b.gradeAll(ctx, students, entries, out.Reused); err != nil {
		return out, stopped(ctx, err)
	}
	results := make([]*gradesheet.Result, len(entries))
	for i, e := range entries {
		results[i] = e.Result
	}
	pairs, threshold := b.similarPairs(entries, template)
	out.Results, out.Pairs, out.Summary = results, pairs, gradesheet.Summarise(results)

	if len(opt.Publish) > 0 || opt.Dispatch {
		if err := b.publish(ctx, entries); err != nil {
			return out, stopped(ctx, err)
		}
	}
	out.Files, err = writeGradeSheet(opt.Out, gradesheet.Class{Rubric: b.rubric, Assignment: meta, Results: results, Pairs: pairs, Threshold: threshold})
	if err != nil {
		return out, err
	}
	return out, b.state.finish(opt.Rubric.Hash)
}

// check refuses options a batch cannot start with.
func (opt *Options) check() error {
	switch {
	case opt.Rubric == nil:
		return errors.New("no rubric")
	case opt.Out == "":
		return errors.New("no output folder")
	case opt.Roster == nil && opt.ClassroomAssignment == "" && (opt.Org == "" || opt.Prefix == ""):
		return errors.New("no students: give --org with --prefix, --roster or --classroom-assignment")
	}
	return nil
}

// newRun prepares a batch: its state under opt.Out, and the API client
// with conditional requests over the answers kept there.
func newRun(opt Options) (*run, error) {
	b := &run{opt: opt, rubric: opt.Rubric, state: state{root: filepath.Join(opt.Out, stateDir)}}
	client, err := githubapi.New(githubapi.Options{
		HTTP: opt.HTTP, APIURL: opt.APIURL, Token: opt.Token, Clock: opt.Clock, NoWait: opt.NoWait,
		Notify:  func(m string) { b.logf("tpgrade: %s", m) },
		Timeout: opt.RequestTimeout, MaxAttempts: opt.MaxAttempts, BaseDelay: opt.BaseDelay, WritesPerHour: opt.WritesPerHour,
		Wrap: func(t http.RoundTripper) http.RoundTripper {
			b.cache = &githubapi.ETagCache{Store: sealedAnswers{dir: b.state.path(httpDir)}, Base: t}
			return b.cache
		},
	})
	if err != nil {
		return nil, err
	}
	b.client = client
	return b, nil
}

// fromJournal returns an entry per student: the one an interrupted run
// journaled when it was computed from the same inputs, else nil (to grade),
// and how many were taken.
func (b *run) fromJournal(students []Student, resumed bool) (entries []*entry, reused int) {
	entries = make([]*entry, len(students))
	if !resumed {
		return entries, 0
	}
	for i, st := range students {
		var e entry
		found, ok := readSealed(b.state.entryPath(st.key()), &e)
		if found && !ok {
			b.logf("tpgrade: warning: the journal entry of %s fails its checksum (edited or damaged): graded again", st.key())
		}
		if ok && b.reusable(&e, st) {
			entries[i] = &e
			reused++
		}
	}
	return entries, reused
}

// reusable reports whether a journal entry holds st's result for this run:
// the same repository, deadline, rubric, language and engine, and no error
// (an error is tried again).
func (b *run) reusable(e *entry, st Student) bool {
	return e.Result != nil && e.Result.Error == "" &&
		e.Key == st.key() && e.Repo == st.Repo && e.Deadline.Equal(st.Deadline) &&
		e.RubricHash == b.rubric.Hash && e.Lang == string(b.lang()) && e.Engine == b.engine()
}

// gradeAll grades every student without an entry, Concurrency at a time,
// and journals each result as soon as it is done, so that an interrupted
// run loses nothing it finished.
func (b *run) gradeAll(ctx context.Context, students []Student, entries []*entry, reused int) error {
	progress := b.opt.Progress
	if progress == nil {
		progress = noProgress{}
	}
	progress.Start(len(students), reused)
	g, gctx := errgroup.WithContext(ctx)
	conc := b.opt.Concurrency
	if conc <= 0 {
		conc = DefaultConcurrency
	}
	g.SetLimit(conc)
	for i := range students {
		if entries[i] != nil {
			continue
		}
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			e, err := b.grade(gctx, students[i])
			if err != nil {
				return err
			}
			if err := writeSealed(b.state.entryPath(e.Key), e); err != nil {
				return fmt.Errorf("writing the journal: %w", err)
			}
			entries[i] = e
			progress.Done(e.Result)
			return nil
		})
	}
	err := g.Wait()
	progress.Finish()
	if err == nil {
		err = ctx.Err()
	}
	return err
}

// similarPairs compares what the students wrote in their own words, the
// template's report and the assignment's wording left out, and names each
// pair's students as the teacher knows them. It returns the threshold used.
func (b *run) similarPairs(entries []*entry, template string) ([]similarity.Pair, float64) {
	texts := map[string]string{}
	names := map[string]string{}
	for _, e := range entries {
		if e.Text != "" {
			texts[e.Key] = e.Text
			names[e.Key] = e.Result.Name()
		}
	}
	threshold := b.opt.Similarity
	if threshold <= 0 {
		threshold = similarity.DefaultThreshold
	}
	pairs := similarity.Find(texts, template+"\n"+b.rubric.Assignment, threshold)
	for i := range pairs {
		pairs[i].A, pairs[i].B = names[pairs[i].A], names[pairs[i].B]
	}
	return pairs, threshold
}

// stopped wraps a fatal error so that the caller can tell an interruption
// from a failure.
func stopped(ctx context.Context, err error) error {
	var rl *RateLimitError
	switch {
	case errors.As(err, &rl):
		return rl
	case ctx.Err() != nil:
		return fmt.Errorf("%w: %v", ErrInterrupted, context.Cause(ctx))
	}
	return err
}

// students lists who is graded, sorted by key.
func (b *run) students(ctx context.Context, meta *gradesheet.Assignment) ([]Student, error) {
	var err error
	if b.opt.Org != "" {
		if b.listing, err = b.listOrg(ctx, b.opt.Org); err != nil {
			return nil, err
		}
	}
	var out []Student
	switch {
	case b.opt.Roster != nil:
		out = append(out, b.opt.Roster...)
		if b.opt.Prefix != "" && b.listing != nil {
			b.warnUnlisted(out)
		}
	case b.opt.ClassroomAssignment != "":
		var a *classroomAssignment
		if out, a, err = b.classroom(ctx, b.opt.ClassroomAssignment); err != nil {
			return nil, err
		}
		if meta.Name == "" {
			meta.Name = a.Title
		}
		if meta.URL == "" {
			meta.URL = a.InviteLink
		}
		if a.StarterCode != nil && meta.StarterCodeURL == "" {
			meta.StarterCodeURL = a.StarterCode.HTMLURL
		}
	default:
		out = studentsFromOrg(b.listing, b.opt.Prefix, b.opt.TemplateRepo)
		if len(out) == 0 {
			return nil, fmt.Errorf("no repository of %s is named %s<login>", b.opt.Org, b.opt.Prefix)
		}
	}
	for i := range out {
		if out[i].Deadline.IsZero() {
			out[i].Deadline = b.opt.Deadline
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].key() < out[j].key() })
	return out, nil
}

// warnUnlisted tells the teacher about repositories named like the
// assignment that no roster row claims (a student missing from the roster).
func (b *run) warnUnlisted(students []Student) {
	claimed := map[string]bool{}
	for _, s := range students {
		claimed[strings.ToLower(s.Repo)] = true
	}
	var extra []string
	for key, info := range b.listing {
		_, name := splitRepo(info.FullName)
		if strings.HasPrefix(strings.ToLower(name), strings.ToLower(b.opt.Prefix)) && !claimed[key] && !strings.EqualFold(key, b.opt.TemplateRepo) {
			extra = append(extra, info.FullName)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		b.logf("tpgrade: warning: %d repositories named %s* are in no roster row (not graded): %s", len(extra), b.opt.Prefix, strings.Join(extra, ", "))
	}
}

// templateText reads the template repository's report, whose text is not
// copying when students keep it.
func (b *run) templateText(ctx context.Context, meta *gradesheet.Assignment) (string, error) {
	if b.opt.TemplateRepo == "" {
		return "", nil
	}
	owner, name := splitRepo(b.opt.TemplateRepo)
	if owner == "" || name == "" {
		return "", fmt.Errorf("--template-repo %q: expected owner/name", b.opt.TemplateRepo)
	}
	repo, _, err := b.client.Repositories.Get(ctx, owner, name)
	if err != nil {
		return "", fmt.Errorf("reading the template repository %s: %w", b.opt.TemplateRepo, err)
	}
	if meta.StarterCodeURL == "" {
		meta.StarterCodeURL = repo.GetHTMLURL()
	}
	file, raw, found, err := b.fetchReport(ctx, owner, name, repo.GetDefaultBranch())
	var big *tooLarge
	switch {
	case errors.As(err, &big):
		b.logf("tpgrade: warning: the template's report is not compared: %v", err)
		return "", nil
	case err != nil:
		return "", fmt.Errorf("reading the template's report: %w", err)
	}
	if !found {
		b.logf("tpgrade: warning: the template repository %s has no %s", b.opt.TemplateRepo, b.fileLabel())
		return "", nil
	}
	// The template is read, not graded: only its text is compared.
	doc, err := document.Parse(file, raw, document.Options{})
	if err != nil {
		b.logf("tpgrade: warning: the template's %s cannot be read: %v", file, err)
		return "", nil
	}
	return similarity.TextOf(doc), nil
}
