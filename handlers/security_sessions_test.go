package handlers_test

// Security claims: sessions. A session lives server-side in the database: its cookie is
// renewed at sign-in, ends when it is signed out, disabled, replaced or expired, on every
// server at the next request, and is HttpOnly, SameSite and (under HTTPS) Secure and
// __Host- prefixed.

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
)

// The session ID changes at sign-in, and a copied session cookie stops working the moment
// the session is ended: by signing out, by disabling the account, or by an administrator
// ending its sessions.
func TestSessionRenewalAndRevocation(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)

	b := p.browser(t)
	b.login(u.official.Email, modeltest.Password)
	first := b.sessionCookie()
	if first == nil {
		t.Fatal("no session cookie")
	}
	b.login(u.official.Email, modeltest.Password)
	second := b.sessionCookie()
	if second.Value == first.Value {
		t.Fatal("the session ID did not change at sign-in")
	}
	if replay(t, p, first, "/office") != http.StatusSeeOther {
		t.Error("the session from before the sign-in still works")
	}
	if replay(t, p, second, "/office") != http.StatusOK {
		t.Error("the new session does not work")
	}

	// A copied cookie dies with each way of ending a session.
	ends := []struct {
		name string
		end  func(b *browser, user models.User)
	}{
		{"logout", func(b *browser, _ models.User) {
			b.get("/office")
			if got := b.post("/logout", nil); got.StatusCode != http.StatusSeeOther {
				t.Fatalf("logout: %d", got.StatusCode)
			}
		}},
		{"disable", func(_ *browser, user models.User) {
			if err := p.store.SetUserActive(context.Background(), modeltest.As(&u.admin), user.ID, false, models.AnyRevision); err != nil {
				t.Fatal(err)
			}
		}},
		{"end sessions", func(_ *browser, user models.User) {
			admin := p.browser(t)
			admin.login(u.admin.Email, modeltest.Password)
			admin.get("/office/users")
			got := admin.post("/office/users/"+strconv.Itoa(int(user.ID))+"/end-sessions", nil)
			if got.StatusCode != http.StatusSeeOther {
				t.Fatalf("end sessions: %d", got.StatusCode)
			}
			if !strings.Contains(text(admin.get(got.Header.Get("Location")).doc.Find(`[data-testid="flash"]`)), "sesi") {
				t.Error("no message after ending the sessions")
			}
			if sessions, _ := p.store.ActiveSessions(context.Background(), models.System, time.Hour); sessions[user.ID] != 0 {
				t.Errorf("%d sessions left in the database", sessions[user.ID])
			}
		}},
	}
	for _, tt := range ends {
		t.Run(tt.name, func(t *testing.T) {
			user := modeltest.CreateUser(t, p.store, models.RoleOfficial, "")
			b := p.browser(t)
			b.login(user.Email, modeltest.Password)
			copied := b.sessionCookie()
			if replay(t, p, copied, "/office") != http.StatusOK {
				t.Fatal("the copied cookie does not work to begin with")
			}
			tt.end(b, user)
			if got := replay(t, p, copied, "/office"); got != http.StatusSeeOther {
				t.Errorf("after %s the copied cookie still works: %d", tt.name, got)
			}
		})
	}
}

// replay sends one request with nothing but a copied session cookie.
func replay(t *testing.T, p *portal, cookie *http.Cookie, path string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, p.srv.URL+path, nil)
	req.AddCookie(&http.Cookie{Name: cookie.Name, Value: cookie.Value})
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// A session ends after 30 idle minutes, and after 12 hours however active.
func TestSessionTimeouts(t *testing.T) {
	p := newPortal(t, handlers.Config{SessionIdle: 30 * time.Minute, SessionMaxAge: 12 * time.Hour})
	u := p.users(t)

	b := p.browser(t)
	b.login(u.official.Email, modeltest.Password)
	p.clock.Advance(29 * time.Minute)
	if b.get("/office").StatusCode != http.StatusOK {
		t.Fatal("signed out before the idle timeout")
	}
	p.clock.Advance(31 * time.Minute)
	if got := b.get("/office"); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("still signed in after 31 idle minutes: %d", got.StatusCode)
	}

	b = p.browser(t)
	b.login(u.official.Email, modeltest.Password)
	for range 12*3 - 1 { // active every 20 minutes for 11 h 40 min
		p.clock.Advance(20 * time.Minute)
		if b.get("/office").StatusCode != http.StatusOK {
			t.Fatal("an active session ended before the absolute timeout")
		}
	}
	p.clock.Advance(20 * time.Minute)
	if got := b.get("/office"); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("still signed in after 12 hours: %d", got.StatusCode)
	}
}

// The session cookie is HttpOnly and SameSite=Lax on the whole site (Secure and __Host-
// under HTTPS: TestCSRFCookieUnderHTTPS).
func TestCookiesAndHTTPS(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	b := p.browser(t)
	resp := b.login(u.official.Email, modeltest.Password)
	var session *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "derap_session" {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Secure || session.Path != "/" {
		t.Fatalf("session cookie %+v", session)
	}
	// Under HTTPS: security_csrf_test.go.
}
