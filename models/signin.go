package models

import (
	"context"
	"fmt"
	"time"
)

// LoginFailure is one failed sign-in, kept for the throttling window.
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
func (s *Store) Authenticate(ctx context.Context, email, password, clientIP string) (User, error) {
	email = NormalizeEmail(email)
	now := s.Now()
	since := now.Add(-ThrottleWindow)
	db := s.db.WithContext(ctx)
	for _, limit := range []struct {
		column, value string
		max           int
	}{{"email", email, MaxFailuresAccount}, {"ip", clientIP, MaxFailuresAddress}} {
		var times []time.Time
		err := db.Model(&LoginFailure{}).Where(limit.column+" = ? AND at > ?", limit.value, since).
			Order("at DESC").Limit(limit.max).Pluck("at", &times).Error
		if err != nil {
			return User{}, fmt.Errorf("models: authenticate: %w", err)
		}
		if len(times) >= limit.max {
			// Blocked until the oldest of the last max failures leaves the window.
			return User{}, &ThrottledError{RetryAfter: times[len(times)-1].Add(ThrottleWindow).Sub(now)}
		}
	}
	var u User
	if err := db.Preload("Region").Where("email = ?", email).Limit(1).Find(&u).Error; err != nil {
		return User{}, fmt.Errorf("models: authenticate: %w", err)
	}
	if !s.passwordMatches(u.PasswordHash, password) || !u.Active {
		err := s.writeQuiet(ctx, func(tx *Store) error {
			if err := tx.w.Where("at <= ?", since).Delete(&LoginFailure{}).Error; err != nil {
				return err
			}
			return tx.w.Create(&LoginFailure{Email: email, IP: clientIP, At: now}).Error
		})
		if err != nil {
			return User{}, fmt.Errorf("models: authenticate: %w", err)
		}
		return User{}, ErrInvalidCredentials
	}
	err := s.writeQuiet(ctx, func(tx *Store) error {
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
