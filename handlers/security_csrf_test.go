package handlers_test

// Security claims: cross-site request forgery. Every state-changing request needs the
// token of its own session (a signed-in user's server-side session, or a visitor's ID for
// signing in); no header, cookie or token of another session stands in for it.

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
)

// A state-changing request is refused with 403, and changes nothing, unless it carries the
// token of its own session: not without one, not with a forged one, not with one of
// another session, not on the word of fetch-metadata headers, not with a cookie and field
// made to match; and never from another site, even with the token.
func TestCSRFTokenBelongsToTheSession(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	b := p.browser(t)
	b.login(u.admin.Email, modeltest.Password)
	b.get("/office/users")
	token := b.csrf
	if token == "" {
		t.Fatal("the page has no CSRF token")
	}
	// The token of another session of the same user, and of a visitor.
	other := p.browser(t)
	other.login(u.admin.Email, modeltest.Password)
	other.get("/office/users")
	visitor := p.browser(t)
	visitor.get("/login")
	if other.csrf == token || visitor.csrf == token || visitor.csrf == "" {
		t.Fatalf("tokens are not per session: %q %q %q", token, other.csrf, visitor.csrf)
	}
	target := modeltest.CreateUser(t, p.store, models.RoleOfficial, "")
	action := "/office/users/" + strconv.Itoa(int(target.ID)) + "/disable"
	tests := []struct {
		name   string
		form   url.Values
		header map[string]string
		want   int
	}{
		{"no token", url.Values{"_csrf": {""}}, nil, http.StatusForbidden},
		{"wrong token", url.Values{"_csrf": {"forged"}}, nil, http.StatusForbidden},
		{"same-origin header, no token", url.Values{"_csrf": {""}}, map[string]string{"Sec-Fetch-Site": "same-origin"}, http.StatusForbidden},
		{"typed-in header, no token", url.Values{"_csrf": {""}}, map[string]string{"Sec-Fetch-Site": "none"}, http.StatusForbidden},
		{"another session's token", url.Values{"_csrf": {other.csrf}}, nil, http.StatusForbidden},
		{"a visitor's token", url.Values{"_csrf": {visitor.csrf}}, nil, http.StatusForbidden},
		{"old double-submit cookie and field", url.Values{"_csrf": {"tok"}}, map[string]string{"Cookie": "_csrf=tok"}, http.StatusForbidden},
		{"cross-site, even with the token", url.Values{"_csrf": {token}}, map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"header token", url.Values{"_csrf": {""}}, map[string]string{"X-CSRF-Token": token}, http.StatusSeeOther},
		{"form token", url.Values{"_csrf": {token}}, nil, http.StatusSeeOther},
		{"form token, same-origin", url.Values{"_csrf": {token}}, map[string]string{"Sec-Fetch-Site": "same-origin"}, http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b.header = http.Header{}
			for k, v := range tt.header {
				if k == "Cookie" {
					// Added to the browser's own cookies, as a planted cookie would be.
					u, _ := url.Parse(p.srv.URL)
					name, value, _ := strings.Cut(v, "=")
					b.client.Jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: "/"}})
					continue
				}
				b.header.Set(k, v)
			}
			tt.form.Set("understood", "yes") // the box of a step that is hard to undo
			if got := b.post(action, tt.form).StatusCode; got != tt.want {
				t.Errorf("%d, want %d", got, tt.want)
			}
			// A refusal changes nothing; an accepted request disables the account.
			stored, err := p.store.UserByID(context.Background(), target.ID)
			if err != nil {
				t.Fatal(err)
			}
			if refused := tt.want == http.StatusForbidden; stored.Active != refused {
				t.Errorf("the account is active=%v after the request", stored.Active)
			}
			if err := p.store.SetUserActive(context.Background(), models.System, target.ID, true, models.AnyRevision); err != nil {
				t.Fatal(err)
			}
		})
	}
	b.header = http.Header{}
	// A sign-in or sign-out without the token is refused too.
	anon := p.browser(t)
	if got := anon.post("/login", url.Values{"email": {u.admin.Email}, "password": {modeltest.Password}}).StatusCode; got != http.StatusForbidden {
		t.Errorf("login without a token: %d", got)
	}
	if got := anon.get("/office").StatusCode; got != http.StatusSeeOther {
		t.Errorf("the refused sign-in signed in: %d", got)
	}
	if got := b.post("/logout", url.Values{"_csrf": {""}}).StatusCode; got != http.StatusForbidden {
		t.Errorf("logout without a token: %d", got)
	}
	if sessions, _ := p.store.ActiveSessions(context.Background(), models.System, time.Hour); sessions[u.admin.ID] != 2 {
		t.Errorf("the refused sign-out ended a session: %d left", sessions[u.admin.ID])
	}
	// Visitors reading public pages get no cookie, so those pages are the same for all.
	fresh := p.browser(t)
	if resp := fresh.get("/agreements"); len(resp.Cookies()) != 0 {
		t.Errorf("a public page set cookies: %v", resp.Cookies())
	}
}

// The token changes at sign-in and at sign-out: one seen before either is refused after it.
func TestCSRFTokenRenewedAtSignInAndSignOut(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	b := p.browser(t)
	b.get("/login")
	before := b.csrf
	b.login(u.official.Email, modeltest.Password)
	b.get("/account")
	during := b.csrf
	if during == "" || during == before {
		t.Fatalf("the token did not change at sign-in: %q", during)
	}
	// The visitor's token no longer acts for the signed-in user.
	if got := b.post("/logout", url.Values{"_csrf": {before}}).StatusCode; got != http.StatusForbidden {
		t.Errorf("sign-out with the token from before sign-in: %d", got)
	}
	if got := b.post("/logout", url.Values{"_csrf": {during}}).StatusCode; got != http.StatusSeeOther {
		t.Fatalf("sign-out: %d", got)
	}
	b.get("/login")
	after := b.csrf
	if after == "" || after == during || after == before {
		t.Errorf("the token did not change at sign-out: %q", after)
	}
	// A token of the ended session signs nobody in.
	if got := b.post("/login", url.Values{"_csrf": {during}, "email": {u.official.Email}, "password": {modeltest.Password}}).StatusCode; got != http.StatusForbidden {
		t.Errorf("sign-in with the ended session's token: %d", got)
	}
}

// Under HTTPS the visitor's cookie that the sign-in token stands for has the __Host-
// prefix (no neighbouring site can plant it), is Secure and HttpOnly; the session cookie
// too.
func TestCSRFCookieUnderHTTPS(t *testing.T) {
	store := modeltest.NewDemoStore(t)
	admin := modeltest.CreateUser(t, store, models.RoleAdmin, "")
	e, err := handlers.New(store, handlers.Config{SessionKey: testKey, BaseURL: &url.URL{Scheme: "https", Host: "ksd.example"}}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	get := httptest.NewRecorder()
	e.ServeHTTP(get, httptest.NewRequest(http.MethodGet, "/login", nil))
	var visitor *http.Cookie
	for _, c := range get.Result().Cookies() {
		if c.Name == "__Host-derap_visitor" {
			visitor = c
		}
	}
	if visitor == nil || !visitor.Secure || !visitor.HttpOnly || visitor.Path != "/" || visitor.Domain != "" {
		t.Fatalf("visitor cookie over HTTPS: %+v in %v", visitor, get.Result().Cookies())
	}
	doc, err := goquery.NewDocumentFromReader(get.Body)
	if err != nil {
		t.Fatal(err)
	}
	token := doc.Find(`input[name="_csrf"]`).AttrOr("value", "")
	if token == "" {
		t.Fatal("the sign-in page has no token")
	}
	form := url.Values{"email": {admin.Email}, "password": {modeltest.Password}, "_csrf": {token}}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(visitor)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	var secure *http.Cookie
	for _, c := range rec.Result().Cookies() {
		if c.Name == "__Host-derap_session" {
			secure = c
		}
	}
	if rec.Code != http.StatusSeeOther || secure == nil || !secure.Secure || !secure.HttpOnly || secure.Path != "/" || secure.Domain != "" {
		t.Fatalf("HTTPS session cookie: %d %+v", rec.Code, secure)
	}
}

// A form sent after its session ended (an administrator ended it, or it idled out) does
// nothing and leads to the sign-in page, and from there back to the page the form was on.
func TestFormOfAnEndedSessionLeadsToSignIn(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	b := p.browser(t)
	b.login(u.admin.Email, modeltest.Password)
	b.get("/office/users")
	target := modeltest.CreateUser(t, p.store, models.RoleOfficial, "")
	if err := p.store.EndSessions(context.Background(), models.System, u.admin.ID, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	b.header.Set("Referer", p.srv.URL+"/office/users")
	got := b.post("/office/users/"+strconv.Itoa(int(target.ID))+"/disable", nil)
	b.header = http.Header{}
	if got.StatusCode != http.StatusSeeOther || got.Header.Get("Location") != "/login?next=%2Foffice%2Fusers" {
		t.Errorf("%d to %q, want the sign-in page", got.StatusCode, got.Header.Get("Location"))
	}
	if stored, _ := p.store.UserByID(context.Background(), target.ID); !stored.Active {
		t.Error("the form of the ended session acted")
	}
}
