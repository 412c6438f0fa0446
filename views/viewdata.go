package views

import (
	"context"
	"fmt"
	"net/url"
	"slices"
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
	Result models.AgreementResults
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
func (p AgreementListPage) PageURL(n int) templ.SafeURL { return pageURL("/agreements", p.Query, n) }

// pageURL links to page n of a list at path, keeping its filters.
func pageURL(path string, query url.Values, n int) templ.SafeURL {
	q := url.Values{}
	for k, v := range query {
		if k != "page" && k != "lang" {
			q[k] = v
		}
	}
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if len(q) == 0 {
		return templ.SafeURL(path)
	}
	return templ.SafeURL(path + "?" + q.Encode())
}

// RegionListPage is the directory of regions with its filters.
type RegionListPage struct {
	Filter models.RegionFilter
	Groups []models.RegionGroup
	Map    models.ProgrammeMap
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

// AgreementPage is the page of one agreement.
type AgreementPage struct {
	models.AgreementView
	Term    models.TermState
	History []models.AuditEntry
	// OwnParty is the party a signed-in delegate answers for, when their region is one.
	OwnParty *models.Party
	Answer   AnswerForm
	// Alert says why an action was refused (a catalog key), e.g. a stale answer.
	Alert     string
	Documents []models.Document
}

// AnswerForm is a delegate's answer as last submitted.
type AnswerForm struct {
	Note, Reason string
	Errors       FormErrors
}

// partyActionURL is where a delegate's answer for a party is posted.
func partyActionURL(agreement, party uint, action string) templ.SafeURL {
	return templ.SafeURL(fmt.Sprintf("/agreements/%d/parties/%d/%s", agreement, party, action))
}

// regionName finds a region's name among an agreement's parties, or gives the code.
func regionName(parties []models.Party, code string) string {
	for _, p := range parties {
		if p.RegionCode == code && p.Region.Name != "" {
			return p.Region.Name
		}
	}
	return code
}

// orDash shows an empty value as a dash.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// tr translates a key that may be empty.
func tr(ctx context.Context, key string) string {
	if key == "" {
		return ""
	}
	return T(ctx, key)
}

// AgreementForm is a draft as an official last submitted it: every field as typed.
type AgreementForm struct {
	Number, Title, DocType, ParentID, Kind string
	Sectors                                []string
	Scope, Summary, Start, End, Funding    string
	Parties                                []PartyForm
}

// PartyForm is one party row of the draft form.
type PartyForm struct {
	Region, DocumentNumber, SignatoryName, SignatoryPosition, Authority string
}

// HasSector reports whether the form has a sector ticked.
func (f AgreementForm) HasSector(key string) bool { return slices.Contains(f.Sectors, key) }

// AgreementFormPage is the form for a new draft or an edit of one.
type AgreementFormPage struct {
	ID       uint // 0 for a new draft
	Form     AgreementForm
	Errors   FormErrors
	LongTerm bool // the term runs beyond five years: warn
	Parents  []models.Agreement
	Regions  []models.Region // every region, offered as the party fields' list
}

// Action is where the form is posted.
func (p AgreementFormPage) Action() templ.SafeURL {
	if p.ID == 0 {
		return "/admin/agreements"
	}
	return WorkURL(p.ID)
}

// PartyError is the error of one field of one party row.
func (p AgreementFormPage) PartyError(i int, field string) string {
	return RowError(p.Errors, "parties", i, field)
}

// WorkURL is an agreement's page for officials.
func WorkURL(id uint) templ.SafeURL {
	return templ.SafeURL("/admin/agreements/" + strconv.FormatUint(uint64(id), 10))
}

// WorkListPage is the officials' list of every agreement.
type WorkListPage struct {
	Filter  models.OfficeFilter
	Result  models.AgreementResults
	Regions []models.Region // regions that are a party to some agreement
	Query   url.Values
}

// PageURL links to another page of the same filtered list.
func (p WorkListPage) PageURL(n int) templ.SafeURL {
	return pageURL("/admin/agreements", p.Query, n)
}

// WorkAgreementPage is an agreement's page for officials: the agreement, the actions its
// state allows, every version with its answers, and the whole history.
type WorkAgreementPage struct {
	AgreementPage
	Versions  []models.VersionHistory
	Events    []models.Event
	Sign      SignForm
	Terminate TerminateForm
	Errors    FormErrors
	Upload    UploadState
}

// SignForm is the record of a signing as last submitted.
type SignForm struct {
	Date, Place, EventID string
}

// TerminateForm is an early end as last submitted.
type TerminateForm struct {
	Date, Reason string
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
	case 400, 403, 404, 405, 409, 413, 429:
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
	models.Dashboard
	Today time.Time
}

// DaysSince counts whole days from t to the page's today.
func (p DashboardPage) DaysSince(t time.Time) int {
	y, m, d := t.In(models.Jakarta).Date()
	return int(p.Today.Sub(models.Date(y, m, d)).Hours() / 24)
}

// InboxPage is a delegate's list of their region's agreements and what they answered.
type InboxPage struct {
	models.Inbox
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

// EventPage is the public record of one event.
type EventPage struct {
	models.Event
	Documents []models.Document
}

// EventForm is an event record as an official last submitted it.
type EventForm struct {
	Title, StartDate, EndDate, StartTime, EndTime string
	Place, Organiser, Summary, Minutes            string
	Speakers                                      []SpeakerForm
	Regions                                       []string
	Agreements                                    []string // IDs of the agreements signed there
}

// SpeakerForm is one speaker row of the event form.
type SpeakerForm struct {
	Name, Role, Organisation string
}

// HasAgreement reports whether the form ticks an agreement.
func (f EventForm) HasAgreement(id uint) bool {
	return slices.Contains(f.Agreements, strconv.FormatUint(uint64(id), 10))
}

// EventFormPage is the form of a new or existing event record, with its documents.
type EventFormPage struct {
	ID        uint // 0 for a new event
	Form      EventForm
	Errors    FormErrors
	Alert     string
	Choices   []models.Agreement // agreements that may have been signed there
	Regions   []models.Region    // every region, offered as the region fields' list
	Documents []models.Document
	Upload    UploadState
}

// UploadState is the upload form as last submitted.
type UploadState struct {
	Title  string
	Errors FormErrors
}

// Action is where the event form is posted.
func (p EventFormPage) Action() templ.SafeURL {
	if p.ID == 0 {
		return "/admin/events"
	}
	return EventWorkURL(p.ID)
}

// EventWorkURL is an event's page for officials.
func EventWorkURL(id uint) templ.SafeURL {
	return templ.SafeURL("/admin/events/" + strconv.FormatUint(uint64(id), 10))
}

// RowError is the error of one field of one row of a form's list.
func RowError(errs FormErrors, list string, i int, field string) string {
	key := list + "." + strconv.Itoa(i)
	if field != "" {
		key += "." + field
	}
	return errs.For(key)
}

// ProfilePage is the form of a region's profile: the whole of it for officials, the
// contact office alone for the region's delegate.
type ProfilePage struct {
	Region      models.Region
	Full        bool
	Partner     bool
	Summary     string
	Office      string
	Address     string
	Phone       string
	Email       string
	Commodities []string
	Latitude    string
	Longitude   string
	Errors      FormErrors
}

// RegionPage is the public page of a region; CanEdit offers the profile form to those
// who may edit it.
type RegionPage struct {
	models.RegionPage
	CanEdit bool
}
