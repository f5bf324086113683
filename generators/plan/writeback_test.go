package plan

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestStartWriteback(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "f"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("content\n"); err != nil {
		t.Fatal(err)
	}
	if err := startWriteback(f); err != nil {
		t.Errorf("startWriteback: %v", err)
	}
	if err := closeSynced(f); err != nil {
		t.Errorf("fsync after writeback: %v", err)
	}
	if err := startWriteback(f); err == nil && runtime.GOOS == "linux" {
		t.Error("startWriteback on a closed file: no error")
	}
}
