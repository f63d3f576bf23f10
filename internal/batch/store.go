package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The layout of --out: the teacher's files at the top, tpgrade's state in
// stateDir so that a second pass and an interrupted run find it again.
const (
	stateDir    = ".tpgrade"
	runFile     = "run.json" // the run in progress, or the last one finished
	studentsDir = "students" // one journal entry per student of the run in progress
	gradesDir   = "grades"   // graded submissions by (repository, commit, rubric)
	httpDir     = "http"     // answers with an ETag, for conditional requests
)

// writeFileAtomic writes data to path through a temporary file in the same
// directory and a rename, so that a reader (or a run killed midway) sees the
// old file or the new one, never half of one.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

func writeJSONAtomic(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(path, append(b, '\n'))
}

// readJSON reads path into v; a missing file reports false and no error, a
// damaged one (a crash in an older version, a hand edit) is ignored too.
func readJSON(path string, v any) bool {
	b, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	return json.Unmarshal(b, v) == nil
}

// hashKey turns parts into a file name.
func hashKey(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:])
}

// state is the on-disk memory of a batch in --out.
type state struct {
	root string // --out/.tpgrade
}

func (s state) path(elem ...string) string {
	return filepath.Join(append([]string{s.root}, elem...)...)
}

// runRecord says whether the last run finished.
type runRecord struct {
	Complete bool   `json:"complete"`
	Rubric   string `json:"rubric_sha256"`
}

// begin starts a run: an unfinished previous run is resumed (its journal is
// kept), a finished one is forgotten (its caches are kept).
func (s state) begin(rubricHash string) (resumed bool, err error) {
	var prev runRecord
	if readJSON(s.path(runFile), &prev) && !prev.Complete {
		resumed = true
	} else if err := os.RemoveAll(s.path(studentsDir)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	if err := os.MkdirAll(s.path(studentsDir), 0o755); err != nil {
		return false, fmt.Errorf("cannot write in the output folder: %w", err)
	}
	return resumed, writeJSONAtomic(s.path(runFile), runRecord{Complete: false, Rubric: rubricHash})
}

func (s state) finish(rubricHash string) error {
	return writeJSONAtomic(s.path(runFile), runRecord{Complete: true, Rubric: rubricHash})
}

func (s state) entryPath(key string) string { return s.path(studentsDir, hashKey(key)+".json") }

func (s state) gradePath(repo, sha, rubricHash, lang, engine string) string {
	return s.path(gradesDir, hashKey(strings.ToLower(repo), sha, rubricHash, lang, engine)+".json")
}
