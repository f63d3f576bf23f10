package checks

import (
	"testing"

	"github.com/tpgrade/tpgrade/grader/rubric"
)

// rawInfo is `docker info` pasted as it came, under a heading.
const rawInfo = "# Informations\n\n" + // 1
	"```console\n" + // 3
	"$ docker info\n" + // 4
	"Server:\n" + // 5
	" Containers: 1\n" + // 6
	"  Running: 0\n" + // 7
	"  Paused: 0\n" + // 8
	"  Stopped: 1\n" + // 9
	" Images: 1\n" + // 10
	" Storage Driver: overlay2\n" + // 11
	" Cgroup Driver: systemd\n" + // 12
	" Cgroup Version: 2\n" + // 13
	" Total Memory: 1.918GiB\n" + // 14
	"```\n"

func cgroupFacts(fromOutput *float64) *Fact {
	return &Fact{
		OutputShare: OutputShare{FromOutput: fromOutput},
		Values: []FactValue{
			{Lookup: Lookup{Key: names("Cgroup Driver", "Pilote cgroup")}, Value: &ValueRule{OneOf: names("systemd", "cgroupfs")}},
			{Lookup: Lookup{Key: names("Cgroup Version", "Version cgroup")}, Value: &ValueRule{OneOf: names("1", "2")}},
		},
	}
}

func TestFact(t *testing.T) {
	tests := []kindCase[*Fact]{
		{
			name: "raw output earns full credit by default",
			md:   rawInfo,
			c:    cgroupFacts(nil),
			met:  200, of: 200,
		},
		{
			name: "raw output earns its from_output share, with one warning at the first value",
			md:   rawInfo,
			c:    cgroupFacts(num(0.5)),
			met:  100, of: 200,
			findings: []want{
				{"12:17", rubric.Warning, `"Cgroup Driver" and "Cgroup Version" are only in pasted command output: write them in a table or in sentences for full credit`},
			},
		},
		{
			name: "from_output 0 earns nothing: an error",
			md:   rawInfo,
			c:    cgroupFacts(num(0)),
			met:  0, of: 200,
			findings: []want{
				{"12:17", rubric.Error, `"Cgroup Driver" and "Cgroup Version" are only in pasted command output`},
			},
		},
		{
			name: "one value only in the output",
			md:   "- Cgroup Driver: systemd\n\n```\nCgroup Version: 2\n```\n",
			c:    cgroupFacts(num(0.75)),
			met:  175, of: 200,
			findings: []want{
				{"4:17", rubric.Warning, `"Cgroup Version" is only in pasted command output: write it in a table or a sentence for full credit`},
			},
		},
		{
			name: "a table next to the output earns full credit",
			md:   rawInfo + "\n| Clé | Valeur |\n|---|---|\n| Cgroup Driver | systemd |\n| Cgroup Version | 2 |\n",
			c:    cgroupFacts(num(0.25)),
			met:  200, of: 200,
		},
		{
			name: "French keys in a list, bold and with a space before the colon",
			md:   "# Cgroups\n\n- **Pilote cgroup** : cgroupfs\n- Version cgroup : 1\n",
			c:    cgroupFacts(num(0.5)),
			met:  200, of: 200,
		},
		{
			name: "a value that breaks its rule, at the value",
			md:   "| Cgroup Driver | json-file |\n|---|---|\n| Cgroup Version | 3 |\n",
			c:    cgroupFacts(nil),
			met:  0, of: 200,
			findings: []want{
				{"1:19", rubric.Error, `"Cgroup Driver" is "json-file" here, expected one of: systemd, cgroupfs`},
				{"3:20", rubric.Error, `"Cgroup Version" is "3" here, expected one of: 1, 2`},
			},
		},
		{
			name: "a missing value, at the table holding the others",
			md:   "# Rapport\n\n| Cgroup Driver | systemd |\n|---|---|\n",
			c:    cgroupFacts(nil),
			met:  100, of: 200,
			findings: []want{{"3:1", rubric.Error, `"Cgroup Version" not found: give it in a table row or a line "Cgroup Version: value"`}},
		},
		{
			name: "quantity with its unit in the output, counts in the output",
			md:   rawInfo,
			c: &Fact{OutputShare: OutputShare{FromOutput: num(0.75)}, Values: []FactValue{
				{Lookup: Lookup{Key: names("Total Memory", "Mémoire totale"), Label: rubric.Plain("mémoire totale")},
					Value: &ValueRule{Quantity: &Quantity{Units: names("GiB", "Go"), Min: num(0.1)}}},
				{Lookup: Lookup{Key: names("Running"), Context: names("containers")}, Value: &ValueRule{Number: &NumberRange{Min: num(0)}}},
			}},
			met: 150, of: 200,
			findings: []want{
				{"14:16", rubric.Warning, `"mémoire totale" and "Running" are only in pasted command output`},
			},
		},
		{
			name: "a value in another section than asked is not found",
			md:   "## Client\n\n- Cgroup Driver: systemd\n\n## Serveur\n\n- Cgroup Version: 2\n",
			c: &Fact{Values: []FactValue{
				{Lookup: Lookup{Key: names("Cgroup Driver"), In: names("Serveur")}},
				{Lookup: Lookup{Key: names("Cgroup Version"), In: names("Serveur")}},
			}},
			met: 100, of: 200,
			findings: []want{{"5:1", rubric.Error, `"Cgroup Driver" not found`}},
		},
	}
	runKindCases(t, tests)
}

func TestFactReference(t *testing.T) {
	// The counts and drivers of the real report, as rubrics/docker-tp1.yaml
	// asks for them: all in tables, all right.
	doc := reference(t)
	c := &Fact{OutputShare: OutputShare{FromOutput: num(0.75)}, Values: []FactValue{
		{Lookup: Lookup{Key: names("Containers", "Conteneurs")}, Value: &ValueRule{Number: &NumberRange{Min: num(0)}}},
		{Lookup: Lookup{Key: names("Running", "En cours d'exécution")}, Value: &ValueRule{Number: &NumberRange{Min: num(0)}}},
		{Lookup: Lookup{Key: names("Storage Driver", "Pilote de stockage")}, Value: &ValueRule{OneOf: names("overlay2", "btrfs")}},
		{Lookup: Lookup{Key: names("Runtimes", "Runtime")}, Value: &ValueRule{Contains: names("runc")}},
		{Lookup: Lookup{Key: names("runc version")}, Value: &ValueRule{Regex: rubric.MustPattern(`^(v?\d+\.\d+(\.\d+)?\S*|[0-9a-f]{7,40})\b`)}},
		{Lookup: Lookup{Key: names("Total Memory")}, Value: &ValueRule{Quantity: &Quantity{Units: names("GiB", "GB", "MiB"), Min: num(0.1)}}},
		{Lookup: Lookup{Key: names("Kernel Version")}, Value: &ValueRule{Regex: rubric.MustPattern(`^\d+\.\d+`)}},
		{Lookup: Lookup{Key: names("Swap Limit")}},
	}}
	out := grade(t, c, doc)
	expect(t, doc, out, 700, 800, want{"25:1", rubric.Error, `"Swap Limit" not found`})
}

func TestFactValidate(t *testing.T) {
	bad := []*Fact{
		{},
		{Values: []FactValue{{}}},
		{Values: []FactValue{{Lookup: Lookup{Key: names("x")}}}, OutputShare: OutputShare{FromOutput: num(1.5)}},
		{Values: []FactValue{{Lookup: Lookup{Key: names("x")}}}, OutputShare: OutputShare{FromOutput: num(-0.1)}},
		{Values: []FactValue{{Lookup: Lookup{Key: names("x")}, Value: &ValueRule{Quantity: &Quantity{}}}}},
	}
	for i, c := range bad {
		if err := c.Validate(); err == nil {
			t.Errorf("fact %d was accepted", i)
		}
	}
}
