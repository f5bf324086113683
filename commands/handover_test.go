package commands

import (
	"strings"
	"testing"
)

func TestInstallCommand(t *testing.T) {
	for v, want := range map[string]string{
		"v1.2.3":               "go install github.com/kilnhq/kiln@v1.2.3 github.com/kilnhq/kiln/cmd/kiln-dev@v1.2.3",
		"v1.2.3 abcdef123456":  "go install github.com/kilnhq/kiln@v1.2.3 github.com/kilnhq/kiln/cmd/kiln-dev@v1.2.3",
		"(devel)":              "go install . ./cmd/kiln-dev",
		"(devel) 3a505f5efd83": "go install . ./cmd/kiln-dev",
		"v0.0.0-20261124021502-3a505f5efd83 3a505f5efd83": "go install . ./cmd/kiln-dev",
		"v1.2.4-0.20261124021502-3a505f5efd83+dirty":      "go install . ./cmd/kiln-dev",
	} {
		if got := installCommand(v); !strings.HasPrefix(got, want) {
			t.Errorf("installCommand(%q) = %q, want %q…", v, got, want)
		}
	}
}
