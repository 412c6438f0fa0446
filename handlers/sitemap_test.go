package handlers_test

import (
	"context"
	"encoding/xml"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
)

// sitemapSet is a sitemap (sitemaps.org 0.9) as a search engine parses it.
type sitemapSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc        string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		LastMod    string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
		Alternates []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

// The sitemap names every public page by its absolute address, and nothing else: the
// home page, the lists, every published agreement, every region, every event, the about,
// open-data, verification and audit checkpoint pages; never a draft, an agreement signed but unpublished, or one taken
// off publication. Each page comes with its address in each language.
func TestSitemap(t *testing.T) {
	s := newServer(t, handlers.Config{BaseURL: feedBase})
	ctx := context.Background()
	draft := modeltest.CreateAgreement(t, s.store, modeltest.Agreement{Stage: modeltest.Draft})
	signed := modeltest.CreateAgreement(t, s.store, modeltest.Agreement{Stage: modeltest.Signed})
	withdrawn := modeltest.CreateAgreement(t, s.store, modeltest.Agreement{})
	if err := s.store.Unpublish(ctx, models.System, withdrawn, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	fresh := modeltest.CreateAgreement(t, s.store, modeltest.Agreement{})

	rec := s.do(t, http.MethodGet, "/sitemap.xml")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/xml") {
		t.Fatalf("status %d, content type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	var set sitemapSet
	if err := xml.Unmarshal(rec.Body.Bytes(), &set); err != nil {
		t.Fatal(err)
	}
	const base = "https://ksd.example.go.id"
	listed := map[string]string{} // path → lastmod
	for _, u := range set.URLs {
		path, ok := strings.CutPrefix(u.Loc, base)
		if !ok || !strings.HasPrefix(path, "/") {
			t.Fatalf("%q is not an absolute address of the portal", u.Loc)
		}
		if _, twice := listed[path]; twice {
			t.Errorf("%s is listed twice", path)
		}
		listed[path] = u.LastMod
		if u.LastMod != "" {
			if _, err := time.Parse(time.RFC3339, u.LastMod); err != nil {
				t.Errorf("%s: lastmod %q", path, u.LastMod)
			}
		}
		langs := map[string]string{}
		for _, a := range u.Alternates {
			if a.Rel != "alternate" {
				t.Errorf("%s: alternate %+v", path, a)
			}
			langs[a.Hreflang] = a.Href
		}
		if len(langs) != 3 || langs["id"] != u.Loc || langs["x-default"] != u.Loc || langs["en"] != u.Loc+"?lang=en" {
			t.Errorf("%s: languages %v", path, langs)
		}
	}

	want := []string{"/", "/agreements", "/regions", "/events", "/monitoring", "/about", "/data", "/verify", "/audit/checkpoints"}
	for _, id := range publishedIDs(t, s.store) {
		want = append(want, "/agreements/"+itoa(id))
	}
	regions, err := s.store.Regions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(regions) != 552 {
		t.Fatalf("%d regions", len(regions))
	}
	for _, r := range regions {
		want = append(want, "/regions/"+r.Code)
	}
	events, err := s.store.Events(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		want = append(want, "/events/"+itoa(e.ID))
	}
	for _, path := range want {
		if _, ok := listed[path]; !ok {
			t.Errorf("%s is not in the sitemap", path)
		}
	}
	if len(listed) != len(want) {
		t.Errorf("%d pages listed, want %d", len(listed), len(want))
	}
	for _, hidden := range append(hiddenIDs(t, s.store), draft, signed, withdrawn) {
		if _, ok := listed["/agreements/"+itoa(hidden)]; ok {
			t.Errorf("unpublished agreement %d is in the sitemap", hidden)
		}
	}
	a, err := s.store.AgreementFor(ctx, models.System, fresh)
	if err != nil {
		t.Fatal(err)
	}
	if got := listed["/agreements/"+itoa(fresh)]; got != a.UpdatedAt.UTC().Format(time.RFC3339) {
		t.Errorf("lastmod of agreement %d: %q, it changed at %s", fresh, got, a.UpdatedAt)
	}
	if listed["/regions/61"] == "" || listed["/events/1"] == "" || listed["/"] == "" {
		t.Error("the pages whose last change is known lack their lastmod")
	}
}

// robots.txt lets crawlers read the public pages, keeps them out of the signed-in area,
// the sign-in forms and the search results, and names the sitemap by its absolute address.
func TestRobots(t *testing.T) {
	s := newServer(t, handlers.Config{BaseURL: feedBase})
	rec := s.do(t, http.MethodGet, "/robots.txt")
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Fatalf("status %d, content type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	lines := strings.Split(strings.TrimSpace(rec.Body.String()), "\n")
	if lines[0] != "User-agent: *" || !strings.Contains(rec.Body.String(), "\nAllow: /\n") {
		t.Errorf("robots.txt:\n%s", rec.Body.String())
	}
	for _, path := range []string{"/office", "/account", "/inbox", "/login", "/invitations", "/unsubscribe", "/search"} {
		if !slices.Contains(lines, "Disallow: "+path) {
			t.Errorf("robots.txt does not disallow %s", path)
		}
	}
	// No rule reaches a public page (a rule disallows every path it is a prefix of).
	for _, line := range lines {
		rule, ok := strings.CutPrefix(line, "Disallow: ")
		if !ok {
			continue
		}
		for _, path := range []string{"/", "/agreements", "/agreements/1", "/regions", "/regions/74.01", "/events", "/events/1", "/data", "/about", "/sitemap.xml", "/agreements.atom"} {
			if robotsMatch(rule, path) {
				t.Errorf("robots.txt disallows the public %s: %s", path, line)
			}
		}
	}
	if !robotsMatch("/regions/*/profile", "/regions/74.01/profile") {
		t.Error("robotsMatch does not read wildcards")
	}
	if last := lines[len(lines)-1]; last != "Sitemap: https://ksd.example.go.id/sitemap.xml" {
		t.Errorf("last line %q", last)
	}
}

// robotsMatch reports whether a robots.txt rule (a path prefix in which * matches any
// characters, RFC 9309) covers a path.
func robotsMatch(rule, path string) bool {
	pattern := "^" + strings.ReplaceAll(regexp.QuoteMeta(rule), `\*`, ".*")
	return regexp.MustCompile(pattern).MatchString(path)
}
