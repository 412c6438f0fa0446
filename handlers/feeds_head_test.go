package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
)

// headMeta is the content of a <meta property=...> in a page's head.
func headMeta(doc *goquery.Document, property string) string {
	return doc.Find(`head meta[property="`+property+`"]`).AttrOr("content", "")
}

// A shared link to an agreement, a region or an event previews with its title and
// summary: the page names its canonical address (absolute, in the page's language, with
// no other query, whatever the visitor's URL carried) and the Open Graph tags.
func TestShareTags(t *testing.T) {
	s := newServer(t, handlers.Config{BaseURL: feedBase})
	ctx := context.Background()
	first := publishedIDs(t, s.store)[0]
	a, err := s.store.AgreementFor(ctx, models.System, first)
	if err != nil {
		t.Fatal(err)
	}
	region, err := s.store.RegionPageByCode(ctx, "74.01")
	if err != nil {
		t.Fatal(err)
	}
	event, err := s.store.EventByID(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	const base = "https://ksd.example.go.id"
	tests := []struct {
		target, canonical, title, ogType, locale string
		description                              string // its start, "" when any text will do
	}{
		{"/agreements/" + itoa(first), base + "/agreements/" + itoa(first), a.DisplayTitle(), "article", "id_ID", firstWords(a.Summary)},
		{"/agreements/" + itoa(first) + "?lang=en&utm_source=wa&v=123", base + "/agreements/" + itoa(first) + "?lang=en", a.DisplayTitle(), "article", "en_GB", firstWords(a.Summary)},
		{"/regions/74.01", base + "/regions/74.01", "Kabupaten Kolaka", "website", "id_ID", firstWords(region.Region.Profile.Summary)},
		{"/regions/11.01?lang=en", base + "/regions/11.01?lang=en", "Kabupaten Aceh Selatan", "website", "en_GB", "Kabupaten Aceh Selatan, Aceh Province (Kemendagri code 11.01)"},
		{"/events/1", base + "/events/1", event.Title, "article", "id_ID", firstWords(event.Summary)},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec, doc := s.get(t, tt.target)
			if rec.Code != 200 {
				t.Fatalf("status %d", rec.Code)
			}
			if v := htmlRuleViolations(rec.Body.String()); len(v) != 0 {
				t.Errorf("the page breaks the HTML checker's rules: %q", v)
			}
			canonical := doc.Find(`head link[rel="canonical"]`)
			if canonical.Length() != 1 || canonical.AttrOr("href", "") != tt.canonical {
				t.Errorf("%d canonical links, href %q, want %q", canonical.Length(), canonical.AttrOr("href", ""), tt.canonical)
			}
			want := map[string]string{
				"og:url": tt.canonical, "og:title": tt.title, "og:type": tt.ogType, "og:site_name": "Derap KSD", "og:locale": tt.locale,
			}
			for property, value := range want {
				if got := headMeta(doc, property); got != value {
					t.Errorf("%s = %q, want %q", property, got, value)
				}
			}
			if alt := headMeta(doc, "og:locale:alternate"); alt == "" || alt == tt.locale {
				t.Errorf("og:locale:alternate %q", alt)
			}
			description := headMeta(doc, "og:description")
			if description == "" || description != doc.Find(`head meta[name="description"]`).AttrOr("content", "") || !strings.HasPrefix(description, tt.description) || len([]rune(description)) > 300 {
				t.Errorf("og:description %q, want it to start %q", description, tt.description)
			}
			path, _, _ := strings.Cut(strings.TrimPrefix(tt.canonical, base), "?")
			for lang, href := range map[string]string{"id": base + path, "en": base + path + "?lang=en", "x-default": base + path} {
				if got := doc.Find(`head link[rel="alternate"][hreflang="`+lang+`"]`).AttrOr("href", ""); got != href {
					t.Errorf("hreflang %s: %q, want %q", lang, got, href)
				}
			}
		})
	}
	// The pages that set none have neither: a list, the home page.
	for _, target := range []string{"/", "/agreements"} {
		if _, doc := s.get(t, target); doc.Find(`head link[rel="canonical"], head meta[property^="og:"]`).Length() != 0 {
			t.Errorf("%s has share tags it did not ask for", target)
		}
	}
}

// firstWords is the start of a text as a preview shows it, whitespace folded.
func firstWords(s string) string {
	words := strings.Fields(s)
	return strings.Join(words[:min(len(words), 5)], " ")
}

// An agreement shown before publication to those who may read it gets no canonical
// address and no share preview: it has no public page yet.
func TestNoShareTagsBeforePublication(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	official := p.browser(t)
	official.login(p.users(t).official.Email, modeltest.Password)
	draft := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Stage: modeltest.Signed})
	pg := official.get("/agreements/" + itoa(draft))
	if pg.StatusCode != 200 {
		t.Fatalf("status %d", pg.StatusCode)
	}
	if pg.doc.Find(`head link[rel="canonical"], head meta[property^="og:"]`).Length() != 0 {
		t.Error("an unpublished agreement's page has share tags")
	}
}

// Every page, for visitors and for signed-in users, has the search box in its header:
// a GET form to /search with a labelled search field named q; on the search page, it
// keeps the words searched for.
func TestHeaderSearchBox(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	visitor := p.browser(t)
	delegate := p.browser(t)
	delegate.login(p.users(t).delegate.Email, modeltest.Password)
	for _, tt := range []struct {
		who           *browser
		path          string
		label, button string
	}{
		{visitor, "/", "Cari di portal", "Cari"},
		{visitor, "/regions/61", "Cari di portal", "Cari"},
		{visitor, "/login", "Cari di portal", "Cari"},
		{delegate, "/inbox", "Cari di portal", "Cari"},
		{delegate, "/account", "Cari di portal", "Cari"},
		{visitor, "/data?lang=en", "Search the portal", "Search"},
	} {
		pg := tt.who.get(tt.path)
		form := pg.doc.Find(`header form[role="search"]`)
		if form.Length() != 1 || form.AttrOr("action", "") != "/search" || form.AttrOr("method", "") != "get" {
			t.Errorf("%s: %d search forms, action %q", tt.path, form.Length(), form.AttrOr("action", ""))
			continue
		}
		input := form.Find(`input[type="search"][name="q"]`)
		id := input.AttrOr("id", "")
		if input.Length() != 1 || id == "" || input.AttrOr("maxlength", "") != "100" || input.AttrOr("value", "") != "" {
			t.Errorf("%s: search field %d, id %q, maxlength %q", tt.path, input.Length(), id, input.AttrOr("maxlength", ""))
		}
		if label := form.Find(`label[for="` + id + `"]`); text(label) != tt.label {
			t.Errorf("%s: label %q, want %q", tt.path, text(label), tt.label)
		}
		if button := form.Find(`button[type="submit"]`); text(button) != tt.button {
			t.Errorf("%s: button %q", tt.path, text(button))
		}
	}
	pg := visitor.get("/search?q=beras+Kolaka")
	if got := pg.doc.Find(`header form[role="search"] input[name="q"]`).AttrOr("value", ""); got != "beras Kolaka" {
		t.Errorf("on the search page the header's box holds %q", got)
	}
}
