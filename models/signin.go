package models

import (
	"context"
	"fmt"
	"time"
)

// LoginFailure is one sign-in attempt that has not succeeded, kept for the throttling
// window: recorded before the password is checked, and cleared when it proves right.
type LoginFailure struct {
	ID    uint      `gorm:"primaryKey"`
	Email string    `gorm:"not null;index:idx_login_failures_email_at,priority:1"`
	IP    string    `gorm:"not null;index:idx_login_failures_ip_at,priority:1"`
	At    time.Time `gorm:"not null;index:idx_login_failures_email_at,priority:2;index:idx_login_failures_ip_at,priority:2;index"`
}

// Throttling limits: failures within the window that block further attempts.
const (
	ThrottleWindow     = 15 * time.Minute
	MaxFailuresAccount = 5
	MaxFailuresAddress = 20
)

// Authenticate checks a sign-in. It refuses with a ThrottledError while the account or the
// client address has too many recent failures, and with ErrInvalidCredentials for an
// unknown email, a wrong password or a disabled account alike, taking as long for each.
//
// The attempt is counted before the slow password check, in the database, in one
// transaction with the check of the limits: parallel attempts, on one server or several,
// each see the others, so no more than the limit are ever checked.
func (s *Store) Authenticate(ctx context.Context, email, password, clientIP string) (User, error) {
	email = NormalizeEmail(email)
	attempt, err := s.reserveAttemptFor(ctx, email, clientIP)
	if err != nil {
		return User{}, fmt.Errorf("models: authenticate: %w", err)
	}
	now := attempt.At
	var u User
	if err := s.db.WithContext(ctx).Preload("Region").Where("email = ?", email).Limit(1).Find(&u).Error; err != nil {
		return User{}, fmt.Errorf("models: authenticate: %w", err)
	}
	if !s.passwordMatches(u.PasswordHash, password) || !u.Active {
		return User{}, ErrInvalidCredentials // the attempt stays counted
	}
	err = s.writeQuiet(ctx, func(tx *Store) error {
		if err := tx.w.Where("email = ?", email).Delete(&LoginFailure{}).Error; err != nil {
			return err
		}
		u.LastLoginAt = &now
		return tx.w.Model(&u).Update("last_login_at", now).Error
	})
	if err != nil {
		return User{}, fmt.Errorf("models: authenticate: %w", err)
	}
	return u, nil
}

// reserveAttemptFor counts an attempt at an account's password from a client address, in
// its own transaction, before the password is hashed; past the limits it is refused with a
// ThrottledError. Sign-in and the current password of a password change share it.
func (s *Store) reserveAttemptFor(ctx context.Context, email, clientIP string) (LoginFailure, error) {
	attempt := LoginFailure{Email: email, IP: clientIP, At: s.Now()}
	err := s.writeQuiet(ctx, func(tx *Store) error { return tx.reserveAttempt(&attempt) })
	return attempt, err
}

// reserveAttempt records an attempt unless the account or the address has reached its
// limit, in which case it is a ThrottledError. Old records leave as new ones come.
func (tx *Store) reserveAttempt(attempt *LoginFailure) error {
	if err := tx.lockSignIns(); err != nil {
		return err
	}
	since := attempt.At.Add(-ThrottleWindow)
	if err := tx.w.Where("at <= ?", since).Delete(&LoginFailure{}).Error; err != nil {
		return err
	}
	for _, limit := range []struct {
		column, value string
		max           int
	}{{"email", attempt.Email, MaxFailuresAccount}, {"ip", attempt.IP, MaxFailuresAddress}} {
		var times []time.Time
		err := tx.w.Model(&LoginFailure{}).Where(limit.column+" = ? AND at > ?", limit.value, since).
			Order("at DESC").Limit(limit.max).Pluck("at", &times).Error
		if err != nil {
			return err
		}
		if len(times) >= limit.max {
			// Blocked until the oldest of the last max failures leaves the window.
			return &ThrottledError{RetryAfter: times[len(times)-1].Add(ThrottleWindow).Sub(attempt.At)}
		}
	}
	return tx.w.Create(attempt).Error
}
