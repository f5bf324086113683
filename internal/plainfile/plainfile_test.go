package plainfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestReadFileMatchesOS(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 511, 512, 513, 4096, 1 << 20} {
		name := filepath.Join(dir, "f")
		content := bytes.Repeat([]byte("kiln\n"), size/5+1)[:size]
		if err := os.WriteFile(name, content, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(name)
		if err != nil || !bytes.Equal(got, content) {
			t.Errorf("size %d: ReadFile = %d bytes, %v; want %d bytes", size, len(got), err, size)
		}
	}
}

// Files whose size stat reports as 0, such as those under /proc, are read whole.
func TestReadFileOfUnknownSize(t *testing.T) {
	const name = "/proc/self/status"
	if _, err := os.Stat(name); err != nil {
		t.Skip("no /proc here")
	}
	got, err := ReadFile(name)
	if err != nil || !strings.Contains(string(got), "\nPid:") {
		t.Errorf("ReadFile(%s) = %q, %v", name, got, err)
	}
}

func TestErrorsAreOSErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing")
	_, err := ReadFile(missing)
	var pe *fs.PathError
	if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &pe) || pe.Op != "open" || pe.Path != missing {
		t.Errorf("ReadFile(missing) error = %#v, want an open *fs.PathError for %s that is fs.ErrNotExist", err, missing)
	}
	if _, err := ReadDir(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadDir(missing) error = %v", err)
	}
	if _, err := ReadFile(dir); err == nil {
		t.Error("ReadFile of a directory: no error")
	}
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o644)
	if _, err := ReadDir(file); err == nil {
		t.Error("ReadDir of a file: no error")
	}
}

func TestReadDirMatchesOS(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.go", "a.go", "C.go", "sub"} {
		if n == "sub" {
			os.Mkdir(filepath.Join(dir, n), 0o755)
			continue
		}
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	got, err := ReadDir(dir)
	want, _ := os.ReadDir(dir)
	describe := func(es []fs.DirEntry) (s []string) {
		for _, e := range es {
			s = append(s, e.Name()+":"+e.Type().String())
		}
		return s
	}
	if err != nil || !slices.Equal(describe(got), describe(want)) {
		t.Errorf("ReadDir = %v, %v; os.ReadDir = %v", describe(got), err, describe(want))
	}
}

func TestCreateTempMakesNewPrivateFiles(t *testing.T) {
	dir := t.TempDir()
	seen := map[string]bool{}
	for range 200 {
		f, err := CreateTemp(dir, ".post.go.kiln-")
		if err != nil {
			t.Fatal(err)
		}
		name := f.Name()
		if seen[name] || !strings.HasPrefix(filepath.Base(name), ".post.go.kiln-") || filepath.Dir(name) != dir {
			t.Fatalf("CreateTemp gave %s (seen before: %v)", name, seen[name])
		}
		seen[name] = true
		if _, err := f.WriteString("x"); err != nil {
			t.Fatal(err)
		}
		fi, err := f.Stat()
		if err != nil || fi.Size() != 1 || fi.Mode().Perm()&0o077 != 0 {
			t.Fatalf("temp %s: %v, %v; want 1 byte, private", name, fi, err)
		}
		f.Close()
	}
	if _, err := CreateTemp(filepath.Join(dir, "missing"), "x"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("CreateTemp in a missing directory: %v", err)
	}
}
