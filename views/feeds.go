package views

import (
	"bytes"
	"context"
	"encoding/xml"
	"net/url"
	"strings"
	"time"

	"github.com/a-h/templ"

	"derap/models"
	"derap/views/i18n"
)

// The public record for machines: Atom feeds (RFC 4287) of newly published agreements and
// of events, the sitemap (sitemaps.org 0.9) and robots.txt. Every address in them is
// absolute, built from the base URL people reach the portal at.

// AtomContentType is the media type of the feeds.
const AtomContentType = "application/atom+xml; charset=utf-8"

// FeedLength is how many entries a feed holds.
const FeedLength = 50

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr"`
	ID       string      `xml:"id"`
	Title    atomText    `xml:"title"`
	Subtitle atomText    `xml:"subtitle"`
	Updated  string      `xml:"updated"`
	Author   atomPerson  `xml:"author"`
	Links    []atomLink  `xml:"link"`
	Icon     string      `xml:"icon"`
	Rights   atomText    `xml:"rights"`
	Entries  []atomEntry `xml:"entry"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr,omitempty"`
	Hreflang string `xml:"hreflang,attr,omitempty"`
	Href     string `xml:"href,attr"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Summary    atomText       `xml:"summary"`
	Categories []atomCategory `xml:"category"`
}

// atomTime writes an instant as Atom dates are written (RFC 3339, in UTC).
func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// newFeed starts a feed: its id is its own address (without a language), its self link
// the address in the feed's language, its alternate the page that lists the same.
func newFeed(base *url.URL, l i18n.Locale, self, page templ.SafeURL, key string) atomFeed {
	return atomFeed{
		Lang:     string(l),
		ID:       absoluteURL(base, self),
		Title:    atomText{Type: "text", Body: l.T("feeds." + key + ".title")},
		Subtitle: atomText{Type: "text", Body: l.T("feeds." + key + ".subtitle")},
		Author:   atomPerson{Name: l.T("feeds.author"), URI: absoluteURL(base, HomeURL())},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: absoluteURL(base, LocalisedURL(self, l))},
			{Rel: "alternate", Type: "text/html", Hreflang: string(l), Href: absoluteURL(base, LocalisedURL(page, l))},
		},
		Icon:   absoluteURL(base, templ.SafeURL(Asset("img/logo.svg"))),
		Rights: atomText{Type: "text", Body: l.T("feeds.rights")},
	}
}

// encode writes the feed; updated is its newest entry's time, else the fallback.
func (f atomFeed) encode(fallback time.Time) ([]byte, error) {
	f.Updated = atomTime(fallback)
	if len(f.Entries) > 0 {
		newest := f.Entries[0].Updated
		for _, e := range f.Entries {
			if e.Updated > newest { // RFC 3339 in UTC sorts as text
				newest = e.Updated
			}
		}
		f.Updated = newest
	}
	return marshalXML(f)
}

func marshalXML(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// AgreementsFeed writes the Atom feed of published agreements, as given (most recently
// published first): each entry names the agreement's page, its publication, its summary
// and parties, and a category per sector. fallback is the feed's time when it is empty.
func AgreementsFeed(items []models.Agreement, base *url.URL, l i18n.Locale, fallback time.Time) ([]byte, error) {
	f := newFeed(base, l, AgreementsFeedURL(), AgreementsURL(), "agreements")
	for i := range items {
		a := &items[i]
		entry := atomEntry{
			ID:      absoluteURL(base, AgreementURL(a.ID)),
			Title:   atomText{Type: "text", Body: a.DisplayTitle()},
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Hreflang: string(l), Href: absoluteURL(base, LocalisedURL(AgreementURL(a.ID), l))}},
			Updated: atomTime(a.UpdatedAt),
			Summary: atomText{Type: "text", Body: agreementSummary(a, l)},
		}
		if a.PublishedAt != nil {
			entry.Published = atomTime(*a.PublishedAt)
			if a.PublishedAt.After(a.UpdatedAt) {
				entry.Updated = entry.Published
			}
		}
		for _, key := range a.SectorKeys() {
			entry.Categories = append(entry.Categories, atomCategory{Term: key, Label: l.T("sector." + key)})
		}
		f.Entries = append(f.Entries, entry)
	}
	return f.encode(fallback)
}

// agreementSummary is an agreement's entry text: its full title where the heading is a
// short one, its number, its parties, its term and its summary.
func agreementSummary(a *models.Agreement, l i18n.Locale) string {
	var lines []string
	if a.ShortTitle != "" && a.ShortTitle != a.Title {
		lines = append(lines, a.Title)
	}
	if a.Number != "" {
		lines = append(lines, l.T("feeds.number", a.Number))
	}
	names := make([]string, 0, len(a.Parties))
	for _, p := range a.Parties {
		if p.Region.Name != "" {
			names = append(names, p.Region.Name)
		} else {
			names = append(names, p.RegionCode)
		}
	}
	if len(names) > 0 {
		lines = append(lines, l.T("feeds.parties", strings.Join(names, "; ")))
	}
	lines = append(lines, l.T("feeds.term", l.DateRange(a.StartDate, a.EndDate)))
	if s := strings.TrimSpace(a.Summary); s != "" {
		lines = append(lines, "", s)
	}
	return strings.Join(lines, "\n")
}

// EventsFeed writes the Atom feed of events, as given (newest first): each entry names the
// event's page, when and where it takes place, and its summary.
func EventsFeed(events []models.Event, base *url.URL, l i18n.Locale, fallback time.Time) ([]byte, error) {
	f := newFeed(base, l, EventsFeedURL(), EventsURL(), "events")
	ctx := WithRequest(context.Background(), Request{Locale: l, URL: &url.URL{Path: "/"}, BaseURL: base})
	for i := range events {
		e := &events[i]
		lines := []string{l.T("feeds.when", EventWhen(ctx, e))}
		if e.Place != "" {
			lines = append(lines, l.T("feeds.place", e.Place))
		}
		if e.Organiser != "" {
			lines = append(lines, l.T("feeds.organiser", e.Organiser))
		}
		if s := strings.TrimSpace(e.Summary); s != "" {
			lines = append(lines, "", s)
		}
		f.Entries = append(f.Entries, atomEntry{
			ID:        absoluteURL(base, EventURL(e.ID)),
			Title:     atomText{Type: "text", Body: e.Title},
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Hreflang: string(l), Href: absoluteURL(base, LocalisedURL(EventURL(e.ID), l))}},
			Published: atomTime(e.CreatedAt),
			Updated:   atomTime(e.UpdatedAt),
			Summary:   atomText{Type: "text", Body: strings.Join(lines, "\n")},
		})
	}
	return f.encode(fallback)
}

// SitemapContentType is the media type of the sitemap.
const SitemapContentType = "application/xml; charset=utf-8"

type sitemapSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string         `xml:"loc"`
	LastMod    string         `xml:"lastmod,omitempty"`
	Alternates []sitemapXHTML `xml:"xhtml:link"`
}

type sitemapXHTML struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// Sitemap writes the sitemap of every public page: the home page, the lists, every
// published agreement, every region, every event, the about and open-data pages; each with
// when it last changed where that is known, and its address in every language.
func Sitemap(p models.PublicPages, base *url.URL) ([]byte, error) {
	set := sitemapSet{XHTML: "http://www.w3.org/1999/xhtml"}
	add := func(path templ.SafeURL, changed *time.Time) {
		u := sitemapURL{Loc: absoluteURL(base, path)}
		if changed != nil && !changed.IsZero() {
			u.LastMod = atomTime(*changed)
		}
		for _, l := range languageLinks(base, path) {
			u.Alternates = append(u.Alternates, sitemapXHTML{Rel: "alternate", Hreflang: l.Hreflang, Href: l.Href})
		}
		set.URLs = append(set.URLs, u)
	}
	newest := func(stamps []models.PageStamp) *time.Time {
		var t *time.Time
		for i := range stamps {
			if t == nil || stamps[i].UpdatedAt.After(*t) {
				t = &stamps[i].UpdatedAt
			}
		}
		return t
	}
	lastAgreement, lastEvent := newest(p.Agreements), newest(p.Events)
	home := lastAgreement
	if lastEvent != nil && (home == nil || lastEvent.After(*home)) {
		home = lastEvent
	}
	add(HomeURL(), home)
	add(AgreementsURL(), lastAgreement)
	for i := range p.Agreements {
		add(AgreementURL(p.Agreements[i].ID), &p.Agreements[i].UpdatedAt)
	}
	add(RegionsURL(), nil)
	for _, r := range p.Regions {
		add(RegionURL(r.Code), r.UpdatedAt)
	}
	add(EventsURL(), lastEvent)
	for i := range p.Events {
		add(EventURL(p.Events[i].ID), &p.Events[i].UpdatedAt)
	}
	add(MonitoringURL(), nil)
	add(AboutURL(), nil)
	add(DataURL(), nil)
	add(VerifyURL(), nil)
	add(AuditCheckpointsURL(), nil)
	return marshalXML(set)
}

// Robots writes robots.txt: crawlers may read the public pages, not the signed-in area,
// the forms of signing in, nor the search results (endless and thin); the sitemap says
// where every public page is.
func Robots(base *url.URL) []byte {
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /\n")
	for _, path := range []templ.SafeURL{
		OfficeURL(), AccountURL(), InboxURL(), LoginURL(), InvitationURL(""), UnsubscribeURL(""), SearchURL(),
		"/regions/*/profile", "/admin",
	} {
		b.WriteString("Disallow: " + strings.TrimSuffix(string(path), "/") + "\n")
	}
	b.WriteString("\nSitemap: " + absoluteURL(base, SitemapURL()) + "\n")
	return []byte(b.String())
}
