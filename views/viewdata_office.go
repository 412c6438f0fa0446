package views

import (
	"net/url"
	"time"

	"github.com/a-h/templ"

	"derap/models"
	"derap/views/form"
)

// The office: the officials' back office, where agreements are drafted and taken through
// their lifecycle, event records kept and accounts managed.

// DashboardPage is the officials' overview.
type DashboardPage struct {
	models.Dashboard
	Today time.Time
	// Monitoring is the implementation monitoring's work: overdue activities, reports
	// waiting for review, agreements with no recent report.
	Monitoring models.MonitoringQueue
}

// DaysSince counts whole days from t to the page's today.
func (p DashboardPage) DaysSince(t time.Time) int {
	y, m, d := t.In(models.Jakarta).Date()
	return int(p.Today.Sub(models.Date(y, m, d)).Hours() / 24)
}

// OfficeAgreementListPage is the officials' list of every agreement.
type OfficeAgreementListPage struct {
	Filter  models.OfficeFilter
	Result  models.AgreementResults
	Regions []models.Region // regions that are a party to some agreement
	Query   url.Values
}

// PageURL links to another page of the same filtered list.
func (p OfficeAgreementListPage) PageURL(n int) templ.SafeURL {
	return pageURL(OfficeAgreementsURL(), p.Query, n)
}

// OfficeAgreementPage is an agreement's page for officials: the agreement, the steps its
// state allows with their forms as last submitted, every version with its answers, and
// the whole history.
type OfficeAgreementPage struct {
	AgreementPage
	Versions  []models.VersionHistory
	Events    []models.Event
	Sign      form.Signing
	Terminate form.Termination
	Errors    form.Errors
	Upload    UploadState
}

// Refused reports whether the page comes back from a refused step: one of the steps that
// are hard to undo not confirmed, or the early end's form with errors. Their fold is then
// open, so that the official sees what to correct.
func (p OfficeAgreementPage) Refused() bool {
	return p.Alert.Key == "alert.not_understood" || p.Errors.For(form.FieldTerminatedOn) != "" ||
		p.Errors.For(form.FieldReason) != "" || p.Errors.For(form.FieldUnderstood) != ""
}

// UploadState is the upload form as last submitted, with its errors.
type UploadState struct {
	Form   form.Upload
	Errors form.Errors
}

// AgreementFormPage is the form for a new draft or an edit of one.
type AgreementFormPage struct {
	ID      uint // 0 for a new draft
	Form    form.Agreement
	Errors  form.Errors
	Alert   Alert
	Regions []models.Region // every region, offered as the party fields' list
}

// Action is where the form is posted.
func (p AgreementFormPage) Action() templ.SafeURL {
	if p.ID == 0 {
		return OfficeAgreementsURL()
	}
	return OfficeAgreementURL(p.ID)
}

// PartyError is the error of one field of one party row.
func (p AgreementFormPage) PartyError(i int, field string) string {
	return p.Errors.Row(form.ListParties, i, field)
}

// EventFormPage is the form of a new or existing event record, with its documents.
type EventFormPage struct {
	ID        uint // 0 for a new event
	Form      form.Event
	Errors    form.Errors
	Alert     Alert
	Choices   []models.Agreement // agreements that may have been signed there
	Regions   []models.Region    // every region, offered as the region fields' list
	Documents []models.Document
	Upload    UploadState
	// SignedHere counts the agreements the stored record names as signed at the event:
	// with them, or with documents, it cannot be deleted, and the page says so.
	SignedHere int
	// Notice is a catalog key: what a document action on the page did, when the page
	// comes back from one with the form's unsaved input kept.
	Notice string
}

// EventFormID is the id of the event form, which the document buttons below it belong to.
const EventFormID = "event-form"

// DocumentRemoval offers each stored document a remove button of the event form.
func (p EventFormPage) DocumentRemoval() DocumentRemoval {
	return DocumentRemoval{Offered: true, Form: EventFormID, URL: func(document uint) templ.SafeURL {
		return RemoveEventDocumentURL(p.ID, document)
	}}
}

// Deletable reports whether nothing refers to the stored event any more.
func (p EventFormPage) Deletable() bool { return p.SignedHere == 0 && len(p.Documents) == 0 }

// Action is where the event form is posted.
func (p EventFormPage) Action() templ.SafeURL {
	if p.ID == 0 {
		return OfficeEventsURL()
	}
	return OfficeEventURL(p.ID)
}

// UsersPage is the administrators' list of accounts with the invitation form.
type UsersPage struct {
	Users    []models.User
	Sessions map[uint]int // live sessions per user
	Form     form.Invite
	Errors   form.Errors
	Alert    Alert
	Regions  []models.RegionGroup // for the delegate's region
}

// InvitationLinkPage shows a new invitation link, once.
type InvitationLinkPage struct {
	User models.User
	Link string
}

// DocumentRemoval is how a page offers to detach its documents: not at all (the zero
// value), each with a form of its own, or with buttons of the page's record form, so that
// removing one posts the form's unsaved input along and gets it back.
type DocumentRemoval struct {
	Offered bool
	// Form is the id of the record's form the remove buttons belong to ("" for forms of
	// their own); URL is where each button posts that form.
	Form string
	URL  func(document uint) templ.SafeURL
}

// OutboxPage is the officials' list of notification messages.
type OutboxPage struct {
	Outbox  models.OutboxPage
	Filter  models.OutboxFilter
	PerPage int
	// MailConfigured is false when the portal has no mail server: messages then stay here.
	MailConfigured bool
}

// AllCount is the number of messages of every status.
func (p OutboxPage) AllCount() int64 {
	var n int64
	for _, c := range p.Outbox.Counts {
		n += c
	}
	return n
}

// LastPage is the number of the filtered list's last page.
func (p OutboxPage) LastPage() int {
	per := int64(max(p.PerPage, 1))
	return int(max((p.Outbox.Total+per-1)/per, 1))
}

// OutboxMessagePage is one message of the outbox with its mail as rendered for sending.
type OutboxMessagePage struct {
	Message models.OutboxMessage
	Email   Email
	Alert   Alert // why a retry was refused
}
