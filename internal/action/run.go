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
func Run(ctx context.Context, sys System) (*Result, error) {
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
	rep, src := gradeSubmission(sub, r.Rubric)
	res := &Result{Inputs: in, Job: job, Rubric: r, Report: rep}
	l := &logger{w: sys.Log}

	l.printf("tpgrade %s: grading %s of %s at %s with rubric %s (%s, sha256 %s)\n",
		sys.Version, sub.Path, job.Repository(), job.SHA, r.ID, r.Source, r.SHA256)
	// Everything below may quote the student's report: no line of it may
	// become a workflow command.
	if err := render.StopCommands(sys.Log, sys.Token(), func(w io.Writer) error {
		return render.Text(w, rep, render.TextOptions{Source: src, Verbose: true})
	}); err != nil {
		return nil, fmt.Errorf("writing the log: %w", err)
	}
	if in.Classroom {
		// Why: GitHub Classroom and the dashboards built on it read the score
		// from these two notices (education/autograding-grading-reporter);
		// GitHub shows only the first 10 notices of a step, so they come
		// before any other.
		l.command("notice", []render.Property{{Key: "title", Value: "Autograding complete"}}, fmt.Sprintf("Points %s/%s", rep.Points, rep.MaxPoints))
		l.command("notice", []render.Property{{Key: "title", Value: "Autograding report"}}, classroomJSON(rep))
	}
	if !rep.Usable {
		l.command("error", []render.Property{{Key: "title", Value: "tpgrade"}}, unusableLine(rep, r.Rubric, in))
	}

	var json bytes.Buffer
	if err := render.JSON(&json, rep); err != nil {
		return nil, err
	}
	res.ReportPath = filepath.Join(job.RunnerTemp, ReportFile)
	if err := sys.WriteFile(res.ReportPath, json.Bytes()); err != nil {
		return nil, fmt.Errorf("writing the JSON result: %w", err)
	}

	if in.TemplateRepository != "" {
		tc := client
		if in.TemplateToken != "" {
			t, err := newClient(sys, job, in.TemplateToken)
			if err != nil {
				return nil, err
			}
			tc = t
		}
		res.Tamper = compareWithTemplate(ctx, client, tc, in, job, r.RepoPath)
		switch res.Tamper.Tampered() {
		case "true":
			l.command("warning", []render.Property{{Key: "title", Value: "tpgrade: files differ from the template"}},
				fmt.Sprintf("%d grading file(s) differ from %s: see the summary", len(res.Tamper.Differences), in.TemplateRepository))
		case "unknown":
			l.printf("tpgrade: not compared with the template: %s\n", res.Tamper.Reason)
		}
	}

	run := checkRun(rep, r, sub, in, job, res.Tamper)
	publisher := &CheckRuns{Client: client, Owner: job.Owner, Repo: job.Repo, SHA: job.SHA, RubricID: r.ID, Now: sys.Now, Note: l.printf}
	if in.JobToken {
		publisher.App = JobTokenApp
	}
	pub, err := publisher.Publish(ctx, run)
	switch {
	case err == nil:
		res.Published = pub
		verb := "created"
		if pub.Updated {
			verb = "updated"
		}
		l.printf("tpgrade: %s check run %q (%s, %d annotation request(s)) %s\n", verb, run.Name, run.Title, pub.AnnotationRequests, pub.HTMLURL)
		if pub.Superseded != 0 {
			l.printf("tpgrade: the earlier check run %d had other annotations; it is marked superseded\n", pub.Superseded)
		}
	default:
		if err := fallBack(ctx, sys, l, res, run, sub, client, err); err != nil {
			return nil, err
		}
	}

	if job.StepSummary != "" {
		if err := writeStepSummary(sys, job.StepSummary, stepSummary(rep, r, sub, in, res, run)); err != nil {
			return nil, fmt.Errorf("writing the job summary: %w", err)
		}
	}
	if job.Output != "" {
		if err := writeOutputs(sys, job.Output, [][2]string{
			{"points", rep.Points.String()},
			{"max-points", rep.MaxPoints.String()},
			{"grade", rep.Grade.String()},
			{"scale", rep.Scale.String()},
			{"passed", fmt.Sprint(rep.Passed)},
			{"report", res.ReportPath},
			{"tampered", res.Tamper.Tampered()},
		}); err != nil {
			return nil, fmt.Errorf("writing the outputs: %w", err)
		}
	}
	return res, l.err
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

// fallBack publishes what it can when no check run could be: a commit
// status for a personal token, workflow-command annotations within what
// GitHub shows of a step (the Classroom notices already printed count), and
// says why in the log; the summary follows.
func fallBack(ctx context.Context, sys System, l *logger, res *Result, run *CheckRun, sub *submission, client *github.Client, err error) error {
	reason := Forbidden(err)
	if reason == "" {
		res.PublishErr = err
		reason = err.Error()
	}
	res.Fallback = reason
	l.printf("tpgrade: no check run: %s.\ntpgrade: the score and the findings are in this job's summary, and the first findings are annotations of this job.\n", reason)
	if isAppTokenProblem(err) {
		st := &Statuses{Client: client, Owner: res.Job.Owner, Repo: res.Job.Repo, SHA: res.Job.SHA}
		if err := st.Publish(ctx, run.Name, statusState(run.Conclusion), run.Title+" · "+gradeLine(res.Report), res.Job.RunURL()); err != nil {
			l.printf("tpgrade: no commit status either: %v\n", err)
		} else {
			l.printf("tpgrade: published the commit status %q instead\n", run.Name)
		}
	}
	written, left, err := render.WorkflowAnnotations(sys.Log, res.Report, render.WorkflowOptions{
		Path: sub.Path, PerLevel: CommandAnnotationsPerLevel, Already: l.counts})
	if err != nil {
		return fmt.Errorf("writing the log: %w", err)
	}
	if left > 0 {
		l.printf("tpgrade: %d findings shown as annotations, %d more in the job summary (GitHub shows %d per level per step)\n",
			written, left, CommandAnnotationsPerLevel)
	}
	return nil
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

func gradeLine(rep *grader.Report) string {
	return i18n.M("grade %s/%s", "note %s/%s", rep.Grade, rep.Scale).In(rep.Lang)
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

func statusState(conclusion string) string {
	if conclusion == "failure" {
		return "failure"
	}
	return "success"
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
		name = "tpgrade / " + r.ID
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
func stepSummary(rep *grader.Report, r *Rubric, sub *submission, in Inputs, res *Result, run *CheckRun) string {
	var b strings.Builder
	if res.Fallback != "" {
		fmt.Fprintf(&b, "> ⚠️ %s\n\n", i18n.M("No check run was published: %s. This summary is the result.",
			"Aucun check run n'a été publié : %s. Ce résumé est le résultat.", render.Escape(res.Fallback)).In(rep.Lang))
	}
	after := tamperMarkdown(res.Tamper, rep.Lang)
	if res.Published != nil && res.Published.HTMLURL != "" {
		after += fmt.Sprintf("\n%s [%s](%s)\n", i18n.M("Check run:", "Check run :").In(rep.Lang), render.Escape(run.Name), res.Published.HTMLURL)
	}
	b.WriteString(render.MarkdownString(rep, render.MarkdownOptions{Path: sub.Path, BeforeRubric: after}))
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
