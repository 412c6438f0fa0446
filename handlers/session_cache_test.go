package handlers_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"testing"
	"time"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
)

// metricValue reads one sample of the metrics, 0 when it is not there yet.
func metricValue(t *testing.T, m *handlers.Metrics, sample string) float64 {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	body, _ := io.ReadAll(rec.Body)
	found := regexp.MustCompile(regexp.QuoteMeta(sample) + ` (\S+)`).FindSubmatch(body)
	if found == nil {
		return 0
	}
	v, err := strconv.ParseFloat(string(found[1]), 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Two servers on one database, as behind a reverse proxy: each keeps the sessions it has
// read, and each follows what the other (or any process) does to them at the next request.
func TestSessionsFollowEveryServer(t *testing.T) {
	store := modeltest.NewDemoStore(t)
	metrics := handlers.NewMetrics(store)
	a := newPortalOn(t, store, handlers.Config{Metrics: metrics})
	other, err := models.Open(modeltest.DSN(t, store))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetPasswordParams(modeltest.FastPasswords)
	b := newPortalOn(t, other, handlers.Config{})
	clockB := b.clock // both servers' clocks move together
	delegate := a.users(t).delegate
	hits := func() float64 {
		return metricValue(t, metrics, `derap_page_cache_lookups_total{cache="sessions",result="hit"}`)
	}

	onA := a.browser(t)
	onB := b.browser(t)
	onB.client.Jar = onA.client.Jar // one browser; the proxy sends it to either server
	signIn := func() {
		t.Helper()
		if got := onA.login(delegate.Email, modeltest.Password); got.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign-in: %d", got.StatusCode)
		}
	}
	signedIn := func(br *browser) bool {
		t.Helper()
		got := br.get("/account")
		return got.StatusCode == http.StatusOK
	}

	signIn()
	signedIn(onA)
	before := hits()
	if !signedIn(onA) || !signedIn(onB) {
		t.Fatal("not signed in on both servers")
	}
	if hits() <= before {
		t.Error("a second request of a session read it from the database again")
	}

	// Signing out through one server ends the session on the other at once.
	if !signedIn(onB) {
		t.Fatal("not signed in on B")
	}
	onA.get("/account") // the CSRF token of a page of A
	stolen := onA.sessionCookie()
	if got := onA.post("/logout", url.Values{}); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-out: %d", got.StatusCode)
	}
	// The cookie is gone from this browser, but not from a copy someone kept.
	bURL, _ := url.Parse(b.srv.URL)
	onB.client.Jar.SetCookies(bURL, []*http.Cookie{{Name: stolen.Name, Value: stolen.Value, Path: "/"}})
	if signedIn(onB) {
		t.Error("server B still serves a session signed out through A")
	}

	// A session kept alive on B for longer than the idle limit is still alive on A, whose
	// cached copy last saw it long ago.
	signIn()
	if !signedIn(onA) {
		t.Fatal("not signed in")
	}
	for range 4 {
		a.clock.Advance(10 * time.Minute)
		clockB.Advance(10 * time.Minute)
		if !signedIn(onB) {
			t.Fatal("a session in use on B ended")
		}
	}
	if !signedIn(onA) {
		t.Error("server A ended a session for idleness that B kept in use")
	}

	// And one left idle ends on both.
	a.clock.Advance(31 * time.Minute)
	clockB.Advance(31 * time.Minute)
	if signedIn(onA) || signedIn(onB) {
		t.Error("an idle session outlived its idle limit")
	}

	// A password set by the operator ends the session on both.
	signIn()
	signedIn(onA)
	signedIn(onB)
	if err := other.SetPassword(context.Background(), models.Operator("derap user password"), delegate.ID, "a new password for the test"); err != nil {
		t.Fatal(err)
	}
	if signedIn(onA) || signedIn(onB) {
		t.Error("a session outlived a new password")
	}
}
