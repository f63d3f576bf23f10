package checks

import (
	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/rubric"
)

// commandNamer is implemented by the kinds whose keys name commands: the
// command kind's commands, an explanation's command, the output_of of a
// value. A line of code that matches one is a command line, which ends the
// output of the command above it.
type commandNamer interface {
	commandSpecs() []*CommandSpec
}

// NamedCommands returns a test of whether a line of code shows one of the
// commands the criteria name, or nil when they name none. The engine reads
// the report's commands with it once per grading (rubric.Env.Commands).
func NamedCommands(criteria []*rubric.Criterion) func(line string) bool {
	var specs []*CommandSpec
	for _, c := range criteria {
		if n, ok := c.Check.(commandNamer); ok {
			specs = append(specs, n.commandSpecs()...)
		}
	}
	return anyCommand(specs)
}

// shownCommands is the set of commands a check reads: the engine's, read
// with every command of the rubric as a command line; or, for a check
// graded alone, read with the check's own commands.
func shownCommands(doc *document.Document, env *rubric.Env, own commandNamer) *document.CommandSet {
	if env != nil && env.Commands != nil {
		return env.Commands
	}
	if own != nil {
		if named := anyCommand(own.commandSpecs()); named != nil {
			var memo *rubric.Memo
			if env != nil {
				memo = env.Memo
			}
			return rubric.Remember(memo, "commands", own, func() *document.CommandSet { return doc.ReadCommands(named) })
		}
	}
	return doc.Shown()
}

func (c *Command) commandSpecs() []*CommandSpec {
	out := make([]*CommandSpec, len(c.Commands))
	for i := range c.Commands {
		out[i] = &c.Commands[i]
	}
	return out
}

func (e *Explanation) commandSpecs() []*CommandSpec {
	if e.Command == nil {
		return nil
	}
	return []*CommandSpec{e.Command}
}

func (l *Lookup) commandSpecs() []*CommandSpec {
	out := make([]*CommandSpec, len(l.OutputOf))
	for i := range l.OutputOf {
		out[i] = &l.OutputOf[i]
	}
	return out
}

func (c *Fact) commandSpecs() []*CommandSpec {
	var out []*CommandSpec
	for i := range c.Values {
		out = append(out, c.Values[i].commandSpecs()...)
	}
	return out
}

func (c *Version) commandSpecs() []*CommandSpec {
	var out []*CommandSpec
	for i := range c.Values {
		out = append(out, c.Values[i].Value.commandSpecs()...)
	}
	return out
}

func (c *Relation) commandSpecs() []*CommandSpec {
	var out []*CommandSpec
	for i := range c.Values {
		out = append(out, c.Values[i].Value.commandSpecs()...)
	}
	return out
}
