package handlers_test

// Security claims: headers and links. What a response says about caching and where its
// links lead cannot be turned against the visitor or the province.

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
)

// A visitor's download of a published document may be kept by any cache only on condition
// that it asks again each time: once the agreement is unpublished, the file is gone for
// everyone, caches included.
func TestAnonymousDocumentsAreRevalidated(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	ctx := context.Background()
	id := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Kesepakatan Terbit"})
	doc, err := p.store.AddDocument(ctx, models.System, models.OwnerAgreement, id, "Naskah", "naskah.pdf", bytes.NewReader(pdf), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	path := "/documents/" + strconv.Itoa(int(doc.ID))
	visitor := p.browser(t)
	first, data := visitor.download(path)
	etag := first.Header.Get("ETag")
	if first.StatusCode != http.StatusOK || !bytes.Equal(data, pdf) || first.Header.Get("Cache-Control") != "no-cache" || etag == "" {
		t.Fatalf("download: %d, Cache-Control %q, ETag %q", first.StatusCode, first.Header.Get("Cache-Control"), etag)
	}
	if again, _ := visitor.download(path, "If-None-Match", etag); again.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation while published: %d", again.StatusCode)
	}
	if err := p.store.Unpublish(ctx, models.System, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if again, _ := visitor.download(path, "If-None-Match", etag); again.StatusCode != http.StatusNotFound {
		t.Errorf("revalidation once unpublished: %d, want 404", again.StatusCode)
	}
}

// The language links of a page lead to the same page, rebuilt from its route: a raw path
// that starts with // (which a browser reads as another host) gives no link off the site.
func TestLanguageLinksComeFromTheRoute(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	visitor := p.browser(t)
	for _, tt := range []struct {
		path string
		want string // the English link
	}{
		{"/agreements?sector=food", "/agreements?lang=en&sector=food"},
		{"/regions/61", "/regions/61?lang=en"},
		{"//evil.example/", "/?lang=en"},
		{"//evil.example/agreements", "/?lang=en"},
		{"/agreements//evil.example", "/?lang=en"},
	} {
		page := visitor.get(tt.path)
		var links []string
		for _, a := range page.doc.Find(`a[hreflang]`).EachIter() {
			links = append(links, a.AttrOr("href", ""))
		}
		if len(links) == 0 {
			t.Errorf("%s (%d): no language links", tt.path, page.StatusCode)
		}
		found := false
		for _, href := range links {
			if strings.HasPrefix(href, "//") || strings.Contains(href, "evil.example") {
				t.Errorf("%s: a link off the site: %q", tt.path, href)
			}
			found = found || href == tt.want
		}
		if !found {
			t.Errorf("%s: language links %q, want %q among them", tt.path, links, tt.want)
		}
	}
}

// Every response carries the strict Content-Security-Policy, nosniff and the referrer
// policy; no page needs inline script or style.
func TestSecurityHeaders(t *testing.T) {
	s := newServer(t, handlers.Config{})
	for _, path := range []string{"/", "/nope"} {
		rec := s.do(t, http.MethodGet, path)
		h := rec.Header()
		if csp := h.Get("Content-Security-Policy"); csp != "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'" {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "same-origin" || h.Get("Strict-Transport-Security") != "" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
	// Pages carry no inline script or style the policy would block.
	_, doc := s.get(t, "/agreements/1")
	if doc.Find("script").Length() != 0 || doc.Find("style").Length() != 0 || doc.Find("[style]").Length() != 0 {
		t.Error("a page carries inline script or style")
	}
}
