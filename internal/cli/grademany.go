package cli

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/tpgrade/tpgrade/grader/i18n"
	"github.com/tpgrade/tpgrade/grader/rubric"
	"github.com/tpgrade/tpgrade/internal/render"
)

// gradeMany grades every argument of `tpgrade grade FILE|DIR...` with the
// one loaded rubric, on as many goroutines as Go runs at once (GOMAXPROCS),
// and writes the results in the order of the arguments as soon as each one
// and those before it are done: text and Markdown one after the other, a
// blank line between, text closing with a tally; JSON one object per line.
// An argument that names no report is said on stderr in its turn. The exit
// code is the worst of them.
func gradeMany(opts *GradeOptions, r *rubric.Rubric) error {
	env, paths := opts.Env, opts.Paths
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	lang, _ := i18n.Parse(opts.Lang)
	if lang == "" {
		lang = r.Lang
	}

	type result struct {
		graded
		out []byte // the report rendered, in opts.Format
	}
	workers := min(runtime.GOMAXPROCS(0), len(paths))
	// Each result has its own slot; a token per report graded but not yet
	// written bounds how far the workers run ahead of a slow report, and
	// so the memory held, whatever the number of arguments.
	slots := make([]chan result, len(paths))
	for i := range slots {
		slots[i] = make(chan result, 1)
	}
	ahead := make(chan struct{}, 2*workers)
	next := make(chan int)
	stop := make(chan struct{})
	go func() {
		defer close(next)
		for i := range paths {
			select {
			case ahead <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				g := gradeArg(opts, r, paths[i])
				res := result{graded: g}
				if g.rep != nil {
					var b bytes.Buffer
					var err error
					if opts.Format == render.FormatJSON {
						err = render.JSONLine(&b, g.rep)
					} else {
						err = render.Write(&b, opts.Format, g.rep, renderOptions(opts, g.src))
					}
					if err != nil {
						res.graded = graded{err: err}
					}
					res.out = b.Bytes()
				}
				slots[i] <- res
			}
		})
	}
	defer func() {
		close(stop)
		wg.Wait()
	}()

	var tally render.Tally
	code := ExitPassed
	wrote := false
	for i := range paths {
		// Ctrl-C stops the run between two reports: those written stay.
		var res result
		select {
		case res = <-slots[i]:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			return exit(ExitUnusable, fmt.Errorf("interrupted after %d of %d reports", i, len(paths)))
		}
		<-ahead
		tally.Add(res.rep)
		if res.err != nil {
			fmt.Fprintf(env.Stderr, "tpgrade: %v\n", res.err)
			code = ExitUnusable
			continue
		}
		sep := ""
		if wrote && opts.Format != render.FormatJSON {
			sep = "\n"
		}
		if _, err := fmt.Fprintf(env.Stdout, "%s%s", sep, res.out); err != nil {
			return exit(ExitUnusable, err)
		}
		wrote = true
		switch {
		case !res.rep.Usable:
			code = ExitUnusable
		case !res.rep.Passed && code == ExitPassed:
			code = ExitBelow
		}
	}
	if opts.Format == render.FormatText {
		if _, err := fmt.Fprintf(env.Stdout, "\n%s\n", tally.Line(lang, opts.Verbose)); err != nil {
			return exit(ExitUnusable, err)
		}
	}
	if code == ExitPassed {
		return nil
	}
	return exit(code, nil)
}
