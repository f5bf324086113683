//go:build linux

// Command folios reports how much of each file's page cache sits in large
// folios, which decides how fast an executable starts on the team's VM (see
// abtime's doc and docs/benchmarks.md): it maps the file, touches every page,
// and looks each one up in /proc/self/pagemap and /proc/kpageflags. Linux
// only; needs root (pagemap hides frame numbers from other users). Pages not
// in the page cache yet are read in by the touch, so for a file not cached
// the answer describes how this read brought it in.
//
//	go run ./cmd/folios ../bin/kiln /tmp/hello
package main

import (
	"encoding/binary"
	"fmt"
	"os"
	"syscall"
	"unsafe"
)

const (
	pagemapPresent = 1 << 63
	pfnMask        = 1<<55 - 1
	compoundHead   = 1 << 15 // KPF_COMPOUND_HEAD
	compoundTail   = 1 << 16 // KPF_COMPOUND_TAIL
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: folios file…")
		os.Exit(2)
	}
	for _, path := range os.Args[1:] {
		pages, large, err := count(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "folios: %s: %v\n", path, err)
			os.Exit(1)
		}
		fmt.Printf("%s: %d pages, %d in large folios (%.0f%%)\n", path, pages, large, 100*float64(large)/float64(max(pages, 1)))
	}
}

// count maps path and returns its number of pages and how many of them are
// part of a large folio.
func count(path string) (pages, large int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.Size() == 0 {
		return 0, 0, err
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return 0, 0, err
	}
	defer syscall.Munmap(data)
	pagemap, err := os.Open("/proc/self/pagemap")
	if err != nil {
		return 0, 0, err
	}
	defer pagemap.Close()
	flags, err := os.Open("/proc/kpageflags")
	if err != nil {
		return 0, 0, err
	}
	defer flags.Close()
	size := os.Getpagesize()
	base := uintptr(unsafe.Pointer(&data[0])) / uintptr(size)
	var touched byte
	for i := 0; i < len(data); i += size {
		touched += data[i] // fault the page in
		entry, err := readWord(pagemap, int64(base+uintptr(i/size))*8)
		if err != nil {
			return 0, 0, err
		}
		pages++
		if entry&pagemapPresent == 0 {
			continue
		}
		kf, err := readWord(flags, int64(entry&pfnMask)*8)
		if err != nil {
			return 0, 0, err
		}
		if kf&(compoundHead|compoundTail) != 0 {
			large++
		}
	}
	sink = touched
	return pages, large, nil
}

// sink keeps the page reads from being optimised away.
var sink byte

func readWord(f *os.File, off int64) (uint64, error) {
	var b [8]byte
	if _, err := f.ReadAt(b[:], off); err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint64(b[:]), nil
}
