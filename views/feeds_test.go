package views

import (
	"encoding/xml"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/a-h/templ"

	"derap/models"
	"derap/views/i18n"
)

// The feed names its language, and marks up text as text: a title with markup in it
// comes back as the same characters, escaped, never as elements.
func TestAgreementsFeedEscapesAndNamesItsLanguage(t *testing.T) {
	base := &url.URL{Scheme: "https", Host: "ksd.example"}
	published := time.Date(2025, 10, 3, 2, 0, 0, 0, time.UTC)
	a := models.Agreement{ID: 7, Title: `Pangan <b>& "beras"</b>`, PublishedAt: &published, UpdatedAt: published,
		StartDate: models.Date(2025, 10, 3), EndDate: models.Date(2030, 10, 2),
		Sectors: []models.AgreementSector{{AgreementID: 7, Sector: "food"}},
		Parties: []models.Party{{RegionCode: "31", Region: models.Region{Name: "Provinsi DKI Jakarta"}}, {RegionCode: "74.01"}}}
	body, err := AgreementsFeed([]models.Agreement{a}, base, i18n.EN, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(body), `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">`) {
		t.Errorf("feed element: %s", body[:200])
	}
	var f struct {
		Lang    string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		Updated string `xml:"updated"`
		Entry   struct {
			Title    string `xml:"title"`
			Summary  string `xml:"summary"`
			Category struct {
				Term  string `xml:"term,attr"`
				Label string `xml:"label,attr"`
			} `xml:"category"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(body, &f); err != nil {
		t.Fatal(err)
	}
	if f.Lang != "en" || f.Entry.Title != a.Title || f.Updated != "2025-10-03T02:00:00Z" {
		t.Errorf("lang %q, title %q, updated %q", f.Lang, f.Entry.Title, f.Updated)
	}
	if !strings.Contains(f.Entry.Summary, "Parties: Provinsi DKI Jakarta; 74.01") || !strings.Contains(f.Entry.Summary, "3 October 2025 – 2 October 2030") {
		t.Errorf("summary %q", f.Entry.Summary)
	}
	if f.Entry.Category.Term != "food" || f.Entry.Category.Label == "" || f.Entry.Category.Label == "sector.food" {
		t.Errorf("category %+v", f.Entry.Category)
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"  short\n text ", 20, "short text"},
		{"one two three four five", 12, "one two…"},
		{"abcdefghijklmnop", 8, "abcdefg…"},
	}
	for _, tt := range tests {
		if got := excerpt(tt.in, tt.n); got != tt.want {
			t.Errorf("excerpt(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestLocalisedURL(t *testing.T) {
	for _, tt := range []struct {
		path templ.SafeURL
		l    i18n.Locale
		want string
	}{
		{"/agreements/3", i18n.ID, "/agreements/3"},
		{"/agreements/3", i18n.EN, "/agreements/3?lang=en"},
		{"/agreements?sector=food", i18n.EN, "/agreements?lang=en&sector=food"},
	} {
		if got := string(LocalisedURL(tt.path, tt.l)); got != tt.want {
			t.Errorf("%s in %s: %q, want %q", tt.path, tt.l, got, tt.want)
		}
	}
}
