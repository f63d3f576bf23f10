package batch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/google/go-github/v66/github"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/internal/githubapi"
	"github.com/tpgrade/tpgrade/internal/gradesheet"
	"github.com/tpgrade/tpgrade/internal/similarity"
)

// repoInfo is what the batch needs to know of a repository, from the
// organisation's listing or from one GET.
type repoInfo struct {
	FullName      string
	HTMLURL       string
	DefaultBranch string
	Archived      bool
	PushedAt      *time.Time
}

func infoOf(r *github.Repository) repoInfo {
	i := repoInfo{FullName: r.GetFullName(), HTMLURL: r.GetHTMLURL(), DefaultBranch: r.GetDefaultBranch(), Archived: r.GetArchived()}
	if r.PushedAt != nil {
		t := r.PushedAt.Time.UTC()
		i.PushedAt = &t
	}
	return i
}

// entry is a student's journal entry: the result and what it was computed
// from, so that a resumed run reuses it only for the same inputs.
type entry struct {
	Key        string             `json:"key"`
	Repo       string             `json:"requested"`
	Deadline   time.Time          `json:"deadline"`
	RubricHash string             `json:"rubric_sha256"`
	Lang       string             `json:"lang"`
	Engine     string             `json:"engine"` // grading rules and tpgrade version (run.engine)
	Result     *gradesheet.Result `json:"result"`
	Text       string             `json:"text,omitempty"` // for similarity
}

// gradedCommit is a graded submission kept by (repository, commit, rubric):
// a commit never changes, so neither does its grade.
type gradedCommit struct {
	File     string         `json:"file"`
	NoReport bool           `json:"no_report"`
	Report   *grader.Report `json:"report"`
	Text     string         `json:"text,omitempty"`
}

func statusOf(err error) int { return githubapi.Status(err) }

func splitRepo(full string) (string, string) {
	o, n, _ := strings.Cut(full, "/")
	return o, n
}

// fatal reports whether err must stop the whole batch rather than one
// student: the run was interrupted, or the rate limit ran out with --no-wait.
func fatal(ctx context.Context, err error) bool {
	var rl *RateLimitError
	return ctx.Err() != nil || errors.As(err, &rl)
}

// grade computes one student's result. A returned error is fatal to the
// batch (see fatal); anything else wrong with the student is in the result.
func (b *run) grade(ctx context.Context, st Student) (*entry, error) {
	lang := b.lang()
	e := &entry{Key: st.key(), Repo: st.Repo, Deadline: st.Deadline, RubricHash: b.rubric.Hash, Lang: string(lang), Engine: b.engine()}
	res := &gradesheet.Result{Login: st.Login, Identifier: st.Identifier, Email: st.Email, Deadline: st.Deadline.UTC(), Flags: []gradesheet.Flag{}}
	e.Result = res
	if st.Extended {
		res.Mark(gradesheet.FlagExtension)
	}
	nothing := func(f gradesheet.Flag, why i18n.Msg) (*entry, error) {
		res.Mark(f)
		res.Report = grader.Unusable(b.fileLabel(), b.rubric, why, b.gradeOpts())
		return e, nil
	}
	failed := func(what string, err error) (*entry, error) {
		if fatal(ctx, err) {
			return nil, err
		}
		res.Mark(gradesheet.FlagError)
		res.Error = fmt.Sprintf("%s: %v", what, err)
		if why, ok := githubapi.Blocked(err); ok {
			res.Mark(gradesheet.FlagBlocked)
			res.Error = why + ": not graded"
		}
		return e, nil
	}
	if st.Repo == "" {
		return nothing(gradesheet.FlagNoRepository, i18n.M("no repository found for this student", "aucun dépôt trouvé pour cet étudiant"))
	}
	info, ok := b.listing[strings.ToLower(st.Repo)]
	if !ok {
		owner, name := splitRepo(st.Repo)
		repo, _, err := b.client.Repositories.Get(ctx, owner, name)
		switch {
		case statusOf(err) == http.StatusNotFound:
			return nothing(gradesheet.FlagNoRepository, i18n.M("no repository %s", "pas de dépôt %s", st.Repo))
		case err != nil:
			return failed("reading the repository", err)
		}
		info = infoOf(repo)
		if !strings.EqualFold(info.FullName, st.Repo) {
			res.Mark(gradesheet.FlagRenamed)
			res.RequestedRepo = st.Repo
		}
	}
	res.Repository, res.RepositoryURL, res.PushedAt = info.FullName, info.HTMLURL, info.PushedAt
	if info.Archived {
		res.Mark(gradesheet.FlagArchived)
	}
	owner, name := splitRepo(info.FullName)
	head, err := b.pushTimeHead(ctx, owner, name, info.DefaultBranch, st.Deadline)
	switch {
	case err == nil && head.Known:
	case err == nil || statusOf(err) == http.StatusNotFound || statusOf(err) == http.StatusGone:
		// The activity does not reach back to the deadline (GitHub keeps a
		// limited history of it), or this server has no activity API: the
		// committer date decides, and the row says so.
		head, err = b.commitDateHead(ctx, owner, name, info, st.Deadline, head)
		switch {
		case statusOf(err) == http.StatusConflict:
			// Why: GitHub answers 409 "Git Repository is empty" for a repository without commits.
			return nothing(gradesheet.FlagEmpty, i18n.M("the repository is empty", "le dépôt est vide"))
		case statusOf(err) == http.StatusNotFound:
			return nothing(gradesheet.FlagNoRepository, i18n.M("no repository %s", "pas de dépôt %s", info.FullName))
		case err != nil:
			return failed("listing commits", err)
		}
		res.Mark(gradesheet.FlagCommitDate)
	default:
		return failed("listing the pushes", err)
	}
	if head.Late {
		res.Mark(gradesheet.FlagLate)
	}
	if head.SHA == "" {
		return nothing(gradesheet.FlagNoCommit, i18n.M("no commit on the default branch before the deadline (%s)",
			"aucun commit sur la branche par défaut avant la date limite (%s)", st.Deadline.In(b.loc()).Format("2006-01-02 15:04 MST")))
	}
	res.Commit = head.SHA
	if !head.PushedAt.IsZero() {
		t := head.PushedAt
		res.PushTime = &t
	}
	if !head.CommitDate.IsZero() {
		t := head.CommitDate
		res.CommitTime = &t
	}
	gc, err := b.gradeCommit(ctx, owner, name, res.Commit)
	if err != nil {
		return failed("fetching the report", err)
	}
	res.Report, res.File, e.Text = gc.Report, gc.File, gc.Text
	if gc.NoReport {
		res.Mark(gradesheet.FlagNoReport)
		res.File = ""
	}
	return e, nil
}

// commitDateHead is the fallback when pushes cannot tell the head at the
// deadline: the newest commit of the branch whose committer date is at or
// before it, which a student can backdate. Late is a push to the branch
// after the deadline when the activity shows one, else the repository's
// pushed_at (which moves on a push to any branch).
//
// Why: `until` returns the newest commit at or before the deadline on the
// branch, one commit per page is all we need
// (https://docs.github.com/rest/commits/commits#list-commits).
func (b *run) commitDateHead(ctx context.Context, owner, name string, info repoInfo, deadline time.Time, h headAtDeadline) (headAtDeadline, error) {
	commits, _, err := b.client.Repositories.ListCommits(ctx, owner, name, &github.CommitsListOptions{
		SHA: info.DefaultBranch, Until: deadline, ListOptions: github.ListOptions{PerPage: 1},
	})
	if err != nil {
		return h, err
	}
	if !h.Answered && info.PushedAt != nil && info.PushedAt.After(deadline) {
		h.Late = true
	}
	h.SHA, h.PushedAt = "", time.Time{}
	if len(commits) > 0 {
		h.SHA = commits[0].GetSHA()
		h.CommitDate = commits[0].GetCommit().GetCommitter().GetDate().Time.UTC()
	}
	return h, nil
}

// gradeCommit grades the report at a commit, from the cache when this
// commit was graded with this rubric before.
func (b *run) gradeCommit(ctx context.Context, owner, name, sha string) (*gradedCommit, error) {
	path := b.state.gradePath(owner+"/"+name, sha, b.rubric.Hash, string(b.lang()), b.engine())
	var gc gradedCommit
	if _, ok := readSealed(path, &gc); ok && gc.Report != nil {
		return &gc, nil
	}
	gc = gradedCommit{}
	file, raw, found, err := b.fetchReport(ctx, owner, name, sha)
	var big *tooLarge
	switch {
	case errors.As(err, &big):
		ie := &document.InputError{Problem: document.TooLarge, Offset: big.limit, Size: big.size, Limit: big.limit}
		gc = gradedCommit{File: file, Report: grader.Unusable(file, b.rubric, ie.Message(), b.gradeOpts())}
	case err != nil:
		return nil, err
	case !found:
		gc = gradedCommit{NoReport: true, File: b.fileLabel(), Report: grader.Missing(b.fileLabel(), b.rubric, b.gradeOpts())}
	default:
		rep, doc := grader.GradeBytes(file, raw, b.rubric, b.gradeOpts())
		gc = gradedCommit{File: file, Report: rep, Text: similarity.TextOf(doc)}
	}
	// A cache that cannot be written only costs requests next time.
	_ = writeSealed(path, &gc)
	return &gc, nil
}

// fetchReport finds the rubric's report at ref. Why this order: the first
// name is almost always there, so one request fetches it; only when it is
// missing does one listing of the root find another name (or a case the
// student changed, readme.md), so a missing report costs two requests.
func (b *run) fetchReport(ctx context.Context, owner, name, ref string) (string, []byte, bool, error) {
	files := b.files()
	raw, ok, err := b.getFile(ctx, owner, name, files[0], ref)
	if err != nil || ok {
		return files[0], raw, ok, err
	}
	_, dir, _, err := b.client.Repositories.GetContents(ctx, owner, name, "", &github.RepositoryContentGetOptions{Ref: ref})
	if statusOf(err) == http.StatusNotFound {
		return "", nil, false, nil
	}
	if err != nil {
		return "", nil, false, err
	}
	exact, folded := map[string]bool{}, map[string]string{}
	for _, d := range dir {
		if d.GetType() != "file" {
			continue
		}
		exact[d.GetName()] = true
		if _, seen := folded[strings.ToLower(d.GetName())]; !seen {
			folded[strings.ToLower(d.GetName())] = d.GetName()
		}
	}
	for i, want := range files {
		path := ""
		switch {
		case strings.Contains(want, "/"):
			if i > 0 {
				path = want
			}
		case exact[want] && i > 0:
			path = want
		case folded[strings.ToLower(want)] != "" && folded[strings.ToLower(want)] != files[0]:
			path = folded[strings.ToLower(want)]
		}
		if path == "" {
			continue
		}
		raw, ok, err := b.getFile(ctx, owner, name, path, ref)
		if err != nil || ok {
			return path, raw, ok, err
		}
	}
	return "", nil, false, nil
}

// tooLarge is a report over the size limit, known from its size before
// any of it is downloaded.
type tooLarge struct {
	path        string
	size, limit int
}

func (e *tooLarge) Error() string {
	return fmt.Sprintf("%s is %d bytes, over the %d-byte limit", e.path, e.size, e.limit)
}

// getFile reads one file at ref; a missing file (or a directory) is not an
// error. The size GitHub reports is checked against the report size limit
// before the content is decoded or downloaded, and the download itself is
// bounded by that limit.
func (b *run) getFile(ctx context.Context, owner, name, path, ref string) ([]byte, bool, error) {
	fc, _, _, err := b.client.Repositories.GetContents(ctx, owner, name, path, &github.RepositoryContentGetOptions{Ref: ref})
	if statusOf(err) == http.StatusNotFound {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if fc == nil || fc.GetType() != "file" {
		return nil, false, nil
	}
	limit := document.DefaultMaxBytes
	if fc.GetSize() > limit {
		return nil, true, &tooLarge{path: path, size: fc.GetSize(), limit: limit}
	}
	if fc.GetEncoding() == "none" && fc.GetSize() > 0 {
		// Why: above 1 MB the contents API leaves the content out; the blob
		// API serves up to 100 MB (https://docs.github.com/rest/repos/contents#get-repository-content).
		raw, _, err := b.client.Git.GetBlobRaw(githubapi.WithMaxBody(ctx, int64(limit)), owner, name, fc.GetSHA())
		if err != nil {
			return nil, false, err
		}
		return raw, true, nil
	}
	s, err := fc.GetContent()
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", path, err)
	}
	return []byte(s), true, nil
}
