package models_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

func TestCreateUserValidation(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	if _, _, err := s.CreateUser(ctx, models.System, models.UserInput{Email: "Ada@Derap.test", Name: "Ada", Role: models.RoleOfficial, Password: "a long enough passphrase"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		in    models.UserInput
		field string
		code  string
	}{
		{"bad email", models.UserInput{Email: "not-an-email", Name: "X", Role: models.RoleOfficial}, "email", "error.email_invalid"},
		{"display name in email", models.UserInput{Email: "Ada <ada@x.test>", Name: "X", Role: models.RoleOfficial}, "email", "error.email_invalid"},
		{"duplicate, other case", models.UserInput{Email: "ADA@derap.TEST", Name: "X", Role: models.RoleOfficial}, "email", "error.email_taken"},
		{"no name", models.UserInput{Email: "b@x.test", Name: " ", Role: models.RoleOfficial}, "name", "error.required"},
		{"unknown role", models.UserInput{Email: "b@x.test", Name: "B", Role: "superuser"}, "role", "error.choose_one"},
		{"delegate without region", models.UserInput{Email: "b@x.test", Name: "B", Role: models.RoleDelegate}, "region", "error.delegate_region"},
		{"delegate, unknown region", models.UserInput{Email: "b@x.test", Name: "B", Role: models.RoleDelegate, RegionCode: "99.99"}, "region", "error.unknown_region"},
		{"official with region", models.UserInput{Email: "b@x.test", Name: "B", Role: models.RoleOfficial, RegionCode: "31"}, "region", "error.staff_no_region"},
		{"short password", models.UserInput{Email: "b@x.test", Name: "B", Role: models.RoleAdmin, Password: "short"}, "password", "error.password_short"},
		{"long password", models.UserInput{Email: "b@x.test", Name: "B", Role: models.RoleAdmin, Password: strings.Repeat("x1", 65)}, "password", "error.password_long"},
		{"common password", models.UserInput{Email: "b@x.test", Name: "B", Role: models.RoleAdmin, Password: "QWERTY123456"}, "password", "error.password_common"},
		{"the portal's name", models.UserInput{Email: "b@x.test", Name: "B", Role: models.RoleAdmin, Password: "DerapKSD-2026!"}, "password", "error.password_common"},
		{"one character repeated", models.UserInput{Email: "b@x.test", Name: "B", Role: models.RoleAdmin, Password: "zzzzzzzzzzzzzz"}, "password", "error.password_common"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := s.CreateUser(ctx, models.System, tt.in)
			var v *models.ValidationError
			if !errors.As(err, &v) || v.For(tt.field) != tt.code {
				t.Fatalf("err = %v, want %s on %s", err, tt.code, tt.field)
			}
		})
	}
	if users, _ := s.Users(ctx, models.System); len(users) != 1 {
		t.Fatalf("%d users after refusals, want 1", len(users))
	}
}

// Every account action refuses whoever is not an active administrator or the operator:
// an anonymous actor (a nil user never stands for the operator), a delegate, an official,
// a disabled administrator. Nothing is written for a refusal.
func TestOnlyAdministratorsManageUsers(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	admin := modeltest.CreateUser(t, s, models.RoleAdmin, "")
	target := modeltest.CreateUser(t, s, models.RoleDelegate, "61")
	disabled := admin
	disabled.Active = false
	in := models.UserInput{Email: "new@x.test", Name: "N", Role: models.RoleOfficial}
	actions := map[string]func(models.Actor) error{
		"invite": func(a models.Actor) error { _, _, err := s.CreateUser(ctx, a, in); return err },
		"create with a password": func(a models.Actor) error {
			in := in
			in.Password = "a long enough passphrase"
			_, _, err := s.CreateUser(ctx, a, in)
			return err
		},
		"disable":      func(a models.Actor) error { return s.SetUserActive(ctx, a, target.ID, false, models.AnyRevision) },
		"enable":       func(a models.Actor) error { return s.SetUserActive(ctx, a, target.ID, true, models.AnyRevision) },
		"end sessions": func(a models.Actor) error { return s.EndSessions(ctx, a, target.ID, models.AnyRevision) },
		"reinvite":     func(a models.Actor) error { _, _, err := s.Reinvite(ctx, a, target.ID, models.AnyRevision); return err },
		"set password": func(a models.Actor) error { return s.SetPassword(ctx, a, target.ID, "a password set for them") },
		"list":         func(a models.Actor) error { _, err := s.Users(ctx, a); return err },
		"count sessions": func(a models.Actor) error {
			_, err := s.ActiveSessions(ctx, a, time.Hour)
			return err
		},
	}
	refused := map[string]models.Actor{
		"anonymous":            {},
		"anonymous with an IP": {IP: "192.0.2.1", UserAgent: "curl"},
		"delegate":             modeltest.Delegate(t, s, "13.77"),
		"official":             modeltest.Official(t, s),
		"disabled admin":       modeltest.As(&disabled),
	}
	for who, actor := range refused {
		for name, act := range actions {
			if err := act(actor); !errors.Is(err, models.ErrForbidden) {
				t.Errorf("%s: %s: %v, want ErrForbidden", who, name, err)
			}
		}
	}
	// A password is changed by its own user alone: no one signed in, no password.
	if err := s.ChangePassword(ctx, models.Actor{}, modeltest.Password, "a brand new passphrase", ""); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("anonymous changing a password: %v, want ErrForbidden", err)
	}
	if users, _ := s.Users(ctx, models.System); len(users) != 4 {
		t.Errorf("%d accounts after the refusals, want the 4 the test made", len(users))
	}
	var entries int64
	s.DBForTest().Model(&models.AuditEntry{}).Where("object_type = ?", "user").Count(&entries)
	if entries != 4 {
		t.Errorf("%d account audit entries, want the 4 creations", entries)
	}

	for name, act := range actions {
		for _, actor := range []models.Actor{modeltest.As(&admin), models.Operator("derap user")} {
			if err := act(actor); err != nil && !(name == "create with a password" || name == "invite") {
				t.Errorf("%s by %+v: %v", name, actor.User, err)
			}
		}
	}
	if err := s.SetUserActive(ctx, modeltest.As(&admin), admin.ID, false, models.AnyRevision); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("admin disabling themself: %v", err)
	}
}

// Each account action leaves an audit entry like the lifecycle's: who, what, on which
// account, the state before and after, from where; never a password hash or a token.
func TestAccountActionsAreAudited(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	admin := modeltest.CreateUser(t, s, models.RoleAdmin, "")
	actor := models.UserActor(&admin, "192.0.2.7", "Firefox")
	u, token, err := s.CreateUser(ctx, actor, models.UserInput{Email: "baru@derap.test", Name: "Baru", Role: models.RoleDelegate, RegionCode: "61"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AcceptInvitation(ctx, models.Actor{IP: "198.51.100.2", UserAgent: "Safari"}, token, "a long enough passphrase"); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateSession(ctx, "sesi", u.ID, nil, time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := s.EndSessions(ctx, actor, u.ID, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if err := s.SetUserActive(ctx, actor, u.ID, false, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if err := s.SetUserActive(ctx, models.Operator("derap user enable"), u.ID, true, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Reinvite(ctx, actor, u.ID, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateSession(ctx, "sesi-2", u.ID, nil, time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPassword(ctx, models.Operator("derap user password"), u.ID, "short"); err == nil {
		t.Error("a too short password was set")
	}
	if err := s.SetPassword(ctx, models.Operator("derap user password"), u.ID, "a password set for them"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionByToken(ctx, "sesi-2", time.Hour); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("the session outlived the new password: %v", err)
	}
	if _, err := s.Authenticate(ctx, u.Email, "a password set for them", "192.0.2.9"); err != nil {
		t.Errorf("signing in with the password set: %v", err)
	}
	var entries []models.AuditEntry
	s.DBForTest().Where("object_type = ? AND object_id = ?", "user", u.ID).Order("id").Find(&entries)
	type want struct{ action, actor, ip, before, after string }
	wants := []want{
		{"user.invite", admin.Name, "192.0.2.7", "", `"invited":true`},
		{"user.invitation_accept", "Baru", "198.51.100.2", "", `"active":true`},
		{"user.end_sessions", admin.Name, "192.0.2.7", `"sessions":1`, `"sessions":0`},
		{"user.disable", admin.Name, "192.0.2.7", `"active":true`, `"active":false`},
		{"user.enable", "system", "", `"active":false`, `"active":true`},
		{"user.reinvite", admin.Name, "192.0.2.7", `"email":"baru@derap.test"`, `"region":"61"`},
		{"user.password_set", "system", "", `"sessions":1`, `"sessions":0`},
	}
	if len(entries) != len(wants) {
		t.Fatalf("%d entries, want %d: %+v", len(entries), len(wants), entries)
	}
	for i, w := range wants {
		e := entries[i]
		if e.Action != w.action || e.ActorName != w.actor || e.IP != w.ip || !strings.Contains(e.Before, w.before) || !strings.Contains(e.After, w.after) {
			t.Errorf("entry %d: %s by %s from %q, %s → %s; want %+v", i, e.Action, e.ActorName, e.IP, e.Before, e.After, w)
		}
		if strings.Contains(e.Before+e.After+e.Note, "argon2") || strings.Contains(e.Before+e.After+e.Note, token) {
			t.Errorf("entry %d records a secret: %s %s", i, e.Before, e.After)
		}
	}
	if entries[4].UserAgent != "derap user enable" {
		t.Errorf("the operator's entry names %q, want the command", entries[4].UserAgent)
	}
	if _, err := s.VerifyAuditChain(ctx); err != nil {
		t.Error(err)
	}
}

func TestAuthenticate(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	u := modeltest.CreateUser(t, s, models.RoleDelegate, "13.77")
	got, err := s.Authenticate(ctx, strings.ToUpper(u.Email), modeltest.Password, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != u.ID || got.LastLoginAt == nil || got.RegionName() != "Kota Pariaman" {
		t.Errorf("user %+v", got)
	}
	for name, try := range map[string][2]string{
		"wrong password": {u.Email, "wrong password here"},
		"unknown email":  {"nobody@derap.test", modeltest.Password},
	} {
		if _, err := s.Authenticate(ctx, try[0], try[1], "192.0.2.1"); !errors.Is(err, models.ErrInvalidCredentials) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := s.SetUserActive(ctx, models.System, u.ID, false, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, u.Email, modeltest.Password, "192.0.2.1"); !errors.Is(err, models.ErrInvalidCredentials) {
		t.Errorf("disabled: %v", err)
	}
}

func TestThrottling(t *testing.T) {
	s := modeltest.NewStore(t)
	clock := modeltest.NewClock(s)
	ctx := context.Background()
	victim := modeltest.CreateUser(t, s, models.RoleOfficial, "")
	other := modeltest.CreateUser(t, s, models.RoleOfficial, "")
	for i := range models.MaxFailuresAccount {
		if _, err := s.Authenticate(ctx, victim.Email, "wrong password!!", "192.0.2.1"); !errors.Is(err, models.ErrInvalidCredentials) {
			t.Fatalf("failure %d: %v", i+1, err)
		}
		clock.Advance(time.Minute)
	}
	// Now even the right password is refused from that address.
	_, err := s.Authenticate(ctx, victim.Email, modeltest.Password, "192.0.2.1")
	var throttled *models.ThrottledError
	if !errors.As(err, &throttled) {
		t.Fatalf("sixth attempt: %v", err)
	}
	if want := models.ThrottleWindow - 5*time.Minute; throttled.RetryAfter != want {
		t.Errorf("retry after %s, want %s", throttled.RetryAfter, want)
	}
	// The owner, from another address, is not locked out by the stranger's guesses.
	if _, err := s.Authenticate(ctx, victim.Email, modeltest.Password, "198.51.100.7"); err != nil {
		t.Fatalf("the owner from elsewhere: %v", err)
	}
	// Other users are not slowed, even from the same address.
	if _, err := s.Authenticate(ctx, other.Email, modeltest.Password, "192.0.2.1"); err != nil {
		t.Fatalf("another user: %v", err)
	}
	// When the oldest failure leaves the window, one more attempt is allowed.
	clock.Advance(throttled.RetryAfter)
	if _, err := s.Authenticate(ctx, victim.Email, modeltest.Password, "192.0.2.1"); err != nil {
		t.Fatalf("after the window: %v", err)
	}
	// A success clears the account's failures.
	for range models.MaxFailuresAccount - 1 {
		_, _ = s.Authenticate(ctx, victim.Email, "wrong password!!", "192.0.2.1")
	}
	if _, err := s.Authenticate(ctx, victim.Email, modeltest.Password, "192.0.2.1"); err != nil {
		t.Fatalf("fifth attempt after reset: %v", err)
	}
}

// Attempts sent at once are counted before any password is checked: of 30 guesses at one
// account from one address, only the limit's worth are tried; of 60 more from as many
// addresses, only up to the account's ceiling, which a known device does not hit; and of
// 40 from one address at as many accounts, only the address's limit.
func TestThrottlingHoldsUnderParallelAttempts(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	victim := modeltest.CreateUser(t, s, models.RoleOfficial, "")
	tried := func(n int, attempt func(i int) error) int {
		var wg sync.WaitGroup
		var mu sync.Mutex
		checked := 0
		for i := range n {
			wg.Go(func() {
				err := attempt(i)
				var throttled *models.ThrottledError
				if !errors.As(err, &throttled) {
					mu.Lock()
					checked++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		return checked
	}
	checked := tried(30, func(i int) error {
		_, err := s.Authenticate(ctx, victim.Email, "wrong password!!", "192.0.2.1")
		return err
	})
	if checked != models.MaxFailuresAccount {
		t.Errorf("%d of 30 parallel guesses at one account from one address were checked, limit %d", checked, models.MaxFailuresAccount)
	}
	var throttled *models.ThrottledError
	if _, err := s.Authenticate(ctx, victim.Email, modeltest.Password, "192.0.2.1"); !errors.As(err, &throttled) {
		t.Errorf("the right password after the parallel guesses: %v", err)
	}
	// Spread over 60 addresses, no more than the account's ceiling (counting the five above).
	checked = tried(60, func(i int) error {
		_, err := s.Authenticate(ctx, victim.Email, "wrong password!!", fmt.Sprintf("198.51.100.%d", i+1))
		return err
	})
	if want := models.MaxFailuresAccountWide - models.MaxFailuresAccount; checked != want {
		t.Errorf("%d of 60 parallel guesses from as many addresses were checked, want %d", checked, want)
	}
	if _, err := s.Authenticate(ctx, victim.Email, modeltest.Password, "192.0.2.200"); !errors.As(err, &throttled) {
		t.Errorf("the right password from a new address past the ceiling: %v", err)
	}
	// The owner's own browser, known to the account, still signs in.
	if _, err := s.SignIn(ctx, victim.Email, modeltest.Password, "192.0.2.201", true); err != nil {
		t.Errorf("the owner from a known device: %v", err)
	}
	checked = tried(40, func(i int) error {
		_, err := s.Authenticate(ctx, fmt.Sprintf("guess%d@derap.test", i), "wrong password!!", "203.0.113.50")
		return err
	})
	if checked != models.MaxFailuresAddress {
		t.Errorf("%d of 40 parallel attempts from one address were checked, limit %d", checked, models.MaxFailuresAddress)
	}
}

func TestThrottlingByAddress(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	u := modeltest.CreateUser(t, s, models.RoleOfficial, "")
	for i := range models.MaxFailuresAddress {
		email := "guess" + string(rune('a'+i)) + "@derap.test"
		if _, err := s.Authenticate(ctx, email, "wrong password!!", "203.0.113.9"); !errors.Is(err, models.ErrInvalidCredentials) {
			t.Fatalf("failure %d: %v", i+1, err)
		}
	}
	var throttled *models.ThrottledError
	if _, err := s.Authenticate(ctx, u.Email, modeltest.Password, "203.0.113.9"); !errors.As(err, &throttled) {
		t.Fatalf("from the noisy address: %v", err)
	}
	if _, err := s.Authenticate(ctx, u.Email, modeltest.Password, "203.0.113.10"); err != nil {
		t.Fatalf("from another address: %v", err)
	}
}

func TestInvitations(t *testing.T) {
	s := modeltest.NewStore(t)
	clock := modeltest.NewClock(s)
	ctx := context.Background()
	u, token, err := s.CreateUser(ctx, models.System, models.UserInput{Email: "baru@derap.test", Name: "Baru", Role: models.RoleDelegate, RegionCode: "61"})
	if err != nil {
		t.Fatal(err)
	}
	if token == "" || u.PasswordHash != "" {
		t.Fatalf("token %q, hash %q", token, u.PasswordHash)
	}
	if _, err := s.Authenticate(ctx, u.Email, "", "192.0.2.1"); !errors.Is(err, models.ErrInvalidCredentials) {
		t.Fatalf("an invited user signed in without a password: %v", err)
	}
	if got, err := s.InvitedUser(ctx, token); err != nil || got.ID != u.ID {
		t.Fatalf("invited user: %v", err)
	}
	var v *models.ValidationError
	if _, err := s.AcceptInvitation(ctx, models.Actor{}, token, "password1234"); !errors.As(err, &v) {
		t.Fatalf("a common password: %v", err)
	}
	if _, err := s.AcceptInvitation(ctx, models.Actor{}, token, modeltest.Password); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AcceptInvitation(ctx, models.Actor{}, token, modeltest.Password+"!"); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("second use: %v", err)
	}
	if _, err := s.Authenticate(ctx, u.Email, modeltest.Password, "192.0.2.1"); err != nil {
		t.Fatal(err)
	}

	// A new link replaces the old; links expire after seven days.
	_, old, _ := s.Reinvite(ctx, models.System, u.ID, models.AnyRevision)
	_, fresh, _ := s.Reinvite(ctx, models.System, u.ID, models.AnyRevision)
	if _, err := s.InvitedUser(ctx, old); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("a replaced link still works: %v", err)
	}
	clock.Advance(models.InvitationTTL - time.Second)
	if _, err := s.InvitedUser(ctx, fresh); err != nil {
		t.Errorf("a link before it expires: %v", err)
	}
	clock.Advance(2 * time.Second)
	if _, err := s.AcceptInvitation(ctx, models.Actor{}, fresh, "another fine passphrase"); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("an expired link: %v", err)
	}
}

func TestSessions(t *testing.T) {
	s := modeltest.NewStore(t)
	clock := modeltest.NewClock(s)
	ctx := context.Background()
	u := modeltest.CreateUser(t, s, models.RoleOfficial, "")
	const idle, maxAge = 30 * time.Minute, 12 * time.Hour
	live := func(token string) bool {
		_, err := s.SessionByToken(ctx, token, idle)
		if err != nil && !errors.Is(err, models.ErrNotFound) {
			t.Fatal(err)
		}
		return err == nil
	}
	newSession := func() string {
		token := models.NewSessionToken()
		if err := s.CreateSession(ctx, token, u.ID, nil, maxAge); err != nil {
			t.Fatal(err)
		}
		return token
	}

	t.Run("idle timeout", func(t *testing.T) {
		token := newSession()
		clock.Advance(idle - time.Minute)
		if !live(token) {
			t.Fatal("expired before the idle timeout")
		}
		clock.Advance(idle - time.Minute) // activity above moved the idle limit on
		if !live(token) {
			t.Fatal("activity did not keep the session alive")
		}
		clock.Advance(idle + time.Second)
		if live(token) {
			t.Fatal("alive after the idle timeout")
		}
	})
	t.Run("absolute timeout", func(t *testing.T) {
		token := newSession()
		for elapsed := time.Duration(0); elapsed < maxAge-20*time.Minute; elapsed += 20 * time.Minute {
			clock.Advance(20 * time.Minute)
			if !live(token) {
				t.Fatalf("expired after %s of activity", elapsed)
			}
		}
		clock.Advance(20 * time.Minute)
		if live(token) {
			t.Fatal("alive after the absolute timeout")
		}
	})
	t.Run("revocation", func(t *testing.T) {
		a, b := newSession(), newSession()
		if err := s.DeleteSession(ctx, a); err != nil || live(a) || !live(b) {
			t.Fatalf("sign-out: %v", err)
		}
		if err := s.EndSessions(ctx, models.System, u.ID, models.AnyRevision); err != nil || live(b) {
			t.Fatalf("end sessions: %v", err)
		}
		c := newSession()
		if err := s.SetUserActive(ctx, models.System, u.ID, false, models.AnyRevision); err != nil || live(c) {
			t.Fatalf("disable: %v", err)
		}
		_ = s.SetUserActive(ctx, models.System, u.ID, true, models.AnyRevision)
		keep, other := newSession(), newSession()
		var v *models.ValidationError
		if err := s.ChangePassword(ctx, modeltest.As(&u), "not the password", "a brand new passphrase", keep); !errors.As(err, &v) || v.For("current") == "" {
			t.Fatalf("wrong current password: %v", err)
		}
		if err := s.ChangePassword(ctx, modeltest.As(&u), modeltest.Password, "a brand new passphrase", keep); err != nil {
			t.Fatal(err)
		}
		if !live(keep) || live(other) {
			t.Fatal("a password change must end the other sessions and keep this one")
		}
		if _, err := s.Authenticate(ctx, u.Email, "a brand new passphrase", "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestDemoAccounts(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	accounts, err := s.LoadDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	roles := map[models.Role]int{}
	for _, a := range accounts {
		roles[a.Role]++
		if !strings.HasSuffix(a.Email, "@derap.test") {
			t.Errorf("%s is not under derap.test", a.Email)
		}
		if _, err := s.Authenticate(ctx, a.Email, a.Password, "192.0.2.1"); err != nil {
			t.Errorf("%s cannot sign in: %v", a.Email, err)
		}
	}
	// Jakarta and the seven partner regions each have a delegate.
	if roles[models.RoleAdmin] != 1 || roles[models.RoleOfficial] != 1 || roles[models.RoleDelegate] != 8 {
		t.Errorf("roles %v", roles)
	}
}

// A delegate's inbox holds their region's agreements from the moment they are sent: what
// awaits the region's answer first (sent longest ago first, counted beyond the limit),
// then the rest; never a draft, never another region's agreement; and only for an active
// delegate with a region.
func TestDelegateInbox(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	waitingFirst := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.InReview, Partner: "61"})
	waitingNext := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.InReview, Partner: "74.01"})
	agreed := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.Agreed, Partner: "61"})
	published := modeltest.CreateAgreement(t, s, modeltest.Agreement{Partner: "74.01"})
	draft := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.Draft, Partner: "61"})
	// Kalimantan Barat answers the first: it leaves what awaits the region.
	answered := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.InReview, Partner: "61"})
	view, _ := s.AgreementFor(ctx, models.System, answered)
	for _, p := range view.Parties {
		if p.RegionCode == "61" {
			if err := s.DeclineParty(ctx, modeltest.Delegate(t, s, "61"), answered, p.ID, view.Version.ContentHash, "Belum sesuai"); err != nil {
				t.Fatal(err)
			}
		}
	}
	ids := func(list []models.Agreement) []uint {
		var out []uint
		for _, a := range list {
			out = append(out, a.ID)
		}
		return out
	}
	tests := []struct {
		region                     string
		limit                      int
		awaiting, others           []uint
		awaitingTotal, othersTotal int64
	}{
		{models.JakartaCode, 50, []uint{waitingFirst, waitingNext, answered}, []uint{published, agreed}, 3, 2},
		{models.JakartaCode, 1, []uint{waitingFirst}, []uint{published}, 3, 2},
		{"61", 50, []uint{waitingFirst}, []uint{answered, agreed}, 1, 2},
		{"61", 1, []uint{waitingFirst}, []uint{answered}, 1, 2},
		{"74.01", 50, []uint{waitingNext}, []uint{published}, 1, 1},
		{"13.77", 50, nil, nil, 0, 0},
	}
	for _, tt := range tests {
		d := modeltest.CreateUser(t, s, models.RoleDelegate, tt.region)
		in, err := s.DelegateInbox(ctx, modeltest.As(&d), tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(in.Awaiting), tt.awaiting) || in.AwaitingTotal != tt.awaitingTotal || !slices.Equal(ids(in.Others), tt.others) ||
			in.OthersTotal != tt.othersTotal || in.AwaitingCapped || in.OthersCapped {
			t.Errorf("%s (limit %d): awaiting %v of %d, others %v of %d; want %v of %d, %v of %d", tt.region, tt.limit,
				ids(in.Awaiting), in.AwaitingTotal, ids(in.Others), in.OthersTotal, tt.awaiting, tt.awaitingTotal, tt.others, tt.othersTotal)
		}
		for _, a := range append(in.Awaiting, in.Others...) {
			if a.ID == draft {
				t.Errorf("%s sees the draft", tt.region)
			}
		}
	}
	// Counts stop at the cap, and say so: Jakarta's three awaiting and two others, counted
	// up to two.
	restore := models.SetInboxCountCapForTest(2)
	d := modeltest.CreateUser(t, s, models.RoleDelegate, models.JakartaCode)
	in, err := s.DelegateInbox(ctx, modeltest.As(&d), 50)
	restore()
	if err != nil {
		t.Fatal(err)
	}
	if in.AwaitingTotal != 2 || !in.AwaitingCapped || in.OthersTotal != 2 || in.OthersCapped || len(in.Awaiting) != 3 {
		t.Errorf("capped at 2: awaiting %d (capped %v, %d listed), others %d (capped %v)", in.AwaitingTotal, in.AwaitingCapped, len(in.Awaiting), in.OthersTotal, in.OthersCapped)
	}
	official := modeltest.CreateUser(t, s, models.RoleOfficial, "")
	disabled := modeltest.CreateUser(t, s, models.RoleDelegate, "61")
	disabled.Active = false
	for _, actor := range []models.Actor{modeltest.As(&official), modeltest.As(&disabled), {}} {
		if _, err := s.DelegateInbox(ctx, actor, 10); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("%+v asking: %v", actor.User, err)
		}
	}
}

// Ten requests invite the same address at once: one account is made, and every other
// request is told the address is taken, by its field.
func TestConcurrentInvitationsOfOneAddress(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	const n = 10
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			_, _, err := s.CreateUser(ctx, models.System, models.UserInput{Email: "sama@derap.test", Name: "Sama", Role: models.RoleOfficial})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	made := 0
	for err := range errs {
		var v *models.ValidationError
		switch {
		case err == nil:
			made++
		case errors.As(err, &v) && v.For("email") == "error.email_taken":
		default:
			t.Errorf("%v", err)
		}
	}
	if made != 1 {
		t.Errorf("%d accounts made", made)
	}
}
