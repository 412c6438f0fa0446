package models

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Password length limits, in characters.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 128
)

// PasswordParams are the argon2id costs new password hashes are made with; a stored hash
// carries its own, so raising them never locks anyone out.
type PasswordParams struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultPasswordParams follow OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): strong
// enough, and small enough that a burst of logins stays within the portal's memory.
var DefaultPasswordParams = PasswordParams{Memory: 19 * 1024, Time: 2, Threads: 1}

// hashSlots bounds how many hashes run at once, so a flood of logins cannot exhaust memory.
var hashSlots = make(chan struct{}, 2)

const saltLength, keyLength = 16, 32

// hashPassword makes a PHC-format argon2id hash of a password.
func hashPassword(password string, p PasswordParams) (string, error) {
	salt := make([]byte, saltLength)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("models: password salt: %w", err)
	}
	hashSlots <- struct{}{}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyLength)
	<-hashSlots
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// checkPassword reports whether password matches a hash made by hashPassword.
func checkPassword(hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("models: not an argon2id hash")
	}
	var version int
	var p PasswordParams
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errors.New("models: unsupported argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false, fmt.Errorf("models: argon2 parameters: %w", err)
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("models: argon2 salt: %w", err)
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false, fmt.Errorf("models: argon2 key: %w", err)
	}
	hashSlots <- struct{}{}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	<-hashSlots
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

//go:embed passwords/common.txt passwords/context.txt
var passwordLists embed.FS

var (
	commonOnce      sync.Once
	commonPasswords map[string]bool // only entries long enough to pass the length rule
	contextWords    map[string]bool
)

func loadPasswordLists() {
	read := func(name string, minLen int) map[string]bool {
		f, err := passwordLists.Open(name)
		if err != nil {
			panic(err)
		}
		defer f.Close()
		set := map[string]bool{}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if w := strings.ToLower(strings.TrimSpace(sc.Text())); utf8.RuneCountInString(w) >= minLen {
				set[w] = true
			}
		}
		return set
	}
	commonPasswords = read("passwords/common.txt", MinPasswordLength)
	contextWords = read("passwords/context.txt", 1)
}

// passwordProblem returns the catalog code of what is wrong with a new password, or "".
func passwordProblem(password string) string {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		return "error.password_short"
	case n > MaxPasswordLength:
		return "error.password_long"
	}
	commonOnce.Do(loadPasswordLists)
	lower := strings.ToLower(password)
	letters := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		return -1
	}, lower)
	first, _ := utf8.DecodeRuneInString(lower)
	if commonPasswords[lower] || contextWords[letters] || strings.Trim(lower, string(first)) == "" {
		return "error.password_common"
	}
	return ""
}

// SetPasswordParams sets the cost of new password hashes. Tests lower it; the portal
// keeps DefaultPasswordParams.
func (s *Store) SetPasswordParams(p PasswordParams) { s.passwordParams = p }

// randomToken returns n random bytes, URL-safe base64 encoded.
func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("models: no randomness: %v", err)) // the OS is broken; nothing is safe
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// passwordMatches checks a password against a stored hash, for a client address: the hash
// waits for its fair turn among the addresses (hashQueue), and a request given up while
// waiting matches nothing. Without a hash (an unknown email, an invitation not yet
// accepted) it hashes the input anyway, so that every refusal costs the same time.
func (s *Store) passwordMatches(ctx context.Context, address, hash, password string) bool {
	if err := s.hashes.acquire(ctx, address); err != nil {
		return false
	}
	defer s.hashes.release()
	if hash == "" {
		_, _ = hashPassword(password, s.passwordParams)
		return false
	}
	ok, err := checkPassword(hash, password)
	return err == nil && ok
}
