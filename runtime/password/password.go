// Package password hashes the passwords an app stores, as Laravel's Hash
// facade and its "hashed" cast do: requests generated from a model with a
// password column store Hash(value), never the value itself.
//
// Hashes are bcrypt, Laravel's default, so a hash made elsewhere of a
// password of up to 72 bytes checks here. bcrypt reads at most 72 bytes of
// a password (PHP ignores the rest; Go's bcrypt refuses it), so Hash and
// Check first replace a longer password by the base64 of its HMAC-SHA-256
// under a fixed key: every byte counts, neither fails, and the replacement
// is no value anyone could know without the password itself (a plain
// SHA-256, leaked from another site, is not it). Hashes of such long
// passwords do not check against PHP's.
package password

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"

	"golang.org/x/crypto/bcrypt"
)

// Cost is the bcrypt cost of new hashes: Laravel's default, about 50 ms a
// hash on a server core. Raise it as hardware gets faster; hashes made at
// another cost still check.
var Cost = bcrypt.DefaultCost

// Hash returns the bcrypt hash of plain to store in place of it.
func Hash(plain string) string {
	h, err := bcrypt.GenerateFromPassword(key(plain), Cost)
	if err != nil {
		// key keeps the input within bcrypt's limit and Cost is checked by
		// the tests, so only a failing random source is left: nothing to store.
		panic("password: " + err.Error())
	}
	return string(h)
}

// HashPtr is Hash for a nullable column: nil stays nil.
func HashPtr(plain *string) *string {
	if plain == nil {
		return nil
	}
	h := Hash(*plain)
	return &h
}

// Check reports whether plain is the password hashed hashes to.
func Check(plain, hashed string) bool {
	err := bcrypt.CompareHashAndPassword([]byte(hashed), key(plain))
	return err == nil
}

// key is what bcrypt hashes: plain itself, or for a password longer than
// bcrypt's 72 bytes the base64 of its HMAC-SHA-256 under longKey (44 bytes).
func key(plain string) []byte {
	if len(plain) <= 72 {
		return []byte(plain)
	}
	mac := hmac.New(sha256.New, longKey)
	mac.Write([]byte(plain))
	return []byte(base64.StdEncoding.EncodeToString(mac.Sum(nil)))
}

// longKey separates key's replacements from any other use of SHA-256. It is
// not a secret: it only has to differ from no key at all.
var longKey = []byte("github.com/kilnhq/kiln/runtime/password: passwords over 72 bytes")
