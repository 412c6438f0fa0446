package models

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// Session is a signed-in browser, kept server-side so that signing out, disabling an
// account or ending its sessions takes effect on the very next request. The cookie holds
// a random token; the table holds only its hash, so a copy of the database signs no one in.
type Session struct {
	ID         string    `gorm:"primaryKey"` // SHA-256 of the token, hex
	UserID     uint      `gorm:"not null;index"`
	User       User      `gorm:"foreignKey:UserID;constraint:OnDelete:CASCADE"`
	Data       []byte    // the session's other values (such as flash messages), encoded by the web layer
	CreatedAt  time.Time `gorm:"not null"`
	LastSeenAt time.Time `gorm:"not null"`
	ExpiresAt  time.Time `gorm:"not null;index"` // the absolute limit, whatever the activity
}

// tokenHash is how a secret token is stored: its SHA-256, hex.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewSessionToken returns a fresh random session token.
func NewSessionToken() string { return randomToken(32) }

// SessionTouchInterval limits how often a session's last activity is written: at most once
// a minute, so that reading pages does not mean writing the database each time.
const SessionTouchInterval = time.Minute

// CreateSession records a new session for a user, valid for at most maxAge.
func (s *Store) CreateSession(ctx context.Context, token string, userID uint, data []byte, maxAge time.Duration) error {
	now := s.Now()
	sess := Session{ID: tokenHash(token), UserID: userID, Data: data, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(maxAge)}
	err := s.write(ctx, func(tx *Store) error {
		tx.effects.private = true // the web layer keeps sessions under the content version
		// Expired sessions are removed here, where a new one arrives, rather than by a timer.
		if err := tx.w.Where("expires_at <= ?", now).Delete(&Session{}).Error; err != nil {
			return err
		}
		return tx.w.Create(&sess).Error
	})
	if err != nil {
		return fmt.Errorf("models: create session: %w", err)
	}
	return nil
}

// SessionByToken returns a live session and its user: the session exists, was used within
// idle, has not reached its absolute limit, and its user is active. Anything else is
// ErrNotFound. It records the activity (at most once a minute).
func (s *Store) SessionByToken(ctx context.Context, token string, idle time.Duration) (Session, error) {
	now := s.Now()
	hash := tokenHash(token)
	// Read from the database on every request, never kept: a sign-out, a disabled account
	// or ended sessions, on this server, another or from the derap command, holds at the
	// very next request. One query: the session, its user and the user's region.
	var sess Session
	err := s.db.WithContext(ctx).Joins("User").Joins("User.Region").
		Where(`sessions.id = ? AND "User"."active"`, hash).Limit(1).Find(&sess).Error
	if err != nil {
		return Session{}, fmt.Errorf("models: session: %w", err)
	}
	if sess.ID == "" || !sess.ExpiresAt.After(now) || !sess.LastSeenAt.After(now.Add(-idle)) {
		return Session{}, fmt.Errorf("models: session: %w", ErrNotFound)
	}
	if now.Sub(sess.LastSeenAt) >= SessionTouchInterval {
		err := s.writeQuiet(ctx, func(tx *Store) error {
			return tx.w.Model(&Session{}).Where("id = ?", sess.ID).Update("last_seen_at", now).Error
		})
		if err != nil {
			return Session{}, fmt.Errorf("models: touch session: %w", err)
		}
		sess.LastSeenAt = now
	}
	return sess, nil
}

// SaveSessionData replaces a session's stored values.
func (s *Store) SaveSessionData(ctx context.Context, token string, data []byte) error {
	err := s.write(ctx, func(tx *Store) error {
		tx.effects.private = true
		return tx.w.Model(&Session{}).Where("id = ?", tokenHash(token)).Update("data", data).Error
	})
	if err != nil {
		return fmt.Errorf("models: save session: %w", err)
	}
	return nil
}

// DeleteSession ends one session (signing out).
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	err := s.write(ctx, func(tx *Store) error {
		tx.effects.private = true
		return tx.w.Where("id = ?", tokenHash(token)).Delete(&Session{}).Error
	})
	if err != nil {
		return fmt.Errorf("models: delete session: %w", err)
	}
	return nil
}
