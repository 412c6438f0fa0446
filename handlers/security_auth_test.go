package handlers_test

// Security claims: authentication. Passwords are guessed no faster than the throttle
// allows, however many requests are sent at once and through whichever form.

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
)

// postAll sends the forms at once through the browser's session and returns the statuses.
func (b *browser) postAll(path string, forms []url.Values) []int {
	b.t.Helper()
	statuses := make([]int, len(forms))
	var wg sync.WaitGroup
	for i, f := range forms {
		f.Set("_csrf", b.csrf)
		wg.Go(func() {
			req, _ := http.NewRequest(http.MethodPost, b.p.srv.URL+path, strings.NewReader(f.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := b.client.Do(req)
			if err != nil {
				b.t.Error(err)
				return
			}
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		})
	}
	wg.Wait()
	return statuses
}

func count(statuses []int, status int) int {
	n := 0
	for _, s := range statuses {
		if s == status {
			n++
		}
	}
	return n
}

// The current password of /account/password is guessed under the sign-in's limits: of 30
// wrong guesses sent at once, no more than the account's limit are checked (422), the
// others are refused with 429; once the limit is reached, the right password changes
// nothing either.
func TestPasswordChangeIsThrottled(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	b := p.browser(t)
	b.login(u.official.Email, modeltest.Password)
	b.get("/account")
	next := "pantai gandoriah pariaman"
	var guesses []url.Values
	for i := range 30 {
		guesses = append(guesses, url.Values{"current": {"tebakan salah " + itoa(uint(i))}, "password": {next}, "confirm": {next}})
	}
	statuses := b.postAll("/account/password", guesses)
	if checked, refused := count(statuses, http.StatusUnprocessableEntity), count(statuses, http.StatusTooManyRequests); checked != models.MaxFailuresAccount || refused != 30-checked {
		t.Errorf("30 guesses at once: %d checked, %d throttled (%v); want %d checked", checked, refused, statuses, models.MaxFailuresAccount)
	}
	right := b.post("/account/password", url.Values{"current": {modeltest.Password}, "password": {next}, "confirm": {next}})
	if right.StatusCode != http.StatusTooManyRequests || right.Header.Get("Retry-After") == "" {
		t.Errorf("the right password after the limit: %d", right.StatusCode)
	}
	if _, err := p.store.Authenticate(context.Background(), u.official.Email, next, "192.0.2.99"); err == nil {
		t.Error("the password was changed past the limit")
	}
}

// Of 30 guesses at one account sent at once, no more than the limit are checked and the
// others are refused with 429; the right password, sent then, does not sign in. Of 40
// sign-ins from one address at once (at different accounts), no more than the address's
// limit are checked.
func TestParallelSignInsAreThrottled(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	b := p.browser(t)
	b.get("/login")
	var guesses []url.Values
	for i := range 30 {
		guesses = append(guesses, url.Values{"email": {u.official.Email}, "password": {"tebakan salah " + itoa(uint(i))}})
	}
	statuses := b.postAll("/login", guesses)
	if checked := count(statuses, http.StatusUnauthorized); checked != models.MaxFailuresAccount || count(statuses, http.StatusTooManyRequests) != 30-checked {
		t.Errorf("30 guesses at once: %d checked, want %d (%v)", checked, models.MaxFailuresAccount, statuses)
	}
	if got := b.post("/login", url.Values{"email": {u.official.Email}, "password": {modeltest.Password}}); got.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the right password past the limit: %d", got.StatusCode)
	}
	if got := b.get("/office"); got.StatusCode != http.StatusSeeOther {
		t.Errorf("signed in past the limit: %d", got.StatusCode)
	}

	// A fresh portal: the guesses above came from the same address.
	crowd := newPortal(t, handlers.Config{}).browser(t)
	crowd.get("/login")
	var attempts []url.Values
	for i := range 40 {
		attempts = append(attempts, url.Values{"email": {"tamu" + itoa(uint(i)) + "@derap.test"}, "password": {"tebakan salah"}})
	}
	statuses = crowd.postAll("/login", attempts)
	if got := count(statuses, http.StatusUnauthorized); got != models.MaxFailuresAddress || count(statuses, http.StatusTooManyRequests) != 40-got {
		t.Errorf("40 sign-ins from one address at once: %d checked, want %d (%v)", got, models.MaxFailuresAddress, statuses)
	}
}

// Invitation tokens are tried under the same throttle: 40 wrong tokens sent at once from
// one address count against its limit, and the address's next try, even with a real
// invitation, is refused with 429 and sets no password.
func TestInvitationTokensAreThrottled(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	_, token, err := p.store.CreateUser(context.Background(), models.System, models.UserInput{Email: "undangan@derap.test", Name: "Undangan", Role: models.RoleOfficial})
	if err != nil || token == "" {
		t.Fatalf("invitation: %q %v", token, err)
	}
	b := p.browser(t)
	b.get("/invitations/" + token)
	next := "pantai gandoriah pariaman"
	var guesses []url.Values
	for range 40 {
		guesses = append(guesses, url.Values{"password": {next}, "confirm": {next}})
	}
	// Each guess at its own wrong token.
	statuses := make([]int, 0, 40)
	for i, g := range guesses {
		statuses = append(statuses, b.post("/invitations/tebakan-"+itoa(uint(i)), g).StatusCode)
	}
	if got := count(statuses, http.StatusNotFound); got != 40 {
		t.Errorf("wrong tokens: %v", statuses)
	}
	if got := b.post("/invitations/"+token, url.Values{"password": {next}, "confirm": {next}}); got.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the real invitation from the address past its limit: %d", got.StatusCode)
	}
	if _, err := p.store.Authenticate(context.Background(), "undangan@derap.test", next, "192.0.2.99"); err == nil {
		t.Error("the password was set past the limit")
	}
}

// Strangers cannot lock the owner out. Guesses from one address lock only that address
// out of the account; guesses spread over many addresses reach the account's ceiling,
// past which a browser new to the account is refused, while the owner's browser, known to
// the account from an earlier sign-in, still signs in.
func TestLockoutCannotBeTurnedAgainstTheOwner(t *testing.T) {
	_, loopback, _ := net.ParseCIDR("127.0.0.1/32")
	p := newPortal(t, handlers.Config{TrustedProxies: []*net.IPNet{loopback}})
	u := p.users(t)
	owner := p.browser(t)
	owner.header.Set("X-Forwarded-For", "203.0.113.1")
	owner.login(u.official.Email, modeltest.Password)
	owner.get("/account")
	if got := owner.post("/logout", nil); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-out: %d", got.StatusCode)
	}

	stranger := p.browser(t)
	stranger.get("/login")
	guess := func(from string) int {
		stranger.header.Set("X-Forwarded-For", from)
		return stranger.post("/login", url.Values{"email": {u.official.Email}, "password": {"tebakan salah"}}).StatusCode
	}
	for range models.MaxFailuresAccount {
		guess("198.51.100.1")
	}
	if got := guess("198.51.100.1"); got != http.StatusTooManyRequests {
		t.Errorf("the guessing address past its limit: %d", got)
	}
	fresh := p.browser(t)
	fresh.header.Set("X-Forwarded-For", "203.0.113.2")
	fresh.login(u.official.Email, modeltest.Password) // the owner elsewhere, on a new browser
	fresh.get("/account")
	fresh.post("/logout", nil)

	for i := range models.MaxFailuresAccountWide {
		guess("198.51.100." + strconv.Itoa(i+10))
	}
	newcomer := p.browser(t)
	newcomer.header.Set("X-Forwarded-For", "203.0.113.3")
	newcomer.get("/login")
	if got := newcomer.post("/login", url.Values{"email": {u.official.Email}, "password": {modeltest.Password}}); got.StatusCode != http.StatusTooManyRequests {
		t.Errorf("a new browser past the account's ceiling: %d", got.StatusCode)
	}
	owner.login(u.official.Email, modeltest.Password) // fails the test unless it signs in
}

// A guessable new password is refused by its field with the reason, in the user's language.
func TestGuessablePasswordsAreRefusedWithTheReason(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	b := p.browser(t)
	b.login(u.official.Email, modeltest.Password)
	b.get("/account")
	for _, tt := range []struct{ password, lang, want string }{
		{"jakartajakarta", "id", "diulang"},
		{"qwertyuiopas", "id", "papan ketik"},
		{"jakartajakarta", "en", "repeated"},
	} {
		b.header.Set("Accept-Language", tt.lang)
		got := b.post("/account/password", url.Values{"current": {modeltest.Password}, "password": {tt.password}, "confirm": {tt.password}})
		if msg := text(got.doc.Find("#password-error")); got.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, tt.want) {
			t.Errorf("%q (%s): %d %q", tt.password, tt.lang, got.StatusCode, msg)
		}
	}
}

// A wrong password and an unknown email get the same answer; the email is kept, the
// password never sent back.
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

// After MaxFailuresAccount failures the right password too answers 429 with Retry-After
// until the window passes; another account signs in from the same address meanwhile.
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
