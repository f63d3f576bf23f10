package batch

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
)

// Student is one person to grade.
type Student struct {
	Login      string    // GitHub login; empty when the roster does not know it yet
	Repo       string    // owner/name of the student's repository; "" when there is none
	Identifier string    // roster identifier (student number)
	Email      string    // from the roster
	Deadline   time.Time // this student's deadline (extensions applied)
	Extended   bool      // the roster granted an extension
}

// key identifies the student in the journal and in results: the login, or
// the roster identifier for a student without one.
func (s Student) key() string {
	if s.Login != "" {
		return strings.ToLower(s.Login)
	}
	return "id:" + s.Identifier
}

// rosterColumns maps the header names a roster may use to our fields.
var rosterColumns = map[string]string{
	"login": "login", "github_username": "login", "github": "login", "username": "login",
	"github_login": "login", "user": "login",
	"repository": "repo", "repo": "repo", "student_repository_name": "repo",
	"student_repository_url": "repo", "repository_url": "repo",
	"identifier": "id", "roster_identifier": "id", "student_id": "id", "id": "id", "idnumber": "id",
	"email": "email", "e-mail": "email", "mail": "email", "email_address": "email",
	"extension": "extension", "deadline_extension": "extension", "deadline": "extension",
}

// RosterDefaults says how to complete a roster row.
type RosterDefaults struct {
	Owner    string         // owner of repositories given by name only (--org)
	Prefix   string         // repository name is Prefix+login when the roster gives none
	Deadline time.Time      // the assignment's deadline
	Location *time.Location // time zone of dates in the extension column
}

// ReadRoster reads a roster CSV with a header row. Recognised columns (case
// and surrounding spaces ignored): login (or github_username), repository
// (a name, owner/name or URL), identifier (or roster_identifier,
// student_id), email, extension (a duration such as 48h or 2d, or a new
// deadline). Commas or semicolons separate fields (spreadsheets in French
// locales write semicolons). Every row needs a login or an identifier; a
// login seen twice is an error. Every problem is reported at once with its
// line number.
func ReadRoster(name string, src []byte, def RosterDefaults) ([]Student, error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(src))
	r.Comma = sniffComma(src)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: the roster is empty: expected a header row such as login,repository,identifier,email,extension", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	cols := map[string]int{}
	for i, h := range header {
		if f, ok := rosterColumns[strings.ToLower(strings.TrimSpace(h))]; ok {
			if _, dup := cols[f]; !dup {
				cols[f] = i
			}
		}
	}
	_, hasLogin := cols["login"]
	_, hasID := cols["id"]
	if !hasLogin && !hasID {
		return nil, fmt.Errorf("%s:1: no login column (login or github_username) and no identifier column in header %q", name, strings.Join(header, string(r.Comma)))
	}
	var (
		out  []Student
		errs []string
		seen = map[string]int{}
	)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", name, err))
			break
		}
		get := func(f string) string {
			if i, ok := cols[f]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		s := Student{Login: strings.TrimPrefix(get("login"), "@"), Identifier: get("id"), Email: get("email")}
		if s.Login == "" && s.Identifier == "" {
			if strings.TrimSpace(strings.Join(rec, "")) != "" {
				errs = append(errs, fmt.Sprintf("%s:%d: neither a login nor an identifier", name, line))
			}
			continue
		}
		if prev, dup := seen[s.key()]; dup {
			errs = append(errs, fmt.Sprintf("%s:%d: %s already listed on line %d", name, line, s.key(), prev))
			continue
		}
		seen[s.key()] = line
		repo, err := rosterRepo(get("repo"), s.Login, def)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: %v", name, line, err))
			continue
		}
		s.Repo = repo
		s.Deadline = def.Deadline
		if ext := get("extension"); ext != "" {
			d, err := ParseExtension(ext, def.Deadline, def.Location)
			if err != nil {
				errs = append(errs, fmt.Sprintf("%s:%d: %v", name, line, err))
				continue
			}
			s.Deadline, s.Extended = d, !d.Equal(def.Deadline)
		}
		out = append(out, s)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return out, nil
}

// rosterRepo turns a roster's repository cell into owner/name.
func rosterRepo(cell, login string, def RosterDefaults) (string, error) {
	if cell == "" {
		if login == "" {
			return "", nil // a student who has not linked a GitHub account
		}
		if def.Owner == "" {
			return "", fmt.Errorf("no repository for %s: add a repository column or give --org", login)
		}
		return def.Owner + "/" + def.Prefix + login, nil
	}
	if strings.Contains(cell, "://") {
		u, err := url.Parse(cell)
		if err != nil {
			return "", fmt.Errorf("repository %q is not a URL", cell)
		}
		cell = strings.Trim(strings.TrimSuffix(u.Path, ".git"), "/")
	}
	parts := strings.Split(cell, "/")
	switch {
	case len(parts) == 1 && def.Owner != "":
		return def.Owner + "/" + parts[0], nil
	case len(parts) == 1:
		return "", fmt.Errorf("repository %q has no owner: write owner/name or give --org", cell)
	case len(parts) == 2 && parts[0] != "" && parts[1] != "":
		return cell, nil
	}
	return "", fmt.Errorf("repository %q: expected name, owner/name or a URL", cell)
}

// sniffComma picks ';' when the header line has more semicolons than commas.
func sniffComma(src []byte) rune {
	first, _, _ := bytes.Cut(src, []byte("\n"))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		return ';'
	}
	return ','
}
