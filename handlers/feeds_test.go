package handlers_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/views"
)

// atomFeed is an Atom feed (RFC 4287) as a reader parses it.
type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID       string      `xml:"http://www.w3.org/2005/Atom id"`
	Title    string      `xml:"http://www.w3.org/2005/Atom title"`
	Updated  string      `xml:"http://www.w3.org/2005/Atom updated"`
	Author   string      `xml:"http://www.w3.org/2005/Atom author>name"`
	Links    []atomLink  `xml:"http://www.w3.org/2005/Atom link"`
	Entries  []atomEntry `xml:"http://www.w3.org/2005/Atom entry"`
	Rights   string      `xml:"http://www.w3.org/2005/Atom rights"`
	Subtitle string      `xml:"http://www.w3.org/2005/Atom subtitle"`
}

type atomLink struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom link"`
	Rel     string   `xml:"rel,attr"`
	Type    string   `xml:"type,attr"`
	Href    string   `xml:"href,attr"`
}

type atomEntry struct {
	ID         string     `xml:"http://www.w3.org/2005/Atom id"`
	Title      string     `xml:"http://www.w3.org/2005/Atom title"`
	Links      []atomLink `xml:"http://www.w3.org/2005/Atom link"`
	Published  string     `xml:"http://www.w3.org/2005/Atom published"`
	Updated    string     `xml:"http://www.w3.org/2005/Atom updated"`
	Summary    string     `xml:"http://www.w3.org/2005/Atom summary"`
	Categories []struct {
		Term  string `xml:"term,attr"`
		Label string `xml:"label,attr"`
	} `xml:"http://www.w3.org/2005/Atom category"`
}

// link is the href of the entry's or feed's link of a relation.
func atomHref(links []atomLink, rel string) string {
	for _, l := range links {
		if l.Rel == rel {
			return l.Href
		}
	}
	return ""
}

// feedBase is the address the portal is reached at in these tests.
var feedBase = &url.URL{Scheme: "https", Host: "ksd.example.go.id"}

// readFeed fetches a feed and parses it as a feed reader would.
func readFeed(t *testing.T, s *server, target string) atomFeed {
	t.Helper()
	rec := s.do(t, http.MethodGet, target)
	if rec.Code != http.StatusOK {
		t.Fatalf("%s: status %d", target, rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
		t.Errorf("%s: content type %q", target, ct)
	}
	var f atomFeed
	if err := xml.Unmarshal(rec.Body.Bytes(), &f); err != nil {
		t.Fatalf("%s: %v\n%s", target, err, rec.Body.String())
	}
	return f
}

// atomInstant parses an Atom date, which must be RFC 3339.
func atomInstant(t *testing.T, what, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("%s: %q is no RFC 3339 date", what, s)
	}
	return at
}

// The feed of agreements holds the published ones only, the most recently published
// first: a new publication leads it, and a draft, an agreement signed but not yet published
// and one taken off publication are not in it. Every entry names the agreement's public
// page by its absolute address, as its link and as its stable id.
func TestAgreementsFeed(t *testing.T) {
	s := newServer(t, handlers.Config{BaseURL: feedBase})
	ctx := context.Background()
	clock := modeltest.NewClock(s.store)
	clock.Advance(time.Hour)
	fresh := modeltest.CreateAgreement(t, s.store, modeltest.Agreement{Title: "Perjanjian pangan baru", Partner: "74.01", Sectors: []string{"food", "tourism"}})
	draft := modeltest.CreateAgreement(t, s.store, modeltest.Agreement{Title: "Konsep rahasia", Stage: modeltest.Draft})
	signed := modeltest.CreateAgreement(t, s.store, modeltest.Agreement{Title: "Belum terbit", Stage: modeltest.Signed})
	withdrawn := modeltest.CreateAgreement(t, s.store, modeltest.Agreement{Title: "Ditarik dari publikasi"})
	if err := s.store.Unpublish(ctx, models.System, withdrawn, models.AnyRevision); err != nil {
		t.Fatal(err)
	}

	f := readFeed(t, s, "/agreements.atom")
	if f.ID != "https://ksd.example.go.id/agreements.atom" || atomHref(f.Links, "self") != f.ID || atomHref(f.Links, "alternate") != "https://ksd.example.go.id/agreements" {
		t.Errorf("feed id %q, links %+v", f.ID, f.Links)
	}
	if f.Lang != "id" || f.Title == "" || f.Author != "Biro Kerja Sama Daerah Provinsi DKI Jakarta" || !strings.Contains(f.Rights, "CC BY 4.0") {
		t.Errorf("feed lang %q, title %q, author %q, rights %q", f.Lang, f.Title, f.Author, f.Rights)
	}

	published := publishedIDs(t, s.store)
	if len(f.Entries) != len(published) {
		t.Fatalf("%d entries, %d agreements published", len(f.Entries), len(published))
	}
	byID := map[uint]models.Agreement{}
	all, err := s.store.PublishedAgreements(ctx, models.AgreementFilter{}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, listed := range all.Items {
		// The feed shows more than the public list reads (sectors, times): the agreement
		// whole is the reference.
		v, err := s.store.AgreementFor(ctx, models.System, listed.ID)
		if err != nil {
			t.Fatal(err)
		}
		byID[listed.ID] = v.Agreement
	}
	var seen []uint
	var newest time.Time
	for i, e := range f.Entries {
		var id uint
		for candidate := range byID {
			if e.ID == "https://ksd.example.go.id"+string(views.AgreementURL(candidate)) {
				id = candidate
			}
		}
		if id == 0 {
			t.Fatalf("entry %d: id %q is no published agreement's page", i, e.ID)
		}
		seen = append(seen, id)
		a := byID[id]
		if href := atomHref(e.Links, "alternate"); href != e.ID {
			t.Errorf("agreement %d: link %q, id %q", id, href, e.ID)
		}
		if e.Title != a.DisplayTitle() {
			t.Errorf("agreement %d: title %q, want %q", id, e.Title, a.DisplayTitle())
		}
		pub, upd := atomInstant(t, "published", e.Published), atomInstant(t, "updated", e.Updated)
		if !pub.Equal(a.PublishedAt.Truncate(time.Second)) || upd.Before(pub) {
			t.Errorf("agreement %d: published %s, updated %s; it was published at %s", id, e.Published, e.Updated, a.PublishedAt)
		}
		if i > 0 && pub.After(atomInstant(t, "published", f.Entries[i-1].Published)) {
			t.Errorf("entry %d was published after the one before it", i)
		}
		if upd.After(newest) {
			newest = upd
		}
		var terms []string
		for _, c := range e.Categories {
			terms = append(terms, c.Term)
			if c.Label == "" || strings.HasPrefix(c.Label, "sector.") {
				t.Errorf("agreement %d: category %+v has no name", id, c)
			}
		}
		if !slices.Equal(terms, a.SectorKeys()) {
			t.Errorf("agreement %d: categories %v, sectors %v", id, terms, a.SectorKeys())
		}
		for _, p := range a.Parties {
			if !strings.Contains(e.Summary, p.Region.Name) {
				t.Errorf("agreement %d: the summary does not name the party %s: %q", id, p.Region.Name, e.Summary)
			}
		}
	}
	if seen[0] != fresh {
		t.Errorf("the newest publication (%d) does not lead the feed: %v", fresh, seen)
	}
	for _, hidden := range []uint{draft, signed, withdrawn} {
		if slices.Contains(seen, hidden) {
			t.Errorf("unpublished agreement %d is in the feed", hidden)
		}
	}
	if got := atomInstant(t, "feed updated", f.Updated); !got.Equal(newest) {
		t.Errorf("feed updated %s, newest entry %s", f.Updated, newest)
	}

	// In English: the feed says so, and links to the pages in English; the ids stay.
	en := readFeed(t, s, "/agreements.atom?lang=en")
	if en.Lang != "en" || atomHref(en.Links, "self") != "https://ksd.example.go.id/agreements.atom?lang=en" || en.ID != f.ID {
		t.Errorf("English feed: lang %q, id %q, links %+v", en.Lang, en.ID, en.Links)
	}
	if len(en.Entries) == 0 || en.Entries[0].ID != f.Entries[0].ID || atomHref(en.Entries[0].Links, "alternate") != f.Entries[0].ID+"?lang=en" {
		t.Errorf("English entry: %+v", en.Entries[0])
	}
	if !strings.Contains(en.Entries[0].Summary, "Parties: ") {
		t.Errorf("English summary %q", en.Entries[0].Summary)
	}
}

// The feed of events holds every event, the newest first, each with its absolute page
// address, its times, place and summary.
func TestEventsFeed(t *testing.T) {
	s := newServer(t, handlers.Config{BaseURL: feedBase})
	ctx := context.Background()
	later, err := s.store.SaveEvent(ctx, models.System, 0, models.EventInput{
		Title: "Forum Derap KSD 2026", StartDate: models.Date(2026, time.October, 5), StartTime: "09:00", EndTime: "12:00",
		Place: "Balai Kota Jakarta", Summary: "Forum tahunan kedua.", Revision: models.AnyRevision,
	})
	if err != nil {
		t.Fatal(err)
	}
	events, err := s.store.Events(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	f := readFeed(t, s, "/events.atom")
	if f.ID != "https://ksd.example.go.id/events.atom" || atomHref(f.Links, "alternate") != "https://ksd.example.go.id/events" {
		t.Errorf("feed id %q, links %+v", f.ID, f.Links)
	}
	if len(f.Entries) != len(events) || len(events) < 2 {
		t.Fatalf("%d entries, %d events", len(f.Entries), len(events))
	}
	for i, e := range f.Entries {
		want := events[i]
		page := "https://ksd.example.go.id/events/" + itoa(want.ID)
		if e.ID != page || atomHref(e.Links, "alternate") != page || e.Title != want.Title {
			t.Errorf("entry %d: id %q, link %q, title %q; want event %d %q", i, e.ID, atomHref(e.Links, "alternate"), e.Title, want.ID, want.Title)
		}
		if !atomInstant(t, "updated", e.Updated).Equal(want.UpdatedAt.Truncate(time.Second)) || !atomInstant(t, "published", e.Published).Equal(want.CreatedAt.Truncate(time.Second)) {
			t.Errorf("entry %d: published %s, updated %s", i, e.Published, e.Updated)
		}
		if want.Place != "" && !strings.Contains(e.Summary, want.Place) {
			t.Errorf("entry %d: the summary lacks the place: %q", i, e.Summary)
		}
	}
	if f.Entries[0].ID != "https://ksd.example.go.id/events/"+itoa(later) {
		t.Errorf("the newest event does not lead: %s", f.Entries[0].ID)
	}
	if !strings.Contains(f.Entries[0].Summary, "5 Oktober 2026, 09.00–12.00 WIB") || !strings.Contains(f.Entries[0].Summary, "Forum tahunan kedua.") {
		t.Errorf("summary %q", f.Entries[0].Summary)
	}
}

// Every page, public or signed in, names both feeds in its head for feed readers to find,
// in the page's language.
func TestFeedAutodiscovery(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	visitor := p.browser(t)
	official := p.browser(t)
	official.login(p.users(t).official.Email, modeltest.Password)
	for _, tt := range []struct {
		who  *browser
		path string
		lang string
		own  []string // the page's own feeds, after the site's
	}{
		{visitor, "/", "", nil}, {visitor, "/agreements", "", nil}, {visitor, "/no/such/page", "", nil}, {visitor, "/about?lang=en", "?lang=en", nil},
		{official, "/office", "", nil}, {official, "/account", "", nil},
		{visitor, "/audit/checkpoints?lang=id", "", []string{"/audit/checkpoints.atom"}},
		{visitor, "/audit/checkpoints?lang=en", "?lang=en", []string{"/audit/checkpoints.atom?lang=en"}},
	} {
		pg := tt.who.get(tt.path)
		links := pg.doc.Find(`head link[rel="alternate"][type="application/atom+xml"]`)
		var hrefs []string
		for i := range links.Length() {
			l := links.Eq(i)
			if l.AttrOr("title", "") == "" {
				t.Errorf("%s: a feed link without a title", tt.path)
			}
			hrefs = append(hrefs, l.AttrOr("href", ""))
		}
		want := append([]string{"/agreements.atom" + tt.lang, "/events.atom" + tt.lang}, tt.own...)
		if !slices.Equal(hrefs, want) {
			t.Errorf("%s: feed links %v, want %v", tt.path, hrefs, want)
		}
	}
	for _, path := range []string{"/agreements.atom", "/events.atom", "/audit/checkpoints.atom"} {
		if pg := visitor.get(path); pg.StatusCode != http.StatusOK || !strings.HasPrefix(pg.Header.Get("Content-Type"), "application/atom+xml") {
			t.Errorf("%s: %d %s", path, pg.StatusCode, pg.Header.Get("Content-Type"))
		}
	}
}

// A feed reader or crawler polling the feeds, the sitemap or robots.txt gets a 304 while
// nothing changed, and a fresh copy once something did; gzipped when it takes that.
func TestMachineFilesAnswerConditionally(t *testing.T) {
	s := newServer(t, handlers.Config{BaseURL: feedBase})
	for _, path := range []string{"/agreements.atom", "/events.atom", "/sitemap.xml", "/robots.txt"} {
		first := s.do(t, http.MethodGet, path)
		etag := first.Header().Get("ETag")
		if first.Code != http.StatusOK || !strings.HasPrefix(etag, `"`) || first.Header().Get("Cache-Control") != "no-cache" {
			t.Fatalf("%s: status %d, ETag %q, Cache-Control %q", path, first.Code, etag, first.Header().Get("Cache-Control"))
		}
		if again := s.do(t, http.MethodGet, path, "If-None-Match", etag); again.Code != http.StatusNotModified || again.Body.Len() != 0 {
			t.Errorf("%s: asked again with its ETag: status %d, %d bytes", path, again.Code, again.Body.Len())
		}
		zipped := s.do(t, http.MethodGet, path, "Accept-Encoding", "gzip")
		if zipped.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: not gzipped", path)
			continue
		}
		r, err := gzip.NewReader(zipped.Body)
		if err != nil {
			t.Fatal(err)
		}
		if body, err := io.ReadAll(r); err != nil || !bytes.Equal(body, first.Body.Bytes()) {
			t.Errorf("%s: the gzipped copy differs: %v", path, err)
		}
	}
	before := s.do(t, http.MethodGet, "/agreements.atom").Header().Get("ETag")
	modeltest.CreateAgreement(t, s.store, modeltest.Agreement{Title: "Baru terbit"})
	if after := s.do(t, http.MethodGet, "/agreements.atom", "If-None-Match", before); after.Code != http.StatusOK || !strings.Contains(after.Body.String(), "Baru terbit") {
		t.Errorf("after a publication the feed answers %d", after.Code)
	}
}
