package spec

import "testing"

func TestIsSecret(t *testing.T) {
	for col, want := range map[string]bool{
		"password": true, "password_hash": true, "hashed_password": true, "admin_password": true,
		"password_digest": true, "encrypted_password": true, "remember_token": true, "api_token": true,
		"client_secret": true, "token": true, "secret": true,
		"title": false, "token_count": false, "secretary": false, "email": false, "passwords_reset": false,
	} {
		if got := (Field{Name: col, Type: String}).IsSecret(); got != want {
			t.Errorf("IsSecret(%q) = %v, want %v", col, got, want)
		}
	}
}
