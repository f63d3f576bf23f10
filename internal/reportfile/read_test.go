package reportfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tpgrade/tpgrade/grader/document"
)

func TestReadsARegularFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "README.md")
	if err := os.WriteFile(p, []byte("# Intro\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Read(p, 100)
	if err != nil || string(got) != "# Intro\n" {
		t.Fatalf("Read = %q, %v", got, err)
	}
	// Through a symbolic link: the file it points to.
	link := filepath.Join(t.TempDir(), "link.md")
	if err := os.Symlink(p, link); err != nil {
		t.Fatal(err)
	}
	if got, err := Read(link, 100); err != nil || string(got) != "# Intro\n" {
		t.Fatalf("Read(link) = %q, %v", got, err)
	}
	if _, err := Read(filepath.Join(t.TempDir(), "none.md"), 100); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

// A 3 GB sparse file is refused from its size: nothing is read.
func TestRefusesAHugeFileFromItsSize(t *testing.T) {
	p := filepath.Join(t.TempDir(), "README.md")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(3 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = Read(p, document.DefaultMaxBytes)
	var ie *document.InputError
	if !errors.As(err, &ie) || ie.Problem != document.TooLarge || ie.Size != 3<<30 {
		t.Fatalf("3 GB: %v", err)
	}
	if msg, _ := Refusal(err); !strings.Contains(msg.EN, "3072.0 MiB") && !strings.Contains(msg.EN, "GiB") {
		t.Errorf("message %q does not give the size", msg.EN)
	}
}
