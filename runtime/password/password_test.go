package password

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

func TestHashChecks(t *testing.T) {
	Cost = bcrypt.MinCost // the tests check behaviour, not strength
	long := strings.Repeat("x", 72)
	for _, plain := range []string{"password", "", "pässwörd ✓", long, long + "a", strings.Repeat("é", 100)} {
		h := Hash(plain)
		if h == plain || !strings.HasPrefix(h, "$2a$") {
			t.Errorf("Hash(%q) = %q, not a bcrypt hash", plain, h)
		}
		if !Check(plain, h) {
			t.Errorf("Check(%q, Hash(%q)) = false", plain, plain)
		}
		if Check(plain+"!", h) || Check("", h) && plain != "" {
			t.Errorf("another password checks against Hash(%q)", plain)
		}
	}
	// bcrypt alone reads 72 bytes: a longer password must count whole.
	if Check(long+"b", Hash(long+"a")) {
		t.Error("passwords that differ after byte 72 check against each other")
	}
	// The replacement of a long password is not its plain SHA-256, which
	// another site might have leaked.
	sum := sha256.Sum256([]byte(long + "a"))
	if Check(base64.StdEncoding.EncodeToString(sum[:]), Hash(long+"a")) {
		t.Error("the base64 of a long password's SHA-256 checks as the password")
	}
	if Check("password", "not a hash") {
		t.Error("a value that is no hash checks")
	}
}

// initialCost is Cost before any test lowers it.
var initialCost = Cost

// TestDefaultCost: new hashes are as strong as Laravel's by default (cost 10).
func TestDefaultCost(t *testing.T) {
	if initialCost != 10 {
		t.Fatalf("Cost = %d by default, want Laravel's 10", initialCost)
	}
}
