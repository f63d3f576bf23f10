package checks

import (
	"testing"

	"github.com/tpgrade/tpgrade/grader/rubric"
)

func TestTable(t *testing.T) {
	storage := []TableRow{
		{Key: names("Storage Driver", "Pilote de stockage"), Value: &ValueRule{OneOf: names("overlay2", "btrfs", "zfs")}},
		{Key: names("Backing Filesystem", "Système de fichiers")},
	}
	tests := []struct {
		name     string
		md       string
		c        Table
		met, of  int
		findings []want
	}{
		{
			name: "bold header row that is really data",
			md: "## Stockage\n\n" +
				"| **Storage Driver** | overlay2 |\n" +
				"|---|---|\n" +
				"| Backing Filesystem | extfs |\n",
			c:   Table{In: names("Storage", "Stockage"), Rows: storage},
			met: 2, of: 2,
		},
		{
			name: "French keys, a header row above",
			md: "## Stockage\n\n" +
				"| Clé | Valeur |\n" +
				"|---|---|\n" +
				"| Pilote de stockage | btrfs |\n" +
				"| Système de fichiers | xfs |\n",
			c:   Table{In: names("Stockage"), Rows: storage},
			met: 2, of: 2,
		},
		{
			name: "keys as column headers, the value under them",
			md: "| Storage Driver | Backing Filesystem |\n" +
				"|---|---|\n" +
				"| zfs | zfs |\n",
			c:   Table{Rows: storage},
			met: 2, of: 2,
		},
		{
			name: "a value that breaks its rule, at the cell",
			md: "## Stockage\n\n" +
				"| Storage Driver | ext4 |\n" +
				"|---|---|\n" +
				"| Backing Filesystem | extfs |\n",
			c:   Table{In: names("Stockage"), Rows: storage},
			met: 1, of: 2,
			findings: []want{{"3:20", rubric.Error, `"Storage Driver" is "ext4" here, expected one of: overlay2, btrfs, zfs`}},
		},
		{
			name: "an empty cell, at the cell; the label names it",
			md: "| Storage Driver | overlay2 |\n" +
				"|---|---|\n" +
				"| Backing Filesystem |  |\n",
			c:   Table{Rows: []TableRow{storage[0], {Key: storage[1].Key, Label: rubric.Plain("système de fichiers")}}},
			met: 1, of: 2,
			findings: []want{{"3:3", rubric.Error, `"système de fichiers" is given without a value`}},
		},
		{
			name: "a row missing, at the section searched",
			md: "# Rapport\n\n## Stockage\n\n" +
				"| Storage Driver | overlay2 |\n" +
				"|---|---|\n",
			c:   Table{In: names("Stockage"), Rows: storage},
			met: 1, of: 2,
			findings: []want{{"3:1", rubric.Error, `no table row "Backing Filesystem": add a row "| Backing Filesystem | value |"`}},
		},
		{
			name: "a row outside the sections searched does not count",
			md:   "## Client\n\n| Storage Driver | overlay2 |\n|---|---|\n\n## Stockage\n\ntext\n",
			c:    Table{In: names("Stockage"), Rows: storage[:1]},
			met:  0, of: 1,
			findings: []want{{"6:1", rubric.Error, `no table row "Storage Driver"`}},
		},
		{
			name: "no such section",
			md:   "## Client\n\n| Storage Driver | overlay2 |\n|---|---|\n",
			c:    Table{In: names("Stockage", "Storage"), Rows: storage},
			met:  0, of: 2,
			findings: []want{{"1:1", rubric.Error, `the report has no section titled "Stockage" or "Storage", where the table is expected`}},
		},
		{
			name: "HTML table with bold cells",
			md: "<table>\n<tr><td><b>Storage Driver</b></td><td>overlay2</td></tr>\n" +
				"<tr><td>Backing Filesystem</td><td>extfs</td></tr>\n</table>\n",
			c:   Table{Rows: storage},
			met: 2, of: 2,
		},
		{
			name: "pipe rows without a delimiter row",
			md:   "Voici :\n\n| Storage Driver | overlay2 |\n| Backing Filesystem | extfs |\n",
			c:    Table{Rows: storage},
			met:  2, of: 2,
		},
		{
			name: "columns present",
			md:   "| **Component** | **Version** |\n|---|---|\n| Docker Engine | 27.3.1 |\n",
			c:    Table{Columns: []rubric.Names{names("Component", "Composant"), names("Version", "Details")}},
			met:  1, of: 1,
		},
		{
			name: "a column missing, at the closest table",
			md:   "# T\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n| Plugin | Version |\n|---|---|\n| buildx | v0.17.1 |\n",
			c:    Table{Columns: []rubric.Names{names("Plugin"), names("Version"), names("Path", "Chemin")}},
			met:  0, of: 1,
			findings: []want{{"7:1", rubric.Error, `this table lacks the column "Path" (expected columns: "Plugin", "Version" and "Path")`}},
		},
		{
			name: "no table has any of the columns",
			md:   "# T\n\n| A | B |\n|---|---|\n| 1 | 2 |\n",
			c:    Table{Columns: []rubric.Names{names("Plugin"), names("Version")}, Rows: []TableRow{{Key: names("A")}}},
			met:  1, of: 2,
			findings: []want{{"1:1", rubric.Error, `no table with the columns "Plugin" and "Version"`}},
		},
		{
			name: "a filled row wins over an empty one",
			md:   "| Storage Driver | |\n|---|---|\n\n| Storage Driver | zfs |\n|---|---|\n",
			c:    Table{Rows: storage[:1]},
			met:  1, of: 1,
		},
		{
			name: "a value that holds its rule wins over an earlier one",
			md:   "| Storage Driver | ext4 |\n|---|---|\n\n| Storage Driver | zfs |\n|---|---|\n",
			c:    Table{Rows: storage[:1]},
			met:  1, of: 1,
		},
		{
			name: "first in document order among equals",
			md:   "| Storage Driver | ext4 |\n|---|---|\n\n| Storage Driver | xfs |\n|---|---|\n",
			c:    Table{Rows: storage[:1]},
			met:  0, of: 1,
			findings: []want{{"1:20", rubric.Error, `"Storage Driver" is "ext4" here`}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.c.Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
			doc := parseMD(t, tt.md)
			out := grade(t, &tt.c, doc)
			expect(t, doc, out, tt.met, tt.of, tt.findings...)
		})
	}
}

func TestTableReference(t *testing.T) {
	doc := reference(t)
	c := &Table{
		In:      names("Server", "Serveur"),
		Columns: []rubric.Names{names("Component"), names("Details")},
		Rows: []TableRow{
			{Key: names("Storage Driver"), Value: &ValueRule{OneOf: names("overlay2", "btrfs")}},
			{Key: names("Cgroup Version"), Value: &ValueRule{OneOf: names("1", "2")}},
			{Key: names("Containers"), Value: &ValueRule{Number: &NumberRange{Min: num(0)}}},
			{Key: names("Total Memory")}, // under "System Information", not "Server Information"
		},
	}
	out := grade(t, c, doc)
	expect(t, doc, out, 4, 5, want{"24:1", rubric.Error, `no table row "Total Memory"`})
}

func TestTableValidate(t *testing.T) {
	bad := []Table{
		{},
		{Rows: []TableRow{{}}},
		{Rows: []TableRow{{Key: names("x"), Value: &ValueRule{Number: &NumberRange{Min: num(2), Max: num(1)}}}}},
	}
	for i, c := range bad {
		if err := c.Validate(); err == nil {
			t.Errorf("table %d was accepted", i)
		}
	}
}
