package document

import (
	"sort"

	"github.com/tpgrade/tpgrade/grader/i18n"
)

// Span is a half-open byte range [Start, End) of Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Contains reports whether offset lies inside the span.
func (s Span) Contains(offset int) bool { return offset >= s.Start && offset < s.End }

// Encoding names how the submitted bytes were decoded.
type Encoding string

// The encodings tpgrade recognises.
const (
	UTF8        Encoding = "utf-8"
	UTF8BOM     Encoding = "utf-8-bom"
	Windows1252 Encoding = "windows-1252" // a superset of Latin-1 for printable text
	UTF16       Encoding = "utf-16"       // with a byte order mark, as Windows editors save "Unicode"
)

// Document is a student's report, parsed once. Every element carries a Span
// into Text; Lines turns offsets into line:col. Checks query this model and
// never goldmark's AST nor the raw text.
type Document struct {
	Name     string   // file name, as given to Parse
	Text     []byte   // decoded UTF-8 without BOM, line endings normalised to LF
	Encoding Encoding // how the submitted bytes were decoded
	CRLF     bool     // the submitted text used CRLF line endings
	Lines    *LineIndex

	Root     *Section   // level 0: the whole document; its Children are the top headings
	Sections []*Section // every section in document order, Root first
	Blocks   []*Block   // every leaf block in document order
	Tables   []*Table   // pipe tables, HTML tables and recovered pipe-row blocks
	Code     []*Code    // code spans and code blocks in document order
	Commands []*Command // command lines shown in code, and what each printed, in document order
	Facts    []*Fact    // key/value pairs found in tables, pasted output and lists
	Notes    []Note     // what the student should know about how the file was read

	outputs []*Command // the commands shown with output, by output start
}

// Pos converts a byte offset of Text into a 1-based line and column.
func (d *Document) Pos(offset int) Position { return d.Lines.Pos(offset) }

// SectionAt returns the innermost section whose span holds offset.
func (d *Document) SectionAt(offset int) *Section {
	s := d.Root
	for {
		var next *Section
		for _, c := range s.Children {
			if c.Span.Contains(offset) {
				next = c
				break
			}
		}
		if next == nil {
			return s
		}
		s = next
	}
}

// Section is a heading and everything under it up to the next heading of the
// same or a higher level.
type Section struct {
	Title     string // plain text of the heading, inline markup stripped
	TitleFold string // fold.Key(Title): what rubric names are compared with
	Level     int    // 1 to 6; 0 for Root
	Heading   Span   // the heading itself (empty for Root)
	Span      Span   // heading plus body
	Parent    *Section
	Children  []*Section
}

// Body is the span after the heading line.
func (s *Section) Body() Span { return Span{Start: s.Heading.End, End: s.Span.End} }

// Path lists the titles from the top-level ancestor down to s (Root excluded).
func (s *Section) Path() []string {
	var p []string
	for x := s; x != nil && x.Level > 0; x = x.Parent {
		p = append([]string{x.Title}, p...)
	}
	return p
}

// BlockKind says what a leaf block is.
type BlockKind int

// The kinds of leaf block.
const (
	Paragraph BlockKind = iota
	Heading
	ListItem  // the text of one list item (nested lists are items of their own)
	CodeBlock // fenced or indented code
	TableBlock
	HTMLBlock
)

func (k BlockKind) String() string {
	switch k {
	case Paragraph:
		return "paragraph"
	case Heading:
		return "heading"
	case ListItem:
		return "list item"
	case CodeBlock:
		return "code block"
	case TableBlock:
		return "table"
	case HTMLBlock:
		return "html"
	}
	return "block"
}

// Block is a leaf of the document: its plain text and where it is.
type Block struct {
	Kind    BlockKind
	Text    string // inline markup stripped; code blocks verbatim; table cells joined by " | "
	Span    Span
	Section *Section
	Words   int  // words in Text
	Quote   bool // inside a block quote
	// Output is set on a paragraph that is command output pasted without a
	// code fence (runs of "Key: value" lines, as `docker info` prints them):
	// it is read like a code block's output, and it is not the student's
	// prose.
	Output bool
	// Labels are the ranges of Text that are a link's label or an image's
	// alternative text: words shown, not written as a sentence.
	Labels [][2]int
	// Lead is, for a list item, the paragraph just above its list when it
	// ends with a colon ("Security Options:", "This approach offers
	// several benefits:"): the item goes on from it. Nil otherwise.
	Lead *Block

	// segs maps offsets of Text back to offsets of Document.Text: each
	// segment says that Text[at:at+n] was copied from source[src:src+n].
	segs []segment
}

type segment struct{ at, src, n int }

// SourceOffset maps an offset of b.Text to an offset of Document.Text. Text
// that was not copied verbatim (joiners between inline elements) maps to the
// nearest copied byte before it.
func (b *Block) SourceOffset(i int) int {
	best := b.Span.Start
	for _, s := range b.segs {
		if i < s.at {
			break
		}
		if i < s.at+s.n {
			return s.src + (i - s.at)
		}
		best = s.src + s.n
	}
	return best
}

// TableSource says how a table was written.
type TableSource int

// The ways a table can be written.
const (
	PipeTable      TableSource = iota // GFM pipe table
	HTMLTable                         // <table> element
	RecoveredTable                    // pipe rows with no delimiter row, recovered by tpgrade
)

func (s TableSource) String() string {
	switch s {
	case HTMLTable:
		return "html"
	case RecoveredTable:
		return "recovered"
	}
	return "pipe"
}

// Table is a grid of cells. Rows[0] is the header row when Header is true; a
// header that is really data (a key/value table whose first pair sits in the
// header) is still Rows[0].
type Table struct {
	Span    Span
	Section *Section
	Source  TableSource
	Header  bool
	Rows    [][]*Cell
}

// Columns is the widest row's cell count.
func (t *Table) Columns() int {
	n := 0
	for _, r := range t.Rows {
		if len(r) > n {
			n = len(r)
		}
	}
	return n
}

// Cell is one table cell with inline markup stripped.
type Cell struct {
	Text string
	Span Span
}

// Code is a code span (`...`) or a code block (fenced or indented).
type Code struct {
	Text    string
	Block   bool
	Lang    string // info string of a fenced block, first word
	Span    Span   // the content, without fences or backticks
	Section *Section
}

// Command is a command shown in the report, with what it printed.
//
// A command line is a line of a code block typed after a shell prompt
// ("$ docker info", "user@host:~$ ..."), or, in a block with no prompt at
// all, a line that starts with a program's name (docker, systemctl, sudo,
// ...); a code span that starts with a program's name is one too. A rubric
// may name more (ReadCommands): a line that matches another command it
// asks for is a command line, prompt or not. Its output is the lines under
// it in the same block up to the next command line; a command with nothing
// under it (the last line of its block, or a code span ending its
// paragraph) owns the code block or unfenced output that follows it with
// nothing but blank lines between.
type Command struct {
	Text   string // as typed, prompt removed, "\" continuations joined
	Span   Span   // the command, prompt excluded
	Prompt bool   // typed after a shell prompt
	Block  *Block // the code block, unfenced output or prose block that shows it
	Output Span   // what it printed; empty when nothing is shown
}

// HasOutput reports whether the command is shown with what it printed.
func (c *Command) HasOutput() bool { return c.Output.End > c.Output.Start }

// CommandAt returns the command whose output holds offset, or nil.
func (d *Document) CommandAt(offset int) *Command {
	// Outputs do not overlap and follow document order: the last one
	// starting at or before offset is the only one that can hold it.
	i := sort.Search(len(d.outputs), func(i int) bool { return d.outputs[i].Output.Start > offset }) - 1
	if i >= 0 && d.outputs[i].Output.Contains(offset) {
		return d.outputs[i]
	}
	return nil
}

// FactOrigin says where a key/value pair was found.
type FactOrigin int

// Where facts come from.
const (
	FromTable  FactOrigin = iota // a table row or column
	FromOutput                   // a "Key: value" line of pasted command output, fenced or not
	FromText                     // a "**Key**: value" list item or paragraph line
	// FromCommand is a value the student typed in a command line
	// (`docker run --name web`), captured by a rubric's expression: the
	// parser makes none, the checks do.
	FromCommand
)

func (o FactOrigin) String() string {
	switch o {
	case FromOutput:
		return "output"
	case FromText:
		return "text"
	case FromCommand:
		return "command"
	}
	return "table"
}

// Fact is a key/value pair wherever the student wrote it.
type Fact struct {
	Key     string // as written, markup stripped
	KeyFold string // fold.NameKey(Key) without a remark in parentheses ending it: what rubric keys are compared with
	Value   string // as written, markup stripped, trimmed
	KeySpan Span
	Span    Span // the value
	Origin  FactOrigin
	Section *Section
	Table   *Table // when Origin is FromTable
	// Command is the command that printed the fact, when Origin is
	// FromOutput and the report shows it (nil otherwise).
	Command *Command
	Context []string
	// Context lists what qualifies the key, outermost first: for pasted
	// output the enclosing keys by indentation ("Server", "Engine"); for a
	// table the column or row header the value sits under ("Version");
	// the label of the list or table ("Client:" above it); last, a remark
	// in parentheses ending the key ("total" in "Nb de conteneurs
	// (total)").
	// Section titles are not repeated here: see Section.Path.
}

// NoteKind classifies a Note.
type NoteKind string

// The notes tpgrade leaves about how it read a report.
const (
	NoteEncoding       NoteKind = "encoding"        // not UTF-8: decoded as Windows-1252
	NoteMojibake       NoteKind = "mojibake"        // text that looks doubly encoded ("cr√©er", "crÃ©er")
	NoteRecoveredTable NoteKind = "recovered-table" // pipe rows without a delimiter row
	NoteBOM            NoteKind = "bom"             // byte order mark removed
)

// Note is something about the input itself that the student should know.
type Note struct {
	Kind    NoteKind
	Span    Span
	Whole   bool // about the file as a whole (its encoding): Span is not read
	Message i18n.Msg
}
