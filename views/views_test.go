package views

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"derap/models"
	"derap/views/i18n"
)

// render renders a component in a language, as a request for rawURL would, and parses it.
func render(t *testing.T, c templ.Component, l i18n.Locale, rawURL string) *goquery.Document {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	ctx := WithRequest(context.Background(), Request{Locale: l, URL: u, Today: models.Date(2026, 11, 26)})
	var buf bytes.Buffer
	if err := c.Render(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func text(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

func sampleAgreement() models.AgreementView {
	signed := models.Date(2025, time.October, 3)
	decided := time.Date(2025, time.September, 12, 7, 0, 0, 0, time.UTC)
	return models.AgreementView{
		Agreement: models.Agreement{
			ID: 7, Number: "e-0117/KSB/2025", Title: `Kesepakatan <script>alert("x")</script>`,
			DocType: models.DocMemorandum, Kind: models.CooperationRegional, Status: models.StatusSigned,
			StartDate: signed, EndDate: models.Date(2030, time.October, 2), SignedOn: &signed, SignedPlace: "Jakarta",
			Scope: "1. Pangan\n2. ASN", Published: true,
			Sectors: []models.AgreementSector{{Sector: "tourism"}, {Sector: "food"}},
			Event:   &models.Event{ID: 1, Title: "Derap Kerja Sama Daerah"},
			Parties: []models.Party{
				{Position: 1, RegionCode: "31", Region: models.Region{Code: "31", Name: "Daerah Khusus Ibukota Jakarta"}, SignatoryName: "Gubernur", Authority: models.AuthorityOwnOffice, Status: models.SignOffConfirmed, DecidedAt: &decided},
				{Position: 2, RegionCode: "61", Region: models.Region{Code: "61", Name: "Kalimantan Barat", Partner: true}, SignatoryName: "Sekda", Authority: models.AuthorityPowerOfAttorney, Status: models.SignOffPending},
			},
		},
		Version: &models.AgreementVersion{Number: 1, ContentHash: strings.Repeat("ab", 32)},
	}
}

func TestAgreementDetailPage(t *testing.T) {
	a := sampleAgreement()
	doc := render(t, AgreementDetailPage(AgreementPage{AgreementView: a, Term: models.TermActive}), i18n.ID, "/agreements/7")

	if got := doc.Find("html").AttrOr("lang", ""); got != "id" {
		t.Errorf("lang=%q", got)
	}
	if n := doc.Find("h1").Length(); n != 1 {
		t.Errorf("%d h1 elements", n)
	}
	if got := text(doc.Find("h1")); got != `Kesepakatan <script>alert("x")</script>` {
		t.Errorf("title %q", got)
	}
	if doc.Find("script").Length() != 0 {
		t.Error("a title's markup reached the page unescaped")
	}
	if got := doc.Find(`nav.site-nav a[aria-current="page"]`).AttrOr("href", ""); got != "/agreements" {
		t.Errorf("current section %q", got)
	}
	table := doc.Find(`[data-testid="parties"]`)
	if text(table.Find("caption")) != "Status konfirmasi para pihak" {
		t.Errorf("caption %q", text(table.Find("caption")))
	}
	if table.Find(`thead th[scope="col"]`).Length() != 7 {
		t.Error("the table lacks its column headers")
	}
	rows := table.Find(`tbody tr`)
	if rows.Length() != 2 {
		t.Fatalf("%d party rows", rows.Length())
	}
	want := [][]string{
		{"Pihak Kesatu", "Daerah Khusus Ibukota Jakarta", "Gubernur", "Atas nama jabatan", "—", "Dikonfirmasi", "12 September 2025"},
		{"Pihak Kedua", "Kalimantan Barat", "Sekda", "Berdasarkan surat kuasa", "—", "Menunggu", ""},
	}
	rows.Each(func(i int, row *goquery.Selection) {
		cells := row.Children()
		if goquery.NodeName(cells.First()) != "th" || cells.First().AttrOr("scope", "") != "row" {
			t.Errorf("row %d has no row header", i)
		}
		for j, w := range want[i] {
			if got := text(cells.Eq(j)); got != w {
				t.Errorf("row %d cell %d = %q, want %q", i, j, got, w)
			}
		}
	})
	if href := rows.Eq(1).Find("td a").AttrOr("href", ""); href != "/regions/61" {
		t.Errorf("region link %q", href)
	}
	if got := text(doc.Find(`[data-testid="term-state"]`)); got != "Berlaku" {
		t.Errorf("term %q", got)
	}
	if got := strings.Join(doc.Find(".tags li").Map(func(_ int, s *goquery.Selection) string { return s.Text() }), ", "); got != "Pangan, Pariwisata" {
		t.Errorf("sectors in catalog order: %q", got)
	}
	if got := text(doc.Find(`[data-testid="content-hash"]`)); got != a.Version.ContentHash {
		t.Errorf("hash %q", got)
	}
	if !strings.Contains(text(doc.Find(".facts dd")), "3 Oktober 2025, Jakarta") {
		t.Errorf("signing line: %q", text(doc.Find(".facts")))
	}
}

func TestLanguageSwitchKeepsThePage(t *testing.T) {
	doc := render(t, AgreementsPage(AgreementListPage{}), i18n.EN, "/agreements?sector=food&lang=en")
	links := doc.Find(".lang-switch a")
	if links.Length() != 2 {
		t.Fatalf("%d language links", links.Length())
	}
	id := links.First()
	if id.AttrOr("href", "") != "/agreements?lang=id&sector=food" || id.AttrOr("lang", "") != "id" {
		t.Errorf("Indonesian link %q", id.AttrOr("href", ""))
	}
	if links.Last().AttrOr("aria-current", "") != "true" {
		t.Error("the current language is not marked")
	}
	if got := text(doc.Find("h1")); got != "Cooperation agreements" {
		t.Errorf("English title %q", got)
	}
}

func TestAgreementsPageFiltersAndPager(t *testing.T) {
	a := sampleAgreement().Agreement
	q := url.Values{"sector": {"food"}, "year": {"2025"}, "page": {"2"}}
	page := AgreementListPage{
		Filter: models.AgreementFilter{Sector: "food", Year: 2025, Page: 2},
		Result: models.AgreementResults{Items: []models.Agreement{a}, Total: 41, Page: 2, PerPage: 20},
		Facets: models.AgreementFacets{Years: []int{2025, 2024}, Regions: []models.Region{{Code: "61", Name: "Kalimantan Barat"}}},
		Query:  q,
	}
	doc := render(t, AgreementsPage(page), i18n.ID, "/agreements?"+q.Encode())
	if got := doc.Find(`#f-sector option[selected]`).AttrOr("value", ""); got != "food" {
		t.Errorf("selected sector %q", got)
	}
	if got := doc.Find(`#f-year option[selected]`).AttrOr("value", ""); got != "2025" {
		t.Errorf("selected year %q", got)
	}
	for _, id := range []string{"f-sector", "f-region", "f-type", "f-year"} {
		if doc.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("%s has no label", id)
		}
	}
	if got := text(doc.Find(`[data-testid="result-count"]`)); got != "41 kesepakatan" {
		t.Errorf("count %q", got)
	}
	if got := text(doc.Find(`[data-testid="signoff"]`)); got != "1 dari 2 pihak telah mengonfirmasi" {
		t.Errorf("sign-off %q", got)
	}
	pager := doc.Find("nav.pager")
	if got := pager.Find(`a[aria-current="page"]`).Text(); got != "2" {
		t.Errorf("current page %q", got)
	}
	if got := pager.Find(`a[rel="prev"]`).AttrOr("href", ""); got != "/agreements?sector=food&year=2025" {
		t.Errorf("prev %q", got)
	}
	if got := pager.Find(`a[rel="next"]`).AttrOr("href", ""); got != "/agreements?page=3&sector=food&year=2025" {
		t.Errorf("next %q", got)
	}
}

func TestPageNumbers(t *testing.T) {
	tests := []struct {
		current, last int
		want          []int
	}{
		{1, 1, []int{1}},
		{1, 3, []int{1, 2, 3}},
		{5, 10, []int{1, 0, 3, 4, 5, 6, 7, 0, 10}},
		{1, 50, []int{1, 2, 3, 0, 50}},
	}
	for _, tt := range tests {
		got := pageNumbers(tt.current, tt.last)
		if len(got) != len(tt.want) {
			t.Errorf("%d of %d: %v, want %v", tt.current, tt.last, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%d of %d: %v, want %v", tt.current, tt.last, got, tt.want)
				break
			}
		}
	}
}

func TestRegionDetailPageShowsProfile(t *testing.T) {
	lat, lon := -0.63, 100.12
	page := models.RegionPage{
		Region: models.Region{Code: "13.77", Name: "Kota Pariaman", Kind: models.KindCity, Partner: true,
			Profile: &models.RegionProfile{Summary: "Kota pesisir", Commodities: "fish,rice", ContactOffice: "Bagian Pemerintahan", Latitude: &lat, Longitude: &lon}},
		Province: &models.Region{Code: "13", Name: "Sumatera Barat", Kind: models.KindProvince, Partner: true},
	}
	doc := render(t, RegionDetailPage(RegionPage{RegionPage: page}), i18n.EN, "/regions/13.77")
	profile := doc.Find(`[data-testid="profile"]`)
	for _, want := range []string{"Kota pesisir", "Fish", "Rice", "Bagian Pemerintahan", "0.63° S, 100.12° E"} {
		if !strings.Contains(text(profile), want) {
			t.Errorf("profile lacks %q: %s", want, text(profile))
		}
	}
	if doc.Find(`a[href="/regions/13"]`).Length() == 0 {
		t.Error("no link to the province")
	}
	if got := text(doc.Find(".page-header .badge-partner")); got != "Partner" {
		t.Errorf("partner badge %q", got)
	}
	if doc.Find(`a[href="/agreements?region=13.77"]`).Length() != 0 || doc.Find("p.more").Length() != 0 {
		t.Error("a page listing everything says there is more")
	}
	// A region with more than the page lists: a link to all its agreements, and a note
	// that only the latest events are shown.
	page.Agreements = []models.Agreement{{ID: 7, Title: "Kesepakatan Bersama", Published: true}}
	page.Events = []models.Event{{ID: 3, Title: "Forum"}}
	page.MoreAgreements, page.MoreEvents = true, true
	doc = render(t, RegionDetailPage(RegionPage{RegionPage: page}), i18n.ID, "/regions/13.77")
	if got := text(doc.Find(`a[href="/agreements?region=13.77"]`)); got != "Semua kesepakatan dengan Kota Pariaman" {
		t.Errorf("link to all agreements: %q", got)
	}
	if !strings.Contains(text(doc.Find("p.more")), "10 acara terbaru") {
		t.Errorf("latest events note: %q", text(doc.Find("p.more")))
	}
}

func TestErrorPage(t *testing.T) {
	for status, title := range map[int]string{404: "Halaman tidak ditemukan", 500: "Terjadi kesalahan", 502: "Terjadi kesalahan", 503: "Portal belum dapat menyimpan", 400: "Permintaan tidak dapat diproses"} {
		doc := render(t, ErrorPage(status, ""), i18n.ID, "/x")
		if got := text(doc.Find("h1")); got != title {
			t.Errorf("%d: %q", status, got)
		}
	}
}

// Keys built at run time from a model value must exist for every value.
func TestCatalogCoversModelValues(t *testing.T) {
	var keys []string
	for _, s := range models.Sectors {
		keys = append(keys, "sector."+s.Key, "sectorgroup."+string(s.Group))
	}
	for _, d := range models.DocTypes {
		keys = append(keys, "doctype."+string(d))
	}
	for _, k := range models.CooperationKinds {
		keys = append(keys, "kind."+string(k))
	}
	for _, k := range models.RegionKinds {
		keys = append(keys, "kind.region."+string(k))
	}
	for _, a := range models.Authorities {
		keys = append(keys, "authority."+string(a))
	}
	for _, s := range []models.SignOff{models.SignOffPending, models.SignOffConfirmed, models.SignOffDeclined} {
		keys = append(keys, "signoff."+string(s))
	}
	for _, s := range []models.TermState{models.TermUpcoming, models.TermActive, models.TermExpired, models.TermTerminated} {
		keys = append(keys, "term."+string(s))
	}
	for _, c := range models.Commodities {
		keys = append(keys, "commodity."+c)
	}
	for _, r := range models.Roles {
		keys = append(keys, "role."+string(r))
	}
	for _, s := range models.Statuses {
		keys = append(keys, "status."+string(s))
	}
	for _, item := range append(append(officeNav(), delegateNav()...), navItems()...) {
		keys = append(keys, item.key)
	}
	for _, status := range []int{400, 403, 404, 405, 409, 413, 429, 500} {
		keys = append(keys, errorKey(status)+".title", errorKey(status)+".body")
	}
	keys = append(keys, "login.failed", "login.throttled")
	for _, k := range keys {
		if !i18n.Has(k) {
			t.Errorf("catalog lacks %q", k)
		}
	}
}

func TestEventWhen(t *testing.T) {
	day := models.Date(2025, time.October, 3)
	at := func(d, h, m int) time.Time { return time.Date(2025, time.October, d, h, m, 0, 0, models.Jakarta) }
	tests := []struct {
		e    models.Event
		l    i18n.Locale
		want string
	}{
		{models.Event{AllDay: true, StartsAt: day, EndsAt: day}, i18n.ID, "3 Oktober 2025"},
		{models.Event{AllDay: true, StartsAt: day, EndsAt: day.AddDate(0, 0, 1)}, i18n.EN, "3–4 October 2025"},
		{models.Event{StartsAt: at(3, 9, 0).UTC(), EndsAt: at(3, 16, 30).UTC()}, i18n.ID, "3 Oktober 2025, 09.00–16.30 WIB"},
		{models.Event{StartsAt: at(3, 19, 0).UTC(), EndsAt: at(4, 12, 0).UTC()}, i18n.EN, "3 October 2025 19:00 – 4 October 2025 12:00 WIB"},
	}
	for _, tt := range tests {
		ctx := WithRequest(context.Background(), Request{Locale: tt.l, URL: &url.URL{Path: "/"}})
		if got := EventWhen(ctx, &tt.e); got != tt.want {
			t.Errorf("%q, want %q", got, tt.want)
		}
	}
}

// What officials wrote is Indonesian: on an English page it says so, on an Indonesian page
// it needs not.
func TestOfficialsTextIsMarkedIndonesian(t *testing.T) {
	a := sampleAgreement()
	for _, tt := range []struct {
		locale i18n.Locale
		want   string
	}{{i18n.EN, "id"}, {i18n.ID, ""}} {
		doc := render(t, AgreementDetailPage(AgreementPage{AgreementView: a}), tt.locale, string(AgreementURL(7)))
		if got := doc.Find("h1").AttrOr("lang", ""); got != tt.want {
			t.Errorf("%s page: the title's lang is %q, want %q", tt.locale, got, tt.want)
		}
	}
}

// A position reads as a place on a map does, in each language's words and numbers.
func TestCoordinates(t *testing.T) {
	tests := []struct {
		locale    i18n.Locale
		lat, long float64
		want      string
	}{
		{i18n.ID, -0.03, 109.34, "0,03° LS, 109,34° BT"},
		{i18n.EN, -0.03, 109.34, "0.03° S, 109.34° E"},
		{i18n.ID, 3.6, 98.67, "3,60° LU, 98,67° BT"},
	}
	for _, tt := range tests {
		ctx := WithRequest(context.Background(), Request{Locale: tt.locale})
		if got := Coordinates(ctx, tt.lat, tt.long); got != tt.want {
			t.Errorf("%s %v %v: %q, want %q", tt.locale, tt.lat, tt.long, got, tt.want)
		}
	}
}

// The about page names the law the cooperation rests on.
func TestAboutNamesTheLegalBasis(t *testing.T) {
	doc := render(t, AboutPage("licence"), i18n.ID, "/about")
	got := text(doc.Find(`[data-testid="legal-basis"]`))
	for _, law := range []string{"Nomor 23 Tahun 2014", "Nomor 28 Tahun 2018", "Nomor 22 Tahun 2020"} {
		if !strings.Contains(got, law) {
			t.Errorf("the legal basis lacks %s: %q", law, got)
		}
	}
}
