package models

import (
	"strings"
	"testing"
)

func TestPasswordHashing(t *testing.T) {
	hash, err := hashPassword("a long enough passphrase", DefaultPasswordParams)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q", hash)
	}
	if ok, err := checkPassword(hash, "a long enough passphrase"); !ok || err != nil {
		t.Fatalf("the right password: %v %v", ok, err)
	}
	if ok, _ := checkPassword(hash, "a long enough passphrasE"); ok {
		t.Fatal("a wrong password matched")
	}
	again, _ := hashPassword("a long enough passphrase", DefaultPasswordParams)
	if again == hash {
		t.Fatal("two hashes of one password are equal: no salt")
	}
	if _, err := checkPassword("$2a$12$bcrypt", "x"); err == nil {
		t.Fatal("accepted a foreign hash")
	}
}

func TestPasswordRules(t *testing.T) {
	tests := map[string]string{
		"short":                     "error.password_short",
		"elevenchars":               "error.password_short",
		"twelve chars":              "",
		"kata sandi yang panjang ✓": "",
		"1qaz2wsx3edc":              "error.password_common",
		"Jakarta2026!":              "error.password_common",
		"merah putih berkibar":      "",
		"111111111111":              "error.password_common",
		strings.Repeat("é", 129):    "error.password_long",
		strings.Repeat("é", 128):    "error.password_common",
	}
	for pw, want := range tests {
		if got := passwordProblem(pw); got != want {
			t.Errorf("%q: %q, want %q", pw, got, want)
		}
	}
}
