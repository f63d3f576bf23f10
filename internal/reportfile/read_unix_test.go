//go:build unix

package reportfile

import (
	"errors"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe, a directory and a device are refused at once: a pipe
// nobody writes to would block a plain read forever.
func TestRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "README.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{fifo: "named pipe (FIFO)", dir: "directory"}
	if runtime.GOOS == "linux" {
		cases["/dev/zero"] = "device"
	}
	for path, want := range cases {
		done := make(chan error, 1)
		go func() { _, err := Read(path, 1<<20); done <- err }()
		select {
		case err := <-done:
			var nr *NotRegularError
			if !errors.As(err, &nr) || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %v, want a refusal naming a %s", path, err, want)
			}
			if msg, ok := Refusal(err); !ok || !strings.Contains(msg.FR, "pas un fichier ordinaire") {
				t.Errorf("%s: Refusal = %v %v", path, msg, ok)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: Read is still blocked after 10 s", path)
		}
	}
}
