package gradesheet

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"sort"
	"sync"

	"github.com/tpgrade/tpgrade/grader"
	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
	"github.com/tpgrade/tpgrade/internal/render"
	"github.com/tpgrade/tpgrade/internal/similarity"
)

//go:embed report.html.tmpl
var reportTemplate string

// reportTmpl is parsed once, on the first class report (not at the start
// of every process); t (the label in the rubric's language), lang and
// height are bound per page.
var reportTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"t":      func(en, fr string) string { return en },
		"lang":   func() string { return "en" },
		"height": func(n int) int { return n },
	}).Parse(reportTemplate))
})

// The histogram's drawing area, in SVG units.
const (
	histW, histH, histPad = 640, 200, 30
	critBarW              = 300
)

type htmlView struct {
	Title, Rubric, RubricID, Deadline string
	AssignmentURL, StarterCodeURL     string
	Summary                           Summary
	Scale, Pass                       string
	Hist                              histogram
	Criteria                          []critView
	Flags                             []flagCount
	Students                          []studentView
	Pairs                             []similarity.Pair
	Threshold                         string
}

type histogram struct {
	W, H, Base int
	Bars       []histBar
	PassX      int
	HasPass    bool
	Graded     int
}

type histBar struct {
	X, Y, W, H int
	Label      string
	Count      int
	LabelX     int
}

type critView struct {
	ID, Title     string
	Points        string
	Average       int // percent of the points earned on average
	Full          int // percent of students with full points
	BarW, FullW   int
	Y, TextY      int
	BarY, BarMidY int
}

type flagCount struct {
	Flag  Flag
	Text  string
	Count int
}

type studentView struct {
	Name, Identifier, Repo, RepoURL string
	CommitURL, Commit, CommitTime   string
	Grade                           string
	Passed, Graded                  bool
	Flags                           []string
	Error                           string
	Criteria                        []studentCrit
	Findings                        []findingView
}

type studentCrit struct {
	Title, Points, Feedback string
	Full                    bool
	Findings                []findingView
}

type findingView struct {
	Where, URL, Severity, Message, Hint string
}

func reportHTML(c Class, sum Summary) ([]byte, error) {
	r, a, results := c.Rubric, c.Assignment, c.Results
	lang := a.Lang // Render defaults it to the rubric's
	if lang == "" {
		lang = i18n.EN
	}
	scale := r.Scale
	v := htmlView{
		Title: render.Visible(a.Name), Rubric: render.Visible(r.Title.In(lang)), RubricID: render.Visible(r.ID),
		AssignmentURL: a.URL, StarterCodeURL: a.StarterCodeURL,
		Summary: sum, Scale: scale.String(), Pass: r.Pass.String(), Pairs: visiblePairs(c.Pairs),
		Threshold: fmt.Sprintf("%.2f", c.Threshold),
	}
	if a.Location != nil {
		v.Deadline = a.Deadline.In(a.Location).Format("2006-01-02 15:04 MST")
	} else {
		v.Deadline = a.Deadline.UTC().Format("2006-01-02 15:04 MST")
	}
	v.Hist = makeHistogram(results, scale, r.Pass)
	v.Criteria = criterionRates(r, results, lang)
	counts := map[Flag]int{}
	for _, res := range results {
		for _, f := range res.Flags {
			counts[f]++
		}
	}
	for f, n := range counts {
		v.Flags = append(v.Flags, flagCount{Flag: f, Text: flagText[f].In(lang), Count: n})
	}
	sort.Slice(v.Flags, func(i, j int) bool { return v.Flags[i].Flag < v.Flags[j].Flag })
	for _, res := range results {
		v.Students = append(v.Students, studentOf(res, lang))
	}
	tmpl, err := reportTmpl().Clone()
	if err != nil {
		return nil, err
	}
	tmpl.Funcs(template.FuncMap{
		"t":      func(en, fr string) string { return i18n.Msg{EN: en, FR: fr}.In(lang) },
		"lang":   func() string { return string(lang) },
		"height": func(n int) int { return n*28 + 8 },
	})
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, &v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// makeHistogram bins grades on the scale: one bin per point up to 20 bins,
// wider bins on larger scales; the last bin holds the top grade.
func makeHistogram(results []*Result, scale, pass rubric.Points) histogram {
	h := histogram{W: histW + 2*histPad, H: histH + 2*histPad, Base: histH + histPad}
	whole := int((scale + rubric.Unit - 1) / rubric.Unit)
	if whole < 1 {
		whole = 1
	}
	width := 1
	for whole/width > 20 {
		width++
	}
	// One more bin than steps: the top grade (20/20) has its own bar.
	nbins := whole/width + 1
	bins := make([]int, nbins)
	for _, res := range results {
		if res.Report == nil || res.Has(FlagError) {
			continue
		}
		h.Graded++
		i := int(res.Report.Grade/rubric.Unit) / width
		if i >= nbins {
			i = nbins - 1
		}
		if i < 0 {
			i = 0
		}
		bins[i]++
	}
	most := 1
	for _, n := range bins {
		most = max(most, n)
	}
	bw := histW / nbins
	for i, n := range bins {
		bh := n * histH / most
		lo := i * width
		label := fmt.Sprint(lo)
		if width > 1 {
			label = fmt.Sprintf("%d–%d", lo, lo+width-1)
		}
		h.Bars = append(h.Bars, histBar{X: histPad + i*bw + 1, Y: histPad + histH - bh, W: bw - 2, H: bh,
			Label: label, Count: n, LabelX: histPad + i*bw + bw/2})
	}
	if pass > 0 && scale > 0 {
		h.HasPass = true
		h.PassX = histPad + int(int64(pass)*int64(nbins*bw)/int64(rubric.Points(whole)*rubric.Unit))
	}
	return h
}

// criterionRates is each criterion's success over the students whose report
// was graded: the average share of its points (or bonus) earned, and the
// share of students with full points; a penalty's students with none taken.
func criterionRates(r *rubric.Rubric, results []*Result, lang i18n.Lang) []critView {
	var out []critView
	for i, c := range r.Criteria {
		var earned, possible rubric.Points
		full, n := 0, 0
		for _, res := range results {
			if !res.Submitted() {
				continue
			}
			for _, rc := range res.Report.Criteria {
				if rc.ID != c.ID {
					continue
				}
				n++
				if most := rc.Most(); most > 0 { // a penalty earns nothing: only its full rate counts
					earned += max(rc.Points, 0)
					possible += most
				}
				if rc.Result() == grader.Full {
					full++
				}
			}
		}
		cv := critView{ID: c.ID, Title: render.Visible(c.Title.In(lang)), Points: c.Points.String()}
		switch {
		case c.Bonus > 0:
			cv.Points = "+" + c.Bonus.String() + " bonus"
		case c.Points == 0:
			cv.Points = "−" + c.Penalty.String()
		}
		if possible > 0 {
			cv.Average = int(earned * 100 / possible)
		} else if n > 0 {
			cv.Average = full * 100 / n
		}
		if n > 0 {
			cv.Full = full * 100 / n
		}
		cv.BarW, cv.FullW = cv.Average*critBarW/100, cv.Full*critBarW/100
		cv.Y = i * 28
		cv.TextY, cv.BarY, cv.BarMidY = cv.Y+18, cv.Y+4, cv.Y+11
		out = append(out, cv)
	}
	return out
}

func visiblePairs(pairs []similarity.Pair) []similarity.Pair {
	out := make([]similarity.Pair, len(pairs))
	for i, p := range pairs {
		p.A, p.B = render.Visible(p.A), render.Visible(p.B)
		out[i] = p
	}
	return out
}

func studentOf(res *Result, lang i18n.Lang) studentView {
	// What students (and the roster) wrote is shown, never obeyed: no
	// control character or bidi override reaches the page (render.Visible);
	// html/template escapes the rest.
	vis := render.Visible
	sv := studentView{Name: vis(res.Name()), Identifier: vis(res.Identifier), Repo: vis(res.Repository),
		RepoURL: res.RepositoryURL, Error: vis(res.Error)}
	if res.Login == "" {
		sv.Identifier = ""
	}
	if res.Commit != "" {
		sv.Commit = res.Commit[:min(7, len(res.Commit))]
		if res.RepositoryURL != "" {
			sv.CommitURL = res.RepositoryURL + "/commit/" + res.Commit
		}
	}
	if t := submitted(res); t != nil {
		sv.CommitTime = t.UTC().Format("2006-01-02 15:04 UTC")
	}
	for _, f := range res.Flags {
		sv.Flags = append(sv.Flags, flagText[f].In(lang))
	}
	if res.Report == nil {
		return sv
	}
	rep := res.Report
	sv.Graded = true
	sv.Grade = rep.Grade.String() + "/" + rep.Scale.String()
	sv.Passed = rep.Passed
	blob := ""
	if res.RepositoryURL != "" && res.Commit != "" && res.File != "" {
		blob = res.RepositoryURL + "/blob/" + res.Commit + "/" + res.File
	}
	// A finding about the whole report names the file, as the Markdown
	// summary does, and links to it rather than to its first line.
	fv := func(f grader.Finding) findingView {
		v := findingView{Where: fmt.Sprintf("%d:%d", f.Line, f.Col),
			Severity: string(f.Severity), Message: vis(f.Message), Hint: vis(f.Hint)}
		switch {
		case f.Whole:
			v.Where, v.URL = render.Visible(res.File), blob
			if v.Where == "" {
				v.Where = i18n.M("report", "rapport").In(lang)
			}
		case blob != "" && f.Line > 0:
			v.URL = fmt.Sprintf("%s#L%d", blob, f.Line)
		}
		return v
	}
	for _, f := range rep.Findings {
		sv.Findings = append(sv.Findings, fv(f))
	}
	for _, c := range rep.Criteria {
		sc := studentCrit{Title: vis(c.Title), Feedback: vis(c.Feedback)}
		if sc.Title == "" {
			sc.Title = c.ID
		}
		// The score as every other output writes it (render.ScoreText).
		sc.Points, sc.Full = render.ScoreText(c, "−"), c.Result() == grader.Full
		for _, f := range c.Findings {
			sc.Findings = append(sc.Findings, fv(f))
		}
		sv.Criteria = append(sv.Criteria, sc)
	}
	return sv
}
