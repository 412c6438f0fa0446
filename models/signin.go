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

// Throttling limits: failures within the window that block further attempts. The tight
// limit is per account and client address, so that a stranger guessing from elsewhere
// cannot lock the owner out; the account as a whole has a higher ceiling against guesses
// spread over many addresses, which a browser the account signed in from before (a known
// device) does not hit; an address has its own limit across all accounts.
const (
	ThrottleWindow         = 15 * time.Minute
	MaxFailuresAccount     = 5  // per account and address
	MaxFailuresAccountWide = 30 // per account, from every address but known devices
	MaxFailuresAddress     = 20 // per address, at every account
)

// Authenticate checks a sign-in from a browser not known to the account: SignIn.
func (s *Store) Authenticate(ctx context.Context, email, password, clientIP string) (User, error) {
	return s.SignIn(ctx, email, password, clientIP, false)
}

// SignIn checks a sign-in. It refuses with a ThrottledError while the account from this
// address, the account as a whole (unless knownDevice: the browser signed in to this
// account before) or the address has too many recent failures, and with
// ErrInvalidCredentials for an unknown email, a wrong password or a disabled account
// alike, taking as long for each. A success clears the failures of the account from the
// address.
//
// The attempt is counted before the slow password check, in the database, in one
// transaction with the check of the limits: parallel attempts, on one server or several,
// each see the others, so no more than the limit are ever checked.
func (s *Store) SignIn(ctx context.Context, email, password, clientIP string, knownDevice bool) (User, error) {
	email = NormalizeEmail(email)
	attempt, err := s.reserveAttemptFor(ctx, email, clientIP, knownDevice)
	if err != nil {
		return User{}, fmt.Errorf("models: authenticate: %w", err)
	}
	now := attempt.At
	var u User
	if err := s.db.WithContext(ctx).Preload("Region").Where("email = ?", email).Limit(1).Find(&u).Error; err != nil {
		return User{}, fmt.Errorf("models: authenticate: %w", err)
	}
	if !s.passwordMatches(ctx, clientIP, u.PasswordHash, password) || !u.Active {
		return User{}, ErrInvalidCredentials // the attempt stays counted
	}
	err = s.writeQuiet(ctx, func(tx *Store) error {
		if err := tx.w.Where("email = ? AND ip = ?", email, clientIP).Delete(&LoginFailure{}).Error; err != nil {
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
func (s *Store) reserveAttemptFor(ctx context.Context, email, clientIP string, knownDevice bool) (LoginFailure, error) {
	attempt := LoginFailure{Email: email, IP: clientIP, At: s.Now()}
	err := s.writeQuiet(ctx, func(tx *Store) error { return tx.reserveAttempt(&attempt, knownDevice) })
	return attempt, err
}

// reserveAttempt records an attempt unless one of the limits is reached, in which case it
// is a ThrottledError. Old records leave as new ones come.
func (tx *Store) reserveAttempt(attempt *LoginFailure, knownDevice bool) error {
	if err := tx.lockSignIns(); err != nil {
		return err
	}
	since := attempt.At.Add(-ThrottleWindow)
	if err := tx.w.Where("at <= ?", since).Delete(&LoginFailure{}).Error; err != nil {
		return err
	}
	type limit struct {
		where string
		args  []any
		max   int
	}
	limits := []limit{
		{"email = ? AND ip = ?", []any{attempt.Email, attempt.IP}, MaxFailuresAccount},
		{"ip = ?", []any{attempt.IP}, MaxFailuresAddress},
	}
	if !knownDevice {
		limits = append(limits, limit{"email = ?", []any{attempt.Email}, MaxFailuresAccountWide})
	}
	for _, l := range limits {
		var times []time.Time
		err := tx.w.Model(&LoginFailure{}).Where(l.where, l.args...).Where("at > ?", since).
			Order("at DESC").Limit(l.max).Pluck("at", &times).Error
		if err != nil {
			return err
		}
		if len(times) >= l.max {
			// Blocked until the oldest of the last max failures leaves the window.
			return &ThrottledError{RetryAfter: times[len(times)-1].Add(ThrottleWindow).Sub(attempt.At)}
		}
	}
	return tx.w.Create(attempt).Error
}
