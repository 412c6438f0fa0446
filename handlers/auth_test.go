package handlers_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
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

// otherProcess opens the portal's database as another process does (another portal
// server, the derap command): a store of its own, sharing nothing in memory with the
// portal's.
func (p *portal) otherProcess(t *testing.T) *models.Store {
	t.Helper()
	other, err := models.Open(modeltest.DSN(t, p.store))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	other.SetPasswordParams(modeltest.FastPasswords)
	return other
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
