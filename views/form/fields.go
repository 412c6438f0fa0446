package form

import "derap/models"

// The names of the portal's form fields. Each is the name attribute of an input, the key
// the parser reads and the key its errors are reported under, by the forms and by the
// models alike.
const (
	// Every form that changes something
	FieldCSRF = "_csrf"
	// FieldRevision is the revision of the record a form or a button was rendered at; a
	// save on a record that has moved on since is refused (models.ErrChanged).
	FieldRevision = "revision"
	// FieldOp is the button pressed on a form with rows: "save", or a row change (RowOp).
	FieldOp = "op"

	// The agreement draft
	FieldNumber      = "number"
	FieldTitle       = "title"
	FieldShortTitle  = "short_title"
	FieldDocType     = "doc_type"
	FieldParent      = "parent_id"
	FieldKind        = "kind"
	FieldSectors     = "sectors"
	FieldScope       = "scope"
	FieldSummary     = "summary"
	FieldFundingNote = "funding_note"
	FieldStartDate   = "start_date"
	FieldEndDate     = "end_date"
	// ListParties is the draft's party rows; each row's fields are named
	// RowInput(ListParties, PartyRegion) and so on.
	ListParties            = "parties"
	PartyRegion            = "region"
	PartyDocumentNumber    = "document_number"
	PartySignatoryName     = "signatory_name"
	PartySignatoryPosition = "signatory_position"
	PartyAuthority         = "authority"

	// Recording the signing, and an early end
	FieldSignedOn     = "signed_on"
	FieldSignedPlace  = "signed_place"
	FieldEvent        = "event_id"
	FieldTerminatedOn = "terminated_on"
	FieldReason       = "reason"

	// A delegate's answer (with FieldReason for a decline)
	FieldHash      = "hash"
	FieldNote      = "note"
	FieldOwnNumber = "own_number" // the region's own register number, when confirming

	// The event record (with FieldTitle, FieldStartDate, FieldEndDate, FieldSummary)
	FieldStartTime  = "start_time"
	FieldEndTime    = "end_time"
	FieldPlace      = "place"
	FieldOrganiser  = "organiser"
	FieldMinutes    = "minutes"
	FieldAgreements = "agreements"
	// ListSpeakers is the event's speaker rows.
	ListSpeakers        = "speakers"
	SpeakerName         = "name"
	SpeakerRole         = "role"
	SpeakerOrganisation = "organisation"
	// ListRegions is the event's participating regions, one value per row.
	ListRegions = "regions"

	// Documents: named apart from the record's own title, because the event's page posts
	// its form and the upload together.
	FieldDocumentTitle = "document_title"
	FieldFile          = "file"

	// A user's own settings: the language of the portal and their mail, and one field per
	// optional notification (NotifyField).
	FieldLanguage = "language"

	// A region's profile (with FieldSummary)
	FieldPartner        = "partner"
	FieldCommodities    = "commodities"
	FieldLatitude       = "latitude"
	FieldLongitude      = "longitude"
	FieldContactOffice  = "contact_office"
	FieldContactAddress = "contact_address"
	FieldContactPhone   = "contact_phone"
	FieldContactEmail   = "contact_email"

	// The bureau's contact, on the office's settings page
	FieldBureauOffice  = "bureau_office"
	FieldBureauAddress = "bureau_address"
	FieldBureauPhone   = "bureau_phone"
	FieldBureauEmail   = "bureau_email"
	FieldBureauPPIDURL = "bureau_ppid_url"

	// Accounts: signing in, passwords, invitations
	FieldEmail    = "email"
	FieldPassword = "password"
	FieldNext     = "next"
	FieldCurrent  = "current"
	FieldConfirm  = "confirm"
	FieldName     = "name"
	FieldRole     = "role"
	FieldRegion   = "region"

	// Implementation monitoring: an activity of an agreement's plan (with FieldKind,
	// FieldTitle, FieldSector, FieldRegion, FieldStatus) and a realisation report (with
	// FieldTitle, FieldPlace, FieldNote)
	FieldCommodity    = "commodity"
	FieldUnit         = "unit"
	FieldTarget       = "target"
	FieldDueDate      = "due_date"
	FieldCancelReason = "cancel_reason"
	FieldPeriodStart  = "period_start"
	FieldPeriodEnd    = "period_end"
	FieldQuantity     = "quantity"
	FieldFromRegion   = "from_region"
	FieldDestination  = "destination"
	FieldParticipants = "participants"
	FieldReviewNote   = "review_note"
	// ListAttendance is a training report's participants by region, one row per region.
	ListAttendance      = "attendance"
	AttendanceRegion    = "region"
	AttendanceEnrolled  = "enrolled"
	AttendanceCompleted = "completed"

	// The lists' filters (with FieldRegion, FieldKind)
	FieldSector   = "sector"
	FieldType     = "type"
	FieldYear     = "year"
	FieldPage     = "page"
	FieldStatus   = "status"
	FieldPartners = "partners"
	FieldQuery    = "q"
)

// NotifyField is the account settings field of a notification kind (the models report
// its errors under the same name).
func NotifyField(kind models.NotificationKind) string { return kind.SettingField() }
