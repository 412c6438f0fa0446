package models

import (
	"context"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
)

// Role is what a user may do. Administrators are officials who also manage accounts;
// officials run agreements, events and partner profiles but confirm for no region;
// delegates confirm or decline for their own region alone.
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
	// Language is the one the user reads the portal and their mail in: "id" or "en".
	Language  string `gorm:"not null;default:'id'"`
	CreatedAt time.Time
	// Revision moves on with every change to the account (revision.go).
	Revision  uint64 `gorm:"not null;default:1"`
	UpdatedAt time.Time
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
		if code := passwordProblem(in.Password, in.Email, in.Name); code != "" {
			v.Add("password", code)
		}
	}
	return v
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
