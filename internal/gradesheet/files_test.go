package gradesheet

import "testing"

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"alice":         "alice",
		"=1+2":          "'=1+2",
		"@SUM(A1:A2)":   "'@SUM(A1:A2)",
		"+33612":        "+33612",
		"+33 6 12":      "'+33 6 12",
		"-0.5":          "-0.5",
		"-2+3":          "'-2+3",
		"\tcmd":         "'\tcmd",
		"\r=1":          `'\x0d=1`,
		"x\x1b[2Jy":     `x\x1b[2Jy`,
		"\u202Etxt.exe": "U+202Etxt.exe",
		"":              "",
		"3.14":          "3.14",
		"-":             "'-",
		"a=1":           "a=1",
	} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}
