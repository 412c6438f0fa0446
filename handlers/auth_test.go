package handlers_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
)

// portal is the real server on a loopback port, over a fresh demo database.
type portal struct {
	srv   *httptest.Server
	store *models.Store
	clock *modeltest.Clock
	logs  *syncBuffer
}

// syncBuffer is a log the server writes while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newPortal(t *testing.T, cfg handlers.Config) *portal {
	t.Helper()
	return newPortalOn(t, modeltest.NewDemoStore(t), cfg)
}

// newPortalOn is newPortal over a store the test made.
func newPortalOn(t *testing.T, store *models.Store, cfg handlers.Config) *portal {
	t.Helper()
	p := &portal{store: store, clock: modeltest.NewClock(store), logs: &syncBuffer{}}
	if cfg.SessionKey == nil {
		cfg.SessionKey = testKey
	}
	e, err := handlers.New(store, cfg, slog.New(slog.NewTextHandler(p.logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	p.srv = httptest.NewServer(e)
	t.Cleanup(p.srv.Close)
	return p
}

// browser keeps cookies like a browser, does not follow redirects, and remembers the
// CSRF token of the last page it read.
type browser struct {
	t      *testing.T
	p      *portal
	client *http.Client
	csrf   string
	header http.Header // extra headers on every request
}

func (p *portal) browser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, p: p, header: http.Header{}, client: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

type page struct {
	*http.Response
	doc  *goquery.Document
	body string
}

func (b *browser) do(req *http.Request) page {
	b.t.Helper()
	for k, v := range b.header {
		req.Header[k] = v
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if tok, ok := doc.Find(`input[name="_csrf"]`).Attr("value"); ok {
		b.csrf = tok
	}
	return page{Response: resp, doc: doc, body: string(body)}
}

func (b *browser) get(path string) page {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.p.srv.URL+path, nil)
	return b.do(req)
}

// post submits a form with the CSRF token of the last page read.
func (b *browser) post(path string, form url.Values) page {
	b.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, set := form["_csrf"]; !set {
		form.Set("_csrf", b.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, b.p.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// login signs in through the form and checks it worked.
func (b *browser) login(email, password string) page {
	b.t.Helper()
	if form := b.get("/login"); form.StatusCode == http.StatusSeeOther {
		b.get(form.Header.Get("Location")) // signed in already: the token of this session
	}
	p := b.post("/login", url.Values{"email": {email}, "password": {password}})
	if p.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("login as %s: %d %s", email, p.StatusCode, text(p.doc.Find(`[data-testid="form-alert"]`)))
	}
	return p
}

func (b *browser) sessionCookie() *http.Cookie {
	u, _ := url.Parse(b.p.srv.URL)
	for _, c := range b.client.Jar.Cookies(u) {
		if c.Name == "derap_session" {
			return c
		}
	}
	return nil
}

// users are one account of each role, all with modeltest.Password.
type users struct {
	admin, official, delegate models.User
}

func (p *portal) users(t *testing.T) users {
	return users{
		admin:    modeltest.CreateUser(t, p.store, models.RoleAdmin, ""),
		official: modeltest.CreateUser(t, p.store, models.RoleOfficial, ""),
		delegate: modeltest.CreateUser(t, p.store, models.RoleDelegate, "13.77"),
	}
}

func TestRoutesByRole(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	target := modeltest.CreateUser(t, p.store, models.RoleDelegate, "61")
	end := "/office/users/" + strconv.Itoa(int(target.ID)) + "/end-sessions"
	const (
		ok     = http.StatusOK
		see    = http.StatusSeeOther
		denied = http.StatusForbidden
	)
	tests := []struct {
		method, path string
		// statuses for anonymous, delegate, official, admin
		want [4]int
	}{
		{"GET", "/", [4]int{ok, ok, ok, ok}},
		{"GET", "/agreements", [4]int{ok, ok, ok, ok}},
		{"GET", "/login", [4]int{ok, see, see, see}},
		{"GET", "/account", [4]int{see, ok, ok, ok}},
		{"GET", "/inbox", [4]int{see, ok, denied, denied}},
		{"GET", "/office", [4]int{see, denied, ok, ok}},
		{"GET", "/office/users", [4]int{see, denied, denied, ok}},
		{"GET", "/office/nothing-here", [4]int{see, denied, http.StatusNotFound, http.StatusNotFound}},
		{"POST", end, [4]int{see, denied, denied, see}},
		{"POST", "/office/users", [4]int{see, denied, denied, http.StatusUnprocessableEntity}},
	}
	for i, role := range []string{"anonymous", "delegate", "official", "admin"} {
		b := p.browser(t)
		switch role {
		case "delegate":
			b.login(u.delegate.Email, modeltest.Password)
		case "official":
			b.login(u.official.Email, modeltest.Password)
		case "admin":
			b.login(u.admin.Email, modeltest.Password)
		}
		for _, tt := range tests {
			var got page
			if tt.method == "GET" {
				got = b.get(tt.path)
			} else {
				b.get("/login") // any page that carries a token
				got = b.post(tt.path, nil)
			}
			if got.StatusCode != tt.want[i] {
				t.Errorf("%s %s %s: %d, want %d", role, tt.method, tt.path, got.StatusCode, tt.want[i])
			}
			if got.StatusCode == denied && text(got.doc.Find("h1")) != "Akses ditolak" {
				t.Errorf("%s %s %s: the 403 page is not the portal's", role, tt.method, tt.path)
			}
			if role != "anonymous" && got.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("%s %s %s: Cache-Control %q", role, tt.method, tt.path, got.Header.Get("Cache-Control"))
			}
		}
	}
}

func TestLoginLandsAndReturns(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	for _, tt := range []struct {
		user models.User
		want string
	}{{u.official, "/office"}, {u.admin, "/office"}, {u.delegate, "/inbox"}} {
		b := p.browser(t)
		if got := b.login(tt.user.Email, modeltest.Password).Header.Get("Location"); got != tt.want {
			t.Errorf("%s lands on %q, want %q", tt.user.Role, got, tt.want)
		}
		home := b.get(tt.want)
		if !strings.Contains(text(home.doc.Find(`[data-testid="whoami"]`)), tt.user.Name) {
			t.Errorf("%s: the start page does not say who is signed in", tt.user.Role)
		}
		if tt.user.Role == models.RoleDelegate && !strings.Contains(text(home.doc.Find(`[data-testid="whoami"]`)), "Kota Pariaman") {
			t.Error("the inbox does not name the delegate's region")
		}
	}

	b := p.browser(t)
	first := b.get("/office/users")
	if first.StatusCode != http.StatusSeeOther || first.Header.Get("Location") != "/login?next=%2Foffice%2Fusers" {
		t.Fatalf("anonymous /office/users: %d %s", first.StatusCode, first.Header.Get("Location"))
	}
	b.get(first.Header.Get("Location"))
	back := b.post("/login", url.Values{"email": {u.admin.Email}, "password": {modeltest.Password}, "next": {"/office/users"}})
	if back.Header.Get("Location") != "/office/users" {
		t.Errorf("after login: %q", back.Header.Get("Location"))
	}

	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"} {
		b := p.browser(t)
		b.get("/login?next=" + url.QueryEscape(next))
		got := b.post("/login", url.Values{"email": {u.official.Email}, "password": {modeltest.Password}, "next": {next}})
		if got.Header.Get("Location") != "/office" {
			t.Errorf("next=%q sent the user to %q", next, got.Header.Get("Location"))
		}
	}
}

func TestLoginFailuresLookAlike(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	b := p.browser(t)
	b.get("/login")
	wrong := b.post("/login", url.Values{"email": {u.official.Email}, "password": {"not the password"}})
	unknown := b.post("/login", url.Values{"email": {"nobody@derap.test"}, "password": {"not the password"}})
	if wrong.StatusCode != unknown.StatusCode || text(wrong.doc.Find(`[data-testid="form-alert"]`)) != text(unknown.doc.Find(`[data-testid="form-alert"]`)) {
		t.Errorf("a wrong password and an unknown email answer differently: %d %q / %d %q", wrong.StatusCode,
			text(wrong.doc.Find(`[data-testid="form-alert"]`)), unknown.StatusCode, text(unknown.doc.Find(`[data-testid="form-alert"]`)))
	}
	if got := wrong.doc.Find("#email").AttrOr("value", ""); got != u.official.Email {
		t.Errorf("the email was not kept: %q", got)
	}
	if wrong.doc.Find("#password").AttrOr("value", "") != "" {
		t.Error("the password was sent back")
	}
	empty := b.post("/login", url.Values{"email": {""}, "password": {""}})
	if empty.StatusCode != http.StatusUnprocessableEntity || text(empty.doc.Find("#email-error")) != "Wajib diisi." || empty.doc.Find("#email").AttrOr("aria-invalid", "") != "true" {
		t.Errorf("empty form: %d %q", empty.StatusCode, text(empty.doc.Find("#email-error")))
	}
}

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

func TestLoginThrottling(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	b := p.browser(t)
	b.get("/login")
	for i := range models.MaxFailuresAccount {
		if got := b.post("/login", url.Values{"email": {u.official.Email}, "password": {"wrong password " + strconv.Itoa(i)}}); got.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, got.StatusCode)
		}
	}
	got := b.post("/login", url.Values{"email": {u.official.Email}, "password": {modeltest.Password}})
	if got.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("sixth attempt: %d", got.StatusCode)
	}
	retry, err := strconv.Atoi(got.Header.Get("Retry-After"))
	if err != nil || retry <= 0 || retry > int(models.ThrottleWindow.Seconds()) {
		t.Errorf("Retry-After %q", got.Header.Get("Retry-After"))
	}
	if !strings.Contains(text(got.doc.Find(`[data-testid="form-alert"]`)), "15 menit") {
		t.Errorf("throttled message: %q", text(got.doc.Find(`[data-testid="form-alert"]`)))
	}
	// Another user signs in from the same address at once.
	p.browser(t).login(u.delegate.Email, modeltest.Password)
	// The window passes; the user is let in again.
	p.clock.Advance(models.ThrottleWindow)
	p.browser(t).login(u.official.Email, modeltest.Password)
}

// The client address is the connection's unless a trusted proxy says otherwise.
func TestClientAddress(t *testing.T) {
	attempts := func(p *portal, forwarded func(i int) string) int {
		b := p.browser(t)
		b.get("/login")
		last := 0
		for i := range models.MaxFailuresAddress + 1 {
			b.header.Set("X-Forwarded-For", forwarded(i))
			last = b.post("/login", url.Values{"email": {"guess" + strconv.Itoa(i) + "@derap.test"}, "password": {"wrong password!"}}).StatusCode
		}
		return last
	}
	spoofed := func(i int) string { return "203.0.113." + strconv.Itoa(i+1) }
	if got := attempts(newPortal(t, handlers.Config{}), spoofed); got != http.StatusTooManyRequests {
		t.Errorf("a client-supplied X-Forwarded-For escaped the address limit: %d", got)
	}
	_, loopback, _ := net.ParseCIDR("127.0.0.1/32")
	if got := attempts(newPortal(t, handlers.Config{TrustedProxies: []*net.IPNet{loopback}}), spoofed); got != http.StatusUnauthorized {
		t.Errorf("behind a trusted proxy, clients were lumped together: %d", got)
	}
}

func TestInvitationFlow(t *testing.T) {
	p := newPortal(t, handlers.Config{BaseURL: &url.URL{Scheme: "http", Host: "portal.test"}})
	u := p.users(t)
	admin := p.browser(t)
	admin.login(u.admin.Email, modeltest.Password)
	admin.get("/office/users")

	bad := admin.post("/office/users", url.Values{"email": {"Delegasi.Baru@derap.test"}, "name": {"Delegasi Baru"}, "role": {"delegate"}, "region": {""}})
	if bad.StatusCode != http.StatusUnprocessableEntity || text(bad.doc.Find("#region-error")) == "" {
		t.Fatalf("a delegate without a region: %d", bad.StatusCode)
	}
	if got := bad.doc.Find("#email").AttrOr("value", ""); got != "Delegasi.Baru@derap.test" {
		t.Errorf("the input was not kept: %q", got)
	}
	created := admin.post("/office/users", url.Values{"email": {"Delegasi.Baru@derap.test"}, "name": {"Delegasi Baru"}, "role": {"delegate"}, "region": {"61.04"}})
	link := text(created.doc.Find(`[data-testid="invitation-link"]`))
	if created.StatusCode != http.StatusOK || !strings.HasPrefix(link, "http://portal.test/invitations/") {
		t.Fatalf("invitation: %d %q", created.StatusCode, link)
	}
	path := strings.TrimPrefix(link, "http://portal.test")

	invitee := p.browser(t)
	form := invitee.get(path)
	if form.StatusCode != http.StatusOK || !strings.Contains(text(form.doc.Find(".lead")), "delegasi.baru@derap.test") {
		t.Fatalf("invitation page: %d", form.StatusCode)
	}
	mismatch := invitee.post(path, url.Values{"password": {"a long enough passphrase"}, "confirm": {"another passphrase"}})
	if mismatch.StatusCode != http.StatusUnprocessableEntity || text(mismatch.doc.Find("#confirm-error")) == "" {
		t.Fatalf("mismatched passwords: %d", mismatch.StatusCode)
	}
	common := invitee.post(path, url.Values{"password": {"qwerty123456"}, "confirm": {"qwerty123456"}})
	if text(common.doc.Find("#password-error")) != "Kata sandi ini terlalu umum atau mudah ditebak. Pilih yang lain." {
		t.Fatalf("a common password: %q", text(common.doc.Find("#password-error")))
	}
	done := invitee.post(path, url.Values{"password": {"sawah hijau di ketapang"}, "confirm": {"sawah hijau di ketapang"}})
	if done.StatusCode != http.StatusSeeOther || done.Header.Get("Location") != "/inbox" {
		t.Fatalf("accepting: %d %s", done.StatusCode, done.Header.Get("Location"))
	}
	if !strings.Contains(text(invitee.get("/inbox").doc.Find(`[data-testid="whoami"]`)), "Kabupaten Ketapang") {
		t.Error("the new delegate is not signed in for Ketapang")
	}
	// Single use.
	if again := p.browser(t).get(path); again.StatusCode != http.StatusNotFound || text(again.doc.Find("h1")) != "Tautan undangan tidak berlaku" {
		t.Errorf("a used link: %d", again.StatusCode)
	}
	p.browser(t).login("delegasi.baru@derap.test", "sawah hijau di ketapang")

	// A renewed link expires after seven days.
	admin.get("/office/users")
	var id string
	admin.get("/office/users").doc.Find(`[data-testid="user"]`).Each(func(_ int, s *goquery.Selection) {
		if s.AttrOr("data-email", "") == "delegasi.baru@derap.test" {
			id = strings.Split(s.Find(`form[action$="/invitation"]`).AttrOr("action", ""), "/")[3]
		}
	})
	renewed := text(admin.post("/office/users/"+id+"/invitation", nil).doc.Find(`[data-testid="invitation-link"]`))
	p.clock.Advance(models.InvitationTTL + time.Minute)
	if got := p.browser(t).get(strings.TrimPrefix(renewed, "http://portal.test")).StatusCode; got != http.StatusNotFound {
		t.Errorf("an expired link: %d", got)
	}
}

func TestAccountPasswordChange(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	other := p.browser(t)
	other.login(u.delegate.Email, modeltest.Password)
	b := p.browser(t)
	b.login(u.delegate.Email, modeltest.Password)
	b.get("/account")
	wrong := b.post("/account/password", url.Values{"current": {"not it"}, "password": {"pantai gandoriah pariaman"}, "confirm": {"pantai gandoriah pariaman"}})
	if wrong.StatusCode != http.StatusUnprocessableEntity || text(wrong.doc.Find("#current-error")) != "Kata sandi saat ini salah." {
		t.Fatalf("wrong current password: %d %q", wrong.StatusCode, text(wrong.doc.Find("#current-error")))
	}
	ok := b.post("/account/password", url.Values{"current": {modeltest.Password}, "password": {"pantai gandoriah pariaman"}, "confirm": {"pantai gandoriah pariaman"}})
	if ok.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d", ok.StatusCode)
	}
	if b.get("/account").StatusCode != http.StatusOK {
		t.Error("the session that changed the password ended")
	}
	if other.get("/inbox").StatusCode != http.StatusSeeOther {
		t.Error("another session survived the password change")
	}
	p.browser(t).login(u.delegate.Email, "pantai gandoriah pariaman")
}

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

// Nothing secret reaches the log: passwords, invitation tokens, session cookies.
func TestNoSecretsInLogs(t *testing.T) {
	p := newPortal(t, handlers.Config{BaseURL: &url.URL{Scheme: "http", Host: "portal.test"}})
	u := p.users(t)
	admin := p.browser(t)
	admin.login(u.admin.Email, modeltest.Password)
	admin.get("/office/users")
	link := text(admin.post("/office/users", url.Values{"email": {"rahasia@derap.test"}, "name": {"R"}, "role": {"official"}}).doc.Find(`[data-testid="invitation-link"]`))
	token := link[strings.LastIndex(link, "/")+1:]
	invitee := p.browser(t)
	path := "/invitations/" + token
	invitee.get(path)
	invitee.post(path, url.Values{"password": {"kopi tubruk pagi hari"}, "confirm": {"kopi tubruk pagi hari"}})
	failed := p.browser(t)
	failed.get("/login")
	failed.post("/login", url.Values{"email": {u.official.Email}, "password": {"a wrong secret guess"}})
	invitee.get("/account")
	invitee.post("/account/password", url.Values{"current": {"kopi tubruk pagi hari"}, "password": {"teh manis sore hari"}, "confirm": {"teh manis sore hari"}})

	logs := p.logs.String()
	if !strings.Contains(logs, "/invitations/:token") {
		t.Fatalf("the requests were not logged:\n%s", logs)
	}
	for _, secret := range []string{modeltest.Password, token, "kopi tubruk pagi hari", "teh manis sore hari", "a wrong secret guess", admin.sessionCookie().Value} {
		if strings.Contains(logs, secret) {
			t.Errorf("the log holds a secret %q", secret)
		}
	}
}
