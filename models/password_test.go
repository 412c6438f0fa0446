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

// The rules a guesser's first tries break, each with the message that says why; personal
// are the account's own email and name.
func TestPasswordStrengthRules(t *testing.T) {
	personal := []string{"ani.wijaya@kolaka.go.id", "Ani Wijaya"}
	tests := []struct{ password, want string }{
		{"jakartajakarta", "error.password_repeated"},
		{"Jakarta Jakarta", "error.password_repeated"},
		{"abcabcabcabc", "error.password_repeated"},
		{"dragondragon1", "error.password_repeated"},
		{"derap jakarta 2026", "error.password_context"},
		{"wijaya kolaka 1990", "error.password_context"},
		{"Ani Wijaya 12345!", "error.password_context"},
		{"qwertyuiopas", "error.password_sequence"},
		{"1234567890ab", "error.password_sequence"},
		{"zyxwvutsrqpo", "error.password_sequence"},
		{"asdf ghjk 6789", "error.password_sequence"},
		{"wijaya suka kopi tubruk", ""},
		{"merah putih berkibar", ""},
		{"pantai gandoriah pariaman", ""},
		{"kolaka 2026 sagu lempeng", ""},
	}
	for _, tt := range tests {
		if got := passwordProblem(tt.password, personal...); got != tt.want {
			t.Errorf("%q: %q, want %q", tt.password, got, tt.want)
		}
	}
}
