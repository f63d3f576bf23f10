package gradesheet

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
	"github.com/tpgrade/tpgrade/internal/render"
	"github.com/tpgrade/tpgrade/internal/similarity"
)

// The files of a grade sheet, as the batch writes them in --out.
const (
	GradesCSV   = "grades.csv"
	MoodleCSV   = "moodle.csv"
	ResultsJSON = "results.json"
	ReportHTML  = "report.html"
)

// classroomColumns are GitHub Classroom's grades CSV columns, kept because
// teachers' spreadsheets expect them.
var classroomColumns = []string{
	"assignment_name", "assignment_url", "starter_code_url", "github_username", "roster_identifier",
	"student_repository_name", "student_repository_url", "submission_timestamp", "points_awarded",
	"points_available",
}

// Assignment is what the files say about the assignment.
type Assignment struct {
	Name           string // grades.csv's assignment_name; the rubric's title when empty
	URL            string
	StarterCodeURL string
	Deadline       time.Time      // students without an extension
	Location       *time.Location // the teacher's time zone, for display; nil: UTC
	Lang           i18n.Lang      // the language of the run (--lang, or the rubric's)
}

// Class is what a grade sheet is rendered from: the assignment, its
// rubric, every student's result and the pairs of similar submissions.
type Class struct {
	Rubric     *rubric.Rubric
	Assignment Assignment
	Results    []*Result
	Pairs      []similarity.Pair
	Threshold  float64 // the overlap the pairs were found with
}

// File is one file of the grade sheet: its name in the output folder and
// its content.
type File struct {
	Name string
	Data []byte
}

// Render renders every file of the grade sheet: grades.csv, moodle.csv
// (when a student has a roster identifier or an email), results.json and
// report.html. The files depend only on the class: two runs over the same
// submissions give the same bytes.
func Render(c Class) ([]File, error) {
	if c.Assignment.Lang == "" {
		c.Assignment.Lang = c.Rubric.Lang
	}
	if c.Assignment.Name == "" {
		c.Assignment.Name = c.Rubric.Title.In(c.Assignment.Lang)
	}
	sum := Summarise(c.Results)
	var files []File
	data, err := gradesCSV(c)
	if err != nil {
		return nil, err
	}
	files = append(files, File{GradesCSV, data})
	if data, ok, err := moodleCSV(c.Results); err != nil {
		return nil, err
	} else if ok {
		files = append(files, File{MoodleCSV, data})
	}
	if data, err = resultsJSON(c, sum); err != nil {
		return nil, err
	}
	files = append(files, File{ResultsJSON, data})
	if data, err = reportHTML(c, sum); err != nil {
		return nil, err
	}
	return append(files, File{ReportHTML, data}), nil
}

// csvRow writes a row of cells a spreadsheet shows as text: each through
// csvCell.
func csvRow(w *csv.Writer, cells []string) error {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = csvCell(c)
	}
	return w.Write(out)
}

// csvCell keeps a cell from being anything but text when a spreadsheet
// opens the file: control characters and bidi overrides are shown
// (render.Visible), and a cell that starts with =, +, -, @, a tab or a
// carriage return, which a spreadsheet would run as a formula (a roster
// identifier "=1+2", "@SUM(...)"), gets a leading ' unless it is a number
// (-0.5 stays -0.5).
//
// Why: https://owasp.org/www-community/attacks/CSV_Injection
func csvCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if decimal().MatchString(s) {
			return s
		}
		return "'" + render.Visible(s)
	}
	return render.Visible(s)
}

// decimal is a number as tpgrade writes points: sign, digits, decimals.
var decimal = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`) })

// points prints a grade for a CSV cell: empty when nothing could be graded.
func points(r *Result, p func(*Result) rubric.Points) string {
	if r.Report == nil {
		return ""
	}
	return p(r).String()
}

func flagList(r *Result) string {
	s := make([]string, len(r.Flags))
	for i, f := range r.Flags {
		s[i] = string(f)
	}
	return strings.Join(s, ";")
}

// submitted is when the graded commit was handed in: GitHub's time of its
// push, else its committer date.
func submitted(r *Result) *time.Time {
	if r.PushTime != nil {
		return r.PushTime
	}
	return r.CommitTime
}

func timestamp(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// gradesCSV writes Classroom's columns, the grade on the rubric's scale,
// then one column per criterion (its points, named by its id), the graded
// SHA and the flags. points_awarded and points_available are the rubric's
// points, the pair the check run's title ("Points X/Y"), Classroom's
// notices, the Action's points/max-points outputs and `tpgrade grade`'s
// total line show; grade and scale are the same result on the scale.
// submission_timestamp is when GitHub received the push of the graded
// commit (its committer date when pushes could not tell).
func gradesCSV(c Class) ([]byte, error) {
	r, a := c.Rubric, c.Assignment
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	header := append([]string(nil), classroomColumns...)
	header = append(header, "grade", "scale")
	for _, crit := range r.Criteria {
		header = append(header, crit.ID)
	}
	header = append(header, "graded_sha", "flags")
	if err := csvRow(w, header); err != nil {
		return nil, err
	}
	for _, res := range c.Results {
		_, name, _ := strings.Cut(res.Repository, "/")
		row := []string{
			a.Name, a.URL, a.StarterCodeURL, res.Login, res.Identifier,
			name, res.RepositoryURL, timestamp(submitted(res)),
			points(res, func(r *Result) rubric.Points { return r.Report.Points }),
			points(res, func(r *Result) rubric.Points { return r.Report.MaxPoints }),
			points(res, func(r *Result) rubric.Points { return r.Report.Grade }),
			points(res, func(r *Result) rubric.Points { return r.Report.Scale }),
		}
		for _, crit := range r.Criteria {
			cell := ""
			if res.Report != nil {
				for _, rc := range res.Report.Criteria {
					if rc.ID == crit.ID {
						cell = rc.Points.String()
					}
				}
			}
			row = append(row, cell)
		}
		row = append(row, res.Commit, flagList(res))
		if err := csvRow(w, row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// moodleCSV writes one row per student the roster identifies (identifier or
// email) with the grade on the rubric's scale, for Moodle's "Import grades
// from CSV" (map roster_identifier to "ID number" or email to "Email
// address", and grade to the grade item). ok is false when no student has an
// identifier or an email.
func moodleCSV(results []*Result) ([]byte, bool, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write([]string{"roster_identifier", "email", "grade"}); err != nil {
		return nil, false, err
	}
	n := 0
	for _, res := range results {
		if res.Identifier == "" && res.Email == "" {
			continue
		}
		n++
		if err := csvRow(w, []string{res.Identifier, res.Email, points(res, func(r *Result) rubric.Points { return r.Report.Grade })}); err != nil {
			return nil, false, err
		}
	}
	w.Flush()
	return buf.Bytes(), n > 0, w.Error()
}

// Results is results.json: every student's full result and the similar pairs.
type Results struct {
	Assignment struct {
		Name           string `json:"name"`
		URL            string `json:"url,omitempty"`
		StarterCodeURL string `json:"starter_code_url,omitempty"`
	} `json:"assignment"`
	Rubric struct {
		ID        string         `json:"id"`
		Title     string         `json:"title"`
		Hash      string         `json:"sha256"`
		Scale     rubric.Points  `json:"scale"`
		Pass      rubric.Points  `json:"pass"`
		MaxPoints rubric.Points  `json:"max_points"`
		Criteria  []CriterionRef `json:"criteria"`
	} `json:"rubric"`
	Deadline            time.Time         `json:"deadline"`
	Summary             Summary           `json:"summary"`
	Students            []*Result         `json:"students"`
	SimilarityThreshold float64           `json:"similarity_threshold"`
	Similar             []similarity.Pair `json:"similar"`
}

// CriterionRef names a rubric criterion in results.json.
type CriterionRef struct {
	ID     string        `json:"id"`
	Title  string        `json:"title"`
	Points rubric.Points `json:"points"`
}

func resultsJSON(c Class, sum Summary) ([]byte, error) {
	r, a := c.Rubric, c.Assignment
	var out Results
	out.Assignment.Name, out.Assignment.URL, out.Assignment.StarterCodeURL = a.Name, a.URL, a.StarterCodeURL
	out.Rubric.ID, out.Rubric.Title, out.Rubric.Hash = r.ID, r.Title.In(a.Lang), r.Hash
	out.Rubric.Scale, out.Rubric.Pass, out.Rubric.MaxPoints = r.Scale, r.Pass, r.MaxPoints()
	out.Rubric.Criteria = []CriterionRef{}
	for _, crit := range r.Criteria {
		out.Rubric.Criteria = append(out.Rubric.Criteria, CriterionRef{ID: crit.ID, Title: crit.Title.In(a.Lang), Points: crit.Points})
	}
	out.Deadline = a.Deadline.UTC()
	out.Summary, out.Students = sum, c.Results
	out.SimilarityThreshold, out.Similar = c.Threshold, c.Pairs
	if out.Similar == nil {
		out.Similar = []similarity.Pair{}
	}
	b, err := json.MarshalIndent(&out, "", "  ")
	if err != nil {
		return nil, err
	}
	// What students and rosters wrote is kept as it is, but no bidi or C1
	// control reaches a teacher's editor raw.
	return append(render.EscapeHidden(b), '\n'), nil
}
