package checks

import (
	"testing"

	"github.com/tpgrade/tpgrade/grader/rubric"
)

// dockerVersion is `docker version` pasted as it came; the server is not the
// client's version.
const dockerVersion = "# Versions\n\n" + // 1
	"```\n" + // 3
	"$ docker version\n" + // 4
	"Client: Docker Engine - Community\n" + // 5
	" Version:           27.3.1\n" + // 6
	" API version:       1.47\n" + // 7
	"\n" +
	"Server: Docker Engine - Community\n" + // 9
	" Engine:\n" + // 10
	"  Version:          26.1.0\n" + // 11
	" containerd:\n" + // 12
	"  Version:          1.7.22\n" + // 13
	"```\n"

// clientServer is the versions criterion of rubrics/docker-tp1.yaml.
func clientServer(constraint string) *Version {
	return &Version{
		Values: rubric.Named[VersionValue]{
			{Name: "client", Value: VersionValue{
				Lookup: Lookup{
					Key:     names("Client Version", "Version du client", "Docker Engine", "Client", "Version"),
					Context: names("client"),
					Label:   rubric.Plain("version du client"),
				},
				Constraint: &VersionRange{Source: constraint},
			}},
			{Name: "server", Value: VersionValue{
				Lookup: Lookup{
					Key:     names("Server Version", "Version du serveur", "Engine Version", "Server", "Version"),
					Context: names("server", "serveur", "engine", "moteur"),
					Label:   rubric.Plain("version du serveur"),
				},
				Constraint: &VersionRange{Source: constraint},
			}},
		},
		Equal: [][]string{{"client", "server"}},
	}
}

func TestVersion(t *testing.T) {
	tests := []kindCase[*Version]{
		{
			name: "client and server disagree in pasted output",
			md:   dockerVersion,
			c:    clientServer(">= 18.0"),
			met:  2, of: 3,
			findings: []want{
				{"6:21", rubric.Error, `"version du client" is "27.3.1" here, which disagrees with "version du serveur (26.1.0, 11:21)": the versions should agree, so each earns at most half`},
				{"11:21", rubric.Error, `"version du serveur" is "26.1.0" here, which disagrees with "version du client (27.3.1, 6:21)"`},
			},
		},
		{
			name: "a constraint broken",
			md:   dockerVersion,
			c:    clientServer("^27"),
			met:  1, of: 3,
			findings: []want{
				{"11:21", rubric.Error, `"version du serveur" is version 26.1.0 here, expected ^27`},
				{"6:21", rubric.Error, `the versions should agree`},
				{"11:21", rubric.Error, `the versions should agree`},
			},
		},
		{
			name: "a transposed table",
			md: "## Versions\n\n" +
				"| Client | Server |\n" +
				"|---|---|\n" +
				"| 27.3 | 27.3.1 |\n",
			c:   clientServer(">= 18.0"),
			met: 2, of: 3,
			findings: []want{
				{"5:3", rubric.Error, `"version du client" is "27.3" here, which disagrees with "version du serveur (27.3.1, 5:10)"`},
				{"5:10", rubric.Error, `"version du serveur" is "27.3.1" here, which disagrees with "version du client (27.3, 5:3)"`},
			},
		},
		{
			name: "French row keys, versions written leniently",
			md: "## Versions\n\n" +
				"| Composant | Version |\n" +
				"|---|---|\n" +
				"| Version du client | Docker version 27.3.1, build ce12230 |\n" +
				"| Version du serveur | v27.3.1 |\n",
			c:   clientServer(">= 18.0"),
			met: 3, of: 3,
		},
		{
			name: "the server missing: its share and the agreement are lost",
			md:   "## Client\n\n- **Client Version**: 27.3.1\n",
			c:    clientServer("any"),
			met:  1, of: 3,
			findings: []want{
				{"3:5", rubric.Error, `"version du serveur" not found about "server", "serveur", "engine" or "moteur"`},
				{"3:23", rubric.Error, `"version du client" and "version du serveur" cannot be compared without a version number for "version du serveur"`},
			},
		},
		{
			name: "not a version",
			md:   "| Component | Version |\n|---|---|\n| init Version | de40ad0 |\n| runc Version | v1.1.14-0-g2c9f560 |\n",
			c: &Version{Values: rubric.Named[VersionValue]{
				{Name: "init", Value: VersionValue{Lookup: Lookup{Key: names("init version")}}},
				{Name: "runc", Value: VersionValue{Lookup: Lookup{Key: names("runc version")}, Constraint: &VersionRange{Source: "~1.1"}}},
			}},
			met: 1, of: 2,
			findings: []want{{"3:18", rubric.Error, `"init version" is "de40ad0" here: that is not a version number`}},
		},
	}
	runKindCases(t, tests)
}

func TestVersionReference(t *testing.T) {
	doc := reference(t)
	out := grade(t, clientServer(">= 18.0"), doc)
	expect(t, doc, out, 3, 3)

	plugins := &Version{Values: rubric.Named[VersionValue]{
		{Name: "buildx", Value: VersionValue{Lookup: Lookup{Key: names("Docker Buildx", "buildx", "Version"), Context: names("buildx")}, Constraint: &VersionRange{Source: "< 0.17"}}},
		{Name: "compose", Value: VersionValue{Lookup: Lookup{Key: names("Docker Compose", "compose", "Version"), Context: names("compose")}, Constraint: &VersionRange{Source: "^2"}}},
	}}
	out = grade(t, plugins, doc)
	expect(t, doc, out, 1, 2, want{"21:24", rubric.Error, `"Docker Buildx" is version 0.17.1 here, expected < 0.17`})
}

func TestVersionValidate(t *testing.T) {
	value := VersionValue{Lookup: Lookup{Key: names("Version")}}
	bad := []*Version{
		{},
		{Values: rubric.Named[VersionValue]{{Name: "a", Value: VersionValue{}}}},
		{Values: rubric.Named[VersionValue]{{Name: "a", Value: VersionValue{Lookup: value.Lookup, Constraint: &VersionRange{Source: ">= banana"}}}}},
		{Values: rubric.Named[VersionValue]{{Name: "a", Value: value}}, Equal: [][]string{{"a"}}},
		{Values: rubric.Named[VersionValue]{{Name: "a", Value: value}}, Equal: [][]string{{"a", "b"}}},
	}
	for i, c := range bad {
		if err := c.Validate(); err == nil {
			t.Errorf("version %d was accepted", i)
		}
	}
}
