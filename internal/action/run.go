package action

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/google/go-github/v66/github"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
	"github.com/tpgrade/tpgrade/internal/feedback"
	"github.com/tpgrade/tpgrade/internal/githubapi"
	"github.com/tpgrade/tpgrade/internal/render"
)

// ReportFile is the name of the JSON result written under RUNNER_TEMP.
const ReportFile = "tpgrade-report.json"

// Result is what Run did; the command layer turns it into an exit code.
type Result struct {
	Inputs     Inputs
	Job        *Job
	Rubric     *Rubric
	Report     *grader.Report
	ReportPath string     // the JSON result, the `report` output
	Published  *Published // nil when no check run was published
	Fallback   string     // why no check run was published, "" when one was
	PublishErr error      // a publishing failure other than a refusal (403)
	Tamper     *Tamper    // nil unless template-repository was given
}

// Run grades the student's report in the workspace and publishes the result:
// the check run (or, when the token may not create one, a commit status
// and/or workflow-command annotations), the job summary, the outputs and
// Classroom's notices. It returns an error only when nothing could be graded
// (a ConfigError for the workflow's set-up); a publishing failure after
// grading is in Result.PublishErr.
//
// The steps, in order: read the job and grade (prepare, grade), say it in
// the log (Classroom's notices first), write the JSON result, compare with
// the template, publish (the Publisher chain of publish.go), and set the
// step's outputs.
func Run(ctx context.Context, sys System) (*Result, error) {
	g, err := prepare(sys)
	if err != nil {
		return nil, err
	}
	src := g.grade()
	if err := g.logResult(src); err != nil {
		return nil, err
	}
	if err := g.writeReportJSON(); err != nil {
		return nil, err
	}
	if err := g.checkTemplate(ctx); err != nil {
		return nil, err
	}
	if err := g.publish(ctx); err != nil {
		return nil, err
	}
	if err := g.writeStepOutputs(); err != nil {
		return nil, err
	}
	return g.res, g.log.err
}

// grading is one run of the Action: the job, what it grades with, and what
// it found.
type grading struct {
	sys    System
	in     Inputs
	job    *Job
	client *github.Client
	rubric *Rubric
	sub    *submission
	res    *Result
	log    *logger
}

// prepare reads the inputs and the job, and finds the rubric and the
// report: every mistake in the workflow's set-up is found here, before
// anything is published.
func prepare(sys System) (*grading, error) {
	in, err := ReadInputs(sys.Getenv)
	if err != nil {
		return nil, err
	}
	job, err := ReadJob(sys.Getenv, sys.ReadFile)
	if err != nil {
		return nil, err
	}
	if in.Token == "" {
		return nil, configErrorf("no token: the `token` input is empty; it defaults to ${{ github.token }}, and a secret given instead must exist and be visible to this workflow")
	}
	client, err := newClient(sys, job, in.Token)
	if err != nil {
		return nil, err
	}
	r, err := resolveRubric(sys, in, job)
	if err != nil {
		return nil, err
	}
	sub, err := findReport(sys, in, job, r.Rubric)
	if err != nil {
		return nil, err
	}
	return &grading{sys: sys, in: in, job: job, client: client, rubric: r, sub: sub, log: &logger{w: sys.Log}}, nil
}

// grade grades the report; the source lines are for the log's excerpts.
func (g *grading) grade() render.Source {
	rep, src := gradeSubmission(g.sub, g.rubric.Rubric)
	g.res = &Result{Inputs: g.in, Job: g.job, Rubric: g.rubric, Report: rep}
	return src
}

// logResult writes the result in the job's log: what was graded, the text
// report, GitHub Classroom's notices and, for a report that could not be
// read, an error annotation.
func (g *grading) logResult(src render.Source) error {
	rep, r, l := g.res.Report, g.rubric, g.log
	l.printf("tpgrade %s: grading %s of %s at %s with rubric %s (%s, sha256 %s)\n",
		g.sys.Version, g.sub.Path, g.job.Repository(), g.job.SHA, r.ID, r.Source, r.SHA256)
	// Everything below may quote the student's report: no line of it may
	// become a workflow command.
	if err := render.StopCommands(g.sys.Log, g.sys.Token(), func(w io.Writer) error {
		return render.Text(w, rep, render.TextOptions{Source: src, Verbose: true})
	}); err != nil {
		return fmt.Errorf("writing the log: %w", err)
	}
	if g.in.Classroom {
		// Why: GitHub Classroom and the dashboards built on it read the score
		// from these two notices (education/autograding-grading-reporter);
		// GitHub shows only the first 10 notices of a step, so they come
		// before any other.
		l.command("notice", []render.Property{{Key: "title", Value: "Autograding complete"}}, fmt.Sprintf("Points %s/%s", rep.Points, rep.MaxPoints))
		l.command("notice", []render.Property{{Key: "title", Value: "Autograding report"}}, classroomJSON(rep))
	}
	if !rep.Usable {
		l.command("error", []render.Property{{Key: "title", Value: "tpgrade"}}, unusableLine(rep, r.Rubric, g.in))
	}
	return nil
}

// writeReportJSON writes the whole result as JSON under RUNNER_TEMP, the
// step's `report` output.
func (g *grading) writeReportJSON() error {
	var json bytes.Buffer
	if err := render.JSON(&json, g.res.Report); err != nil {
		return err
	}
	g.res.ReportPath = filepath.Join(g.job.RunnerTemp, ReportFile)
	if err := g.sys.WriteFile(g.res.ReportPath, json.Bytes()); err != nil {
		return fmt.Errorf("writing the JSON result: %w", err)
	}
	return nil
}

// checkTemplate compares the grading files with the template repository's,
// when the workflow names one, and warns when they differ.
func (g *grading) checkTemplate(ctx context.Context) error {
	in := g.in
	if in.TemplateRepository == "" {
		return nil
	}
	tc := g.client
	if in.TemplateToken != "" {
		t, err := newClient(g.sys, g.job, in.TemplateToken)
		if err != nil {
			return err
		}
		tc = t
	}
	t := compareWithTemplate(ctx, g.client, tc, in, g.job, g.rubric.RepoPath)
	g.res.Tamper = t
	switch t.Tampered() {
	case "true":
		g.log.command("warning", []render.Property{{Key: "title", Value: "tpgrade: files differ from the template"}},
			fmt.Sprintf("%d grading file(s) differ from %s: see the summary", len(t.Differences), in.TemplateRepository))
	case "unknown":
		g.log.printf("tpgrade: not compared with the template: %s\n", t.Reason)
	}
	return nil
}

// publish builds the check run and publishes it through the chain of
// publishers (publish.go): the check run, else its fallbacks, then the job
// summary.
func (g *grading) publish(ctx context.Context) error {
	run := checkRun(g.res.Report, g.rubric, g.sub, g.in, g.job, g.res.Tamper)
	p := &Publication{Report: g.res.Report, Path: g.sub.Path, Run: run}
	runs := &CheckRuns{Client: g.client, Owner: g.job.Owner, Repo: g.job.Repo, SHA: g.job.SHA, RubricID: g.rubric.ID,
		Now: g.sys.Now, Note: g.log.printf}
	if g.in.JobToken {
		runs.App = JobTokenApp
	}
	chain := newChain(
		&checkRunPublisher{runs: runs, note: g.log.printf},
		&statusPublisher{Client: g.client, Owner: g.job.Owner, Repo: g.job.Repo, SHA: g.job.SHA, note: g.log.printf},
		&annotationPublisher{log: g.log},
		&summaryPublisher{sys: g.sys, path: g.job.StepSummary, tamper: g.res.Tamper},
		g.log.printf)
	err := chain.Publish(ctx, p)
	g.res.Published, g.res.Fallback, g.res.PublishErr = p.CheckRun, p.Fallback, p.Err
	return err
}

// writeStepOutputs sets the step's outputs, for the workflow's later steps.
func (g *grading) writeStepOutputs() error {
	if g.job.Output == "" {
		return nil
	}
	rep := g.res.Report
	if err := writeOutputs(g.sys, g.job.Output, [][2]string{
		{"points", rep.Points.String()},
		{"max-points", rep.MaxPoints.String()},
		{"grade", rep.Grade.String()},
		{"scale", rep.Scale.String()},
		{"passed", fmt.Sprint(rep.Passed)},
		{"report", g.res.ReportPath},
		{"tampered", g.res.Tamper.Tampered()},
	}); err != nil {
		return fmt.Errorf("writing the outputs: %w", err)
	}
	return nil
}

// JobTokenApp is the GitHub App the job's own GITHUB_TOKEN acts as: the
// check runs it made carry this slug.
const JobTokenApp = "github-actions"

// newClient is the API client of the job: githubapi's, with its retries,
// limits and bounds, on the runner's clock.
func newClient(sys System, job *Job, token string) (*github.Client, error) {
	c, err := githubapi.New(githubapi.Options{HTTP: sys.HTTP, APIURL: job.APIURL, Token: token,
		Clock: githubapi.Clock{Now: sys.Now, Sleep: sys.Sleep}})
	if err != nil {
		return nil, configErrorf("GITHUB_API_URL: %v", err)
	}
	return c.Client, nil
}

func gradeSubmission(sub *submission, r *rubric.Rubric) (*grader.Report, render.Source) {
	opt := grader.Options{}
	switch {
	case sub.Missing:
		return grader.Missing(sub.Path, r, opt), nil
	case !sub.Refused.IsZero():
		return grader.Unusable(sub.Path, r, sub.Refused, opt), nil
	}
	rep, doc := grader.GradeBytes(sub.Path, sub.Data, r, opt)
	if doc == nil {
		return rep, nil
	}
	return rep, doc.Lines
}

// classroomJSON is the score as GitHub Classroom reads it.
func classroomJSON(rep *grader.Report) string {
	return fmt.Sprintf(`{"totalPoints":%s,"maxPoints":%s}`, rep.Points, rep.MaxPoints)
}

func conclusion(rep *grader.Report, failBelowPass bool) string {
	switch {
	case rep.Passed:
		return "success"
	case failBelowPass:
		return "failure"
	}
	return "neutral"
}

func unusableLine(rep *grader.Report, r *rubric.Rubric, in Inputs) string {
	msg := ""
	if len(rep.Findings) > 0 {
		msg = rep.Findings[0].Message
	}
	if in.File == "" && len(r.Files) > 1 {
		msg += i18n.M(" (looked for: %s)", " (fichiers cherchés : %s)", strings.Join(r.Files, ", ")).In(rep.Lang)
	}
	return msg
}

// checkRun builds the check run: title, Markdown summary and text cut to
// GitHub's limits, annotations (most important first) up to max-annotations.
func checkRun(rep *grader.Report, r *Rubric, sub *submission, in Inputs, job *Job, t *Tamper) *CheckRun {
	name := in.CheckName
	if name == "" {
		name = feedback.StatusContext(r.ID)
	}
	title := fmt.Sprintf("Points %s/%s", rep.Points, rep.MaxPoints)
	if !rep.Usable {
		if sub.Missing {
			title += i18n.M(": no report found", " : aucun rapport trouvé").In(rep.Lang)
		} else {
			title += i18n.M(": the report cannot be read", " : rapport illisible").In(rep.Lang)
		}
	}
	findings := render.RankFindings(rep.AllFindings())
	// Annotations sit on the report's lines: a finding about the report as
	// a whole has none, and is in the summary and the details instead.
	shown := make([]grader.Finding, 0, len(findings))
	for _, f := range findings {
		if !f.Whole {
			shown = append(shown, f)
		}
	}
	if len(shown) > in.MaxAnnotations {
		shown = shown[:in.MaxAnnotations]
	}
	titles := map[string]string{}
	for _, c := range rep.Criteria {
		titles[c.ID] = c.Title
	}
	anns := make([]*github.CheckRunAnnotation, 0, len(shown))
	for _, f := range shown {
		anns = append(anns, annotation(sub.Path, f, titles[f.Criterion]))
	}

	var s strings.Builder // what goes after the criteria, before the rubric line
	if !rep.Usable && sub.Missing && in.File == "" {
		fmt.Fprintf(&s, "\n%s\n", render.Escape(i18n.M("Files looked for, in this order: %s.", "Fichiers cherchés, dans cet ordre : %s.",
			strings.Join(r.Files, ", ")).In(rep.Lang)))
	}
	if len(findings) > len(shown) {
		fmt.Fprintf(&s, "\n%s\n", i18n.M("%d findings: the %d most important are annotations of the report; all are listed below.",
			"%d remarques : les %d plus importantes sont des annotations du rapport ; toutes sont listées plus bas.",
			len(findings), len(shown)).In(rep.Lang))
	}
	s.WriteString(tamperMarkdown(t, rep.Lang))
	summary := render.MarkdownString(rep, render.MarkdownOptions{Path: sub.Path, Brief: true, BeforeRubric: s.String()})

	text := classroomJSON(rep) + "\n\n" + render.MarkdownDetails(rep, render.MarkdownOptions{Path: sub.Path})
	whole := i18n.M("The whole result is the JSON `report` output of the job step.", "Le résultat complet est la sortie JSON `report` de l'étape du job.").In(rep.Lang)
	return &CheckRun{
		Name:        name,
		DetailsURL:  job.RunURL(),
		Title:       githubapi.Clip(title, MaxAnnotationTitle),
		Summary:     fitMarkdown(summary, MaxCheckText, "summary", whole),
		Text:        fitMarkdown(text, MaxCheckText, "details", whole),
		Conclusion:  conclusion(rep, in.FailBelowPass),
		Annotations: anns,
	}
}

// annotation places a finding on the report's lines (render.AnnotationSpan).
// Its texts may quote the student: their control characters and bidi
// overrides are shown, and no link or mention is made of them
// (render.Unlinked).
func annotation(path string, f grader.Finding, criterion string) *github.CheckRunAnnotation {
	sp := render.AnnotationSpan(f)
	a := &github.CheckRunAnnotation{
		Path:            github.String(path),
		StartLine:       github.Int(sp.Line),
		EndLine:         github.Int(sp.EndLine),
		AnnotationLevel: github.String(annotationLevel(f.Severity)),
		Message:         github.String(githubapi.Clip(render.Unlinked(f.Message), MaxAnnotationMessage)),
	}
	if sp.Col > 0 {
		a.StartColumn = github.Int(sp.Col)
		a.EndColumn = github.Int(sp.EndCol)
	}
	if criterion != "" {
		a.Title = github.String(githubapi.Clip(render.Unlinked(criterion), MaxAnnotationTitle))
	}
	if f.Hint != "" {
		a.RawDetails = github.String(githubapi.Clip(render.Unlinked(f.Hint), MaxAnnotationMessage))
	}
	return a
}

func annotationLevel(s rubric.Severity) string {
	switch s {
	case rubric.Error:
		return "failure"
	case rubric.Warning:
		return "warning"
	}
	return "notice"
}

// tamperMarkdown reports the comparison with the template, in the report's
// language.
func tamperMarkdown(t *Tamper, l i18n.Lang) string {
	if t == nil {
		return ""
	}
	var b strings.Builder
	tpl := render.Escape(t.Template)
	switch t.Tampered() {
	case "unknown":
		fmt.Fprintf(&b, "\n> ⚠️ %s\n", i18n.M("Not compared with the template %s: %s", "Pas de comparaison avec le modèle %s : %s",
			tpl, render.Escape(t.Reason)).In(l))
	case "false":
		fmt.Fprintf(&b, "\n✅ %s\n", i18n.M("Workflows and rubric files are those of the template %s.",
			"Les workflows et les fichiers de barème sont ceux du modèle %s.", tpl).In(l))
	default:
		fmt.Fprintf(&b, "\n### ⚠️ %s\n\n| %s | %s |\n|---|---|\n",
			i18n.M("Files that differ from the template %s", "Fichiers qui diffèrent du modèle %s", tpl).In(l),
			i18n.M("File", "Fichier").In(l), i18n.M("Change", "Différence").In(l))
		for _, d := range t.Differences {
			fmt.Fprintf(&b, "| %s | %s |\n", render.Cell(d.Path, render.DefaultMaxCell), changeWord(d.Change).In(l))
		}
	}
	return b.String()
}

// changeWord names a difference with the template.
func changeWord(change string) i18n.Msg {
	switch change {
	case "added":
		return i18n.M("added", "ajouté")
	case "removed":
		return i18n.M("removed", "supprimé")
	}
	return i18n.M("changed", "modifié")
}

// stepSummary is the job summary: the whole Markdown report, and where the
// check run is or why there is none.
func stepSummary(p *Publication, t *Tamper) string {
	rep := p.Report
	var b strings.Builder
	if p.Fallback != "" {
		fmt.Fprintf(&b, "> ⚠️ %s\n\n", i18n.M("No check run was published: %s. This summary is the result.",
			"Aucun check run n'a été publié : %s. Ce résumé est le résultat.", render.Escape(p.Fallback)).In(rep.Lang))
	}
	after := tamperMarkdown(t, rep.Lang)
	if p.CheckRun != nil && p.CheckRun.HTMLURL != "" {
		after += fmt.Sprintf("\n%s [%s](%s)\n", i18n.M("Check run:", "Check run :").In(rep.Lang), render.Escape(p.Run.Name), p.CheckRun.HTMLURL)
	}
	b.WriteString(render.MarkdownString(rep, render.MarkdownOptions{Path: p.Path, BeforeRubric: after}))
	return b.String()
}

func writeStepSummary(sys System, path, md string) error {
	existing, err := sys.ReadFile(path)
	if err != nil && !isNotExist(err) {
		return err
	}
	room := MaxStepSummary - len(existing)
	if room <= 0 {
		return nil
	}
	return sys.AppendFile(path, []byte(fitMarkdown(md, room, "job summary", "The whole result is the JSON `report` output of this step.")))
}

// writeOutputs appends name=value lines to GITHUB_OUTPUT, or the heredoc
// form with a random delimiter for a value with a line break.
//
// Why: https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#setting-an-output-parameter
func writeOutputs(sys System, path string, kv [][2]string) error {
	var b strings.Builder
	for _, p := range kv {
		if strings.ContainsAny(p[1], "\r\n") {
			delim := "tpgrade_" + sys.Token()
			fmt.Fprintf(&b, "%s<<%s\n%s\n%s\n", p[0], delim, p[1], delim)
			continue
		}
		fmt.Fprintf(&b, "%s=%s\n", p[0], p[1])
	}
	return sys.AppendFile(path, []byte(b.String()))
}

// logger writes the job's log, counts the workflow commands of each level
// it printed (GitHub shows 10 of a level per step), and keeps the first
// error.
type logger struct {
	w      io.Writer
	err    error
	counts map[string]int
}

// Write writes to the log unless an earlier write failed: the annotations
// of the fallback are written through it.
func (l *logger) Write(b []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.w.Write(b)
	l.err = err
	return n, err
}

func (l *logger) printf(format string, a ...any) {
	if l.err == nil {
		_, l.err = fmt.Fprintf(l.w, format, a...)
	}
}

func (l *logger) command(name string, props []render.Property, msg string) {
	if l.err == nil {
		_, l.err = io.WriteString(l.w, render.WorkflowCommand(name, props, msg))
	}
	if l.counts == nil {
		l.counts = map[string]int{}
	}
	l.counts[name]++
}
