package views

import (
	"context"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/a-h/templ"

	"derap/views/form"
	"derap/views/i18n"
)

// What a page tells the world beyond its body: its canonical address in each language,
// and the Open Graph tags that make a shared link preview with its title and summary.

// Open Graph types of the pages that set them.
const (
	OGWebsite = "website"
	OGArticle = "article"
)

// AbsoluteURL is a path of the portal as people reach it from outside, by the base URL
// the handlers pass with the request; without one, the path itself.
func AbsoluteURL(ctx context.Context, path templ.SafeURL) templ.SafeURL {
	return templ.SafeURL(absoluteURL(RequestFrom(ctx).BaseURL, path))
}

// absoluteURL resolves a path of the portal against the base URL.
func absoluteURL(base *url.URL, path templ.SafeURL) string {
	if base == nil {
		return string(path)
	}
	ref, err := url.Parse(string(path))
	if err != nil {
		return string(path)
	}
	return base.ResolveReference(ref).String()
}

// LocalisedURL is a page in one language: the plain path in the default language, which
// visitors without a preference get, and with ?lang= for the others.
func LocalisedURL(path templ.SafeURL, l i18n.Locale) templ.SafeURL {
	if l == i18n.Default {
		return path
	}
	u, err := url.Parse(string(path))
	if err != nil {
		return path
	}
	q := u.Query()
	q.Set("lang", string(l))
	return withQuery(u.Path, q) + templ.SafeURL(fragment(u))
}

func fragment(u *url.URL) string {
	if u.Fragment == "" {
		return ""
	}
	return "#" + u.EscapedFragment()
}

// languageLink is a page's address in one language, for hreflang alternates.
type languageLink struct {
	Hreflang string // a language code, or x-default
	Href     string // absolute
}

// languageLinks are a page's addresses in every language, and the default one for
// visitors whose language the portal does not speak.
func languageLinks(base *url.URL, path templ.SafeURL) []languageLink {
	links := make([]languageLink, 0, len(i18n.Locales)+1)
	for _, l := range i18n.Locales {
		links = append(links, languageLink{string(l), absoluteURL(base, LocalisedURL(path, l))})
	}
	return append(links, languageLink{"x-default", absoluteURL(base, path)})
}

// canonicalURL is the page's canonical address in the language it is shown in: the path
// the page named, with no query but the language's, absolute.
func canonicalURL(ctx context.Context, m Meta) templ.SafeURL {
	return AbsoluteURL(ctx, LocalisedURL(m.Canonical, Lang(ctx)))
}

// ogLocale is a language as Open Graph names it (language_TERRITORY).
func ogLocale(l i18n.Locale) string {
	if l == i18n.EN {
		return "en_GB"
	}
	return "id_ID"
}

// otherLocales are the languages a page is also offered in.
func otherLocales(ctx context.Context) []i18n.Locale {
	var out []i18n.Locale
	for _, l := range i18n.Locales {
		if l != Lang(ctx) {
			out = append(out, l)
		}
	}
	return out
}

func ogType(m Meta) string {
	if m.OGType == "" {
		return OGWebsite
	}
	return m.OGType
}

func ogTitle(ctx context.Context, m Meta) string {
	if m.Title == "" {
		return T(ctx, "site.name")
	}
	return m.Title
}

// maxShareDescription is about as much of a description as link previews show.
const maxShareDescription = 300

// excerpt shortens a text to at most n characters, at a word, with an ellipsis; runs of
// white space become one space.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)[:n-1]
	cut := string(runes)
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}

// agreementMeta is what the head of an agreement's page says: once it is published, its
// canonical address and its preview as an article.
func agreementMeta(ctx context.Context, p AgreementPage) Meta {
	m := Meta{Title: p.DisplayTitle(), Description: excerpt(p.Summary, maxShareDescription), Section: SectionAgreements, PrintClass: "printable"}
	if m.Description == "" {
		m.Description = excerpt(p.Title, maxShareDescription)
	}
	if p.Published {
		m.Canonical, m.OGType = AgreementURL(p.ID), OGArticle
	}
	return m
}

// regionMeta is what the head of a region's page says: its partner profile's summary,
// else where it lies and what the page holds.
func regionMeta(ctx context.Context, p RegionPage) Meta {
	r := p.Region
	m := Meta{Title: r.Name, Section: SectionRegions, Canonical: RegionURL(r.Code), OGType: OGWebsite}
	if r.Profile != nil {
		m.Description = excerpt(r.Profile.Summary, maxShareDescription)
	}
	if m.Description == "" {
		if p.Province != nil {
			m.Description = T(ctx, "meta.region_in", r.Name, p.Province.Name, r.Code)
		} else {
			m.Description = T(ctx, "meta.region", r.Name, r.Code)
		}
	}
	return m
}

// eventMeta is what the head of an event's page says: its summary, else when and where.
func eventMeta(ctx context.Context, p EventPage) Meta {
	e := p.Event
	m := Meta{Title: e.Title, Description: excerpt(e.Summary, maxShareDescription), Section: SectionEvents, Canonical: EventURL(e.ID), OGType: OGArticle}
	if m.Description == "" {
		m.Description = strings.TrimSuffix(EventWhen(ctx, &e)+" · "+e.Place, " · ")
	}
	return m
}

// headerQuery is the text in the header's search box: the query of the search page
// being shown, else nothing.
func headerQuery(ctx context.Context) string {
	u := RequestFrom(ctx).URL
	if u == nil || u.Path != string(SearchURL()) {
		return ""
	}
	return u.Query().Get(form.FieldQuery)
}
