package batch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/google/go-github/v66/github"

	"github.com/tpgrade/tpgrade/internal/githubapi"
)

// listOrg lists an organisation's repositories, 100 per page (the most
// GitHub serves), into a map by lower-case full name.
func (b *run) listOrg(ctx context.Context, org string) (map[string]repoInfo, error) {
	out := map[string]repoInfo{}
	// Why: per_page caps at 100 (https://docs.github.com/rest/repos/repos#list-organization-repositories).
	opt := &github.RepositoryListByOrgOptions{Type: "all", ListOptions: github.ListOptions{PerPage: 100}}
	pager := githubapi.Pager{What: "the repositories of " + org}
	for {
		repos, resp, err := b.client.Repositories.ListByOrg(ctx, org, opt)
		if statusOf(err) == http.StatusNotFound {
			return nil, fmt.Errorf("organisation %q not found, or the token cannot see it (a token needs the repo scope, or read access to the organisation's repositories)", org)
		}
		if err != nil {
			return nil, fmt.Errorf("listing the repositories of %s: %w", org, err)
		}
		for _, r := range repos {
			out[strings.ToLower(r.GetFullName())] = infoOf(r)
		}
		if opt.Page, err = pager.Next(resp, len(repos)); err != nil {
			return nil, err
		}
		if opt.Page == 0 {
			return out, nil
		}
	}
}

// studentsFromOrg turns the repositories named <prefix><login> into
// students, sorted by login. The template repository is not a student.
func studentsFromOrg(listing map[string]repoInfo, prefix, template string) []Student {
	var out []Student
	for key, info := range listing {
		_, name := splitRepo(info.FullName)
		if !strings.HasPrefix(strings.ToLower(name), strings.ToLower(prefix)) || strings.EqualFold(key, template) {
			continue
		}
		login := name[len(prefix):]
		if login == "" {
			continue
		}
		out = append(out, Student{Login: login, Repo: info.FullName})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key() < out[j].key() })
	return out
}

// ErrClassroomUnavailable says the Classroom API did not answer.
var ErrClassroomUnavailable = errors.New("the GitHub Classroom API is unavailable")

// classroomAssignment is the part of GET /assignments/{id} the batch uses.
type classroomAssignment struct {
	Title       string `json:"title"`
	InviteLink  string `json:"invite_link"`
	StarterCode *struct {
		FullName string `json:"full_name"`
		HTMLURL  string `json:"html_url"`
	} `json:"starter_code_repository"`
}

// acceptedAssignment is one element of GET /assignments/{id}/accepted_assignments.
type acceptedAssignment struct {
	Students []struct {
		Login string `json:"login"`
	} `json:"students"`
	Repository struct {
		FullName string `json:"full_name"`
	} `json:"repository"`
	Grade flexString `json:"grade"`
}

// flexString decodes a JSON string or number: Classroom answers points
// either way.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err == nil {
		*f = flexString(n.String())
		return nil
	}
	*f = ""
	return nil
}

// classroom reads the students of a Classroom assignment. go-github v66 has
// no Classroom service: the endpoints are called directly.
//
// Why: GitHub Classroom's web application was retired on 2026-08-28 and its
// API may answer 404 or 410: the error says so and names the other sources.
func (b *run) classroom(ctx context.Context, id string) ([]Student, *classroomAssignment, error) {
	if _, err := strconv.ParseInt(id, 10, 64); err != nil {
		return nil, nil, fmt.Errorf("--classroom-assignment %q: expected the assignment's number", id)
	}
	gone := func(err error) error {
		if s := statusOf(err); s == http.StatusNotFound || s == http.StatusGone {
			return fmt.Errorf("%w: assignment %s answered %d %s (the Classroom service was retired on 2026-08-28); list the students with --org ORG --prefix PREFIX (repositories named <prefix><login>) or --roster roster.csv instead",
				ErrClassroomUnavailable, id, s, http.StatusText(s))
		}
		return fmt.Errorf("reading Classroom assignment %s: %w", id, err)
	}
	req, err := b.client.NewRequest("GET", "assignments/"+id, nil)
	if err != nil {
		return nil, nil, err
	}
	var a classroomAssignment
	if _, err := b.client.Do(ctx, req, &a); err != nil {
		return nil, nil, gone(err)
	}
	var out []Student
	seen := map[string]bool{}
	pager := githubapi.Pager{What: "the students of Classroom assignment " + id}
	for page := 1; page != 0; {
		req, err := b.client.NewRequest("GET", fmt.Sprintf("assignments/%s/accepted_assignments?per_page=100&page=%d", id, page), nil)
		if err != nil {
			return nil, nil, err
		}
		var accepted []acceptedAssignment
		resp, err := b.client.Do(ctx, req, &accepted)
		if err != nil {
			return nil, nil, gone(err)
		}
		for _, acc := range accepted {
			for _, s := range acc.Students {
				st := Student{Login: s.Login, Repo: acc.Repository.FullName}
				if st.Login == "" || seen[st.key()] {
					continue
				}
				seen[st.key()] = true
				out = append(out, st)
			}
		}
		if len(accepted) == 0 {
			break
		}
		if page, err = pager.Next(resp, len(accepted)); err != nil {
			return nil, nil, err
		}
	}
	return out, &a, nil
}
