package models

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
)

// Role is what a user may do (see "Roles and permissions" in DESIGN.md).
type Role string

// The three roles.
const (
	RoleAdmin    Role = "admin"    // an official who also manages accounts
	RoleOfficial Role = "official" // staff of the Biro KSD: runs agreements
	RoleDelegate Role = "delegate" // confirms or declines for one region
)

// Roles lists the roles in the order pages offer them.
var Roles = []Role{RoleAdmin, RoleOfficial, RoleDelegate}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Staff reports whether the role runs the programme (officials and administrators).
func (r Role) Staff() bool { return r == RoleOfficial || r == RoleAdmin }

// Errors of accounts and sign-in.
var (
	// ErrForbidden is an action the acting user's role or region does not allow.
	ErrForbidden = errors.New("models: not allowed for this user")
	// ErrInvalidCredentials is a failed sign-in; it never says whether the email exists.
	ErrInvalidCredentials = errors.New("models: wrong email or password")
)

// ThrottledError is a sign-in refused because of too many recent failures.
type ThrottledError struct {
	RetryAfter time.Duration
}

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("models: too many failed sign-ins; retry after %s", e.RetryAfter.Round(time.Second))
}

// User is a person who signs in: an administrator, an official or a regional delegate.
type User struct {
	ID    uint   `gorm:"primaryKey"`
	Email string `gorm:"not null;uniqueIndex"` // stored in lower case, so unique regardless of case
	Name  string `gorm:"not null"`
	Role  Role   `gorm:"not null"`
	// RegionCode is the region a delegate acts for; nil for staff.
	RegionCode   *string `gorm:"index"`
	Region       *Region `gorm:"foreignKey:RegionCode;references:Code"`
	Active       bool    `gorm:"not null"`
	PasswordHash string  `gorm:"not null;default:''" json:"-"` // empty until an invitation is accepted
	LastLoginAt  *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// IsAdmin reports whether the user manages accounts.
func (u *User) IsAdmin() bool { return u != nil && u.Role == RoleAdmin && u.Active }

// RegionName is the name of a delegate's region, or "".
func (u *User) RegionName() string {
	if u == nil || u.Region == nil {
		return ""
	}
	return u.Region.Name
}

// Invitation lets a new user set their password once, within a week.
type Invitation struct {
	ID        uint      `gorm:"primaryKey"`
	UserID    uint      `gorm:"not null;index"`
	TokenHash string    `gorm:"not null;uniqueIndex"` // SHA-256 of the token; the token itself is never stored
	ExpiresAt time.Time `gorm:"not null"`
	UsedAt    *time.Time
	CreatedAt time.Time
}

// InvitationTTL is how long an invitation link works.
const InvitationTTL = 7 * 24 * time.Hour

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

// UserInput is a new account as an administrator or an operator describes it.
type UserInput struct {
	Email      string
	Name       string
	Role       Role
	RegionCode string // delegates only
	Password   string // empty: the user gets an invitation instead
}

// NormalizeEmail is the form an email is stored and compared in.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

func (in UserInput) validate() *ValidationError {
	v := &ValidationError{}
	if addr, err := mail.ParseAddress(in.Email); err != nil || addr.Name != "" || addr.Address != strings.TrimSpace(in.Email) {
		v.Add("email", "error.email_invalid")
	}
	if strings.TrimSpace(in.Name) == "" {
		v.Add("name", "error.required")
	}
	switch {
	case !in.Role.Valid():
		v.Add("role", "error.choose_one")
	case in.Role == RoleDelegate && in.RegionCode == "":
		v.Add("region", "error.delegate_region")
	case in.Role != RoleDelegate && in.RegionCode != "":
		v.Add("region", "error.staff_no_region")
	}
	if in.Password != "" {
		if code := passwordProblem(in.Password); code != "" {
			v.Add("password", code)
		}
	}
	return v
}

// mayManageUsers is the rule for every account action: administrators, or the operator
// at the command line (a nil actor).
func mayManageUsers(actor *User) error {
	if actor != nil && !actor.IsAdmin() {
		return ErrForbidden
	}
	return nil
}

// CreateUser adds an account. With a password the account can sign in at once; without
// one, the returned token is a one-time invitation to set it. actor is the administrator
// doing it, or nil for the operator at the command line.
func (s *Store) CreateUser(ctx context.Context, actor *User, in UserInput) (User, string, error) {
	if err := mayManageUsers(actor); err != nil {
		return User{}, "", fmt.Errorf("models: create user: %w", err)
	}
	v := in.validate()
	hash := ""
	if in.Password != "" && len(v.Fields) == 0 {
		var err error
		if hash, err = hashPassword(in.Password, s.passwordParams); err != nil {
			return User{}, "", err
		}
	}
	var u User
	token := ""
	err := s.write(ctx, func(tx *Store) error {
		tx.effects.private = true // accounts are on no public page
		email := NormalizeEmail(in.Email)
		if v.For("email") == "" {
			var n int64
			if err := tx.db.Model(&User{}).Where("email = ?", email).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				v.Add("email", "error.email_taken")
			}
		}
		if in.RegionCode != "" && v.For("region") == "" {
			if _, err := tx.RegionByCode(ctx, in.RegionCode); errors.Is(err, ErrNotFound) {
				v.Add("region", "error.unknown_region")
			} else if err != nil {
				return err
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		u = User{Email: email, Name: strings.TrimSpace(in.Name), Role: in.Role, Active: true, PasswordHash: hash}
		if in.RegionCode != "" {
			code := in.RegionCode
			u.RegionCode = &code
		}
		if err := tx.w.Create(&u).Error; err != nil {
			return err
		}
		if hash == "" {
			var err error
			token, err = tx.newInvitation(u.ID)
			return err
		}
		return nil
	})
	if err != nil {
		return User{}, "", fmt.Errorf("models: create user: %w", err)
	}
	return u, token, nil
}

// newInvitation replaces any open invitation of a user with a new one and returns its token.
func (tx *Store) newInvitation(userID uint) (string, error) {
	now := tx.Now()
	if err := tx.w.Model(&Invitation{}).Where("user_id = ? AND used_at IS NULL", userID).Update("used_at", now).Error; err != nil {
		return "", err
	}
	token := randomToken(32)
	inv := Invitation{UserID: userID, TokenHash: tokenHash(token), ExpiresAt: now.Add(InvitationTTL)}
	return token, tx.w.Create(&inv).Error
}

// Reinvite issues a fresh invitation link to an account (for a lost or expired link, or a
// forgotten password); earlier links stop working.
func (s *Store) Reinvite(ctx context.Context, actor *User, userID uint) (string, error) {
	if err := mayManageUsers(actor); err != nil {
		return "", fmt.Errorf("models: reinvite: %w", err)
	}
	var token string
	err := s.write(ctx, func(tx *Store) error {
		tx.effects.private = true // accounts are on no public page
		if _, err := tx.UserByID(ctx, userID); err != nil {
			return err
		}
		var err error
		token, err = tx.newInvitation(userID)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("models: reinvite user %d: %w", userID, err)
	}
	return token, nil
}

// openInvitation finds the invitation a token names while it is unused and unexpired.
func (tx *Store) openInvitation(token string) (Invitation, error) {
	var inv Invitation
	err := tx.db.Where("token_hash = ? AND used_at IS NULL AND expires_at > ?", tokenHash(token), tx.Now()).Limit(1).Find(&inv).Error
	if err != nil {
		return Invitation{}, err
	}
	if inv.ID == 0 {
		return Invitation{}, ErrNotFound
	}
	return inv, nil
}

// InvitedUser returns the account an open invitation is for.
func (s *Store) InvitedUser(ctx context.Context, token string) (User, error) {
	inv, err := s.bound(s.db.WithContext(ctx)).openInvitation(token)
	if err != nil {
		return User{}, fmt.Errorf("models: invitation: %w", err)
	}
	return s.UserByID(ctx, inv.UserID)
}

// AcceptInvitation sets the invited user's password and uses the invitation up.
func (s *Store) AcceptInvitation(ctx context.Context, token, password string) (User, error) {
	if code := passwordProblem(password); code != "" {
		v := &ValidationError{}
		v.Add("password", code)
		return User{}, fmt.Errorf("models: accept invitation: %w", v)
	}
	hash, err := hashPassword(password, s.passwordParams)
	if err != nil {
		return User{}, err
	}
	var u User
	err = s.write(ctx, func(tx *Store) error {
		tx.effects.private = true // accounts are on no public page
		inv, err := tx.openInvitation(token)
		if err != nil {
			return err
		}
		if err := tx.w.Model(&inv).Update("used_at", tx.Now()).Error; err != nil {
			return err
		}
		if err := tx.w.Model(&User{}).Where("id = ?", inv.UserID).Update("password_hash", hash).Error; err != nil {
			return err
		}
		// Whoever held a session under the old password is signed out.
		if err := tx.w.Where("user_id = ?", inv.UserID).Delete(&Session{}).Error; err != nil {
			return err
		}
		u, err = tx.UserByID(ctx, inv.UserID)
		return err
	})
	if err != nil {
		return User{}, fmt.Errorf("models: accept invitation: %w", err)
	}
	return u, nil
}

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

// UserByID returns an account with its region.
func (s *Store) UserByID(ctx context.Context, id uint) (User, error) {
	var u User
	if err := s.db.WithContext(ctx).Preload("Region").Where("id = ?", id).Limit(1).Find(&u).Error; err != nil {
		return User{}, fmt.Errorf("models: user %d: %w", id, err)
	}
	if u.ID == 0 {
		return User{}, fmt.Errorf("models: user %d: %w", id, ErrNotFound)
	}
	return u, nil
}

// UserByEmail returns an account by its email, in any case.
func (s *Store) UserByEmail(ctx context.Context, email string) (User, error) {
	var u User
	err := s.db.WithContext(ctx).Preload("Region").Where("email = ?", NormalizeEmail(email)).Limit(1).Find(&u).Error
	if err != nil {
		return User{}, fmt.Errorf("models: user %s: %w", email, err)
	}
	if u.ID == 0 {
		return User{}, fmt.Errorf("models: user %s: %w", email, ErrNotFound)
	}
	return u, nil
}

// Users lists every account with its region, by role then name.
func (s *Store) Users(ctx context.Context, actor *User) ([]User, error) {
	if err := mayManageUsers(actor); err != nil {
		return nil, fmt.Errorf("models: list users: %w", err)
	}
	var users []User
	err := s.db.WithContext(ctx).Preload("Region").
		Order("CASE role WHEN 'admin' THEN 0 WHEN 'official' THEN 1 ELSE 2 END, name, email").Find(&users).Error
	if err != nil {
		return nil, fmt.Errorf("models: list users: %w", err)
	}
	return users, nil
}

// SetUserActive enables or disables an account. Disabling ends all its sessions at once.
// An administrator cannot disable themself, so the portal always keeps one.
func (s *Store) SetUserActive(ctx context.Context, actor *User, userID uint, active bool) error {
	if err := mayManageUsers(actor); err != nil {
		return fmt.Errorf("models: set user active: %w", err)
	}
	if actor != nil && actor.ID == userID && !active {
		return fmt.Errorf("models: disable own account: %w", ErrForbidden)
	}
	err := s.write(ctx, func(tx *Store) error {
		tx.effects.private = true // accounts are on no public page
		if _, err := tx.UserByID(ctx, userID); err != nil {
			return err
		}
		if err := tx.w.Model(&User{}).Where("id = ?", userID).Update("active", active).Error; err != nil {
			return err
		}
		if !active {
			return tx.w.Where("user_id = ?", userID).Delete(&Session{}).Error
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("models: set user %d active=%v: %w", userID, active, err)
	}
	return nil
}

// EndSessions signs a user out everywhere.
func (s *Store) EndSessions(ctx context.Context, actor *User, userID uint) error {
	if err := mayManageUsers(actor); err != nil {
		return fmt.Errorf("models: end sessions: %w", err)
	}
	err := s.write(ctx, func(tx *Store) error {
		tx.effects.private = true // accounts are on no public page
		if _, err := tx.UserByID(ctx, userID); err != nil {
			return err
		}
		return tx.w.Where("user_id = ?", userID).Delete(&Session{}).Error
	})
	if err != nil {
		return fmt.Errorf("models: end sessions of user %d: %w", userID, err)
	}
	return nil
}

// ChangePassword sets a user's own new password after checking the current one, and ends
// their other sessions; keepSession is the token of the session making the change.
func (s *Store) ChangePassword(ctx context.Context, userID uint, current, next, keepSession string) error {
	v := &ValidationError{}
	u, err := s.UserByID(ctx, userID)
	if err != nil {
		return err
	}
	if !s.passwordMatches(u.PasswordHash, current) {
		v.Add("current", "error.password_wrong")
	}
	if code := passwordProblem(next); code != "" {
		v.Add("password", code)
	} else if next == current {
		v.Add("password", "error.password_same")
	}
	if err := v.Err(); err != nil {
		return fmt.Errorf("models: change password: %w", err)
	}
	hash, err := hashPassword(next, s.passwordParams)
	if err != nil {
		return err
	}
	err = s.write(ctx, func(tx *Store) error {
		tx.effects.private = true // accounts are on no public page
		if err := tx.w.Model(&User{}).Where("id = ?", userID).Update("password_hash", hash).Error; err != nil {
			return err
		}
		return tx.w.Where("user_id = ? AND id <> ?", userID, tokenHash(keepSession)).Delete(&Session{}).Error
	})
	if err != nil {
		return fmt.Errorf("models: change password: %w", err)
	}
	return nil
}
