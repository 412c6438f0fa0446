package handlers_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
)

// Every write is visible on the very next public request: the cache never serves a page
// older than the last change.
func TestPageCacheFollowsEveryWrite(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	ctx := context.Background()
	visitor := p.browser(t)
	list := func() page { return visitor.get("/agreements") }
	if first := list(); first.Header.Get("X-Cache") != "miss" {
		t.Fatalf("first request: %q", first.Header.Get("X-Cache"))
	}
	second := list()
	if second.Header.Get("X-Cache") != "hit" || second.Header.Get("ETag") == "" {
		t.Fatalf("second request: %q", second.Header.Get("X-Cache"))
	}
	// Revalidation answers 304 while nothing changed.
	req, _ := http.NewRequest(http.MethodGet, p.srv.URL+"/agreements", nil)
	req.Header.Set("If-None-Match", second.Header.Get("ETag"))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusNotModified {
		t.Fatalf("revalidation: %v %v", resp, err)
	}

	// Publishing: the new agreement is on the next page.
	id := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Kesepakatan Baru Sekali", Stage: modeltest.Signed})
	if strings.Contains(list().body, "Kesepakatan Baru Sekali") {
		t.Fatal("an unpublished agreement is listed")
	}
	if err := p.store.Publish(ctx, models.System, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if got := list(); got.Header.Get("X-Cache") != "miss" || !strings.Contains(got.body, "Kesepakatan Baru Sekali") {
		t.Fatalf("after publishing: %q", got.Header.Get("X-Cache"))
	}

	// An edit: a region's contact, on its page.
	region := func() page { return visitor.get("/regions/13.77") }
	region()
	if err := p.store.SaveContact(ctx, models.System, "13.77", models.ContactInput{Office: "Kantor Penghubung Baru"}); err != nil {
		t.Fatal(err)
	}
	if got := region(); !strings.Contains(got.body, "Kantor Penghubung Baru") {
		t.Fatal("an edited contact is not on the next page")
	}

	// A confirmation: the agreement's page shows it on the very next request of the
	// party's delegate (signed in, so never from the cache); the visitors' pages, which
	// show no agreement under review, keep their cached copies.
	review := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Stage: modeltest.InReview, Partner: "61"})
	list()
	if list().Header.Get("X-Cache") != "hit" {
		t.Fatal("not cached before the confirmation")
	}
	delegate := p.users(t).delegate
	pariaman := p.browser(t)
	pariaman.login(delegate.Email, modeltest.Password)
	jakarta := modeltest.Delegate(t, p.store, "31")
	page := "/agreements/" + strconv.Itoa(int(review))
	before := p.browser(t)
	kalbar := modeltest.CreateUser(t, p.store, models.RoleDelegate, "61")
	before.login(kalbar.Email, modeltest.Password)
	if got := text(before.get(page).doc.Find(`[data-testid="party"][data-region="31"] .status`)); got != "Menunggu" {
		t.Fatalf("before: %q", got)
	}
	parties := modeltest.Parties(t, p.store, review)
	v, _ := p.store.AgreementFor(ctx, jakarta, review)
	if err := p.store.ConfirmParty(ctx, jakarta, review, parties[0].ID, v.Version.ContentHash, "", ""); err != nil {
		t.Fatal(err)
	}
	if got := text(before.get(page).doc.Find(`[data-testid="party"][data-region="31"] .status`)); got != "Dikonfirmasi" {
		t.Fatalf("the confirmation is not on the next request: %q", got)
	}
	if got := list(); got.Header.Get("X-Cache") != "hit" {
		t.Errorf("a confirmation under review emptied the visitors' cache: %q", got.Header.Get("X-Cache"))
	}
}

// No signed-in page comes from the visitors' cache, and no visitor gets a signed-in page.
func TestPageCacheNeverServesSignedInPages(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	visitor := p.browser(t)
	for range 2 {
		visitor.get("/")
	}
	for _, user := range []models.User{u.delegate, u.official} {
		b := p.browser(t)
		b.login(user.Email, modeltest.Password)
		for _, path := range []string{"/", "/agreements", "/regions/13.77", "/events/1"} {
			got := b.get(path)
			if got.Header.Get("X-Cache") != "" || got.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("%s %s: X-Cache %q, Cache-Control %q", user.Role, path, got.Header.Get("X-Cache"), got.Header.Get("Cache-Control"))
			}
			if !strings.Contains(text(got.doc.Find(`[data-testid="account-menu"]`)), user.Name) {
				t.Errorf("%s %s: the page does not show who is signed in", user.Role, path)
			}
		}
	}
	for _, path := range []string{"/", "/agreements", "/regions/13.77", "/events/1"} {
		got := visitor.get(path)
		if strings.Contains(got.body, u.delegate.Name) || strings.Contains(got.body, u.official.Name) || got.doc.Find(`form[action="/logout"]`).Length() != 0 {
			t.Errorf("a visitor got a signed-in page at %s", path)
		}
	}
	// Nor does a page of a language reach a visitor who asked for the other.
	en := visitor.get("/?lang=en")
	if en.doc.Find("html").AttrOr("lang", "") != "en" {
		t.Error("the English page came from the Indonesian entry")
	}
}

// Signed-in start pages are kept per session: never shown to another user, and current
// after every write.
func TestSignedInCacheIsPerSession(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	pariaman := modeltest.CreateUser(t, p.store, models.RoleDelegate, "13.77")
	kolaka := modeltest.CreateUser(t, p.store, models.RoleDelegate, "74.01")
	a, b := p.browser(t), p.browser(t)
	a.login(pariaman.Email, modeltest.Password)
	b.login(kolaka.Email, modeltest.Password)
	a.get("/inbox")
	if got := a.get("/inbox"); got.Header.Get("X-Cache") != "hit" || got.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("second inbox: %q %q", got.Header.Get("X-Cache"), got.Header.Get("Cache-Control"))
	}
	if got := b.get("/inbox"); got.Header.Get("X-Cache") != "miss" || !strings.Contains(text(got.doc.Find(`[data-testid="whoami"]`)), "Kabupaten Kolaka") {
		t.Fatal("another delegate got a cached inbox that is not theirs")
	}
	review := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Kesepakatan Menunggu Pariaman", Stage: modeltest.InReview})
	if got := a.get("/inbox"); !strings.Contains(text(got.doc.Find(`[data-testid="awaiting-list"]`)), "Kesepakatan Menunggu Pariaman") {
		t.Fatalf("the inbox does not show agreement %d sent after it was cached", review)
	}
}

// A write by another process on the same database (another portal server, the derap
// command) is seen at the very next request: the caches are keyed by the database's own
// record of change, and sessions are read from the database every time.
func TestCachesFollowWritesOfAnotherProcess(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	ctx := context.Background()
	other := p.otherProcess(t)

	visitor := p.browser(t)
	list := func() page { return visitor.get("/agreements") }
	id := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Dari Proses Lain", Stage: modeltest.Signed})
	list()
	if got := list(); got.Header.Get("X-Cache") != "hit" || strings.Contains(got.body, "Dari Proses Lain") {
		t.Fatalf("before: %q", got.Header.Get("X-Cache"))
	}
	if err := other.Publish(ctx, models.System, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if got := list(); got.Header.Get("X-Cache") != "miss" || !strings.Contains(got.body, "Dari Proses Lain") {
		t.Errorf("a publication by another process is not on the next page: %q", got.Header.Get("X-Cache"))
	}

	// The delegate's cached inbox, then their session, follow the other process too.
	review := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Menunggu Kalbar", Stage: modeltest.InReview, Partner: "61"})
	delegate := modeltest.CreateUser(t, p.store, models.RoleDelegate, "61")
	b := p.browser(t)
	b.login(delegate.Email, modeltest.Password)
	b.get("/inbox")
	if got := b.get("/inbox"); got.Header.Get("X-Cache") != "hit" || !strings.Contains(got.body, "Menunggu Kalbar") {
		t.Fatalf("the inbox: %q", got.Header.Get("X-Cache"))
	}
	if err := other.Withdraw(ctx, models.System, review, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if got := b.get("/inbox"); got.Header.Get("X-Cache") != "miss" || strings.Contains(got.body, "Menunggu Kalbar") {
		t.Errorf("the inbox still shows an agreement another process withdrew: %q", got.Header.Get("X-Cache"))
	}
	if err := other.SetUserActive(ctx, models.Operator("derap user disable"), delegate.ID, false, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if got := b.get("/inbox"); got.StatusCode != http.StatusSeeOther {
		t.Errorf("a session outlived its account's disabling by another process: %d", got.StatusCode)
	}
}

// A visitor's page is rendered once per thing it can show: a query parameter the page
// does not read, an empty, a repeated, a reordered or a defaulted one, or a number written
// another way, reaches the cached page of the URL the portal's own links spell, and the
// page's links do not carry what it ignored.
func TestPageCacheKeysOnlyWhatAPageReads(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	visitor := p.browser(t)
	tests := []struct{ canonical, spelling string }{
		{"/events/1", "/events/1?nocache=123"},
		{"/events/1?lang=en", "/events/1?lang=en&lang=id"},
		{"/agreements", "/agreements?sector=&type=&year=&page=1&page=3&utm_source=x"},
		{"/agreements?sector=food&year=2026", "/agreements?year=2026&sector=food"},
		{"/agreements", "/agreements?sort=newest&page=01"},
		{"/agreements?sector=food&year=2026", "/agreements?sector=food&year=02026&sort=newest"},
		{"/agreements?sort=title", "/agreements?sort=title&page=%2B1"},
		{"/events", "/events?page=1"},
		{"/regions?kind=city", "/regions?kind=city&partners=&q=&x=1"},
		{"/", "/?"},
	}
	for _, tt := range tests {
		if got := visitor.get(tt.canonical); got.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", tt.canonical, got.StatusCode)
		}
		got := visitor.get(tt.spelling)
		if got.StatusCode != http.StatusOK || got.Header.Get("X-Cache") != "hit" {
			t.Errorf("%s: %d, X-Cache %q; want the cached page of %s", tt.spelling, got.StatusCode, got.Header.Get("X-Cache"), tt.canonical)
		}
		for _, ignored := range []string{"nocache", "utm_source", "x=1", "page=3"} {
			if strings.Contains(got.body, ignored) {
				t.Errorf("%s: the page carries %q", tt.spelling, ignored)
			}
		}
	}
	// Words typed into a filter are unbounded: a page asked with them is rendered for its
	// reader and never kept, whatever else the query holds.
	for range 2 {
		if got := visitor.get("/regions?kind=&q=bogor&x=1"); got.StatusCode != http.StatusOK || got.Header.Get("X-Cache") != "pass" || !strings.Contains(got.body, "Bogor") || strings.Contains(got.body, "x=1") {
			t.Errorf("a region search: %d, X-Cache %q", got.StatusCode, got.Header.Get("X-Cache"))
		}
	}
	// Signed-in pages are never cached, and may carry a message's parameter.
	u := p.users(t)
	b := p.browser(t)
	b.login(u.official.Email, modeltest.Password)
	if got := b.get("/events/1?x=1"); got.StatusCode != http.StatusOK || got.Header.Get("X-Cache") != "" {
		t.Errorf("signed in: %d, X-Cache %q", got.StatusCode, got.Header.Get("X-Cache"))
	}
}

// With the page cache off (derap serve --page-cache-mb 0) every visitor's page is rendered
// afresh and still sent as the cache would send it: gzipped, with its ETag.
func TestWithoutThePageCacheEveryPageIsRenderedAfresh(t *testing.T) {
	p := newPortal(t, handlers.Config{NoPageCache: true})
	visitor := p.browser(t)
	for range 2 {
		got := visitor.get("/")
		if got.StatusCode != http.StatusOK || got.Header.Get("X-Cache") != "miss" || got.Header.Get("ETag") == "" || !got.Uncompressed {
			t.Fatalf("status %d, cache %q, ETag %q, gzipped %v", got.StatusCode, got.Header.Get("X-Cache"), got.Header.Get("ETag"), got.Uncompressed)
		}
	}
}

// Pages rendered for one reader (a signed-in user's, never cached) are gzipped too when
// the browser takes it, and sent plain when it does not.
func TestSignedInPagesAreCompressed(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	official := modeltest.CreateUser(t, p.store, models.RoleOfficial, "")
	b := p.browser(t)
	b.login(official.Email, modeltest.Password)
	form := b.get("/office/agreements/new")
	if form.StatusCode != http.StatusOK || !form.Uncompressed || !strings.Contains(strings.Join(form.Header.Values("Vary"), ","), "Accept-Encoding") {
		t.Fatalf("status %d, gzipped %v, Vary %q", form.StatusCode, form.Uncompressed, form.Header.Values("Vary"))
	}
	b.header.Set("Accept-Encoding", "identity")
	plain := b.get("/office/agreements/new")
	if plain.StatusCode != http.StatusOK || plain.Header.Get("Content-Encoding") != "" || plain.doc.Find("form").Length() == 0 {
		t.Fatalf("without gzip: status %d, encoding %q", plain.StatusCode, plain.Header.Get("Content-Encoding"))
	}
}

// The events list is paginated like the register: a page past the end is not found, a
// malformed page number is a bad request.
func TestEventPagination(t *testing.T) {
	s := newServer(t, handlers.Config{PerPage: 2})
	for i := range 4 {
		in := models.EventInput{Title: "Forum " + strconv.Itoa(i), StartDate: models.Date(2025, 5, 1+i), Place: "Jakarta"}
		if _, err := s.store.SaveEvent(context.Background(), models.System, 0, in); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.store.Events(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	last := (len(all) + 1) / 2
	if last < 2 {
		t.Fatalf("%d events: too few for two pages", len(all))
	}
	tests := []struct {
		query  string
		status int
		items  int
	}{
		{"", 200, 2},
		{"page=1", 200, 2},
		{"page=" + strconv.Itoa(last), 200, len(all) - 2*(last-1)},
		{"page=" + strconv.Itoa(last+1), 404, 0},
		{"page=0", 400, 0},
		{"page=x", 400, 0},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rec, doc := s.get(t, "/events?"+tt.query)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if got := doc.Find(`[data-testid="event-list"] li.event-item`).Length(); got != tt.items {
				t.Errorf("%d events, want %d", got, tt.items)
			}
		})
	}
}

// homeCounter counts the home page's reads and makes each take a while, so that
// requests arriving together overlap.
type homeCounter struct {
	*models.Store
	reads atomic.Int32
}

func (s *homeCounter) HomePage(ctx context.Context, agreements, events int) (models.Home, error) {
	s.reads.Add(1)
	time.Sleep(200 * time.Millisecond)
	return s.Store.HomePage(ctx, agreements, events)
}

// Visitors who miss the same page together share one render: after a publication every
// reader of the home page misses at once, and the page is read from the database once.
func TestConcurrentMissesRenderOnce(t *testing.T) {
	store := &homeCounter{Store: modeltest.NewDemoStore(t)}
	e, err := handlers.New(store, handlers.Config{SessionKey: testKey}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	defer srv.Close()
	const visitors = 8
	etags := make([]string, visitors)
	var wg sync.WaitGroup
	for i := range visitors {
		wg.Go(func() {
			resp, err := http.Get(srv.URL + "/")
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("visitor %d: %d", i, resp.StatusCode)
			}
			etags[i] = resp.Header.Get("ETag")
		})
	}
	wg.Wait()
	if n := store.reads.Load(); n != 1 {
		t.Errorf("the home page was read %d times for %d visitors arriving together", n, visitors)
	}
	for i, tag := range etags {
		if tag == "" || tag != etags[0] {
			t.Errorf("visitor %d got ETag %q, the first %q", i, tag, etags[0])
		}
	}
}

// A publication by another process reaches every page that lists or shows the agreement
// at the next request — the lists, home, its own page, its memorandum's, its parties'
// region pages — and leaves the other agreements' and regions' pages in the cache; any
// other public change reaches every page.
func TestPageCacheKeepsPagesAPublicationDoesNotTouch(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	ctx := context.Background()
	other := p.otherProcess(t)
	memorandum := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Nota Kesepakatan Kalbar", Partner: "61"})
	pks := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Pangan Kabupaten Sambas", Partner: "61.01", DocType: models.DocImplementing, Parent: &memorandum, Stage: modeltest.Signed})
	bystander := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Pariwisata Kota Padang", Partner: "13.71"})
	visitor := p.browser(t)
	paths := map[string]string{
		"memorandum": "/agreements/" + itoa(memorandum), "pks": "/agreements/" + itoa(pks),
		"bystander": "/agreements/" + itoa(bystander), "its region": "/regions/61.01",
		"another region": "/regions/13.71", "home": "/", "list": "/agreements",
	}
	for _, path := range paths {
		visitor.get(path)
	}
	if got := visitor.get(paths["pks"]); got.StatusCode != http.StatusNotFound {
		t.Fatalf("the unpublished agreement: %d", got.StatusCode)
	}
	if err := other.Publish(ctx, models.System, pks, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"pks": "miss", "memorandum": "miss", "its region": "miss", "home": "miss", "list": "miss", "bystander": "hit", "another region": "hit"} {
		got := visitor.get(paths[name])
		if got.StatusCode != http.StatusOK || got.Header.Get("X-Cache") != want {
			t.Errorf("after the publication, %s (%s): %d, X-Cache %q, want %s", name, paths[name], got.StatusCode, got.Header.Get("X-Cache"), want)
		}
		if want == "miss" && name != "memorandum" && !strings.Contains(got.body, "Pangan Kabupaten Sambas") {
			t.Errorf("after the publication, %s does not show it", name)
		}
	}
	if got := visitor.get(paths["bystander"]); got.Header.Get("X-Cache") != "hit" {
		t.Errorf("a page kept across a change is not served from the cache the next time: %q", got.Header.Get("X-Cache"))
	}
	// Taking the memorandum off the public pages takes it off its implementing agreement's.
	if err := other.Unpublish(ctx, models.System, memorandum, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if got := visitor.get(paths["pks"]); got.Header.Get("X-Cache") != "miss" || strings.Contains(got.body, "Nota Kesepakatan Kalbar") {
		t.Errorf("the implementing agreement's page still shows its unpublished memorandum: X-Cache %q", got.Header.Get("X-Cache"))
	}
	// Any other public change (a region's contact, shown on its page and in the footer
	// of none) reaches every page.
	contact := models.ContactInput{Office: "Bappeda Kota Padang", Address: "Jl. Bagindo Aziz Chan", Phone: "0751-21100", Email: "bappeda@padang.go.id", Revision: models.AnyRevision}
	if err := other.SaveContact(ctx, models.System, "13.71", contact); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"bystander", "another region"} {
		if got := visitor.get(paths[name]); got.Header.Get("X-Cache") != "miss" {
			t.Errorf("after a contact's edit, %s: X-Cache %q, want miss", name, got.Header.Get("X-Cache"))
		}
	}
	if got := visitor.get(paths["another region"]); !strings.Contains(got.body, "Bappeda Kota Padang") {
		t.Error("the region's page does not show its new contact")
	}
}
