package i18n

import "testing"

type both struct{ en, fr string }

func (b both) In(l Lang) string {
	if l == FR {
		return b.fr
	}
	return b.en
}

// M gives each pattern a Localized argument in the pattern's language, and
// leaves the others as they are.
func TestMLocalizesItsArguments(t *testing.T) {
	m := M("%q about %s (%d)", "« %s » sur %s (%d)", both{"the kernel", "le noyau"}, Msg{EN: "`ps`", FR: "`ps` (fr)"}, 3)
	if m.EN != `"the kernel" about `+"`ps`"+` (3)` || m.FR != "« le noyau » sur `ps` (fr) (3)" {
		t.Errorf("M = %+v", m)
	}
	args := []any{"a", 1}
	if got := localize(args, FR); &got[0] != &args[0] {
		t.Error("arguments without a Localized one are copied")
	}
}
