package models

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// VerificationCheck is one check on the public verification page, kept for the
// throttling window: recorded before the lookup, whatever it finds.
type VerificationCheck struct {
	ID uint      `gorm:"primaryKey"`
	IP string    `gorm:"not null;index:idx_verification_checks_ip_at,priority:1"`
	At time.Time `gorm:"not null;index:idx_verification_checks_ip_at,priority:2;index"`
}

// Verification throttling: at most MaxVerificationsAddress checks from one client address
// within VerificationWindow. Enough for a person checking a pile of documents by hand
// (two a minute for a quarter of an hour), too few to probe the register for hashes.
const (
	VerificationWindow      = 15 * time.Minute
	MaxVerificationsAddress = 30
)

// ErrTooManyChecks is a verification refused because the client address checked too many
// times within VerificationWindow. It comes with a *ThrottledError that says when the next
// check is allowed.
var ErrTooManyChecks = errors.New("models: too many verification checks from this address")

// verificationLock is the advisory lock key of verification checks ("derap" "veri").
const verificationLock = 0x64657261_76657269

// CountVerification records a check from a client address, in a write transaction of its
// own, before the caller looks the hash up (VerifyHash); past the limit it records nothing
// and is refused with an error that is both ErrTooManyChecks and a *ThrottledError. The
// count and the record are one step in the database: parallel checks, on one server or
// several, each see the others, so no more than the limit are ever looked up.
func (s *Store) CountVerification(ctx context.Context, clientIP string) error {
	check := VerificationCheck{IP: clientIP, At: s.Now()}
	err := s.writeQuiet(ctx, func(tx *Store) error { return tx.reserveVerification(&check) })
	if err != nil {
		return fmt.Errorf("models: count verification: %w", err)
	}
	return nil
}

// reserveVerification records a check unless the address reached the limit. Old records
// leave as new ones come.
func (tx *Store) reserveVerification(check *VerificationCheck) error {
	if tx.engine == EnginePostgres {
		if err := tx.w.Exec("SELECT pg_advisory_xact_lock(?)", int64(verificationLock)).Error; err != nil {
			return err
		}
	}
	since := check.At.Add(-VerificationWindow)
	if err := tx.w.Where("at <= ?", since).Delete(&VerificationCheck{}).Error; err != nil {
		return err
	}
	var times []time.Time
	err := tx.w.Model(&VerificationCheck{}).Where("ip = ? AND at > ?", check.IP, since).
		Order("at DESC").Limit(MaxVerificationsAddress).Pluck("at", &times).Error
	if err != nil {
		return err
	}
	if len(times) >= MaxVerificationsAddress {
		// Refused until the oldest of the last checks leaves the window.
		retry := times[len(times)-1].Add(VerificationWindow).Sub(check.At)
		return fmt.Errorf("%w: %w", ErrTooManyChecks, &ThrottledError{RetryAfter: retry})
	}
	return tx.w.Create(check).Error
}
