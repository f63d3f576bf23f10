package checks

import (
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader/rubric"
)

// containerCounts is the counts-consistent criterion of rubrics/docker-tp1.yaml.
func containerCounts(expect ...string) *Relation {
	c := &Relation{Values: rubric.Named[Lookup]{
		{Name: "containers", Value: Lookup{Key: names("Containers", "Conteneurs")}},
		{Name: "running", Value: Lookup{Key: names("Running", "En cours d'exécution")}},
		{Name: "paused", Value: Lookup{Key: names("Paused", "En pause")}},
		{Name: "stopped", Value: Lookup{Key: names("Stopped", "Arrêtés")}},
	}}
	for _, e := range expect {
		c.Expect = append(c.Expect, Expression{Source: e})
	}
	return c
}

const sum = "containers == running + paused + stopped"

func countsTable(containers, running, paused, stopped string) string {
	return "## Serveur\n\n| Clé | Valeur |\n|---|---|\n" + // 1-4
		"| Containers | " + containers + " |\n" + // 5
		"| Running | " + running + " |\n" + // 6
		"| Paused | " + paused + " |\n" + // 7
		"| Stopped | " + stopped + " |\n" // 8
}

func TestRelation(t *testing.T) {
	tests := []kindCase[*Relation]{
		{"figures that add up", countsTable("2", "1", "0", "1"), containerCounts(sum), 1, 1, nil},
		{
			name: "invented figures",
			md:   countsTable("5", "1", "0", "1"),
			c:    containerCounts(sum),
			met:  0, of: 1,
			findings: []want{{"5:16", rubric.Error,
				`these figures do not add up: "containers == running + paused + stopped" should hold, but Containers = 5 (5:16), Running = 1 (6:13), Paused = 0 (7:12), Stopped = 1 (8:13); each earns at most half`}},
		},
		{
			name: "each expression is one share",
			md:   countsTable("5", "1", "0", "1"),
			c:    containerCounts(sum, "running <= containers", "paused >= 0 and stopped >= 0"),
			met:  2, of: 3,
			findings: []want{{"5:16", rubric.Error, "these figures do not add up"}},
		},
		{
			name: "decimal commas, and sums exact to the eye",
			md:   countsTable("0,3", "0,1", "0", "0.2"),
			c:    containerCounts(sum),
			met:  1, of: 1,
		},
		{
			name: "a value that is no number fails the expressions using it",
			md:   countsTable("2 GiB", "1", "0", "1"),
			c:    containerCounts(sum, "running >= 0"),
			met:  1, of: 2,
			findings: []want{{"5:16", rubric.Error, `"Containers" is "2 GiB" here: a number is expected`}},
		},
		{
			name: "a missing value",
			md:   "## Serveur\n\n- Containers: 1\n- Running: 0\n- Stopped: 1\n",
			c:    containerCounts(sum),
			met:  0, of: 1,
			findings: []want{{"3:3", rubric.Error, `"Paused" not found`}}, // where Containers was found
		},
		{
			name: "raw docker info output, nested keys",
			md:   rawInfo,
			c:    containerCounts(sum),
			met:  1, of: 1,
		},
		{
			name: "a transposed table",
			md:   "| Containers | Running | Paused | Stopped |\n|---|---|---|---|\n| 3 | 1 | 1 | 0 |\n",
			c:    containerCounts(sum),
			met:  0, of: 1,
			findings: []want{{"3:3", rubric.Error, "Containers = 3 (3:3), Running = 1 (3:7), Paused = 1 (3:11), Stopped = 0 (3:15)"}},
		},
	}
	runKindCases(t, tests)
}

func TestRelationReference(t *testing.T) {
	doc := reference(t)
	out := grade(t, containerCounts(sum, "containers >= 1"), doc)
	expect(t, doc, out, 2, 2)
}

func TestRelationNotValidated(t *testing.T) {
	// Built in Go and never validated: the expression is compiled on the fly,
	// and a bad one is reported, not a panic.
	doc := parseMD(t, countsTable("2", "1", "0", "1"))
	out := grade(t, containerCounts(sum), doc)
	expect(t, doc, out, 1, 1)
	out = grade(t, containerCounts("containers == total"), doc)
	expect(t, doc, out, 0, 1, want{"1:1", rubric.Error, `the rubric's expression cannot be checked: unknown name "total"`})
}

func TestRelationValidate(t *testing.T) {
	tests := []struct {
		c   *Relation
		err string
	}{
		{&Relation{}, "relation needs values"},
		{containerCounts(), "relation needs expect"},
		{containerCounts("containers == running + paused + stoped"), `unknown name "stoped" in "containers == running + paused + stoped": the values are containers, running, paused, stopped`},
		{containerCounts("containers == (running + paused"), `bad expression "containers == (running + paused"`},
		{containerCounts("containers + running"), `bad expression "containers + running": expected bool`},
		{containerCounts("len(containers) > 0"), `bad expression "len(containers) > 0": unknown name len`},
		{&Relation{Values: rubric.Named[Lookup]{{Name: "en-cours", Value: Lookup{Key: names("Running")}}}, Expect: []Expression{{Source: "true"}}},
			`"en-cours" cannot be used in an expression`},
		{&Relation{Values: rubric.Named[Lookup]{{Name: "and", Value: Lookup{Key: names("Running")}}}, Expect: []Expression{{Source: "true"}}},
			`"and" cannot be used in an expression`},
		{&Relation{Values: rubric.Named[Lookup]{{Name: "x", Value: Lookup{}}}, Expect: []Expression{{Source: "x > 0"}}},
			"x: a value needs a key"},
	}
	for _, tt := range tests {
		err := tt.c.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("Validate() = %v, want an error containing %q", err, tt.err)
		}
	}
}

// TestDataKindsLoad loads the data kinds through the rubric loader: keys
// decode into the structs, and bad values are errors at their place.
func TestDataKindsLoad(t *testing.T) {
	const good = `id: t
title: T
criteria:
  - id: sections
    kind: section
    points: 1
    names: [Docker service, Service Docker]
    match: exact
    min_words: 20
  - id: storage
    kind: table
    points: 1
    in: [Stockage]
    columns: [[Clé, Key], Valeur]
    rows:
      - key: [Storage Driver, Pilote de stockage]
        value: {one_of: [overlay2, btrfs]}
        label: pilote
  - id: cgroup
    kind: fact
    points: 1
    from_output: 0.5
    values:
      - key: Cgroup Version
        context: [server]
        in: [Serveur]
        value: {one_of: ["1", "2"], regex: '^\d$'}
      - key: Total Memory
        value: {quantity: {units: [GiB, Go], min: 0.5}}
  - id: versions
    kind: version
    points: 2
    values:
      client: {key: [Client Version, Version], context: [client], constraint: ">= 20.10"}
      server: {key: [Server Version, Version], context: [server]}
    equal: [[client, server]]
  - id: counts
    kind: relation
    points: 1
    values:
      containers: {key: Containers}
      running: {key: Running}
    expect: ["containers >= running"]
`
	r, err := rubric.Parse("good.yaml", []byte(good), Kinds)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if v, ok := r.Criteria[3].Check.(*Version); !ok || len(v.Values) != 2 || v.Values[0].Name != "client" ||
		v.Values[0].Value.Constraint.String() != ">= 20.10" || v.Values[1].Value.Context[0].Text != "server" {
		t.Errorf("version decoded as %+v", r.Criteria[3].Check)
	}
	if f, ok := r.Criteria[2].Check.(*Fact); !ok || *f.FromOutput != 0.5 || f.Values[0].Value.Regex.String() != `^\d$` ||
		f.Values[1].Value.Quantity.Units[1].Text != "Go" {
		t.Errorf("fact decoded as %+v", r.Criteria[2].Check)
	}
	rel := r.Criteria[4].Check.(*Relation)
	doc := parseMD(t, "- Containers: 1\n- Running: 2\n")
	if out := credited(rel, rel.Grade(doc, &rubric.Env{})); out.Met != 0 || out.Of != 1 {
		t.Errorf("relation graded %d/%d, want 0/1", out.Met, out.Of)
	}

	const bad = `id: t
title: T
criteria:
  - id: s
    kind: section
    points: 1
    names: x
    match: starts
  - id: f
    kind: fact
    points: 1
    values:
      - key: x
        value: {number: {min: 3, max: 1}}
  - id: f2
    kind: fact
    points: 1
    from_output: 2
    values: [{key: x}]
  - id: v
    kind: version
    points: 1
    values:
      a: {key: x, constraint: ">= banana"}
  - id: r
    kind: relation
    points: 1
    values:
      containers: {key: Containers}
    expect: ["containers == runing", "containers > 1"]
  - id: r2
    kind: relation
    points: 1
    values:
      containers: {key: Containers}
    expect: ["containers >"]
`
	_, err = rubric.Parse("bad.yaml", []byte(bad), Kinds)
	if err == nil {
		t.Fatal("a bad rubric loaded")
	}
	got := err.Error()
	for _, w := range []string{
		`bad.yaml:8:12: match must be one of contains, exact (got "starts"`,
		`bad.yaml:14:25: min 3 is above max 1`,
		`bad.yaml:18:18: from_output must be between 0 and 1 (got 2)`,
		`bad.yaml:24:31: bad version range ">= banana"`,
		`bad.yaml:30:14: unknown name "runing" in "containers == runing": the values are containers`,
		`bad.yaml:36:14: bad expression "containers >"`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("errors lack %q:\n%s", w, got)
		}
	}
}

// TestDataKindsSchema checks that the JSON Schema describes the data kinds'
// keys, with their descriptions.
func TestDataKindsSchema(t *testing.T) {
	out, err := rubric.Schema(Kinds)
	if err != nil {
		t.Fatalf("Schema: %v", err)
	}
	s := string(out)
	for _, w := range []string{`"from_output"`, `"constraint"`, `"expect"`, `"min_words"`, `"one_of"`, `"quantity"`,
		`an expression over the values' names`, `"contains",`} {
		if !strings.Contains(s, w) {
			t.Errorf("schema lacks %s", w)
		}
	}
}
