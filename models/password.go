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
	"slices"
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
// Beyond the length, the rules refuse what guessers try first, each with its own message:
// a common password or a context word with digits (error.password_common); one piece
// repeated, "jakartajakarta" or "abcabcabcabc" (error.password_repeated); runs along the
// keyboard or the alphabet, "qwertyuiopas" (error.password_sequence); and little but the
// portal's, the province's or the account holder's own names (error.password_context).
// personal are the account's own words: its email and name.
func passwordProblem(password string, personal ...string) string {
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
	switch {
	case commonPasswords[lower] || contextWords[letters] || strings.Trim(lower, string(first)) == "":
		return "error.password_common"
	case repeated([]rune(lower)) || repeated([]rune(letters)):
		return "error.password_repeated"
	case outsideRuns([]rune(lower)) < minOwnLetters:
		return "error.password_sequence"
	}
	if rest := withoutWords(letters, personal); rest != letters && utf8.RuneCountInString(rest) < minOwnLetters {
		return "error.password_context"
	}
	return ""
}

// minOwnLetters is how many characters a password must have beyond the words and runs a
// guesser tries first.
const minOwnLetters = 4

// repeated says s is one piece said at least twice (the last time possibly cut short).
func repeated(s []rune) bool {
	for period := 1; 2*period <= len(s); period++ {
		same := true
		for i := period; i < len(s) && same; i++ {
			same = s[i] == s[i%period]
		}
		if same {
			return true
		}
	}
	return false
}

// withoutWords is letters with every context word, and every personal word of three
// letters or more, taken out, longest first.
func withoutWords(letters string, personal []string) string {
	words := make([]string, 0, len(contextWords)+len(personal))
	for w := range contextWords {
		words = append(words, w)
	}
	for _, p := range personal {
		for _, w := range strings.FieldsFunc(strings.ToLower(p), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if utf8.RuneCountInString(w) >= 3 {
				words = append(words, w)
			}
		}
	}
	slices.SortFunc(words, func(a, b string) int { return len(b) - len(a) })
	for _, w := range words {
		letters = strings.ReplaceAll(letters, w, "")
	}
	return letters
}

// keyRuns are the rows of the keyboard and the orders guessers walk along.
var keyRuns = []string{"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz"}

// outsideRuns counts the characters of s, spaces aside, that are not part of a run of
// three or more neighbours on one of keyRuns, forwards or backwards.
func outsideRuns(s []rune) int {
	inRun := make([]bool, len(s))
	for i := 0; i+2 < len(s); i++ {
		three := string(s[i : i+3])
		backwards := string([]rune{s[i+2], s[i+1], s[i]})
		for _, run := range keyRuns {
			if strings.Contains(run, three) || strings.Contains(run, backwards) {
				inRun[i], inRun[i+1], inRun[i+2] = true, true, true
				break
			}
		}
	}
	n := 0
	for i, r := range s {
		if !inRun[i] && !unicode.IsSpace(r) {
			n++
		}
	}
	return n
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
