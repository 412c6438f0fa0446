package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/views"
)

func searchURL(base string, q string, extra ...string) string {
	v := url.Values{"q": {q}}
	for i := 0; i+1 < len(extra); i += 2 {
		v.Set(extra[i], extra[i+1])
	}
	return base + "?" + v.Encode()
}

// The search page finds published agreements, regions and events by their words, grouped
// by kind, the words marked; the words typed come back escaped, never as markup.
func TestSearchPage(t *testing.T) {
	s := newServer(t, handlers.Config{})
	tests := []struct {
		query string
		want  []string // hrefs that must be among the results
	}{
		{"beras", []string{"/agreements/1", "/regions/74.01", "/events/1"}},
		{"Kolaka", []string{"/agreements/2", "/regions/74.01", "/events/1"}},
		{"74.01", []string{"/regions/74.01", "/agreements/2"}},
		{"7401", []string{"/regions/74.01"}},
		{"BPSDM", []string{"/events/1", "/regions/74.01"}},
		{"Marulina", []string{"/events/1"}},
		{"NTT", []string{"/regions/53"}},
		{"DKI", []string{"/regions/31"}},
	}
	for _, tt := range tests {
		rec, doc := s.get(t, searchURL("/search", tt.query))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d", tt.query, rec.Code)
		}
		for _, href := range tt.want {
			if doc.Find(`.search-hit a[href="`+href+`"]`).Length() != 1 {
				t.Errorf("%s: no result leads to %s", tt.query, href)
			}
		}
		if doc.Find(".search-hit mark").Length() == 0 {
			t.Errorf("%s: no word is marked", tt.query)
		}
		if got := doc.Find("#search-q").AttrOr("value", ""); got != tt.query {
			t.Errorf("%s: the box holds %q", tt.query, got)
		}
	}

	// Typed markup is shown as text.
	rec, doc := s.get(t, searchURL("/search", `<script>alert(1)</script> Kolaka`))
	if strings.Contains(rec.Body.String(), "<script>alert") || doc.Find("script").Length() != 0 {
		t.Error("the query came back as markup")
	}
	if !strings.Contains(text(doc.Find(`[data-testid="result-count"]`)), "<script>alert(1)</script> Kolaka") {
		t.Errorf("result count %q", text(doc.Find(`[data-testid="result-count"]`)))
	}

	// One kind, a page at a time: every region with "Kabupaten" in its name.
	_, doc = s.get(t, searchURL("/search", "kabupaten", "kind", "region", "page", "2"))
	if n := doc.Find(".search-hit").Length(); n != 10 {
		t.Errorf("page 2 of the regions shows %d", n)
	}
	if doc.Find(`.search-hits`).AttrOr("start", "") != "11" || doc.Find(`nav.pager a[aria-current="page"]`).Text() != "2" {
		t.Error("page 2 is not numbered as page 2")
	}
	if rec := s.do(t, http.MethodGet, searchURL("/search", "kabupaten", "kind", "region", "page", "99")); rec.Code != http.StatusNotFound {
		t.Errorf("a page past the last: %d", rec.Code)
	}

	// English.
	_, doc = s.get(t, searchURL("/search", "beras", "lang", "en"))
	if got := text(doc.Find(`[data-testid="result-count"]`)); !strings.Contains(got, "results for") {
		t.Errorf("English count %q", got)
	}
}

// A search for nothing, for punctuation, for nothing there or for too much gets a page
// that helps, never an error; a request no page makes is refused.
func TestSearchHelps(t *testing.T) {
	s := newServer(t, handlers.Config{})
	for _, q := range []string{"", "   ", "%%% ### !!!", "zzqxv", strings.Repeat("ab", 20) + " kolaka"} {
		rec, doc := s.get(t, searchURL("/search", q))
		if rec.Code != http.StatusOK {
			t.Errorf("%q: %d", q, rec.Code)
		}
		if doc.Find("#search-help-title").Length() != 1 && doc.Find(".search-hit").Length() == 0 {
			t.Errorf("%q: neither results nor help", q)
		}
	}
	long := strings.Repeat("kolaka ", 20)
	rec, doc := s.get(t, searchURL("/search", long))
	if rec.Code != http.StatusOK || doc.Find("#search-q-error").Length() != 1 || doc.Find(".search-hit").Length() != 0 {
		t.Errorf("a query over the limit: %d, error by the field %d", rec.Code, doc.Find("#search-q-error").Length())
	}
	if got := doc.Find("#search-q").AttrOr("value", ""); got != long {
		t.Errorf("the box lost the input: %q", got)
	}
	for _, target := range []string{searchURL("/search", "x", "kind", "draft"), searchURL("/search", "x", "page", "2"), searchURL("/search", "x", "kind", "event", "page", "0")} {
		if rec := s.do(t, http.MethodGet, target); rec.Code != http.StatusBadRequest {
			t.Errorf("%s: %d", target, rec.Code)
		}
	}
}

// Nothing unpublished is found by the public, by any word of its title; officials find it
// in the office's search, which visitors and delegates cannot open.
func TestSearchUnpublished(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	ctx := context.Background()
	hidden := map[uint]models.Agreement{}
	for _, status := range []models.Status{models.StatusDraft, models.StatusInReview} {
		list, err := p.store.AgreementsByStatus(ctx, status)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range list {
			hidden[a.ID] = a
		}
	}
	if len(hidden) == 0 {
		t.Fatal("the demo has no unpublished agreement")
	}
	u := p.users(t)
	visitor, delegate, official := p.browser(t), p.browser(t), p.browser(t)
	delegate.login(u.delegate.Email, modeltest.Password)
	official.login(u.official.Email, modeltest.Password)
	for id, a := range hidden {
		for _, word := range append(strings.Fields(a.Title), a.Number) {
			page := visitor.get(searchURL("/search", word))
			if page.doc.Find(`.search-hit a[href="`+string(views.AgreementURL(id))+`"]`).Length() != 0 {
				t.Errorf("the public found unpublished agreement %d by %q", id, word)
			}
		}
		page := official.get(searchURL(string(views.OfficeSearchURL()), a.Number))
		if page.StatusCode != http.StatusOK || page.doc.Find(`.search-hit a[href="`+string(views.OfficeAgreementURL(id))+`"]`).Length() != 1 {
			t.Errorf("the office search did not find agreement %d: %d", id, page.StatusCode)
		}
	}
	dashboard := official.get(string(views.OfficeURL()))
	if dashboard.doc.Find(`form[data-testid="office-search"][action="`+string(views.OfficeSearchURL())+`"] input[name="q"]`).Length() != 1 {
		t.Error("the dashboard has no office search box")
	}
	for name, b := range map[string]*browser{"visitor": visitor, "delegate": delegate} {
		page := b.get(searchURL(string(views.OfficeSearchURL()), "perjanjian"))
		if page.StatusCode == http.StatusOK || page.doc.Find(".search-hit").Length() != 0 {
			t.Errorf("%s opened the office search: %d", name, page.StatusCode)
		}
	}
	// Results are rendered for each request: no ETag of the page cache, whatever is typed.
	page := visitor.get(searchURL("/search", "beras"+strconv.Itoa(len(hidden))))
	if page.Header.Get("ETag") != "" {
		t.Error("search results were cached")
	}
}
