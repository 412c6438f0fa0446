package views

import (
	"net/url"
	"strconv"

	"github.com/a-h/templ"

	"derap/models"
	"derap/views/form"
)

// The portal's URL map: every path a page links to, a form posts to or a handler redirects
// to is built here, and nowhere else. handlers/routes.go registers the same paths; a test
// walks the registered routes and proves every builder here names one of them, with the
// method it is used with.

// withQuery adds a query to a path; empty values are left out.
func withQuery(path string, q url.Values) templ.SafeURL {
	for k, v := range q {
		if len(v) == 0 || (len(v) == 1 && v[0] == "") {
			delete(q, k)
		}
	}
	if len(q) == 0 {
		return templ.SafeURL(path)
	}
	return templ.SafeURL(path + "?" + q.Encode())
}

// Public pages

// HomeURL is the home page.
func HomeURL() templ.SafeURL { return "/" }

// AgreementsURL is the public list of published agreements.
func AgreementsURL() templ.SafeURL { return "/agreements" }

// RegionAgreementsURL is the public list of the published agreements a region is a
// party to.
func RegionAgreementsURL(code string) templ.SafeURL {
	return withQuery(string(AgreementsURL()), url.Values{form.FieldRegion: {code}})
}

// AgreementURL is the public page of an agreement.
func AgreementURL(agreement uint) templ.SafeURL {
	return templ.SafeURL("/agreements/" + idString(agreement))
}

// RegionsURL is the directory of regions.
func RegionsURL() templ.SafeURL { return "/regions" }

// PartnerRegionsURL is the directory narrowed to the programme's partners.
func PartnerRegionsURL() templ.SafeURL {
	return withQuery(string(RegionsURL()), url.Values{form.FieldPartners: {"1"}})
}

// RegionURL is the public page of a region, by its Kemendagri code.
func RegionURL(code string) templ.SafeURL { return templ.SafeURL("/regions/" + url.PathEscape(code)) }

// RegionProfileURL is the form of a region's profile (GET) and where it is saved (POST).
func RegionProfileURL(code string) templ.SafeURL { return RegionURL(code) + "/profile" }

// EventsURL is the list of events.
func EventsURL() templ.SafeURL { return "/events" }

// EventURL is the public record of an event.
func EventURL(event uint) templ.SafeURL { return templ.SafeURL("/events/" + idString(event)) }

// EventCalendarURL is one event as an iCalendar file.
func EventCalendarURL(event uint) templ.SafeURL { return EventURL(event) + ".ics" }

// CalendarURL is every event as one iCalendar file.
func CalendarURL() templ.SafeURL { return "/events.ics" }

// AboutURL is the page about the portal, its data and their licence.
func AboutURL() templ.SafeURL { return "/about" }

// DataLicenceURL is the part of the about page on the reference data's licence.
func DataLicenceURL() templ.SafeURL { return AboutURL() + "#data" }

// MonitoringURL is the programme page: what the published agreements have delivered.
func MonitoringURL() templ.SafeURL { return "/monitoring" }

// MonitoringSupplyCSVURL is the food supplied to Jakarta, from accepted reports, as CSV.
func MonitoringSupplyCSVURL() templ.SafeURL { return MonitoringURL() + "/supply.csv" }

// MonitoringTrainingCSVURL is the civil servants trained per region, as CSV.
func MonitoringTrainingCSVURL() templ.SafeURL { return MonitoringURL() + "/training.csv" }

// MonitoringExchangesCSVURL is the exchanges held, as CSV.
func MonitoringExchangesCSVURL() templ.SafeURL { return MonitoringURL() + "/exchanges.csv" }

// DataURL is the open-data page: what each file holds, its licence, how to fetch it.
func DataURL() templ.SafeURL { return "/data" }

// AgreementsFeedURL is the Atom feed of newly published agreements.
func AgreementsFeedURL() templ.SafeURL { return "/agreements.atom" }

// EventsFeedURL is the Atom feed of events.
func EventsFeedURL() templ.SafeURL { return "/events.atom" }

// SitemapURL is the sitemap of every public page, for search engines.
func SitemapURL() templ.SafeURL { return "/sitemap.xml" }

// RobotsURL tells crawlers what to index and where the sitemap is.
func RobotsURL() templ.SafeURL { return "/robots.txt" }

// Open data: the register's downloads take the public list's filters (nil: none).

// AgreementsCSVURL is the register of published agreements as CSV, filtered as the list.
func AgreementsCSVURL(filter url.Values) templ.SafeURL { return withQuery("/agreements.csv", filter) }

// PartiesCSVURL is the parties of the register's agreements as CSV, filtered as the list.
func PartiesCSVURL(filter url.Values) templ.SafeURL {
	return withQuery("/agreements/parties.csv", filter)
}

// AgreementsXLSXURL is the register and its parties as an Excel workbook, filtered as the list.
func AgreementsXLSXURL(filter url.Values) templ.SafeURL {
	return withQuery("/agreements.xlsx", filter)
}

// AgreementsJSONURL is the register as JSON, filtered as the list.
func AgreementsJSONURL(filter url.Values) templ.SafeURL {
	return withQuery("/agreements.json", filter)
}

// AgreementJSONURL is one published agreement as JSON.
func AgreementJSONURL(agreement uint) templ.SafeURL { return AgreementURL(agreement) + ".json" }

// AgreementCertificateURL is the printable sign-off certificate of a published agreement.
func AgreementCertificateURL(agreement uint) templ.SafeURL {
	return AgreementURL(agreement) + "/certificate"
}

// AgreementCertificatePDFURL is the sign-off certificate of a published agreement as a PDF.
func AgreementCertificatePDFURL(agreement uint) templ.SafeURL {
	return AgreementCertificateURL(agreement) + ".pdf"
}

// AgreementCertificateQRURL is the QR code (PNG) of a published agreement's verification.
func AgreementCertificateQRURL(agreement uint) templ.SafeURL {
	return AgreementCertificateURL(agreement) + ".png"
}

// RegionsJSONURL is every region as JSON.
func RegionsJSONURL() templ.SafeURL { return "/regions.json" }

// EventsJSONURL is every event as JSON.
func EventsJSONURL() templ.SafeURL { return "/events.json" }

// RegisterSchemaURL is the JSON Schema of the register's JSON.
func RegisterSchemaURL() templ.SafeURL { return DataURL() + "/register.schema.json" }

// AuditCheckpointsURL is the public list of the audit chain's signed checkpoints.
func AuditCheckpointsURL() templ.SafeURL { return "/audit/checkpoints" }

// AuditCheckpointsJSONURL is the checkpoints as JSON.
func AuditCheckpointsJSONURL() templ.SafeURL { return AuditCheckpointsURL() + ".json" }

// AuditCheckpointsFeedURL is the Atom feed of the checkpoints.
func AuditCheckpointsFeedURL() templ.SafeURL { return AuditCheckpointsURL() + ".atom" }

// SearchURL is the search across published agreements, regions and events.
func SearchURL() templ.SafeURL { return "/search" }

// VerifyURL is the verification page (GET) and where its checks are posted (POST).
func VerifyURL() templ.SafeURL { return "/verify" }

// VerifyHashURL is the verification page with a SHA-256 filled in, ready to check.
func VerifyHashURL(sha256 string) templ.SafeURL {
	return withQuery(string(VerifyURL()), url.Values{form.FieldSHA256: {sha256}})
}

// DocumentURL is a document's file.
func DocumentURL(document uint) templ.SafeURL {
	return templ.SafeURL("/documents/" + idString(document))
}

// Signing in and out

// LoginURL is the sign-in form (GET) and where it is posted (POST).
func LoginURL() templ.SafeURL { return "/login" }

// LoginThenURL is the sign-in form that returns to a local path afterwards.
func LoginThenURL(next string) templ.SafeURL {
	if next == "" || next == "/" {
		return LoginURL()
	}
	return withQuery(string(LoginURL()), url.Values{form.FieldNext: {next}})
}

// LogoutURL is where signing out is posted.
func LogoutURL() templ.SafeURL { return "/logout" }

// InvitationURL is where an invited user sets their password (GET and POST).
func InvitationURL(token string) templ.SafeURL {
	return templ.SafeURL("/invitations/" + url.PathEscape(token))
}

// Every signed-in user

// AccountURL is a user's own account page.
func AccountURL() templ.SafeURL { return "/account" }

// AccountSettingsURL is where a user's own language and notification choices are posted.
func AccountSettingsURL() templ.SafeURL { return AccountURL() + "/settings" }

// UnsubscribeURL is a message's one-click link that turns its kind of notification off,
// without signing in: the token is signed (GET asks to confirm, POST does it).
func UnsubscribeURL(token string) templ.SafeURL {
	return templ.SafeURL("/unsubscribe/" + url.PathEscape(token))
}

// PasswordURL is where a user's new password is posted.
func PasswordURL() templ.SafeURL { return AccountURL() + "/password" }

// StartURL is where a user's work starts: the inbox for delegates, the office for staff.
func StartURL(u *models.User) templ.SafeURL {
	if u != nil && u.Role == models.RoleDelegate {
		return InboxURL()
	}
	return OfficeURL()
}

// Regional delegates

// InboxURL is a delegate's inbox.
func InboxURL() templ.SafeURL { return "/inbox" }

// RegionAuditLogURL is the audit log of a delegate's region.
func RegionAuditLogURL() templ.SafeURL { return InboxURL() + "/audit" }

// ConfirmPartyURL is where a delegate posts their region's confirmation.
func ConfirmPartyURL(agreement, party uint) templ.SafeURL {
	return AgreementURL(agreement) + templ.SafeURL("/parties/"+idString(party)+"/confirm")
}

// DeclinePartyURL is where a delegate posts their region's decline.
func DeclinePartyURL(agreement, party uint) templ.SafeURL {
	return AgreementURL(agreement) + templ.SafeURL("/parties/"+idString(party)+"/decline")
}

// The office: the officials' and administrators' back office

// OfficeURL is the officials' dashboard.
func OfficeURL() templ.SafeURL { return "/office" }

// AuditLogURL is the audit log for officials and administrators.
func AuditLogURL() templ.SafeURL { return OfficeURL() + "/audit" }

// OfficeSearchURL is the officials' search, which finds unpublished agreements too.
func OfficeSearchURL() templ.SafeURL { return OfficeURL() + "/search" }

// OfficeAgreementsURL is the officials' list of every agreement (GET) and where a new
// draft is posted (POST).
func OfficeAgreementsURL() templ.SafeURL { return OfficeURL() + "/agreements" }

// OfficeAgreementsInURL is the officials' list narrowed to one status.
func OfficeAgreementsInURL(s models.Status) templ.SafeURL {
	return withQuery(string(OfficeAgreementsURL()), url.Values{form.FieldStatus: {string(s)}})
}

// NewAgreementURL is the form of a new draft.
func NewAgreementURL() templ.SafeURL { return OfficeAgreementsURL() + "/new" }

// ParentSuggestionsURL is where the draft form's script asks which agreements the words
// typed in the parent field may mean (JSON); self, the draft being edited (0 for a new
// one), is never offered.
func ParentSuggestionsURL(self uint) templ.SafeURL {
	if self == 0 {
		return OfficeAgreementsURL() + "/parents"
	}
	return withQuery(string(OfficeAgreementsURL())+"/parents", url.Values{"self": {idString(self)}})
}

// OfficeAgreementURL is an agreement's page for officials (GET) and where its draft form
// is posted (POST).
func OfficeAgreementURL(agreement uint) templ.SafeURL {
	return OfficeAgreementsURL() + templ.SafeURL("/"+idString(agreement))
}

// EditAgreementURL is the form of a draft.
func EditAgreementURL(agreement uint) templ.SafeURL { return OfficeAgreementURL(agreement) + "/edit" }

// SendAgreementURL is where sending a draft for confirmation is posted.
func SendAgreementURL(agreement uint) templ.SafeURL { return OfficeAgreementURL(agreement) + "/send" }

// WithdrawAgreementURL is where taking an agreement back to draft is posted.
func WithdrawAgreementURL(agreement uint) templ.SafeURL {
	return OfficeAgreementURL(agreement) + "/withdraw"
}

// SignAgreementURL is where the record of a signing is posted.
func SignAgreementURL(agreement uint) templ.SafeURL { return OfficeAgreementURL(agreement) + "/sign" }

// PublishAgreementURL is where publishing an agreement is posted.
func PublishAgreementURL(agreement uint) templ.SafeURL {
	return OfficeAgreementURL(agreement) + "/publish"
}

// UnpublishAgreementURL is where taking an agreement off the public pages is posted.
func UnpublishAgreementURL(agreement uint) templ.SafeURL {
	return OfficeAgreementURL(agreement) + "/unpublish"
}

// TerminateAgreementURL is where an agreement's early end is posted.
func TerminateAgreementURL(agreement uint) templ.SafeURL {
	return OfficeAgreementURL(agreement) + "/terminate"
}

// AgreementDocumentsURL is where a document is attached to an agreement.
func AgreementDocumentsURL(agreement uint) templ.SafeURL {
	return OfficeAgreementURL(agreement) + "/documents"
}

// OfficeEventsURL is the officials' list of event records (GET) and where a new one is
// posted (POST).
func OfficeEventsURL() templ.SafeURL { return OfficeURL() + "/events" }

// NewEventURL is the form of a new event record.
func NewEventURL() templ.SafeURL { return OfficeEventsURL() + "/new" }

// OfficeEventURL is the form of an event record (GET) and where it is saved (POST).
func OfficeEventURL(event uint) templ.SafeURL {
	return OfficeEventsURL() + templ.SafeURL("/"+idString(event))
}

// DeleteEventURL is where deleting an event record is posted.
func DeleteEventURL(event uint) templ.SafeURL { return OfficeEventURL(event) + "/delete" }

// EventDocumentsURL is where a document is attached to an event.
func EventDocumentsURL(event uint) templ.SafeURL { return OfficeEventURL(event) + "/documents" }

// RemoveEventDocumentURL is where the event form is posted to remove one of its documents.
func RemoveEventDocumentURL(event, document uint) templ.SafeURL {
	return EventDocumentsURL(event) + templ.SafeURL("/"+idString(document)+"/remove")
}

// RemoveDocumentURL is where removing a document is posted.
func RemoveDocumentURL(document uint) templ.SafeURL {
	return OfficeURL() + templ.SafeURL("/documents/"+idString(document)+"/remove")
}

// UsersURL is the administrators' list of accounts (GET) and where an invitation is
// posted (POST).
func UsersURL() templ.SafeURL { return OfficeURL() + "/users" }

// SettingsURL is the administrators' settings of the portal, such as the bureau's contact
// (GET), and where they are posted (POST).
func SettingsURL() templ.SafeURL { return OfficeURL() + "/settings" }

// DisableUserURL is where disabling an account is posted.
func DisableUserURL(user uint) templ.SafeURL { return userURL(user, "disable") }

// EnableUserURL is where enabling an account is posted.
func EnableUserURL(user uint) templ.SafeURL { return userURL(user, "enable") }

// EndSessionsURL is where signing an account out everywhere is posted.
func EndSessionsURL(user uint) templ.SafeURL { return userURL(user, "end-sessions") }

// ReinviteUserURL is where a new invitation link for an account is posted.
func ReinviteUserURL(user uint) templ.SafeURL { return userURL(user, "invitation") }

// OutboxURL is the officials' list of notification messages: queued, sent, failed.
func OutboxURL() templ.SafeURL { return OfficeURL() + "/outbox" }

// OutboxMessageURL is one message of the outbox, as it is (or would be) mailed.
func OutboxMessageURL(message uint) templ.SafeURL {
	return OutboxURL() + templ.SafeURL("/"+idString(message))
}

// RetryMessageURL is where sending a failed message again is posted.
func RetryMessageURL(message uint) templ.SafeURL { return OutboxMessageURL(message) + "/retry" }

func userURL(user uint, action string) templ.SafeURL {
	return UsersURL() + templ.SafeURL("/"+idString(user)+"/"+action)
}

// Implementation monitoring, the signed-in side: the plan (officials), reports (the
// responsible region's delegate and officials) and their review (officials)

// NewActivityURL is the form of a new activity of an agreement's plan.
func NewActivityURL(agreement uint) templ.SafeURL { return AgreementActivitiesURL(agreement) + "/new" }

// AgreementActivitiesURL is where a new activity of an agreement's plan is posted.
func AgreementActivitiesURL(agreement uint) templ.SafeURL {
	return OfficeAgreementURL(agreement) + "/activities"
}

// OfficeActivityURL is the form of a stored activity (GET) and where it is saved (POST).
func OfficeActivityURL(activity uint) templ.SafeURL {
	return OfficeURL() + templ.SafeURL("/activities/"+idString(activity))
}

// DeleteActivityURL is where removing an activity without reports is posted.
func DeleteActivityURL(activity uint) templ.SafeURL { return OfficeActivityURL(activity) + "/delete" }

// ActivityURL is an activity's page with its reports, for officials and the delegate of
// its region.
func ActivityURL(activity uint) templ.SafeURL {
	return templ.SafeURL("/activities/" + idString(activity))
}

// NewReportURL is the form of a new realisation report on an activity.
func NewReportURL(activity uint) templ.SafeURL { return ActivityReportsURL(activity) + "/new" }

// ActivityReportsURL is where a new realisation report on an activity is posted.
func ActivityReportsURL(activity uint) templ.SafeURL { return ActivityURL(activity) + "/reports" }

// ReportURL is a realisation report's page (GET) and where a corrected one is submitted
// again (POST).
func ReportURL(report uint) templ.SafeURL { return templ.SafeURL("/reports/" + idString(report)) }

// ReportDocumentsURL is where an evidence document is attached to a report.
func ReportDocumentsURL(report uint) templ.SafeURL { return ReportURL(report) + "/documents" }

// RemoveReportDocumentURL is where removing one of a report's evidence documents is posted.
func RemoveReportDocumentURL(report, document uint) templ.SafeURL {
	return ReportDocumentsURL(report) + templ.SafeURL("/"+idString(document)+"/remove")
}

// EditReportURL is the form of a returned report, to correct it.
func EditReportURL(report uint) templ.SafeURL { return ReportURL(report) + "/edit" }

// AcceptReportURL is where an official's acceptance of a report is posted.
func AcceptReportURL(report uint) templ.SafeURL {
	return OfficeURL() + templ.SafeURL("/reports/"+idString(report)+"/accept")
}

// ReturnReportURL is where an official returns a report with a note.
func ReturnReportURL(report uint) templ.SafeURL {
	return OfficeURL() + templ.SafeURL("/reports/"+idString(report)+"/return")
}

// OfficeMonitoringURL is the officials' list of every region's activities and the reports
// waiting for review.
func OfficeMonitoringURL() templ.SafeURL { return OfficeURL() + "/monitoring" }

// InboxActivitiesURL is a delegate's list of their region's activities to report on.
func InboxActivitiesURL() templ.SafeURL { return InboxURL() + "/activities" }

// Machinery

// HealthURL answers monitors and load balancers.
func HealthURL() templ.SafeURL { return "/healthz" }

// numberedPageURL is page n of a list that takes no other parameter: the first page is
// the list's own address, so that each page has one URL.
func numberedPageURL(path templ.SafeURL, n int) templ.SafeURL {
	if n <= 1 {
		return path
	}
	return withQuery(string(path), url.Values{form.FieldPage: {strconv.Itoa(n)}})
}
