package batch

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/tpgrade/tpgrade/internal/gradesheet"
)

// Progress follows a batch: Start with the number of students (and how many
// an interrupted run already did), Done after each, Finish at the end. Done
// is called from several goroutines.
type Progress interface {
	Start(total, reused int)
	Done(r *gradesheet.Result)
	Finish()
}

type noProgress struct{}

func (noProgress) Start(int, int)          {}
func (noProgress) Done(*gradesheet.Result) {}
func (noProgress) Finish()                 {}

// NewProgress shows a progress bar with counts and an ETA on a terminal, and
// plain lines otherwise (a CI log, a file): one every interval or every 10 %
// of the students, whichever comes first.
func NewProgress(w io.Writer, terminal bool, clock Clock) Progress {
	if terminal {
		return &barProgress{w: w, throttle: 100 * time.Millisecond}
	}
	return &lineProgress{w: w, clock: clock, every: 10 * time.Second}
}

type barProgress struct {
	w        io.Writer
	throttle time.Duration // between redraws
	bar      *progressbar.ProgressBar
	mu       sync.Mutex
	n        counts
}

type counts struct{ done, total, errors, missing int }

func (c *counts) add(r *gradesheet.Result) {
	c.done++
	switch {
	case r.Has(gradesheet.FlagError):
		c.errors++
	case !r.Submitted():
		c.missing++
	}
}

func (p *barProgress) Start(total, reused int) {
	p.n = counts{done: reused, total: total}
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription("grading"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(p.throttle),
		progressbar.OptionClearOnFinish(),
	)
	_ = p.bar.Set(reused)
}

func (p *barProgress) Done(r *gradesheet.Result) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n.add(r)
	p.bar.Describe(fmt.Sprintf("grading (%d missing, %d errors)", p.n.missing, p.n.errors))
	_ = p.bar.Add(1)
}

func (p *barProgress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	_ = p.bar.Finish()
}

type lineProgress struct {
	w       io.Writer
	clock   Clock
	every   time.Duration
	mu      sync.Mutex
	n       counts
	reused  int // done by an interrupted run: not part of this run's pace
	start   time.Time
	last    time.Time
	lastPct int
}

func (p *lineProgress) Start(total, reused int) {
	p.n = counts{done: reused, total: total}
	p.reused = reused
	p.start = p.clock.Time()
	p.last = p.start
	p.lastPct = p.pct()
	if reused > 0 {
		fmt.Fprintf(p.w, "resuming: %d of %d students already graded\n", reused, total)
	}
}

func (p *lineProgress) Done(r *gradesheet.Result) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n.add(r)
	now := p.clock.Time()
	pct := p.pct()
	if pct == p.lastPct && now.Sub(p.last) < p.every && p.n.done < p.n.total {
		return
	}
	p.lastPct, p.last = pct, now
	eta := ""
	if el, fresh := now.Sub(p.start), p.n.done-p.reused; fresh > 0 && p.n.done < p.n.total && el > 0 {
		left := time.Duration(float64(el) / float64(fresh) * float64(p.n.total-p.n.done))
		eta = fmt.Sprintf(", about %s left", left.Round(time.Second))
	}
	fmt.Fprintf(p.w, "graded %d/%d (%d missing, %d errors)%s\n", p.n.done, p.n.total, p.n.missing, p.n.errors, eta)
}

// pct is the tenth of the students done (0 to 10).
func (p *lineProgress) pct() int {
	if p.n.total == 0 {
		return 10
	}
	return p.n.done * 10 / p.n.total
}

func (p *lineProgress) Finish() {}
