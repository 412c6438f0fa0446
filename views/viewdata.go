package views

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"derap/models"
)

// Crumb is one step of a breadcrumb trail; the last one, the page itself, needs no URL.
type Crumb struct {
	Label string
	URL   templ.SafeURL
}

// AgreementListPage is the public list of agreements with its filters.
type AgreementListPage struct {
	Filter models.AgreementFilter
	Result models.AgreementPage
	Facets models.AgreementFacets
	// Query is the filter as it stands in the URL, kept by the pagination links.
	Query url.Values
}

// Filtered reports whether any filter is set.
func (p AgreementListPage) Filtered() bool {
	f := p.Filter
	return f.Sector != "" || f.Region != "" || f.DocType != "" || f.Year != 0
}

// PageURL links to another page of the same filtered list.
func (p AgreementListPage) PageURL(n int) templ.SafeURL {
	q := url.Values{}
	for k, v := range p.Query {
		if k != "page" && k != "lang" {
			q[k] = v
		}
	}
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if len(q) == 0 {
		return "/agreements"
	}
	return templ.SafeURL("/agreements?" + q.Encode())
}

// RegionListPage is the directory of regions with its filters.
type RegionListPage struct {
	Filter models.RegionFilter
	Groups []models.RegionGroup
}

// Matches counts the regions that matched the filter.
func (p RegionListPage) Matches() int {
	n := 0
	for _, g := range p.Groups {
		if g.ProvinceMatches {
			n++
		}
		n += len(g.Members)
	}
	return n
}

// Filtered reports whether any filter is set.
func (p RegionListPage) Filtered() bool {
	return p.Filter.Kind != "" || p.Filter.PartnersOnly || p.Filter.Query != ""
}

// AgreementPage is the public page of one agreement.
type AgreementPage struct {
	models.AgreementView
	Term models.TermState
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
	case 400, 403, 404, 405, 409, 429:
		return "error." + strconv.Itoa(status)
	}
	if status >= 500 {
		return "error.500"
	}
	return "error.400"
}

// FormErrors maps a form's fields to catalog keys of what is wrong with them.
type FormErrors map[string]string

// For is the error of one field, or "".
func (e FormErrors) For(field string) string { return e[field] }

// LoginPage is the sign-in form as last submitted.
type LoginPage struct {
	Email  string
	Next   string // a local path to return to
	Errors FormErrors
	// Alert says what went wrong as a whole (a catalog key), with its arguments.
	Alert     string
	AlertArgs []any
}

// DashboardPage is the officials' overview.
type DashboardPage struct {
	Counts   map[models.Status]int64
	InReview []models.Agreement
}

// InboxPage is a delegate's list of their region's agreements.
type InboxPage struct {
	Agreements []models.Agreement
}

// AccountPage is a user's own account with the password form.
type AccountPage struct {
	Errors FormErrors
}

// InviteForm is the administrators' form for a new account, as last submitted.
type InviteForm struct {
	Email, Name, Role, Region string
}

// UsersPage is the administrators' list of accounts with the invitation form.
type UsersPage struct {
	Users    []models.User
	Sessions map[uint]int // live sessions per user
	Form     InviteForm
	Errors   FormErrors
	Regions  []models.RegionGroup // for the delegate's region
}

// InvitationLinkPage shows a new invitation link, once.
type InvitationLinkPage struct {
	User models.User
	Link string
}

// AcceptInvitationPage is the form where an invited user sets their password.
type AcceptInvitationPage struct {
	User   models.User
	Token  string
	Errors FormErrors
}
