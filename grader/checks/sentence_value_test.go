package checks

import (
	"testing"

	"github.com/tpgrade/tpgrade/grader/rubric"
)

// A report that gives its values in sentences, as some students do.
const proseReport = `# TP Docker

## Versions

La version du client est la 27.3.1 (API 1.47), et le serveur est lui aussi en
version 26.1.4. Il y a deux plugins : buildx en version v0.17.1.

Le démon a 2 conteneurs au total, dont 1 en cours d'exécution, 0 en pause et 1
arrêté, et il y a 3 images.

La machine a 2 CPUs et 3.8 GiB de mémoire totale. Le storage driver est overlay2.

Le serveur n'a pas de version de cgroup indiquée.
`

func TestLookupReadsValuesFromSentences(t *testing.T) {
	doc := parseMD(t, proseReport)
	number := func(s string) bool { _, ok := parseNumber(s); return ok }
	memory := &ValueRule{Quantity: &Quantity{Units: names("GiB", "Go")}}
	driver := &ValueRule{OneOf: names("overlay2", "btrfs")}
	tests := []struct {
		name   string
		l      Lookup
		usable func(string) bool
		at     string
		value  string
	}{
		{"key then value", Lookup{Key: names("Version du client")}, isVersion, "5:29", "27.3.1"},
		{"context checked in the clause", Lookup{Key: names("Version"), Context: names("serveur")}, isVersion, "6:9", "26.1.4"},
		{"plugin version", Lookup{Key: names("buildx")}, isVersion, "6:57", "v0.17.1"},
		{"number before the key", Lookup{Key: names("Conteneurs")}, number, "8:12", "2"},
		{"not across a clause", Lookup{Key: names("En pause")}, number, "8:64", "0"},
		{"singular key", Lookup{Key: names("arrêté")}, number, "8:78", "1"},
		{"quantity before the key", Lookup{Key: names("Mémoire totale")}, func(s string) bool { ok, _ := memory.check("m", s); return ok }, "11:24", "3.8 GiB"},
		{"one of a list", Lookup{Key: names("Storage Driver")}, func(s string) bool { ok, _ := driver.check("d", s); return ok }, "11:73", "overlay2"},
		{"a sentence without the value", Lookup{Key: names("version de cgroup")}, number, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expectFound(t, doc, tt.l, tt.usable, true, tt.at, tt.value)
		})
	}
}

func TestLookupIgnoresSentencesWithoutARule(t *testing.T) {
	doc := parseMD(t, proseReport)
	l := Lookup{Key: names("Storage Driver")}
	if f, _ := l.find(doc, nil, func(s string) bool { return s != "" }, false); f != nil {
		t.Fatalf("found %q in a sentence with no rule to tell the value from other words", f.Value)
	}
}

func TestLookupSkipsQuestions(t *testing.T) {
	doc := parseMD(t, "# TP\n\n- Quelles options de sécurité sont actives ?\n- Options de sécurité : apparmor et seccomp sont actives.\n")
	rule := &ValueRule{Regex: rubric.MustPattern(`activ`)}
	usable := func(s string) bool { ok, _ := rule.check("x", s); return ok }
	// The answer line is a "Key : value" line; the question above it, which
	// the prose reader would otherwise take, gives nothing.
	expectFound(t, doc, Lookup{Key: names("Options de sécurité")}, usable, true, "4:25", "apparmor et seccomp sont actives.")
	onlyQuestion := parseMD(t, "# TP\n\n- Quelles options de sécurité sont actives ?\n")
	expectFound(t, onlyQuestion, Lookup{Key: names("Options de sécurité")}, usable, true, "", "")
}

// A word a clause denies is not the value: "Pas d'apparmor dans les
// Security Options" names no security option, "ne l'active pas" activates
// nothing, "without apparmor" gives none; a number in a denial still counts.
func TestLookupSkipsDeniedValues(t *testing.T) {
	rule := &ValueRule{Regex: rubric.MustPattern(`apparmor|selinux|activ`)}
	usable := func(s string) bool { ok, _ := rule.check("x", s); return ok }
	l := Lookup{Key: names("Security Options", "selinux")}
	for _, text := range []string{
		"Pas d'apparmor dans les Security Options, normal Fedora utilise SELinux, et docker ne l'active pas.",
		"The daemon runs without apparmor in its Security Options.",
	} {
		expectFound(t, parseMD(t, "# TP\n\n"+text+"\n"), l, usable, true, "", "")
	}
	expectFound(t, parseMD(t, "# TP\n\nLes Security Options sont apparmor et seccomp, pas selinux.\n"), l, usable, true, "3:27", "apparmor")
	number := func(s string) bool { _, ok := parseNumber(s); return ok }
	expectFound(t, parseMD(t, "# TP\n\nAucun conteneur en pause : 0 en pause.\n"), Lookup{Key: names("En pause")}, number, true, "3:28", "0")
}

// A sentence that has just named a key's head noun names the key with a
// pronoun: "celui par défaut", "celle du serveur", "the default one".
func TestLookupReadsElidedKeys(t *testing.T) {
	runtime := &ValueRule{OneOf: names("runc", "crun")}
	isRuntime := func(s string) bool { ok, _ := runtime.check("r", s); return ok }
	for _, tt := range []struct {
		md     string
		l      Lookup
		usable func(string) bool
		value  string
	}{
		{"# TP\n\nLes runtimes disponibles sont io.containerd.runc.v2 et runc, celui par défaut est runc.\n",
			Lookup{Key: names("Default Runtime", "Runtime par défaut")}, isRuntime, "runc"},
		{"# TP\n\nThe runtimes are io.containerd.runc.v2 and crun, and the default one is crun.\n",
			Lookup{Key: names("Default Runtime", "Runtime par défaut")}, isRuntime, "crun"},
		{"# TP\n\nLa version du client est 27.3.1 et celle du serveur est 26.1.4.\n",
			Lookup{Key: names("Version du serveur")}, isVersion, "26.1.4"},
		// The head noun must come first, in the same sentence.
		{"# TP\n\nCelui par défaut est runc. Les runtimes sont runc et crun.\n",
			Lookup{Key: names("Runtime par défaut")}, isRuntime, ""},
		{"# TP\n\nLe client est en 27.3.1, celle du serveur est 26.1.4.\n",
			Lookup{Key: names("Version du serveur")}, isVersion, ""},
	} {
		doc := parseMD(t, tt.md)
		f, _ := tt.l.find(doc, nil, tt.usable, true)
		switch {
		case tt.value == "" && f != nil:
			t.Errorf("%q: found %q, want nothing", tt.md, f.Value)
		case tt.value != "" && (f == nil || f.Value != tt.value):
			t.Errorf("%q: found %+v, want %q", tt.md, f, tt.value)
		}
	}
}

// A sentence that lists a criterion's values may give one without its
// key: it is recognised by its form, as a teacher recognises it.
func TestFactReadsAValueListedWithoutItsKey(t *testing.T) {
	system := func() *Fact {
		return &Fact{Values: []FactValue{
			{Lookup: Lookup{Key: names("Kernel Version", "Noyau")}, Value: &ValueRule{Regex: rubric.MustPattern(`^\d+\.\d+`)}},
			{Lookup: Lookup{Key: names("Operating System", "OS")}, Value: &ValueRule{Regex: rubric.MustPattern(`^(ubuntu|debian)`)}},
			{Lookup: Lookup{Key: names("Architecture")}, Value: &ValueRule{OneOf: names("x86_64", "aarch64")}},
			{Lookup: Lookup{Key: names("CPUs")}, Value: &ValueRule{Number: &NumberRange{}}},
		}}
	}
	for _, c := range []struct {
		md string
		os string // the value found for the OS, "" when none
	}{
		{"# TP\n\nLa machine : noyau 6.8.0-45-generic, Ubuntu 24.04.1 LTS, architecture x86_64 et 2 CPUs.\n", "Ubuntu 24.04.1 LTS"},
		// One value of the criterion is not a list of its values.
		{"# TP\n\nJ'ai un noyau 6.8.0-45-generic. Ubuntu 24.04.1 LTS est installé, c'est bien.\n", ""},
		// An item that names another key is that key's.
		{"# TP\n\nNoyau 6.8.0-45-generic, architecture x86_64, 2 CPUs, Debian 12 architecture.\n", ""},
	} {
		doc := parseMD(t, c.md)
		out := system().Grade(doc, &rubric.Env{})
		got := ""
		for _, p := range out.Parts {
			if p.Label == "Operating System" && p.Met {
				got = c.md[p.Span.Start:p.Span.End]
			}
		}
		if got != c.os {
			t.Errorf("%q: OS %q, want %q (%+v)", c.md, got, c.os, out.Findings)
		}
	}
}

// A table cell may hold its value with a remark in parentheses, and the
// remark may give other values: "4 (1 running, 0 paused, 3 stopped)".
func TestLookupReadsValuesInACellsRemark(t *testing.T) {
	md := "# TP\n\n| What | docker info says |\n|---|---|\n| Containers | 4 (1 running, 0 paused, 3 stopped) |\n| Images | 3 |\n\n" +
		"The 3 stopped containers are my hello-world tries.\n"
	doc := parseMD(t, md)
	number := func(s string) bool { _, ok := parseNumber(s); return ok }
	for key, want := range map[string]string{"Containers": "4", "Running": "1", "Paused": "0", "Stopped": "3", "Images": "3"} {
		l := Lookup{Key: names(key)}
		f, _ := l.find(doc, nil, number, true)
		if f == nil || f.Value != want {
			t.Errorf("%s: found %+v, want %q", key, f, want)
			continue
		}
		if got := string(doc.Text[f.Span.Start:f.Span.End]); got != want {
			t.Errorf("%s: points at %q, want %q", key, got, want)
		}
	}
}
