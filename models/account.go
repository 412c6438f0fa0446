package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Account management: inviting, disabling, enabling, signing out and re-inviting accounts,
// for administrators and the operator, and a user's own password. Every step checks its
// actor, runs in one transaction and writes an audit entry, as the agreement lifecycle does.

// accountState is what the audit log records of an account before and after a step:
// never its password hash, a token or a session.
type accountState struct {
	Email    string `json:"email"`
	Name     string `json:"name"`
	Role     Role   `json:"role"`
	Region   string `json:"region,omitempty"`
	Active   bool   `json:"active"`
	Invited  bool   `json:"invited,omitempty"` // no password set yet
	Sessions int64  `json:"sessions"`          // sessions kept, live or not yet cleared
}

func accountStateOf(u *User) accountState {
	st := accountState{Email: u.Email, Name: u.Name, Role: u.Role, Active: u.Active, Invited: u.PasswordHash == ""}
	if u.RegionCode != nil {
		st.Region = *u.RegionCode
	}
	return st
}

// account reads an account and its state, with its sessions counted.
func (tx *Store) account(ctx context.Context, userID uint) (User, accountState, error) {
	u, err := tx.UserByID(ctx, userID)
	if err != nil {
		return User{}, accountState{}, err
	}
	st := accountStateOf(&u)
	return u, st, tx.db.Model(&Session{}).Where("user_id = ?", userID).Count(&st.Sessions).Error
}

// accountStep runs one account action in one write transaction: it checks that the actor
// may manage accounts, loads the account, claims the revision the actor saw (seen; see
// revision.go), applies the change, and audits it with the
// account's state before and after. The page cache stays: no public page shows accounts.
func (s *Store) accountStep(ctx context.Context, actor Actor, userID uint, seen uint64, action string, apply func(tx *Store) error) (User, error) {
	if !actor.MayManageUsers() {
		return User{}, fmt.Errorf("models: %s %d: %w", action, userID, ErrForbidden)
	}
	var after User
	err := s.write(ctx, func(tx *Store) error {
		tx.effects.private = true
		_, before, err := tx.account(ctx, userID)
		if err != nil {
			return err
		}
		if err := tx.claimRevision(&User{}, seen, "id = ?", userID); err != nil {
			return err
		}
		if err := apply(tx); err != nil {
			return err
		}
		var state accountState
		if after, state, err = tx.account(ctx, userID); err != nil {
			return err
		}
		return tx.audit(actor, auditStep{action: action, objectType: "user", objectID: userID, before: before, after: state})
	})
	if err != nil {
		return User{}, fmt.Errorf("models: %s %d: %w", action, userID, err)
	}
	return after, nil
}

// CreateUser adds an account. With a password the account can sign in at once; without
// one, the returned token is a one-time invitation to set it. Administrators and the
// operator only.
func (s *Store) CreateUser(ctx context.Context, actor Actor, in UserInput) (User, string, error) {
	if !actor.MayManageUsers() {
		return User{}, "", fmt.Errorf("models: create user: %w", ErrForbidden)
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
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				// Taken by another request since the check above (PostgreSQL runs them side by side).
				return Invalid("email", "error.email_taken")
			}
			return err
		}
		action := "user.create"
		if hash == "" {
			action = "user.invite"
			var err error
			if token, err = tx.newInvitation(u.ID); err != nil {
				return err
			}
		}
		return tx.audit(actor, auditStep{action: action, objectType: "user", objectID: u.ID, after: accountStateOf(&u)})
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
	if err := tx.w.Create(&inv).Error; err != nil {
		return "", err
	}
	// The link also goes by mail; its secret stays in the outbox only until it is sent.
	key := fmt.Sprintf("account.invitation:%d", inv.ID)
	return token, tx.notifyUser(NotifyInvitation, key, userID, NotificationParams{Token: token, At: now})
}

// Reinvite issues a fresh invitation link to an account (for a lost or expired link, or a
// forgotten password) and returns the account with the link's token; earlier links stop
// working.
func (s *Store) Reinvite(ctx context.Context, actor Actor, userID uint, seen uint64) (User, string, error) {
	var token string
	u, err := s.accountStep(ctx, actor, userID, seen, "user.reinvite", func(tx *Store) error {
		var err error
		token, err = tx.newInvitation(userID)
		return err
	})
	if err != nil {
		return User{}, "", err
	}
	return u, token, nil
}

// SetUserActive enables or disables an account. Disabling ends all its sessions at once.
// An administrator cannot disable themself, so the portal always keeps one.
func (s *Store) SetUserActive(ctx context.Context, actor Actor, userID uint, active bool, seen uint64) error {
	action := "user.enable"
	if !active {
		action = "user.disable"
		if actor.User != nil && actor.User.ID == userID {
			return fmt.Errorf("models: %s own account: %w", action, ErrForbidden)
		}
	}
	_, err := s.accountStep(ctx, actor, userID, seen, action, func(tx *Store) error {
		if err := tx.w.Model(&User{}).Where("id = ?", userID).Update("active", active).Error; err != nil {
			return err
		}
		if !active {
			return tx.w.Where("user_id = ?", userID).Delete(&Session{}).Error
		}
		return nil
	})
	return err
}

// SetPassword gives an account a new password chosen by an administrator or the operator
// (for a user locked out, or an account that may have been taken over) and ends all its
// sessions, on every server, at their next request. Administrators and the operator only.
func (s *Store) SetPassword(ctx context.Context, actor Actor, userID uint, password string) error {
	if !actor.MayManageUsers() {
		return fmt.Errorf("models: user.password_set %d: %w", userID, ErrForbidden)
	}
	target, err := s.UserByID(ctx, userID)
	if err != nil {
		return fmt.Errorf("models: user.password_set %d: %w", userID, err)
	}
	if code := passwordProblem(password, target.Email, target.Name); code != "" {
		v := &ValidationError{}
		v.Add("password", code)
		return fmt.Errorf("models: user.password_set %d: %w", userID, v)
	}
	hash, err := hashPassword(password, s.passwordParams)
	if err != nil {
		return err
	}
	_, err = s.accountStep(ctx, actor, userID, AnyRevision, "user.password_set", func(tx *Store) error {
		if err := tx.w.Model(&User{}).Where("id = ?", userID).Update("password_hash", hash).Error; err != nil {
			return err
		}
		if err := tx.w.Where("user_id = ?", userID).Delete(&Session{}).Error; err != nil {
			return err
		}
		return tx.notifyAccount(NotifyPasswordChanged, userID)
	})
	return err
}

// EndSessions signs a user out everywhere; the audit entry says how many sessions ended.
func (s *Store) EndSessions(ctx context.Context, actor Actor, userID uint, seen uint64) error {
	_, err := s.accountStep(ctx, actor, userID, seen, "user.end_sessions", func(tx *Store) error {
		if err := tx.w.Where("user_id = ?", userID).Delete(&Session{}).Error; err != nil {
			return err
		}
		return tx.notifyAccount(NotifySessionsEnded, userID)
	})
	return err
}

// Users lists every account with its region, by role then name. Administrators and the
// operator only.
func (s *Store) Users(ctx context.Context, actor Actor) ([]User, error) {
	if !actor.MayManageUsers() {
		return nil, fmt.Errorf("models: list users: %w", ErrForbidden)
	}
	var users []User
	err := s.db.WithContext(ctx).Preload("Region").
		Order("CASE role WHEN 'admin' THEN 0 WHEN 'official' THEN 1 ELSE 2 END, name, email").Find(&users).Error
	if err != nil {
		return nil, fmt.Errorf("models: list users: %w", err)
	}
	return users, nil
}

// ActiveSessions counts every user's live sessions, for the administrators' list.
func (s *Store) ActiveSessions(ctx context.Context, actor Actor, idle time.Duration) (map[uint]int, error) {
	if !actor.MayManageUsers() {
		return nil, fmt.Errorf("models: count sessions: %w", ErrForbidden)
	}
	var rows []struct {
		UserID uint
		N      int
	}
	now := s.Now()
	err := s.db.WithContext(ctx).Model(&Session{}).Select("user_id, count(*) AS n").
		Where("expires_at > ? AND last_seen_at > ?", now, now.Add(-idle)).Group("user_id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("models: count sessions: %w", err)
	}
	out := make(map[uint]int, len(rows))
	for _, r := range rows {
		out[r.UserID] = r.N
	}
	return out, nil
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

// invitationAttempt prefixes the throttle's key of an attempt at an invitation token, in
// place of an account's email.
const invitationAttempt = "invitation "

// AcceptInvitation sets the invited user's password and uses the invitation up; the token
// is what entitles the visitor, who acts from visitor's address and browser. Whoever held
// a session under an earlier password is signed out.
func (s *Store) AcceptInvitation(ctx context.Context, visitor Actor, token, password string) (User, error) {
	// Tokens are guessed no faster than passwords: the attempt counts against the sign-in
	// limits (per token, and per address), before the new password is hashed.
	attempt, err := s.reserveAttemptFor(ctx, invitationAttempt+tokenHash(token), visitor.IP, false)
	if err != nil {
		return User{}, fmt.Errorf("models: accept invitation: %w", err)
	}
	inv, err := s.bound(s.db.WithContext(ctx)).openInvitation(token)
	if err != nil {
		return User{}, fmt.Errorf("models: accept invitation: %w", err) // the attempt stays counted
	}
	// The token is right: the try does not count, whatever the password.
	if err := s.writeQuiet(ctx, func(tx *Store) error { return tx.w.Delete(&attempt).Error }); err != nil {
		return User{}, fmt.Errorf("models: accept invitation: %w", err)
	}
	invited, err := s.UserByID(ctx, inv.UserID)
	if err != nil {
		return User{}, fmt.Errorf("models: accept invitation: %w", err)
	}
	if code := passwordProblem(password, invited.Email, invited.Name); code != "" {
		return User{}, fmt.Errorf("models: accept invitation: %w", Invalid("password", code))
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
		if err := tx.w.Model(&User{}).Where("id = ?", inv.UserID).Updates(map[string]any{"password_hash": hash, "revision": gorm.Expr("revision + 1")}).Error; err != nil {
			return err
		}
		if err := tx.w.Where("user_id = ?", inv.UserID).Delete(&Session{}).Error; err != nil {
			return err
		}
		if u, err = tx.UserByID(ctx, inv.UserID); err != nil {
			return err
		}
		self := UserActor(&u, visitor.IP, visitor.UserAgent)
		return tx.audit(self, auditStep{action: "user.invitation_accept", objectType: "user", objectID: u.ID, after: accountStateOf(&u)})
	})
	if err != nil {
		return User{}, fmt.Errorf("models: accept invitation: %w", err)
	}
	return u, nil
}

// ChangePassword sets the acting user's own new password after checking the current one,
// and ends their other sessions; keepSession is the token of the session making the
// change. Only a signed-in user changes a password, and only their own.
func (s *Store) ChangePassword(ctx context.Context, actor Actor, current, next, keepSession string) error {
	if actor.User == nil || !actor.User.Active {
		return fmt.Errorf("models: change password: %w", ErrForbidden)
	}
	userID := actor.User.ID
	u, err := s.UserByID(ctx, userID)
	if err != nil {
		return fmt.Errorf("models: change password: %w", err)
	}
	// The current password is guessed at no faster than at sign-in: the attempt counts
	// against the same limits, before the hash is computed.
	attempt, err := s.reserveAttemptFor(ctx, u.Email, actor.IP, true) // a session of the account is a known device
	if err != nil {
		return fmt.Errorf("models: change password: %w", err)
	}
	v := &ValidationError{}
	if !s.passwordMatches(ctx, actor.IP, u.PasswordHash, current) {
		v.Add("current", "error.password_wrong")
	} else if err := s.writeQuiet(ctx, func(tx *Store) error { return tx.w.Delete(&attempt).Error }); err != nil {
		return fmt.Errorf("models: change password: %w", err)
	}
	if code := passwordProblem(next, u.Email, u.Name); code != "" {
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
		if err := tx.w.Model(&User{}).Where("id = ?", userID).Updates(map[string]any{"password_hash": hash, "revision": gorm.Expr("revision + 1")}).Error; err != nil {
			return err
		}
		if err := tx.w.Where("user_id = ? AND id <> ?", userID, tokenHash(keepSession)).Delete(&Session{}).Error; err != nil {
			return err
		}
		if err := tx.notifyAccount(NotifyPasswordChanged, userID); err != nil {
			return err
		}
		return tx.audit(actor, auditStep{action: "user.password", objectType: "user", objectID: userID})
	})
	if err != nil {
		return fmt.Errorf("models: change password: %w", err)
	}
	return nil
}

// notifyAccount tells a user of a change to their own account, at the time it happened.
func (tx *Store) notifyAccount(kind NotificationKind, userID uint) error {
	now := tx.Now()
	return tx.notifyUser(kind, fmt.Sprintf("%s:%d:%d", kind, userID, now.UnixNano()), userID, NotificationParams{At: now})
}
