// Package views renders the portal's pages as templ components. Components take plain view
// data and read per-request values (language, current URL) only through the typed getters
// in this file; they never query the database.
package views

import (
	"context"
	"math"
	"net/url"
	"strconv"
	"time"

	"github.com/a-h/templ"

	"derap/models"
	"derap/static"
	"derap/views/form"
	"derap/views/i18n"
)

// Request is what every page may know about the request it answers.
type Request struct {
	Locale i18n.Locale
	// URL is the path and query the visitor asked for, used to build the language switch.
	URL *url.URL
	// BaseURL is where people reach the portal from outside, for absolute links (the
	// canonical address, feeds, examples to copy); nil where a page needs none.
	BaseURL *url.URL
	// Today is the current day in Jakarta, for "active" or "expired".
	Today time.Time
	// User is the signed-in user, with their region; nil for a visitor.
	User *models.User
	// CSRFToken goes into every form that changes something.
	CSRFToken string
	// Flashes are catalog keys of one-time messages from the previous action.
	Flashes []string
	// Demo is set while the portal runs on demo data: every page says so.
	Demo bool
	// Conflict is what the stored record holds where it differs from the input of a form
	// saved on an older copy of it: each field shows it (ConflictNote).
	Conflict form.Conflict
	// Bureau is how to reach the Biro Kerja Sama Daerah, for the footer and the about
	// page; nil when it could not be read (an error page then goes without it).
	Bureau *models.BureauContact
}

type requestKey struct{}

// WithRequest returns a context carrying the request's view values.
func WithRequest(ctx context.Context, r Request) context.Context {
	return context.WithValue(ctx, requestKey{}, r)
}

// RequestFrom returns the request's view values; without them, the defaults.
func RequestFrom(ctx context.Context) Request {
	if r, ok := ctx.Value(requestKey{}).(Request); ok {
		return r
	}
	return Request{Locale: i18n.Default, URL: &url.URL{Path: "/"}}
}

// CurrentUser is the signed-in user, or nil.
func CurrentUser(ctx context.Context) *models.User { return RequestFrom(ctx).User }

// CSRFToken is the token the page's forms carry.
func CSRFToken(ctx context.Context) string { return RequestFrom(ctx).CSRFToken }

// conflictFor is the stored value of a field the user's input differs from, after a save
// on an older copy was refused.
func conflictFor(ctx context.Context, name string) (string, bool) {
	return RequestFrom(ctx).Conflict.For(name)
}

// Bureau is the bureau's contact, or nil.
func Bureau(ctx context.Context) *models.BureauContact { return RequestFrom(ctx).Bureau }

// Flashes are the one-time messages to show on this page.
func Flashes(ctx context.Context) []string { return RequestFrom(ctx).Flashes }

// Lang is the language the page is rendered in.
func Lang(ctx context.Context) i18n.Locale { return RequestFrom(ctx).Locale }

// T translates a catalog key into the page's language.
func T(ctx context.Context, key string, args ...any) string { return Lang(ctx).T(key, args...) }

// N translates a plural catalog key into the page's language, in its form for n.
func N[I ~int | ~int64](ctx context.Context, key string, n I, args ...any) string {
	return Lang(ctx).N(key, int64(n), args...)
}

// Coordinates writes a position as a place is given on a map, in degrees with the
// hemisphere: "0,03° LS, 109,34° BT" in Indonesian, "0.03° S, 109.34° E" in English.
func Coordinates(ctx context.Context, latitude, longitude float64) string {
	l := Lang(ctx)
	ns, ew := "geo.north", "geo.east"
	if latitude < 0 {
		ns = "geo.south"
	}
	if longitude < 0 {
		ew = "geo.west"
	}
	return l.Decimal(math.Abs(latitude), 2) + "° " + l.T(ns) + ", " + l.Decimal(math.Abs(longitude), 2) + "° " + l.T(ew)
}

// FormatDate writes a calendar date in the page's language.
func FormatDate(ctx context.Context, t time.Time) string { return Lang(ctx).Date(t) }

// FormatDateTime writes an instant in Jakarta time: 3 Oktober 2025 09.00 WIB.
func FormatDateTime(ctx context.Context, t time.Time) string {
	t = t.In(models.Jakarta)
	return Lang(ctx).Date(t) + " " + Lang(ctx).Time(t) + " WIB"
}

// FormatInt writes a count in the page's language.
func FormatInt[N ~int | ~int64](ctx context.Context, n N) string { return Lang(ctx).Int(int64(n)) }

// LangURL is the current page in another language.
func LangURL(ctx context.Context, l i18n.Locale) templ.SafeURL {
	u := *RequestFrom(ctx).URL
	q := u.Query()
	q.Set("lang", string(l))
	u.RawQuery = q.Encode()
	return templ.SafeURL(u.RequestURI())
}

// Asset is the cache-busting URL of a static file.
func Asset(name string) string { return static.Path(name) }

// EventWhen writes when an event takes place: its day or days, and for a timed event the
// hours in WIB.
func EventWhen(ctx context.Context, e *models.Event) string {
	l := Lang(ctx)
	if e.AllDay {
		return l.DateRange(e.StartsAt.UTC(), e.EndsAt.UTC())
	}
	start, end := e.StartsAt.In(models.Jakarta), e.EndsAt.In(models.Jakarta)
	if !e.MultiDay() {
		return l.Date(start) + ", " + l.Time(start) + "–" + l.Time(end) + " WIB"
	}
	return l.Date(start) + " " + l.Time(start) + " – " + l.Date(end) + " " + l.Time(end) + " WIB"
}

// PartyRole names a party by its position: Pihak Kesatu, Pihak Kedua, ...
func PartyRole(ctx context.Context, position int) string {
	key := "party.role." + strconv.Itoa(position)
	if i18n.Has(key) {
		return T(ctx, key)
	}
	return T(ctx, "party.role.n", position)
}

// FormatSize writes a file size: 1,2 MB, 340 kB, 512 B.
func FormatSize(ctx context.Context, n int64) string {
	l := Lang(ctx)
	switch {
	case n >= 1<<20:
		return l.Decimal(float64(n)/(1<<20), 1) + " MiB"
	case n >= 1<<10:
		return l.Decimal(float64(n)/(1<<10), 1) + " KiB"
	}
	return l.Int(n) + " B"
}
