package views

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"derap/views/i18n"
)

// Small helpers the templates of every page family share.

// Crumb is one step of a breadcrumb trail; the last one, the page itself, needs no URL.
type Crumb struct {
	Label string
	URL   templ.SafeURL
}

// Alert says what went wrong with an action as a whole: a catalog key and its arguments.
// The zero Alert says nothing.
type Alert struct {
	Key  string
	Args []any
}

// idContent marks what officials wrote (titles, summaries, minutes), which is in
// Indonesian, as such on a page in another language, so that screen readers and
// translators read it as Indonesian.
func idContent(ctx context.Context) templ.Attributes {
	if Lang(ctx) == i18n.ID {
		return nil
	}
	return templ.Attributes{"lang": string(i18n.ID)}
}

// alertText is an alert in the page's language, or "" for none.
func alertText(ctx context.Context, a Alert) string {
	if a.Key == "" {
		return ""
	}
	if i18n.IsPlural(a.Key) && len(a.Args) > 0 {
		if n, ok := a.Args[0].(int); ok { // a plural alert's first argument is its number
			return N(ctx, a.Key, n, a.Args...)
		}
	}
	return T(ctx, a.Key, a.Args...)
}

// pageURL links to page n of a list at path, keeping its filters (but not the language,
// which the cookie keeps).
func pageURL(path templ.SafeURL, query url.Values, n int) templ.SafeURL {
	q := url.Values{}
	for k, v := range query {
		if k != "page" && k != "lang" {
			q[k] = v
		}
	}
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	return withQuery(string(path), q)
}

// idString writes a record's ID, for paths and form values.
func idString(id uint) string { return strconv.FormatUint(uint64(id), 10) }

// orDash shows an empty value as a dash.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// isoDate is the machine-readable form of a date for <time datetime>.
func isoDate(t time.Time) string { return t.Format(time.DateOnly) }

// joinNonEmpty joins the parts that are not empty.
func joinNonEmpty(sep string, parts ...string) string {
	kept := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// afterComma continues a line with ", s", or with nothing when s is empty.
func afterComma(s string) string {
	if s == "" {
		return ""
	}
	return ", " + s
}

// ifThen is s when cond holds, "" otherwise.
func ifThen(cond bool, s string) string {
	if cond {
		return s
	}
	return ""
}

// pageNumbers lists the pages a pager links to: the first, the last, and two either side
// of the current one; 0 marks a gap.
func pageNumbers(current, last int) []int {
	var out []int
	for n := 1; n <= last; n++ {
		if n == 1 || n == last || (n >= current-2 && n <= current+2) {
			out = append(out, n)
		} else if len(out) > 0 && out[len(out)-1] != 0 {
			out = append(out, 0)
		}
	}
	return out
}

// errorKey is the catalog prefix of the page for an HTTP status.
func errorKey(status int) string {
	switch status {
	case 400, 403, 404, 405, 409, 413, 429, 503:
		return "error." + strconv.Itoa(status)
	}
	if status >= 500 {
		return "error.500"
	}
	return "error.400"
}
