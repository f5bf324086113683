package commands

import "testing"

func TestRequiresKiln(t *testing.T) {
	cases := []struct {
		gomod string
		want  bool
	}{
		{"module blog\n\ngo 1.26.0\n\nrequire github.com/kilnhq/kiln v0.1.0\n", true},
		{"module blog\nrequire (\n\tgithub.com/google/uuid v1.6.0\n\tgithub.com/kilnhq/kiln v0.0.0-00010101000000-000000000000 // indirect\n)\n", true},
		{"module blog\nrequire \"github.com/kilnhq/kiln\" v0.1.0\n", true},
		{"module blog\n\nreplace github.com/kilnhq/kiln => ../kiln\n", false},
		{"module blog\n// require github.com/kilnhq/kiln v0.1.0\n", false},
		{"module blog\nrequire github.com/kilnhq/kiln-extras v0.1.0\n", false},
		{"module blog\nrequire (\n\tgithub.com/google/uuid v1.6.0\n)\nrequire example.com/x v1.0.0\n", false},
		{"module blog\nrequire(\n\tgithub.com/kilnhq/kiln v0.1.0\n)\n", true},
		{"module blog\r\nrequire (\r\n\tgithub.com/kilnhq/kiln v0.1.0\r\n)\r\n", true},
		{"module blog\n", false},
	}
	for _, c := range cases {
		if got := requiresKiln([]byte(c.gomod)); got != c.want {
			t.Errorf("requiresKiln(%q) = %v, want %v", c.gomod, got, c.want)
		}
	}
}
