package action

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/google/go-github/v66/github"
)

// Difference is one file that differs between the student's commit and the
// template repository.
type Difference struct {
	Path   string
	Change string // "changed", "added" (only the student has it) or "removed"
}

// Tamper is the result of comparing the student's commit with the template.
type Tamper struct {
	Template    string // owner/name
	Checked     bool   // false: the comparison could not be made (see Reason)
	Reason      string
	Differences []Difference
}

// Tampered is "true", "false" or "unknown" (not checked), the `tampered`
// output.
func (t *Tamper) Tampered() string {
	switch {
	case t == nil || !t.Checked:
		return "unknown"
	case len(t.Differences) > 0:
		return "true"
	}
	return "false"
}

// watched reports the files whose change can fake a grade: every workflow
// (a student can edit the grading workflow or add one that posts a fake
// check run), every YAML file whose path names a rubric (rubric, bareme,
// barème), and the rubric file this run used.
func watched(p, rubricPath string) bool {
	if p == rubricPath && p != "" {
		return true
	}
	if strings.HasPrefix(p, ".github/workflows/") {
		return true
	}
	ext := path.Ext(p)
	if ext != ".yaml" && ext != ".yml" {
		return false
	}
	lower := strings.ToLower(p)
	return strings.Contains(lower, "rubric") || strings.Contains(lower, "bareme") || strings.Contains(lower, "barème")
}

// compareWithTemplate compares the blob SHAs of the watched files of the
// student's commit (read with c) with those of the template's default
// branch (read with tc, the template-token's client): three API requests
// (the template's default branch, two recursive trees).
//
// Why: a tree lists every file's blob SHA in one request, so no file content
// is downloaded. https://docs.github.com/rest/git/trees#get-a-tree
// The job's GITHUB_TOKEN reads only its own repository (and public ones):
// a private template needs a token of its own.
// https://docs.github.com/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token
func compareWithTemplate(ctx context.Context, c, tc *github.Client, in Inputs, job *Job, rubricPath string) *Tamper {
	template := in.TemplateRepository
	t := &Tamper{Template: template}
	owner, name, _ := strings.Cut(template, "/")
	repo, _, err := tc.Repositories.Get(ctx, owner, name)
	if err != nil {
		t.Reason = fmt.Sprintf("cannot read the template repository %s: %v", template, err)
		if in.TemplateToken == "" {
			t.Reason += " (the job's token reads public templates only: give a token that can read a private one as `template-token`)"
		} else {
			t.Reason += " (the `template-token` cannot read it)"
		}
		return t
	}
	tmpl, err := blobs(ctx, tc, owner, name, repo.GetDefaultBranch(), rubricPath)
	if err != nil {
		t.Reason = fmt.Sprintf("cannot list the template's files: %v", err)
		return t
	}
	mine, err := blobs(ctx, c, job.Owner, job.Repo, job.SHA, rubricPath)
	if err != nil {
		t.Reason = fmt.Sprintf("cannot list the commit's files: %v", err)
		return t
	}
	t.Checked = true
	for p, sha := range mine {
		switch theirs, ok := tmpl[p]; {
		case !ok:
			t.Differences = append(t.Differences, Difference{p, "added"})
		case theirs != sha:
			t.Differences = append(t.Differences, Difference{p, "changed"})
		}
	}
	for p := range tmpl {
		if _, ok := mine[p]; !ok {
			t.Differences = append(t.Differences, Difference{p, "removed"})
		}
	}
	sort.Slice(t.Differences, func(i, j int) bool { return t.Differences[i].Path < t.Differences[j].Path })
	return t
}

func blobs(ctx context.Context, c *github.Client, owner, repo, ref, rubricPath string) (map[string]string, error) {
	tree, _, err := c.Git.GetTree(ctx, owner, repo, ref, true)
	if err != nil {
		return nil, err
	}
	if tree.GetTruncated() {
		return nil, fmt.Errorf("%s/%s has too many files for one tree listing", owner, repo)
	}
	out := map[string]string{}
	for _, e := range tree.Entries {
		if e.GetType() == "blob" && watched(e.GetPath(), rubricPath) {
			out[e.GetPath()] = e.GetSHA()
		}
	}
	return out, nil
}
