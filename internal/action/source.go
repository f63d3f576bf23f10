package action

import (
	"fmt"
	"path/filepath"
	"strings"

	tpgrade "github.com/tpgrade/tpgrade"
	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
	"github.com/tpgrade/tpgrade/internal/reportfile"
)

// RubricSource says where the grading rubric came from, and so who controls
// it.
type RubricSource string

// Where a rubric can come from.
const (
	FromEmbedded  RubricSource = "embedded"  // built into tpgrade
	FromAction    RubricSource = "action"    // a file of the action's own repository
	FromWorkspace RubricSource = "workspace" // the student's repository: only when pinned by hash
)

// Rubric is the rubric that grades and where it came from.
type Rubric struct {
	*rubric.Rubric
	Source   RubricSource
	RepoPath string // path inside the student's repository, for FromWorkspace
	SHA256   string // of the source bytes
}

// resolveRubric picks the rubric named by the rubric input, so that by
// default the student cannot change what grades them:
//
//  1. "" is the default embedded rubric; a bundled name is that embedded
//     rubric;
//  2. a relative path is looked for inside the action's own repository
//     (GITHUB_ACTION_PATH), which the student does not control, unless the
//     action itself lives in the student's repository (uses: ./...);
//  3. otherwise the path is read in the student's workspace, and used only
//     when rubric-sha256 pins it: without a pin tpgrade refuses and prints
//     the hash to pin.
//
// Whatever the source, a rubric-sha256 that differs from the rubric's hash
// is refused.
func resolveRubric(sys System, in Inputs, job *Job) (*Rubric, error) {
	ref := in.Rubric
	if ref == "" {
		ref = tpgrade.DefaultRubric
	}
	var (
		src      []byte
		name     string
		source   RubricSource
		repoPath string
		root     string // the folder the rubric's relative path starts from
	)
	switch {
	case grader.IsBundled(ref):
		b, ok := grader.BundledSource(ref)
		if !ok {
			return nil, fmt.Errorf("embedded rubric %s cannot be read", ref)
		}
		src, name, source = b, ref+".yaml", FromEmbedded
	default:
		p := filepath.Clean(filepath.FromSlash(ref))
		candidates, err := rubricCandidates(p, job)
		if err != nil {
			return nil, err
		}
		for _, c := range candidates {
			b, err := sys.ReadFile(c.path)
			if isNotExist(err) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("rubric %s: %v", ref, err)
			}
			src, name, source, repoPath, root = b, ref, c.source, c.repoPath, c.root
			break
		}
		if src == nil {
			where := make([]string, len(candidates))
			for i, c := range candidates {
				where[i] = c.path
			}
			return nil, fmt.Errorf("rubric %q not found: it is neither a bundled rubric (%s) nor a file at %s",
				ref, strings.Join(grader.Bundled(), ", "), strings.Join(where, " or "))
		}
	}
	// Included files are read beside the rubric, never outside the folder
	// its path starts from: the pin (r.Hash) covers them all.
	read := func(p string) ([]byte, error) {
		if root != "" {
			if !filepath.IsAbs(p) {
				p = filepath.Join(root, p)
			}
			if !within(root, p) {
				return nil, fmt.Errorf("an included file must be inside %s", root)
			}
		}
		return sys.ReadFile(p)
	}
	if source == FromEmbedded {
		read = nil // a bundled rubric includes bundled files only
	}
	r, err := grader.ParseRubricFile(name, src, read)
	if err != nil {
		return nil, fmt.Errorf("rubric: %w", err)
	}
	hash := r.Hash
	if in.RubricSHA256 != "" && in.RubricSHA256 != hash {
		return nil, fmt.Errorf("rubric %s has sha256 %s but the rubric-sha256 input pins %s: refusing to grade with a rubric that is not the one pinned",
			ref, hash, in.RubricSHA256)
	}
	if source == FromWorkspace && in.RubricSHA256 == "" {
		return nil, fmt.Errorf("rubric %s is a file of the student's repository, which the student can edit: "+
			"use a bundled rubric or one in the action's repository, or pin this one with the input `rubric-sha256: %s`", ref, hash)
	}
	return &Rubric{Rubric: r, Source: source, RepoPath: repoPath, SHA256: r.Hash}, nil
}

type rubricCandidate struct {
	path     string
	source   RubricSource
	repoPath string
	root     string // the folder a relative path starts from: included files stay in it
}

func rubricCandidates(p string, job *Job) ([]rubricCandidate, error) {
	classify := func(abs string) rubricCandidate {
		// The workspace first: an action inside the student's repository
		// (uses: ./...) is the student's.
		if rel, ok := relWithin(job.Workspace, abs); ok {
			return rubricCandidate{abs, FromWorkspace, rel, ""}
		}
		if job.ActionPath != "" && within(job.ActionPath, abs) {
			return rubricCandidate{abs, FromAction, "", ""}
		}
		// Anywhere else on the runner: no one vouches for it, pin it.
		return rubricCandidate{abs, FromWorkspace, "", ""}
	}
	if filepath.IsAbs(p) {
		return []rubricCandidate{classify(p)}, nil
	}
	if p == ".." || strings.HasPrefix(p, ".."+string(filepath.Separator)) {
		return nil, configErrorf("input rubric %q leaves the repository: give a bundled name or a path inside it", p)
	}
	var out []rubricCandidate
	if job.ActionPath != "" {
		c := classify(filepath.Join(job.ActionPath, p))
		c.root = job.ActionPath
		out = append(out, c)
	}
	c := classify(filepath.Join(job.Workspace, p))
	c.root = job.Workspace
	return append(out, c), nil
}

// within reports whether path is dir or inside it (lexically).
func within(dir, path string) bool {
	_, ok := relWithin(dir, path)
	return ok
}

func relWithin(dir, path string) (string, bool) {
	if dir == "" {
		return "", false
	}
	rel, err := filepath.Rel(filepath.Clean(dir), filepath.Clean(path))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// submission is the student's report as found in the workspace.
type submission struct {
	Path    string // relative to the workspace, with /
	Data    []byte
	Missing bool     // no candidate file exists
	Refused i18n.Msg // why an existing file was not read, when it was not
}

// findReport reads the report: the file input, or the rubric's file names in
// order of preference. A path that leaves the workspace, directly or through
// a symbolic link, is refused: the report is the student's, the runner's
// files are not.
func findReport(sys System, in Inputs, job *Job, r *rubric.Rubric) (*submission, error) {
	names := []string(r.Files)
	if in.File != "" {
		names = []string{in.File}
	}
	if len(names) == 0 {
		names = rubric.DefaultFiles
	}
	root, err := sys.RealPath(job.Workspace)
	if err != nil {
		return nil, fmt.Errorf("workspace GITHUB_WORKSPACE=%s: %v", job.Workspace, err)
	}
	for _, n := range names {
		p := filepath.Clean(filepath.FromSlash(n))
		if filepath.IsAbs(p) || p == ".." || strings.HasPrefix(p, ".."+string(filepath.Separator)) {
			if in.File != "" {
				return nil, configErrorf("input file %q is not a path inside the repository", in.File)
			}
			continue
		}
		rel := filepath.ToSlash(p)
		real, err := sys.RealPath(filepath.Join(job.Workspace, p))
		if isNotExist(err) {
			continue
		}
		if err != nil {
			return &submission{Path: rel, Refused: i18n.M("the report %s cannot be read: %v", "le rapport %s est illisible : %v", rel, err)}, nil
		}
		if !within(root, real) {
			return &submission{Path: rel, Refused: i18n.M(
				"the report %s is a symbolic link to a file outside the repository: it is not read; commit the report itself",
				"le rapport %s est un lien symbolique vers un fichier hors du dépôt : il n'est pas lu ; déposez le rapport lui-même", rel)}, nil
		}
		read := sys.ReadReport
		if read == nil {
			read = reportfile.Read
		}
		data, err := read(real, document.DefaultMaxBytes)
		if why, ok := reportfile.Refusal(err); ok {
			// A named pipe, a device, a directory or a report over the size
			// limit: refused at once, unread, and said as such.
			why.EN = strings.ReplaceAll(why.EN, real, rel)
			why.FR = strings.ReplaceAll(why.FR, real, rel)
			return &submission{Path: rel, Refused: why}, nil
		}
		if err != nil {
			return &submission{Path: rel, Refused: i18n.M("the report %s cannot be read: %v", "le rapport %s est illisible : %v", rel, err)}, nil
		}
		return &submission{Path: rel, Data: data}, nil
	}
	return &submission{Path: filepath.ToSlash(filepath.Clean(filepath.FromSlash(names[0]))), Missing: true}, nil
}
