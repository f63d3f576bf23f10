package checks

import (
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader/rubric"
)

// loadErrors parses a rubric that must not load and returns its errors.
func loadErrors(t *testing.T, src string) string {
	t.Helper()
	_, err := rubric.Parse("r.yaml", []byte(src), Kinds)
	if err == nil {
		t.Fatalf("this rubric loaded:\n%s", src)
	}
	return err.Error()
}

// Issue 8's keys are checked when the rubric loads, each error where it
// is.
func TestNewKeysAreValidatedWithPositions(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"capture without a group", `id: t
criteria:
  - id: a
    kind: relation
    points: 1
    values:
      started: {command: 'docker\s+run.*--name\s+\S+'}
      stopped: {command: 'docker\s+stop\s+(\S+)'}
    expect: ["started == stopped"]
`, `r.yaml:7:26: command: the regular expression needs exactly one group in parentheses`},
		{"capture with two groups", `id: t
criteria:
  - id: a
    kind: fact
    points: 1
    values:
      - command: '(docker|podman)\s+stop\s+(\S+)'
`, `r.yaml:7:18: command: the regular expression needs exactly one group in parentheses, the value to capture, such as 'docker\s+stop\s+(\S+)'; "(docker|podman)\\s+stop\\s+(\\S+)" has 2 (write (?:...) for a group that is not the value)`},
		{"key and command", `id: t
criteria:
  - id: a
    kind: fact
    points: 1
    values:
      - {key: Name, command: 'docker\s+stop\s+(\S+)'}
`, `not both`},
		{"text compared with <", `id: t
criteria:
  - id: a
    kind: relation
    points: 1
    values:
      started: {command: 'docker\s+run.*--name\s+(\S+)'}
      running: {key: Running}
    expect: ["started < running"]
`, `r.yaml:9:14: "started" is text, captured from a command: in "started < running" it can only be compared with == or != to another such value`},
		{"need above the concepts", `id: t
criteria:
  - id: a
    kind: explanation
    points: 1
    subject: conteneur
    need: 3
    concepts:
      - {name: noyau, any: [noyau]}
      - {name: isolation, any: [namespaces]}
`, `r.yaml:7:11: need is 3 but the explanation has 2 concepts`},
		{"a name of punctuation", `id: t
criteria:
  - id: a
    kind: section
    points: 1
    names: [Introduction, "..."]
`, `r.yaml:6:27: the name "..." has no letter or digit: it can never match`},
		{"a wrong answer of punctuation", `id: t
criteria:
  - id: a
    kind: explanation
    points: 1
    subject: conteneur
    concepts:
      - {name: noyau, any: [noyau], wrong: ["-"]}
`, `r.yaml:8:45: the name "-" has no letter or digit`},
		{"a regex that matches anything", `id: t
criteria:
  - id: a
    kind: placeholder
    penalty: 1
    words: [{regex: 'x*'}]
`, `r.yaml:6:21: the regular expression "x*" matches an empty text`},
		{"a misspelt key of a name", `id: t
criteria:
  - id: a
    kind: section
    points: 1
    names: [{regx: 'intro'}]
`, `r.yaml:6:14: unknown key "regx" in a name (did you mean "regex"?)`},
		{"units as a regex", `id: t
criteria:
  - id: a
    kind: fact
    points: 1
    values:
      - {key: Memory, value: {quantity: {units: [{regex: 'gi?b'}]}}}
`, `units are written out`},
		{"output in output_of", `id: t
criteria:
  - id: a
    kind: fact
    points: 1
    values:
      - {key: CPUs, output_of: [{command: docker info, output: [CPUs]}]}
`, `output: does not apply there`},
		{"a misspelt output", `id: t
criteria:
  - id: a
    kind: command
    points: 1
    commands: [{command: docker run hello-world, outptu: [Hello]}]
`, `r.yaml:6:50: unknown key "outptu" in a command (did you mean "output"?)`},
		{"command and regex", `id: t
criteria:
  - id: a
    kind: command
    points: 1
    commands: [{command: docker ps, regex: 'docker\s+ps'}]
`, `not both`},
		{"bonus and points", `id: t
criteria:
  - id: a
    kind: section
    points: 1
    bonus: 1
    names: Intro
`, `r.yaml:6:5: a criterion has points, a penalty or a bonus, only one of them`},
		{"a bonus that takes away", `id: t
criteria:
  - id: a
    kind: placeholder
    bonus: 1
    words: TODO
`, `r.yaml:5:5: kind placeholder can only take points away: write penalty: instead of bonus:`},
		{"a negative bonus", `id: t
criteria:
  - id: b
    kind: section
    points: 1
    names: Intro
  - id: a
    kind: section
    bonus: -1
    names: Intro
`, `r.yaml:9:12: bonus must be 0 or more (got -1)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := loadErrors(t, c.src); !strings.Contains(got, c.want) {
				t.Errorf("errors:\n%s\nwant %q", got, c.want)
			}
		})
	}
}

// total: checks the points alone; a bonus is not part of it.
func TestTotalCountsPointsNotBonuses(t *testing.T) {
	src := `id: t
total: 1
criteria:
  - {id: a, kind: section, points: 1, names: Intro}
  - {id: b, kind: section, bonus: 2, names: Extra}
`
	r, err := rubric.Parse("r.yaml", []byte(src), Kinds)
	if err != nil {
		t.Fatal(err)
	}
	if r.MaxPoints() != rubric.Unit || r.Criteria[1].Bonus != 2*rubric.Unit {
		t.Errorf("max %s bonus %s", r.MaxPoints(), r.Criteria[1].Bonus)
	}
	if got := loadErrors(t, strings.Replace(src, "total: 1", "total: 3", 1)); !strings.Contains(got, "total is 3 but the criteria's points add up to 1") {
		t.Errorf("errors: %s", got)
	}
}

// A wrong answer counts only when the student asserts it: denied, it is a
// right one.
func TestWrongAnswerCountsOnlyWhenAsserted(t *testing.T) {
	src := `id: t
criteria:
  - id: vm
    kind: explanation
    points: 2
    subject: conteneur
    concepts:
      - name: noyau partagé
        any: [noyau de l'hôte]
        wrong: [machine virtuelle, {regex: 'son\s+propre\s+noyau'}]
        hint: Quel noyau ?
      - {name: isolation, any: [namespaces]}
`
	r, err := rubric.Parse("r.yaml", []byte(src), Kinds)
	if err != nil {
		t.Fatal(err)
	}
	e := r.Criteria[0].Check.(*Explanation)
	for _, c := range []struct {
		md     string
		met    int
		wrongs int
	}{
		{"# Le conteneur\n\nUn conteneur n'est pas une machine virtuelle : il utilise le noyau de l'hôte.\n", 1, 0},
		{"# Le conteneur\n\nUn conteneur est une machine virtuelle qui utilise le noyau de l'hôte.\n", 0, 1},
		{"# Le conteneur\n\nLe conteneur démarre son\npropre noyau. Il utilise le noyau de l'hôte et les namespaces l'isolent.\n", 1, 1},
		// The sentence that asserts a wrong answer earns nothing, the
		// right words in it included; the next sentence does.
		{"# Le conteneur\n\nUn conteneur est une machine virtuelle, qui utilise les namespaces.\n", 0, 1},
		{"# Le conteneur\n\nUn conteneur est une machine virtuelle. Il utilise les namespaces.\n", 1, 1},
	} {
		doc := parseMD(t, c.md)
		out := e.Grade(doc, &rubric.Env{})
		met, wrongs := 0, 0
		for _, p := range out.Parts {
			if p.Met {
				met++
			}
		}
		for _, f := range out.Findings {
			if strings.Contains(f.Message.EN, "known wrong answer") {
				wrongs++
				if f.Hint != rubric.Plain("Quel noyau ?") || strings.ContainsAny(f.Message.EN, "\n") {
					t.Errorf("finding %q hint %q", f.Message.EN, f.Hint)
				}
			}
		}
		if met != c.met || wrongs != c.wrongs {
			t.Errorf("%q: %d met, %d wrong answers; want %d, %d: %+v", c.md, met, wrongs, c.met, c.wrongs, out.Findings)
		}
	}
}

// The student's words are data: quoted, they cannot break the message.
func TestStudentWordsAreQuotedSafely(t *testing.T) {
	for in, want := range map[string]string{
		"machine\nvirtuelle":             "machine virtuelle",
		"a\u202egnp.exe\x1b[31m b":       "agnp.exe [31m b",
		"  tab\tand\r\nreturn  ":         "tab and return",
		strings.Repeat("é", 100):         strings.Repeat("é", maxQuoted) + "…",
		"`code` **bold** « guillemets »": "`code` **bold** « guillemets »",
	} {
		if got := studentWords(in); got != want {
			t.Errorf("studentWords(%q) = %q, want %q", in, got, want)
		}
	}
}

// {regex} names match the text as written, case-insensitively; text names
// stay folded.
func TestRegexNamesMatchTheTextAsWritten(t *testing.T) {
	src := `id: t
criteria:
  - id: parts
    kind: section
    points: 1
    names: [{regex: '^partie\s+[0-9]+$'}]
    match: exact
  - id: any
    kind: section
    points: 1
    names: [{regex: 'c[ -]?groups?'}]
`
	r, err := rubric.Parse("r.yaml", []byte(src), Kinds)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		md         string
		parts, any int
	}{
		{"# PARTIE 2\n\ntexte\n\n## Les C-Groups\n\ntexte\n", 2, 2},
		{"# Partie 2 : réseau\n\ntexte\n\n## Les cgroup\n\ntexte\n", 0, 2},
		{"# Partie deux\n\ntexte\n\n## Les groupes\n\ntexte\n", 0, 0},
	} {
		doc := parseMD(t, c.md)
		if got := r.Criteria[0].Check.Grade(doc, &rubric.Env{}).Met; got != c.parts {
			t.Errorf("%q: parts %d, want %d", c.md, got, c.parts)
		}
		if got := r.Criteria[1].Check.Grade(doc, &rubric.Env{}).Met; got != c.any {
			t.Errorf("%q: any %d, want %d", c.md, got, c.any)
		}
	}
}

// An explanation's command may require its output: the command's share is
// whole with it, half without it.
func TestExplanationCommandWithItsOutput(t *testing.T) {
	src := `id: t
criteria:
  - id: status
    kind: explanation
    points: 4
    subject: docker.service
    command: {command: systemctl status docker, output: [{regex: 'active \(running\)', expected: le service actif}]}
    concepts:
      - {name: démon, any: [démon, daemon]}
`
	r, err := rubric.Parse("r.yaml", []byte(src), Kinds)
	if err != nil {
		t.Fatal(err)
	}
	e := r.Criteria[0].Check.(*Explanation)
	prose := "Le service docker.service lance le démon dockerd au démarrage.\n\n"
	for _, c := range []struct {
		md      string
		met, of int
		finding string
	}{
		{"# docker.service\n\n" + prose + "```\n$ systemctl status docker\n● docker.service\n     Active: active (running) since Mon\n```\n", 4, 4, ""},
		{"# docker.service\n\n" + prose + "```\n$ systemctl status docker\n```\n", 3, 4, "the command `systemctl status docker` is shown without its output (\"le service actif\" expected)"},
		{"# docker.service\n\n" + prose, 2, 4, "the command `systemctl status docker` is not shown"},
	} {
		doc := parseMD(t, c.md)
		out := e.Grade(doc, &rubric.Env{})
		met, of := 0, 0
		for _, p := range out.Parts {
			of += p.Shares()
			if p.Met {
				met += p.Shares()
			}
		}
		if met != c.met || of != c.of {
			t.Errorf("%q: %d/%d shares, want %d/%d: %+v", c.md, met, of, c.met, c.of, out.Parts)
		}
		found := c.finding == ""
		for _, f := range out.Findings {
			found = found || strings.Contains(f.Message.EN, c.finding)
		}
		if !found {
			t.Errorf("%q: no finding %q in %+v", c.md, c.finding, out.Findings)
		}
	}
}

// A fact may be captured from a command line and checked by its rule.
func TestFactCapturedFromACommand(t *testing.T) {
	src := `id: t
criteria:
  - id: image
    kind: fact
    points: 1
    values:
      - command: 'docker\s+run\b.*\bnginx:(\S+)'
        label: la version de nginx
        value: {version: ">= 1.25"}
`
	r, err := rubric.Parse("r.yaml", []byte(src), Kinds)
	if err != nil {
		t.Fatal(err)
	}
	for md, want := range map[string]bool{
		"# TP\n\n```\n$ docker run -d -p 8080:80 nginx:1.27\n```\n": true,
		"# TP\n\nJ'ai lancé `docker run --rm nginx:1.21`.\n":        false,
		"# TP\n\n```\nnginx:1.27\n```\n":                            false,
	} {
		doc := parseMD(t, md)
		out := r.Criteria[0].Check.Grade(doc, &rubric.Env{})
		if got := out.Full(); got != want {
			t.Errorf("%q: full %v, want %v: %+v", md, got, want, out.Findings)
		}
	}
}

// An idea stated only in a false sentence is pointed at, not reported
// missing: the student did name it.
func TestIdeaOnlyInAFalseSentence(t *testing.T) {
	src := `id: t
criteria:
  - id: vm
    kind: explanation
    points: 2
    subject: conteneur
    concepts:
      - {name: noyau partagé, any: [noyau de l'hôte], wrong: [machine virtuelle]}
      - {name: isolation, any: [namespaces]}
`
	r, err := rubric.Parse("r.yaml", []byte(src), Kinds)
	if err != nil {
		t.Fatal(err)
	}
	e := r.Criteria[0].Check.(*Explanation)
	md := "# Le conteneur\n\nUn conteneur est une machine virtuelle, qui utilise les namespaces.\n"
	doc := parseMD(t, md)
	out := e.Grade(doc, &rubric.Env{})
	var inFalse, missing int
	for _, f := range out.Findings {
		switch {
		case strings.Contains(f.Message.EN, `states the idea "isolation" only in a sentence that says something known to be false`):
			inFalse++
			if got := md[f.Span.Start:f.Span.End]; got != "namespaces" {
				t.Errorf("the false sentence's idea is pointed at %q", got)
			}
		case strings.Contains(f.Message.EN, "misses an idea: isolation"):
			missing++
		}
	}
	if inFalse != 1 || missing != 0 {
		t.Errorf("%d findings of an idea in a false sentence, %d of it missing; want 1, 0: %+v", inFalse, missing, out.Findings)
	}
}
