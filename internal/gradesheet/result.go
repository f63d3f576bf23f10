package gradesheet

import (
	"slices"
	"time"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
)

// Flag is something a teacher must know about a student's submission.
type Flag string

// The flags a student's row may carry.
const (
	FlagNoRepository Flag = "no-repository"             // no repository found for the student
	FlagEmpty        Flag = "empty-repository"          // the repository has no commit at all
	FlagNoCommit     Flag = "no-commit-before-deadline" // commits exist, none before the deadline
	FlagNoReport     Flag = "no-report"                 // the graded commit has none of the rubric's files
	FlagLate         Flag = "pushed-after-deadline"     // GitHub received a push to the graded branch after the deadline
	FlagCommitDate   Flag = "deadline-from-commit-date" // pushes could not tell the head at the deadline: chosen by committer date
	FlagBlocked      Flag = "access-blocked"            // GitHub blocks access to the repository (451): not graded
	FlagArchived     Flag = "archived"                  // the repository is archived (read-only)
	FlagRenamed      Flag = "renamed"                   // the repository answers under another name
	FlagExtension    Flag = "extension"                 // the roster granted this student more time
	FlagError        Flag = "error"                     // the submission could not be fetched: not graded
)

// flagText explains each flag to the teacher.
var flagText = map[Flag]i18n.Msg{
	FlagNoRepository: i18n.M("no repository", "pas de dépôt"),
	FlagEmpty:        i18n.M("empty repository", "dépôt vide"),
	FlagNoCommit:     i18n.M("no commit before the deadline", "aucun commit avant la date limite"),
	FlagNoReport:     i18n.M("no report file", "pas de fichier de rapport"),
	FlagLate:         i18n.M("pushed after the deadline", "poussé après la date limite"),
	FlagCommitDate:   i18n.M("deadline by commit date", "date limite selon la date du commit"),
	FlagBlocked:      i18n.M("access blocked by GitHub", "accès bloqué par GitHub"),
	FlagArchived:     i18n.M("archived", "archivé"),
	FlagRenamed:      i18n.M("renamed", "renommé"),
	FlagExtension:    i18n.M("extension", "délai accordé"),
	FlagError:        i18n.M("not graded: error", "non noté : erreur"),
}

// Result is one student's row: who, which commit, the engine's report and
// the flags. It is what results.json lists.
type Result struct {
	Login         string         `json:"login,omitempty"`
	Identifier    string         `json:"roster_identifier,omitempty"`
	Email         string         `json:"email,omitempty"`
	Repository    string         `json:"repository,omitempty"`     // owner/name graded
	RepositoryURL string         `json:"repository_url,omitempty"` // its web page
	RequestedRepo string         `json:"requested_repository,omitempty"`
	Deadline      time.Time      `json:"deadline"`
	Commit        string         `json:"commit,omitempty"`      // the graded SHA
	CommitTime    *time.Time     `json:"commit_time,omitempty"` // the graded commit's committer date, when it chose it
	PushTime      *time.Time     `json:"push_time,omitempty"`   // when GitHub received the push that made it the head
	PushedAt      *time.Time     `json:"pushed_at,omitempty"`   // GitHub's time of the repository's last push (any branch)
	File          string         `json:"file,omitempty"`        // the report graded
	Flags         []Flag         `json:"flags"`
	Error         string         `json:"error,omitempty"`
	Report        *grader.Report `json:"report,omitempty"` // nil only with FlagError
	Published     []string       `json:"published,omitempty"`
}

// Has reports whether the result carries flag f.
func (r *Result) Has(f Flag) bool { return slices.Contains(r.Flags, f) }

// Mark adds flag f to the result, once.
func (r *Result) Mark(f Flag) {
	if !r.Has(f) {
		r.Flags = append(r.Flags, f)
	}
}

// Submitted reports whether a report file was found and graded (an empty or
// unreadable file counts: its report says why it earned nothing).
func (r *Result) Submitted() bool {
	return r.Report != nil && !r.Has(FlagError) && !r.Has(FlagNoRepository) && !r.Has(FlagEmpty) &&
		!r.Has(FlagNoCommit) && !r.Has(FlagNoReport)
}

// Summary counts a batch's outcome.
type Summary struct {
	Students int `json:"students"`
	Graded   int `json:"graded"`  // a report was found and graded
	Missing  int `json:"missing"` // no repository, empty, no commit in time or no report
	Late     int `json:"late"`    // pushed after the deadline
	Errors   int `json:"errors"`  // could not be fetched: not graded
	Passed   int `json:"passed"`
}

// Name is how the teacher knows the student: the login, else the roster
// identifier.
func (r *Result) Name() string {
	if r.Login != "" {
		return r.Login
	}
	return r.Identifier
}

// Summarise counts the results.
func Summarise(rs []*Result) Summary {
	s := Summary{Students: len(rs)}
	for _, r := range rs {
		switch {
		case r.Has(FlagError):
			s.Errors++
		case r.Submitted():
			s.Graded++
		default:
			s.Missing++
		}
		if r.Has(FlagLate) {
			s.Late++
		}
		if r.Report != nil && r.Report.Passed {
			s.Passed++
		}
	}
	return s
}
