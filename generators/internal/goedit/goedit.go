// Package goedit edits Go source as text, at places found in its syntax tree.
//
// kiln's editors of files the user owns (routes/api.go, database_seeder.go)
// add a line or two to them. Inserting the new text into the original bytes
// keeps everything else exactly as the user wrote it — comments, blank lines,
// layout — which printing an edited go/ast tree cannot promise (go/printer
// places comments by position, so an inserted node pulls neighbouring
// comments into it). The editors run gofmt on the result, as go/printer
// would have.
//
// It needs only go/parser. dave/dst, which the editors used before, keeps
// comments by decorating a copy of the whole tree; it links go/types and
// golang.org/x/tools/go/packages into kiln, whose package initialisers alone
// cost every kiln invocation 1–2 ms, and decorating a file allocates several
// times what parsing it does.
package goedit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
)

// File is a parsed Go file and the source it was parsed from.
type File struct {
	*ast.File
	Src []byte
	tf  *token.File // positions in Src
}

// Parse parses src, with its comments; name is used in errors.
func Parse(name string, src []byte) (*File, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	return &File{File: f, Src: src, tf: fset.File(f.Package)}, nil
}

// Offset is p's byte offset in Src.
func (f *File) Offset(p token.Pos) int { return f.tf.Offset(p) }

// Line is p's line number.
func (f *File) Line(p token.Pos) int { return f.tf.Line(p) }

// LineStart is the start of p's line.
func (f *File) LineStart(p token.Pos) token.Pos { return f.tf.LineStart(f.Line(p)) }

// Comments are the comments between from and to (token.NoPos: the end of
// the file), in order.
func (f *File) Comments(from, to token.Pos) []*ast.Comment {
	var cs []*ast.Comment
	for _, g := range f.File.Comments {
		for _, c := range g.List {
			if c.Pos() >= from && (to == token.NoPos || c.End() <= to) {
				cs = append(cs, c)
			}
		}
	}
	return cs
}

// LineEnd is the position just after the syntax ending at end and any
// comments that follow it on the same line before limit (the position of the
// next syntax, such as a closing brace, or token.NoPos): the place for a new line after it
// that does not take its trailing comment away.
func (f *File) LineEnd(end, limit token.Pos) token.Pos {
	line := f.Line(end)
	for _, c := range f.Comments(end, limit) {
		if f.Line(c.Pos()) == line {
			end = c.End()
		}
	}
	return end
}

// AfterComma is the position after the comma that follows p, when only
// spaces separate them, or else p: the end of a list entry, with its comma.
func (f *File) AfterComma(p token.Pos) token.Pos {
	rest := f.Src[f.Offset(p):]
	i := 0
	for i < len(rest) && (rest[i] == ' ' || rest[i] == '\t') {
		i++
	}
	if i < len(rest) && rest[i] == ',' {
		return p + token.Pos(i+1)
	}
	return p
}

// LastCommentBefore is the end of the last comment between from and to, or
// from when there is none.
func (f *File) LastCommentBefore(from, to token.Pos) token.Pos {
	if cs := f.Comments(from, to); len(cs) > 0 {
		return cs[len(cs)-1].End()
	}
	return from
}

// Insert is text to put in at a position of the file.
type Insert struct {
	At   token.Pos
	Text string
}

// Apply returns a copy of Src with every insertion made. Insertions at the
// same position appear in the order given.
func (f *File) Apply(ins ...Insert) []byte {
	ins = slices.Clone(ins)
	slices.SortStableFunc(ins, func(a, b Insert) int { return int(a.At - b.At) })
	n := len(f.Src)
	for _, in := range ins {
		n += len(in.Text)
	}
	out := make([]byte, 0, n)
	last := 0
	for _, in := range ins {
		off := f.Offset(in.At)
		out = append(out, f.Src[last:off]...)
		out = append(out, in.Text...)
		last = off
	}
	return append(out, f.Src[last:]...)
}
