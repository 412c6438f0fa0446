package models_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

func TestCreateUserValidation(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	if _, _, err := s.CreateUser(ctx, nil, models.UserInput{Email: "Ada@Derap.test", Name: "Ada", Role: models.RoleOfficial, Password: "a long enough passphrase"}); err != nil {
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
			_, _, err := s.CreateUser(ctx, nil, tt.in)
			var v *models.ValidationError
			if !errors.As(err, &v) || v.For(tt.field) != tt.code {
				t.Fatalf("err = %v, want %s on %s", err, tt.code, tt.field)
			}
		})
	}
	if users, _ := s.Users(ctx, nil); len(users) != 1 {
		t.Fatalf("%d users after refusals, want 1", len(users))
	}
}

func TestOnlyAdministratorsManageUsers(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	admin := modeltest.CreateUser(t, s, models.RoleAdmin, "")
	official := modeltest.CreateUser(t, s, models.RoleOfficial, "")
	delegate := modeltest.CreateUser(t, s, models.RoleDelegate, "61")
	in := models.UserInput{Email: "new@x.test", Name: "N", Role: models.RoleOfficial}
	for _, actor := range []*models.User{&official, &delegate} {
		if _, _, err := s.CreateUser(ctx, actor, in); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("%s creating a user: %v", actor.Role, err)
		}
		if err := s.SetUserActive(ctx, actor, admin.ID, false); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("%s disabling: %v", actor.Role, err)
		}
		if err := s.EndSessions(ctx, actor, admin.ID); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("%s ending sessions: %v", actor.Role, err)
		}
		if _, err := s.Users(ctx, actor); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("%s listing: %v", actor.Role, err)
		}
		if _, err := s.Reinvite(ctx, actor, admin.ID); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("%s reinviting: %v", actor.Role, err)
		}
	}
	if _, _, err := s.CreateUser(ctx, &admin, in); err != nil {
		t.Errorf("admin creating a user: %v", err)
	}
	if err := s.SetUserActive(ctx, &admin, admin.ID, false); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("admin disabling themself: %v", err)
	}
	disabled := admin
	disabled.Active = false
	if _, err := s.Users(ctx, &disabled); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("a disabled admin listing: %v", err)
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
	if err := s.SetUserActive(ctx, nil, u.ID, false); err != nil {
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
	// Now even the right password is refused, from any address.
	_, err := s.Authenticate(ctx, victim.Email, modeltest.Password, "198.51.100.7")
	var throttled *models.ThrottledError
	if !errors.As(err, &throttled) {
		t.Fatalf("sixth attempt: %v", err)
	}
	if want := models.ThrottleWindow - 5*time.Minute; throttled.RetryAfter != want {
		t.Errorf("retry after %s, want %s", throttled.RetryAfter, want)
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
	u, token, err := s.CreateUser(ctx, nil, models.UserInput{Email: "baru@derap.test", Name: "Baru", Role: models.RoleDelegate, RegionCode: "61"})
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
	if _, err := s.AcceptInvitation(ctx, token, "password1234"); !errors.As(err, &v) {
		t.Fatalf("a common password: %v", err)
	}
	if _, err := s.AcceptInvitation(ctx, token, modeltest.Password); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AcceptInvitation(ctx, token, modeltest.Password+"!"); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("second use: %v", err)
	}
	if _, err := s.Authenticate(ctx, u.Email, modeltest.Password, "192.0.2.1"); err != nil {
		t.Fatal(err)
	}

	// A new link replaces the old; links expire after seven days.
	old, _ := s.Reinvite(ctx, nil, u.ID)
	fresh, _ := s.Reinvite(ctx, nil, u.ID)
	if _, err := s.InvitedUser(ctx, old); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("a replaced link still works: %v", err)
	}
	clock.Advance(models.InvitationTTL - time.Second)
	if _, err := s.InvitedUser(ctx, fresh); err != nil {
		t.Errorf("a link before it expires: %v", err)
	}
	clock.Advance(2 * time.Second)
	if _, err := s.AcceptInvitation(ctx, fresh, "another fine passphrase"); !errors.Is(err, models.ErrNotFound) {
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
		if err := s.EndSessions(ctx, nil, u.ID); err != nil || live(b) {
			t.Fatalf("end sessions: %v", err)
		}
		c := newSession()
		if err := s.SetUserActive(ctx, nil, u.ID, false); err != nil || live(c) {
			t.Fatalf("disable: %v", err)
		}
		_ = s.SetUserActive(ctx, nil, u.ID, true)
		keep, other := newSession(), newSession()
		var v *models.ValidationError
		if err := s.ChangePassword(ctx, u.ID, "not the password", "a brand new passphrase", keep); !errors.As(err, &v) || v.For("current") == "" {
			t.Fatalf("wrong current password: %v", err)
		}
		if err := s.ChangePassword(ctx, u.ID, modeltest.Password, "a brand new passphrase", keep); err != nil {
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

func TestDelegateInbox(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	tests := []struct {
		region           string
		awaiting, others int
	}{
		{"31", 0, 5},    // Jakarta answered everything sent; the draft is not shown
		{"61", 0, 1},    // its memorandum; the implementing agreement is a draft
		{"61.04", 0, 1}, // declined: answered
		{"14.71", 1, 0}, // Pekanbaru's answer is awaited
		{"53", 0, 0},    // a partner without agreements
	}
	for _, tt := range tests {
		d := modeltest.CreateUser(t, s, models.RoleDelegate, tt.region)
		in, err := s.DelegateInbox(ctx, &d, 50)
		if err != nil {
			t.Fatal(err)
		}
		if len(in.Awaiting) != tt.awaiting || int(in.AwaitingTotal) != tt.awaiting || len(in.Others) != tt.others || int(in.OthersTotal) != tt.others {
			t.Errorf("%s: %d awaiting, %d others; want %d and %d", tt.region, len(in.Awaiting), len(in.Others), tt.awaiting, tt.others)
		}
		for _, a := range append(in.Awaiting, in.Others...) {
			if a.Status == models.StatusDraft {
				t.Errorf("%s sees a draft", tt.region)
			}
			own := false
			for _, p := range a.Parties {
				own = own || p.RegionCode == tt.region
			}
			if !own {
				t.Errorf("%s sees agreement %d it is no party to", tt.region, a.ID)
			}
		}
	}
	// What waits on the region comes first and is counted, beyond the limit too.
	first := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.InReview})
	modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.InReview})
	modeltest.CreateAgreement(t, s, modeltest.Agreement{})
	jakarta := modeltest.CreateUser(t, s, models.RoleDelegate, models.JakartaCode)
	in, _ := s.DelegateInbox(ctx, &jakarta, 1)
	if in.AwaitingTotal != 2 || len(in.Awaiting) != 1 || in.Awaiting[0].ID != first || in.OthersTotal != 6 || len(in.Others) != 1 {
		t.Errorf("Jakarta's inbox: %d of %d awaiting (first %d), %d of %d others", len(in.Awaiting), in.AwaitingTotal, in.Awaiting[0].ID, len(in.Others), in.OthersTotal)
	}
	official := modeltest.CreateUser(t, s, models.RoleOfficial, "")
	if _, err := s.DelegateInbox(ctx, &official, 10); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("an official asking: %v", err)
	}
}
