package reportfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/tpgrade/tpgrade/grader/document"
	"github.com/tpgrade/tpgrade/grader/i18n"
)

// NotRegularError refuses a path that is not a regular file.
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string { return e.Message().EN }

// Message explains the refusal to a student.
func (e *NotRegularError) Message() i18n.Msg {
	what := kind(e.Mode)
	return i18n.Msg{
		EN: fmt.Sprintf("%s is %s, not a regular file: a report must be a file of its own, and it is not read", e.Path, what.EN),
		FR: fmt.Sprintf("%s est %s, pas un fichier ordinaire : un rapport doit être un fichier, il n'est pas lu", e.Path, what.FR),
	}
}

func kind(m fs.FileMode) i18n.Msg {
	switch {
	case m.IsDir():
		return i18n.M("a directory", "un dossier")
	case m&fs.ModeNamedPipe != 0:
		return i18n.M("a named pipe (FIFO)", "un tube nommé (FIFO)")
	case m&fs.ModeSocket != 0:
		return i18n.M("a socket", "une socket")
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return i18n.M("a device", "un périphérique")
	}
	return i18n.M("a special file", "un fichier spécial")
}

// TooLarge is a report over the size limit, as the engine words it.
func TooLarge(size, limit int64) *document.InputError {
	return &document.InputError{Problem: document.TooLarge, Offset: int(limit), Size: int(min(size, 1<<62)), Limit: int(limit)}
}

// Read returns the content of the report at path, of at most limit bytes
// (document.DefaultMaxBytes when limit <= 0):
//
//   - anything but a regular file, symbolic links resolved, is refused at
//     once with a *NotRegularError, without waiting on it;
//   - a file larger than limit is refused from its size, unread, with a
//     *document.InputError (TooLarge);
//   - the file is opened without blocking, checked again through the open
//     handle (it may have been swapped meanwhile), and read no further than
//     limit+1 bytes should it grow.
func Read(path string, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = document.DefaultMaxBytes
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := check(path, st, limit); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st2, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := check(path, st2, limit); err != nil {
		return nil, err
	}
	if !os.SameFile(st, st2) {
		return nil, fmt.Errorf("%s changed while it was opened: run again", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, TooLarge(int64(len(data)), limit)
	}
	return data, nil
}

func check(path string, st fs.FileInfo, limit int64) error {
	if !st.Mode().IsRegular() {
		return &NotRegularError{Path: path, Mode: st.Mode()}
	}
	if st.Size() > limit {
		return TooLarge(st.Size(), limit)
	}
	return nil
}

// Refusal returns the student-facing reason when err is one of Read's
// refusals (not a regular file, too large), and false for any other error.
func Refusal(err error) (i18n.Msg, bool) {
	var nr *NotRegularError
	if errors.As(err, &nr) {
		return nr.Message(), true
	}
	var ie *document.InputError
	if errors.As(err, &ie) {
		return ie.Message(), true
	}
	return i18n.Msg{}, false
}
