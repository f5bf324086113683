package goedit

import (
	"go/ast"
	"go/token"
	"testing"
)

const src = `package p

var list = []int{
	1, // one
	2 , /* two */
	// end
}
`

func parse(t *testing.T) (*File, *ast.CompositeLit) {
	t.Helper()
	f, err := Parse("p.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	lit := f.Decls[0].(*ast.GenDecl).Specs[0].(*ast.ValueSpec).Values[0].(*ast.CompositeLit)
	return f, lit
}

func TestPlaces(t *testing.T) {
	f, lit := parse(t)
	at := func(p token.Pos) string { return string(f.Src[f.Offset(p):]) }
	one, two := lit.Elts[0], lit.Elts[1]
	for _, c := range []struct {
		name string
		got  token.Pos
		want string
	}{
		{"AfterComma", f.AfterComma(two.End()), " /* two */\n\t// end\n}\n"},
		{"LineEnd keeps the trailing comment", f.LineEnd(f.AfterComma(one.End()), lit.Rbrace), "\n\t2 , /* two */\n\t// end\n}\n"},
		{"LineEnd stops at limit", f.LineEnd(two.End(), two.End()+1), " , /* two */\n\t// end\n}\n"},
		{"LastCommentBefore", f.LastCommentBefore(two.End(), lit.Rbrace), "\n}\n"},
		{"LastCommentBefore without comments", f.LastCommentBefore(lit.Rbrace, lit.Rbrace), "}\n"},
		{"LineStart", f.LineStart(lit.Rbrace), "}\n"},
	} {
		if got := at(c.got); got != c.want {
			t.Errorf("%s: at %q, want %q", c.name, got, c.want)
		}
	}
}

func TestApply(t *testing.T) {
	f, lit := parse(t)
	got := string(f.Apply(
		Insert{At: lit.Rbrace, Text: "b"},
		Insert{At: lit.Lbrace + 1, Text: "x"},
		Insert{At: lit.Rbrace, Text: "c"},
	))
	want := "package p\n\nvar list = []int{x\n\t1, // one\n\t2 , /* two */\n\t// end\nbc}\n"
	if got != want {
		t.Errorf("Apply = %q, want %q", got, want)
	}
	if string(f.Src) != src {
		t.Error("Apply changed the source it was given")
	}
}
