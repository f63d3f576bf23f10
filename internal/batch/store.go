package batch

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tpgrade/tpgrade/internal/githubapi"
	"github.com/tpgrade/tpgrade/internal/gradesheet"
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

// writeGradeSheet renders the grade sheet and writes each of its files
// atomically in dir; it returns the paths written.
func writeGradeSheet(dir string, c gradesheet.Class) ([]string, error) {
	files, err := gradesheet.Render(c)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, f := range files {
		p := filepath.Join(dir, f.Name)
		if err := writeFileAtomic(p, f.Data); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
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

// sealed is how the journal and the caches keep a value: with the sha256 of
// its JSON, so that an entry edited by hand (a grade changed) or damaged is
// noticed and computed again rather than trusted.
type sealed struct {
	SHA256 string          `json:"sha256"`
	Data   json.RawMessage `json:"data"`
}

// sumOf hashes JSON in its compact form, whatever its indentation.
func sumOf(data []byte) (string, error) {
	var buf bytes.Buffer
	if err := json.Compact(&buf, data); err != nil {
		return "", err
	}
	h := sha256.Sum256(buf.Bytes())
	return hex.EncodeToString(h[:]), nil
}

// writeSealed writes v with its checksum, atomically.
func writeSealed(path string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	sum, err := sumOf(data)
	if err != nil {
		return err
	}
	return writeJSONAtomic(path, sealed{SHA256: sum, Data: data})
}

// readSealed reads a value written by writeSealed into v. found says the
// file is there; ok that it was read and its checksum holds.
func readSealed(path string, v any) (found, ok bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return false, false
	}
	var s sealed
	if json.Unmarshal(b, &s) != nil || len(s.Data) == 0 {
		return true, false
	}
	if sum, err := sumOf(s.Data); err != nil || sum != s.SHA256 {
		return true, false
	}
	return true, json.Unmarshal(s.Data, v) == nil
}

// removeTemporaries deletes the temporary files (writeFileAtomic's
// ".name.tmp-*") that a run killed in the middle of a write left in dir
// and, with deep, in its subfolders.
func removeTemporaries(dir string, deep bool) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil
		case err != nil:
			return err
		case d.IsDir() && path != dir && !deep:
			return filepath.SkipDir
		case !d.Type().IsRegular():
			return nil
		}
		name := d.Name()
		if strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-") {
			if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// sealedAnswers keeps the ETag cache's answers as sealed files in dir, so
// that an answer edited by hand is noticed and asked again.
type sealedAnswers struct{ dir string }

var _ githubapi.AnswerStore = sealedAnswers{}

func (s sealedAnswers) path(key string) string { return filepath.Join(s.dir, key+".json") }

func (s sealedAnswers) Load(key string, a *githubapi.CachedAnswer) bool {
	_, ok := readSealed(s.path(key), a)
	return ok
}

func (s sealedAnswers) Save(key string, a *githubapi.CachedAnswer) error {
	return writeSealed(s.path(key), a)
}

func (s sealedAnswers) Forget(key string) { os.Remove(s.path(key)) }

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
// kept), a finished one is forgotten (its caches are kept). Temporary files
// a killed run left behind are removed first.
func (s state) begin(rubricHash string) (resumed bool, err error) {
	for _, dir := range []struct {
		path string
		deep bool
	}{{filepath.Dir(s.root), false}, {s.root, true}} {
		if _, err := removeTemporaries(dir.path, dir.deep); err != nil {
			return false, fmt.Errorf("cleaning what an interrupted run left: %w", err)
		}
	}
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
