package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/labstack/echo/v4"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/static"
	"derap/views"
)

// server is the full Echo stack over a fresh demo database, logging into a buffer.
type server struct {
	e     *echo.Echo
	store *models.Store
	log   *bytes.Buffer
}

// testKey is the session secret of test servers.
var testKey = []byte("a test secret that is long enough for sessions")

func newServer(t *testing.T, cfg handlers.Config) *server {
	t.Helper()
	store := modeltest.NewDemoStore(t)
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	if cfg.SessionKey == nil {
		cfg.SessionKey = testKey
	}
	e, err := handlers.New(store, cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	return &server{e: e, store: store, log: &buf}
}

func (s *server) do(t *testing.T, method, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.e.ServeHTTP(rec, req)
	return rec
}

func (s *server) get(t *testing.T, target string, header ...string) (*httptest.ResponseRecorder, *goquery.Document) {
	t.Helper()
	rec := s.do(t, http.MethodGet, target, header...)
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return rec, doc
}

func text(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

func publishedIDs(t *testing.T, s *models.Store) []uint {
	t.Helper()
	page, err := s.PublishedAgreements(context.Background(), models.AgreementFilter{}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var ids []uint
	for _, a := range page.Items {
		ids = append(ids, a.ID)
	}
	return ids
}

func hiddenIDs(t *testing.T, s *models.Store) []uint {
	t.Helper()
	var ids []uint
	for _, status := range []models.Status{models.StatusDraft, models.StatusInReview} {
		list, err := s.AgreementsByStatus(context.Background(), status)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range list {
			ids = append(ids, a.ID)
		}
	}
	return ids
}

func TestPublicPages(t *testing.T) {
	s := newServer(t, handlers.Config{})
	first := publishedIDs(t, s.store)[0]
	tests := []struct {
		path   string
		status int
		h1     string
		find   string // a selector that must match
	}{
		{"/", 200, "Derap Kerja Sama Daerah", `[data-testid="stat-agreements"]`},
		{"/agreements", 200, "Kesepakatan kerja sama", `[data-testid="agreement-item"]`},
		{"/agreements/" + itoa(first), 200, "", `[data-testid="parties"] tbody tr`},
		{"/regions", 200, "Daerah", `[data-testid="province-group"]`},
		{"/regions/61", 200, "Kalimantan Barat", `[data-testid="profile"]`},
		{"/regions/13.77", 200, "Kota Pariaman", `[data-testid="profile"]`},
		{"/regions/11.01", 200, "Kabupaten Aceh Selatan", `a[href="/regions/11"]`},
		{"/events", 200, "Acara", `[data-testid="event-list"] a`},
		{"/events/1", 200, "Derap Kerja Sama Daerah", `[data-testid="speakers"] li`},
		{"/about", 200, "Tentang portal ini", `[data-testid="data-licence"] pre`},
		{"/no/such/page", 404, "Halaman tidak ditemukan", `[data-testid="error"]`},
		{"/agreements/999", 404, "Halaman tidak ditemukan", ""},
		{"/agreements/abc", 404, "Halaman tidak ditemukan", ""},
		{"/agreements/-1", 404, "Halaman tidak ditemukan", ""},
		{"/regions/99", 404, "Halaman tidak ditemukan", ""},
		{"/regions/kota-pariaman", 404, "Halaman tidak ditemukan", ""},
		{"/events/2", 404, "Halaman tidak ditemukan", ""},
		{"/events/x", 404, "Halaman tidak ditemukan", ""},
		{"/agreements?sector=space", 400, "Permintaan tidak dapat diproses", ""},
		{"/regions?kind=village", 400, "Permintaan tidak dapat diproses", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec, doc := s.get(t, tt.path)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("content type %q", ct)
			}
			if doc.Find("h1").Length() != 1 {
				t.Errorf("%d h1 elements", doc.Find("h1").Length())
			}
			if tt.h1 != "" && text(doc.Find("h1")) != tt.h1 {
				t.Errorf("h1 %q, want %q", text(doc.Find("h1")), tt.h1)
			}
			if tt.find != "" && doc.Find(tt.find).Length() == 0 {
				t.Errorf("nothing matches %s", tt.find)
			}
			if doc.Find(`main#main`).Length() != 1 || doc.Find("header nav").Length() == 0 || doc.Find("footer a[href='/about']").Length() == 0 {
				t.Error("the page lacks its landmarks or the footer link to /about")
			}
		})
	}
}

// The home page's figures are the programme's own: partners, published agreements and
// events, as the database holds them, whatever the demo holds.
func TestHomeFigures(t *testing.T) {
	s := newServer(t, handlers.Config{})
	ctx := context.Background()
	modeltest.CreateAgreement(t, s.store, modeltest.Agreement{Partner: "53"})
	partners, err := s.store.RegionDirectory(ctx, models.RegionFilter{PartnersOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	nPartners := 0
	for _, g := range partners {
		if g.Province.Partner {
			nPartners++
		}
		nPartners += len(g.Members)
	}
	published, _ := s.store.PublishedAgreements(ctx, models.AgreementFilter{}, 1000)
	events, _ := s.store.Events(ctx, 0)
	_, doc := s.get(t, "/")
	for sel, want := range map[string]int{`[data-testid="stat-partners"]`: nPartners, `[data-testid="stat-agreements"]`: int(published.Total), `[data-testid="stat-events"]`: len(events)} {
		if got := text(doc.Find(sel)); got != strconv.Itoa(want) {
			t.Errorf("%s = %q, want %d", sel, got, want)
		}
	}
}

// A visitor reaches every published agreement, with its per-party table, by following
// links from the home page; the unpublished ones are nowhere to be found.
func TestEveryPublishedAgreementIsReachableFromHome(t *testing.T) {
	s := newServer(t, handlers.Config{})
	agreementPath := regexp.MustCompile(`^/agreements/(\d+)$`)
	seen := map[string]bool{"/": true}
	queue := []string{"/"}
	reached := map[string]bool{}
	for len(queue) > 0 && len(seen) < 400 {
		path := queue[0]
		queue = queue[1:]
		rec, doc := s.get(t, path)
		if rec.Code != 200 {
			t.Fatalf("%s: status %d", path, rec.Code)
		}
		if agreementPath.MatchString(path) {
			reached[path] = true
			rows := doc.Find(`[data-testid="parties"] tbody tr`)
			if rows.Length() < 2 {
				t.Errorf("%s: %d party rows", path, rows.Length())
			}
			rows.Each(func(_ int, r *goquery.Selection) {
				if text(r.Find(".status")) != "Dikonfirmasi" {
					t.Errorf("%s: a party of a published agreement is %q", path, text(r.Find(".status")))
				}
			})
		}
		doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
			href, _, _ := strings.Cut(a.AttrOr("href", ""), "#")
			if !strings.HasPrefix(href, "/") || strings.HasPrefix(href, "/static/") || strings.Contains(href, "lang=") || strings.HasPrefix(href, "/regions") && href != "/regions/31" {
				return // stay on the pages that lead to agreements
			}
			if !seen[href] {
				seen[href] = true
				queue = append(queue, href)
			}
		})
	}
	for _, id := range publishedIDs(t, s.store) {
		if !reached["/agreements/"+itoa(id)] {
			t.Errorf("published agreement %d is not reachable from the home page", id)
		}
	}
	for _, id := range hiddenIDs(t, s.store) {
		if seen["/agreements/"+itoa(id)] {
			t.Errorf("unpublished agreement %d is linked", id)
		}
		if rec := s.do(t, http.MethodGet, "/agreements/"+itoa(id)); rec.Code != 404 {
			t.Errorf("unpublished agreement %d: status %d", id, rec.Code)
		}
	}
}

// Each filter keeps exactly the published agreements that match it, as the rule says:
// a sector they cover, a region that is a party, their type, the year they were signed.
func TestAgreementFilters(t *testing.T) {
	s := newServer(t, handlers.Config{PerPage: 100})
	ctx := context.Background()
	all, err := s.store.PublishedAgreements(ctx, models.AgreementFilter{}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for i, listed := range all.Items {
		// The public list does not read sectors; the reference needs them.
		v, err := s.store.AgreementFor(ctx, models.System, listed.ID)
		if err != nil {
			t.Fatal(err)
		}
		all.Items[i].Sectors = v.Sectors
	}
	everything, _ := s.store.AgreementsByStatus(ctx, models.StatusInReview)
	tests := []struct {
		query  string
		status int
		match  func(a models.Agreement) bool
	}{
		{"", 200, func(models.Agreement) bool { return true }},
		{"sector=communication", 200, func(a models.Agreement) bool { return slices.Contains(a.SectorKeys(), "communication") }},
		{"sector=food", 200, func(a models.Agreement) bool { return slices.Contains(a.SectorKeys(), "food") }},
		{"region=74.01", 200, func(a models.Agreement) bool { return isParty(a, "74.01") }},
		{"region=61.04", 200, func(a models.Agreement) bool { return isParty(a, "61.04") }},
		{"type=implementing", 200, func(a models.Agreement) bool { return a.DocType == models.DocImplementing }},
		{"type=memorandum&year=2025", 200, func(a models.Agreement) bool {
			return a.DocType == models.DocMemorandum && a.SignedOn != nil && a.SignedOn.Year() == 2025
		}},
		{"year=2024", 200, func(a models.Agreement) bool { return a.SignedOn != nil && a.SignedOn.Year() == 2024 }},
		{"sector=communication&region=13.77&type=memorandum&year=2025", 200, func(a models.Agreement) bool {
			return slices.Contains(a.SectorKeys(), "communication") && isParty(a, "13.77") && a.DocType == models.DocMemorandum && a.SignedOn.Year() == 2025
		}},
		{"region=Jakarta", 400, nil},
		{"type=treaty", 400, nil},
		{"year=twenty", 400, nil},
		{"year=99999", 400, nil},
	}
	kept := map[int]bool{}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rec, doc := s.get(t, "/agreements?"+tt.query)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if tt.match == nil {
				return
			}
			var want, got []string
			for _, a := range all.Items {
				if tt.match(a) {
					want = append(want, string(views.AgreementURL(a.ID)))
				}
			}
			doc.Find(`[data-testid="agreement-item"] .item-title a`).Each(func(_ int, a *goquery.Selection) { got = append(got, a.AttrOr("href", "")) })
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("listed %v, want %v", got, want)
			}
			kept[len(want)] = true
		})
	}
	// The demo must tell the filters apart: some keep all, some a few, some none; and an
	// agreement in review is never public, whatever the filter.
	if len(kept) < 3 || len(everything) == 0 {
		t.Errorf("the data cannot show the filters work: result sizes %v, %d in review", kept, len(everything))
	}
	for _, a := range everything {
		if _, doc := s.get(t, "/agreements?region="+a.Parties[len(a.Parties)-1].RegionCode); doc.Find(`a[href="`+string(views.AgreementURL(a.ID))+`"]`).Length() != 0 {
			t.Errorf("agreement %d in review is listed", a.ID)
		}
	}
}

// isParty reports whether a region is a party to an agreement.
func isParty(a models.Agreement, region string) bool {
	return slices.ContainsFunc(a.Parties, func(p models.Party) bool { return p.RegionCode == region })
}

// A list has as many pages as its length needs, each of at most PerPage items; a page past
// the last is not found, and a page number that is no page is a bad request.
func TestAgreementPagination(t *testing.T) {
	s := newServer(t, handlers.Config{PerPage: 2})
	all, _ := s.store.PublishedAgreements(context.Background(), models.AgreementFilter{}, 1000)
	total := int(all.Total)
	last := (total + 1) / 2
	if last < 2 {
		t.Fatalf("%d published agreements: too few for two pages", total)
	}
	tests := []struct {
		query  string
		status int
		items  int
	}{
		{"", 200, 2},
		{"page=1", 200, 2},
		{"page=" + strconv.Itoa(last), 200, total - 2*(last-1)},
		{"page=" + strconv.Itoa(last+1), 404, 0},
		{"page=0", 400, 0},
		{"page=-1", 400, 0},
		{"page=two", 400, 0},
		{"sector=education", 200, 0}, // an empty list is one page
		{"sector=education&page=2", 404, 0},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rec, doc := s.get(t, "/agreements?"+tt.query)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if got := doc.Find(`[data-testid="agreement-item"]`).Length(); got != tt.items {
				t.Errorf("%d items, want %d", got, tt.items)
			}
		})
	}
	_, doc := s.get(t, "/agreements?sector=food")
	if href := doc.Find(`nav.pager a[rel="next"]`).AttrOr("href", ""); href != "/agreements?page=2&sector=food" {
		t.Errorf("next page link %q does not keep the filter", href)
	}
}

func TestRegionDirectoryFilters(t *testing.T) {
	s := newServer(t, handlers.Config{})
	tests := []struct {
		query   string
		regions int
	}{
		{"", 514},
		{"kind=city", 98},
		{"kind=province", 0},
		{"q=PARIAMAN", 2},
		{"q=pariaman&kind=city&partners=1", 1},
		{"q=%3Cscript%3E", 0},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rec, doc := s.get(t, "/regions?"+tt.query)
			if rec.Code != 200 {
				t.Fatalf("status %d", rec.Code)
			}
			if got := doc.Find(`[data-testid="region"]`).Length(); got != tt.regions {
				t.Errorf("%d regencies and cities, want %d", got, tt.regions)
			}
		})
	}
	_, doc := s.get(t, "/regions?q=%3Cb%3Epariaman")
	if got := doc.Find("#f-q").AttrOr("value", ""); got != "<b>pariaman" {
		t.Errorf("the search box lost the visitor's text: %q", got)
	}
	_, doc = s.get(t, "/regions?partners=1")
	if doc.Find(`#f-partners[checked]`).Length() != 1 {
		t.Error("the partners box is not kept checked")
	}
	// Only partners are listed, and each stands out as one.
	listed := doc.Find(`[data-testid="region"]`)
	if listed.Length() == 0 || listed.Length() != listed.Find("a.partner").Length() {
		t.Errorf("%d regions listed, %d of them marked as partners", listed.Length(), listed.Find("a.partner").Length())
	}
}

func TestEventPage(t *testing.T) {
	s := newServer(t, handlers.Config{})
	_, doc := s.get(t, "/events/1")
	speakers := text(doc.Find(`[data-testid="speakers"]`))
	for _, want := range []string{"Marulina Dewi", "Kepala Biro Kerja Sama Daerah", "Agus Fatoni", "Direktur Jenderal Bina Keuangan Daerah", "Kementerian Dalam Negeri"} {
		if !strings.Contains(speakers, want) {
			t.Errorf("speakers lack %q", want)
		}
	}
	// Every participating region is linked, and every published agreement signed there.
	event, err := s.store.EventByID(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range event.Participants {
		if doc.Find(`[data-testid="participants"] a[href="`+string(views.RegionURL(p.RegionCode))+`"]`).Length() != 1 {
			t.Errorf("participant %s is not linked", p.Region.Name)
		}
	}
	for _, a := range event.Agreements {
		if doc.Find(`[data-testid="agreement-item"] a[href="`+string(views.AgreementURL(a.ID))+`"]`).Length() != 1 {
			t.Errorf("agreement %q signed there is not listed", a.Title)
		}
	}
	if doc.Find(`[data-testid="participants"] a`).Length() != len(event.Participants) || doc.Find(`[data-testid="agreement-item"]`).Length() != len(event.Agreements) {
		t.Error("the page lists more than the event's own record")
	}
	if !strings.Contains(text(doc.Find(".facts")), "3 Oktober 2025") {
		t.Errorf("date: %s", text(doc.Find(".facts")))
	}
}

func TestLanguage(t *testing.T) {
	s := newServer(t, handlers.Config{})
	rec, doc := s.get(t, "/?lang=en")
	if got := doc.Find("html").AttrOr("lang", ""); got != "en" {
		t.Fatalf("?lang=en gave lang=%q", got)
	}
	cookie := rec.Result().Cookies()
	if len(cookie) != 1 || cookie[0].Name != "lang" || cookie[0].Value != "en" || !cookie[0].HttpOnly || cookie[0].SameSite != http.SameSiteLaxMode {
		t.Fatalf("language cookie %+v", cookie)
	}
	tests := []struct {
		name    string
		target  string
		headers []string
		want    string
		h1      string
	}{
		{"default", "/agreements", nil, "id", "Kesepakatan kerja sama"},
		{"cookie", "/agreements", []string{"Cookie", "lang=en"}, "en", "Cooperation agreements"},
		{"query wins over cookie", "/agreements?lang=id", []string{"Cookie", "lang=en"}, "id", "Kesepakatan kerja sama"},
		{"accept-language", "/agreements", []string{"Accept-Language", "en-GB,en;q=0.9"}, "en", "Cooperation agreements"},
		{"cookie wins over accept-language", "/agreements", []string{"Cookie", "lang=id", "Accept-Language", "en"}, "id", "Kesepakatan kerja sama"},
		{"unknown lang ignored", "/agreements?lang=fr", []string{"Accept-Language", "fr, en;q=0.5"}, "en", "Cooperation agreements"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, doc := s.get(t, tt.target, tt.headers...)
			if got := doc.Find("html").AttrOr("lang", ""); got != tt.want {
				t.Errorf("lang=%q, want %q", got, tt.want)
			}
			if got := text(doc.Find("h1")); got != tt.h1 {
				t.Errorf("h1 %q", got)
			}
		})
	}
	_, doc = s.get(t, "/agreements/1", "Cookie", "lang=en")
	if got := text(doc.Find(`[data-testid="parties"] tbody tr`).First().Find("td").Last()); got != "12 September 2025" {
		t.Errorf("English date %q", got)
	}
	_, doc = s.get(t, "/agreements/1")
	if got := text(doc.Find(`.facts`)); !strings.Contains(got, "3 Oktober 2025 – 2 Oktober 2030") {
		t.Errorf("Indonesian term: %q", got)
	}
}

func TestServerErrorPage(t *testing.T) {
	s := newServer(t, handlers.Config{})
	if err := s.store.Close(); err != nil {
		t.Fatal(err)
	}
	rec, doc := s.get(t, "/agreements")
	if rec.Code != 500 {
		t.Fatalf("status %d", rec.Code)
	}
	if text(doc.Find("h1")) != "Terjadi kesalahan" {
		t.Errorf("h1 %q", text(doc.Find("h1")))
	}
	body := strings.ToLower(rec.Body.String())
	for _, leak := range []string{"sql", "database", "select", "goroutine", ".go:"} {
		if strings.Contains(body, leak) {
			t.Errorf("the 500 page shows %q", leak)
		}
	}
	if !strings.Contains(s.log.String(), "request failed") || !strings.Contains(s.log.String(), "/agreements") {
		t.Errorf("the error was not logged: %s", s.log.String())
	}
	rec = s.do(t, http.MethodGet, "/healthz")
	if rec.Code != 503 || !strings.Contains(rec.Body.String(), `"unavailable"`) {
		t.Errorf("health with a closed database: %d %s", rec.Code, rec.Body.String())
	}
}

// /healthz names the engine and the schema, and says whether migrations are pending: a
// database rolled back a version (as a restore of an older backup would) says so.
func TestHealth(t *testing.T) {
	s := newServer(t, handlers.Config{})
	health := func() (int, map[string]any) {
		rec := s.do(t, http.MethodGet, "/healthz")
		var got map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Fatalf("%v: %s", err, rec.Body.String())
		}
		return rec.Code, got
	}
	_, newest, err := s.store.SchemaVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	code, got := health()
	if code != 200 || got["status"] != "ok" || got["engine"] != string(modeltest.TestEngine()) ||
		got["schema_version"] != float64(newest) || got["schema_newest"] != float64(newest) || got["migrations_pending"] != false {
		t.Errorf("%d %v", code, got)
	}
	modeltest.Exec(t, s.store, "DELETE FROM goose_db_version WHERE version_id = $1", newest)
	if code, got = health(); code != 200 || got["schema_version"] != float64(newest-1) || got["migrations_pending"] != true {
		t.Errorf("with a migration pending: %d %v", code, got)
	}
}

func TestHead(t *testing.T) {
	s := newServer(t, handlers.Config{})
	srv := httptest.NewServer(s.e)
	defer srv.Close()
	for path, status := range map[string]int{"/": 200, "/agreements": 200, "/regions/61": 200, "/healthz": 200, "/nope": 404, static.Path("css/site.css"): 200} {
		req, _ := http.NewRequest(http.MethodHead, srv.URL+path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != status || len(body) != 0 {
			t.Errorf("HEAD %s: %d with %d bytes, want %d and none", path, resp.StatusCode, len(body), status)
		}
		if path != "/healthz" && resp.Header.Get("Content-Type") == "" {
			t.Errorf("HEAD %s: no content type", path)
		}
	}
}

func TestStaticFiles(t *testing.T) {
	s := newServer(t, handlers.Config{})
	css := static.Path("css/site.css")
	if !regexp.MustCompile(`^/static/css/site\.[0-9a-f]{12}\.css$`).MatchString(css) {
		t.Fatalf("unhashed URL %q", css)
	}
	rec := s.do(t, http.MethodGet, css)
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/css") {
		t.Fatalf("%d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "max-age=31536000") || !strings.Contains(cc, "immutable") {
		t.Errorf("cache-control %q", cc)
	}
	etag := rec.Header().Get("ETag")
	if rec := s.do(t, http.MethodGet, css, "If-None-Match", etag); rec.Code != 304 || rec.Body.Len() != 0 {
		t.Errorf("revalidation: %d", rec.Code)
	}
	for _, stale := range []string{"/static/css/site.css", "/static/css/site.000000000000.css", "/static/../go.mod"} {
		if rec := s.do(t, http.MethodGet, stale); rec.Code != 404 {
			t.Errorf("%s: %d", stale, rec.Code)
		}
	}
	_, doc := s.get(t, "/")
	if doc.Find(`link[rel="stylesheet"]`).AttrOr("href", "") != css {
		t.Error("pages do not link the hashed stylesheet")
	}
	// The map's land is a picture the browser keeps, served gzipped as it was built.
	land := static.Path(static.LandSVG)
	if href := doc.Find("svg image.map-land").AttrOr("href", ""); href != land {
		t.Errorf("the home page's map shows the land from %q, want %q", href, land)
	}
	rec = s.do(t, http.MethodGet, land, "Accept-Encoding", "gzip")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "image/svg+xml" || rec.Header().Get("Content-Encoding") != "gzip" ||
		!strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
		t.Errorf("%s: %d %q %q %q", land, rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Content-Encoding"), rec.Header().Get("Cache-Control"))
	}
	if a, _ := static.Lookup(land); a == nil || !bytes.Equal(rec.Body.Bytes(), a.Gzip) {
		t.Errorf("%s: not the gzipped copy made at build time", land)
	}
	if rec := s.do(t, http.MethodGet, "/favicon.ico"); rec.Code != 301 || rec.Header().Get("Location") != static.Path("img/logo.svg") {
		t.Errorf("favicon: %d %s", rec.Code, rec.Header().Get("Location"))
	}
}

func TestMethodNotAllowed(t *testing.T) {
	s := newServer(t, handlers.Config{})
	if rec := s.do(t, http.MethodPost, "/agreements"); rec.Code != http.StatusForbidden {
		t.Errorf("POST /agreements without a CSRF token: %d", rec.Code)
	}
	p := newPortal(t, handlers.Config{})
	b := p.browser(t)
	b.get("/login") // a visitor's token
	if got := b.post("/agreements", nil); got.StatusCode != http.StatusMethodNotAllowed || !strings.Contains(got.body, "<html") {
		t.Errorf("POST /agreements: %d", got.StatusCode)
	}
}

func itoa(id uint) string { return strconv.FormatUint(uint64(id), 10) }

// While the portal runs on demo data every page says so, signed in or not; otherwise none.
func TestDemoRibbon(t *testing.T) {
	demo := newPortal(t, handlers.Config{Demo: true})
	u := demo.users(t)
	official := demo.browser(t)
	official.login(u.official.Email, modeltest.Password)
	for _, b := range []*browser{demo.browser(t), official} {
		for _, path := range []string{"/", "/agreements", "/login", "/office"} {
			got := b.get(path)
			if got.StatusCode == http.StatusOK && !strings.Contains(text(got.doc.Find(`[data-testid="demo-ribbon"]`)), "Data contoh") {
				t.Errorf("%s: no demo ribbon", path)
			}
		}
	}
	if got := newPortal(t, handlers.Config{}).browser(t).get("/"); got.doc.Find(`[data-testid="demo-ribbon"]`).Length() != 0 {
		t.Error("a ribbon without demo data")
	}
}
