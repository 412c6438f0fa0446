package views

import (
	"bytes"
	"context"
	"net/url"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"derap/models"
	"derap/views/i18n"
)

// The footer and the about page give the bureau's contact: the phone as a tel: link of its
// digits, the email as a mailto: link, the PPID's address as a link; the office and the
// address, written in Indonesian, are marked so on an English page. Without a contact
// (an error page that could not read it) nothing is shown.
func TestBureauContactInFooterAndAbout(t *testing.T) {
	c := &models.BureauContact{
		ID: 1, Office: "Biro Kerja Sama Daerah", Address: "Balai Kota, Jl. Medan Merdeka Selatan No. 8–9, Jakarta Pusat 10110",
		Phone: "(021) 382-2255", Email: "ksd@jakarta.go.id", PPIDURL: "https://ppid.jakarta.go.id", Revision: 3,
	}
	tests := []struct {
		name    string
		contact *models.BureauContact
		locale  i18n.Locale
		lang    string // of the office and the address
		ppid    string
	}{
		{"Indonesian", c, i18n.ID, "", "Permohonan informasi publik (PPID)"},
		{"English", c, i18n.EN, "id", "Requests for public information (PPID)"},
		{"none", nil, i18n.ID, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := WithRequest(context.Background(), Request{Locale: tt.locale, URL: &url.URL{Path: "/about"}, Bureau: tt.contact})
			var buf bytes.Buffer
			if err := AboutPage("licence").Render(ctx, &buf); err != nil {
				t.Fatal(err)
			}
			doc, err := goquery.NewDocumentFromReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			footer, about := doc.Find(`[data-testid="footer-contact"]`), doc.Find(`[data-testid="about-contact"]`)
			if tt.contact == nil {
				if footer.Length() != 0 || about.Length() != 0 {
					t.Error("a contact is shown without one")
				}
				return
			}
			if footer.Find(`[data-testid="bureau-office"]`).Length() != 0 || about.Find(`[data-testid="bureau-office"]`).Length() != 1 {
				t.Error("the office's name is in the footer (which names the bureau already) or missing on the about page")
			}
			for name, s := range map[string]*goquery.Selection{"footer": footer, "about": about} {
				if got := s.Find(`[data-testid="bureau-phone"]`).AttrOr("href", ""); got != "tel:0213822255" {
					t.Errorf("%s: phone link %q", name, got)
				}
				if got := s.Find(`[data-testid="bureau-email"]`).AttrOr("href", ""); got != "mailto:ksd@jakarta.go.id" {
					t.Errorf("%s: email link %q", name, got)
				}
				if got := s.Find(`[data-testid="bureau-ppid"]`); got.AttrOr("href", "") != c.PPIDURL || text(got) != tt.ppid {
					t.Errorf("%s: PPID link %q %q", name, got.AttrOr("href", ""), text(got))
				}
				if got := s.Find(`[data-testid="bureau-address"]`); text(got) != c.Address || got.AttrOr("lang", "") != tt.lang {
					t.Errorf("%s: address %q, lang %q", name, text(got), got.AttrOr("lang", ""))
				}
			}
		})
	}
}
