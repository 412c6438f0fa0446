// Package notify turns the outbox's messages into mail and sends them: the worker that
// every server runs, the composition of a message (shared with the outbox page, which
// shows what is or would be sent), and the signed one-click unsubscribe links.
package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"

	"derap/models"
)

// Signer makes and checks unsubscribe tokens: a user and a kind of notification, signed
// so that the link works without signing in and cannot be forged for another user.
type Signer struct{ key []byte }

// NewSigner derives the unsubscribe key from the portal's secret (the session key), so
// that every server of the portal makes and accepts the same tokens.
func NewSigner(secret []byte) *Signer {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("derap unsubscribe links v1"))
	return &Signer{key: m.Sum(nil)}
}

// errBadToken is a token that is malformed or not signed by this portal.
var errBadToken = errors.New("notify: invalid unsubscribe token")

// Token is the token of the link that turns kind off for the user.
func (s *Signer) Token(userID uint, kind models.NotificationKind) string {
	payload := strconv.FormatUint(uint64(userID), 10) + ":" + string(kind)
	return base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." + base64.RawURLEncoding.EncodeToString(s.mac(payload))
}

// Verify returns the user and kind a token names, or an error when it is not one of ours.
func (s *Signer) Verify(token string) (uint, models.NotificationKind, error) {
	p, sig, ok := strings.Cut(token, ".")
	if !ok {
		return 0, "", errBadToken
	}
	payload, err := base64.RawURLEncoding.DecodeString(p)
	if err != nil {
		return 0, "", errBadToken
	}
	mac, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(mac, s.mac(string(payload))) {
		return 0, "", errBadToken
	}
	user, kind, ok := strings.Cut(string(payload), ":")
	id, err := strconv.ParseUint(user, 10, 32)
	if !ok || err != nil || id == 0 || kind == "" {
		return 0, "", errBadToken
	}
	return uint(id), models.NotificationKind(kind), nil
}

func (s *Signer) mac(payload string) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(payload))
	return m.Sum(nil)
}
