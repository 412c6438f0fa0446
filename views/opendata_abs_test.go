package views

import (
	"net/url"
	"testing"

	"github.com/a-h/templ"
)

// A file's addresses are what resolving each path against the portal's base gives, the
// plain paths written without parsing included.
func TestOpenDataAbsResolves(t *testing.T) {
	bases := []string{
		"https://ksd.jakarta.go.id", "https://ksd.jakarta.go.id/", "https://ksd.jakarta.go.id/portal/?x=1#f",
		"http://127.0.0.1:8080", "http://[::1]:8080/", "https://user:pw@example.org/", "HTTPS://Example.ORG",
	}
	paths := []templ.SafeURL{
		"/", "/agreements/12", "/agreements/12.json", AgreementURL(4868), RegionURL("63.01"), DocumentURL(7),
		"/agreements.json?sort=title", "/a/./b", "/a/../b", "/a//b", "//evil.example/x", "/a b", "/%41",
		"/a/.", "/a/..", "/trailing/", "relative", "", "/café",
	}
	for _, b := range bases {
		base, err := url.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		src := OpenDataSource{Base: base}
		for _, p := range paths {
			want := string(p)
			if ref, err := url.Parse(string(p)); err == nil {
				want = base.ResolveReference(ref).String()
			}
			if got := src.abs(p); got != want {
				t.Errorf("%s + %q = %q, want %q", b, p, got, want)
			}
		}
	}
}
