package form

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"derap/models"
)

// TextRule is what one field of the portal's forms may hold. Every limit on typed text is
// in textRules, one row per field name: the templates take their maxlength from it
// (MaxLength), and every form's Validate checks the whole submitted form against it
// (checkText) before anything else, so that nothing a browser would not send is stored.
type TextRule struct {
	// Max is the most characters the field takes.
	Max int
	// Bytes, when set, is the most bytes (Markdown minutes: what a render may cost).
	Bytes int
	// Lines allows newlines and tabs: a textarea. Other control characters never pass.
	Lines bool
	// Markdown is checked by MarkdownProblem too.
	Markdown bool
}

// MaxMinutes is the largest event minutes the portal takes, in bytes.
const MaxMinutes = 100 << 10

// textRules are the limits of every form field by name; a row field (parties.region) has
// one rule for all its rows. A name not here takes defaultTextRule.
var textRules = map[string]TextRule{
	FieldCSRF: {Max: 200}, FieldRevision: {Max: 40}, FieldOp: {Max: 100}, FieldUnderstood: {Max: 10},

	FieldNumber: {Max: 100}, FieldTitle: {Max: 500}, FieldShortTitle: {Max: models.MaxShortTitle}, FieldDocType: {Max: 40}, FieldParent: {Max: 100}, FieldKind: {Max: 40},
	FieldSectors: {Max: 40}, FieldScope: {Max: 20000, Lines: true}, FieldSummary: {Max: 5000, Lines: true},
	FieldFundingNote: {Max: 5000, Lines: true}, FieldStartDate: {Max: 20}, FieldEndDate: {Max: 20},
	RowInput(ListParties, PartyRegion): {Max: 200}, RowInput(ListParties, PartyDocumentNumber): {Max: 100},
	RowInput(ListParties, PartySignatoryName): {Max: 200}, RowInput(ListParties, PartySignatoryPosition): {Max: 300},
	RowInput(ListParties, PartyAuthority): {Max: 40},

	FieldSignedOn: {Max: 20}, FieldSignedPlace: {Max: 200}, FieldEvent: {Max: 20}, FieldTerminatedOn: {Max: 20},
	FieldReason: {Max: MaxNote, Lines: true}, FieldHash: {Max: 100}, FieldNote: {Max: MaxNote, Lines: true},
	FieldOwnNumber: {Max: models.MaxOwnNumber},

	FieldStartTime: {Max: 10}, FieldEndTime: {Max: 10}, FieldPlace: {Max: 300}, FieldOrganiser: {Max: 300},
	FieldMinutes: {Max: MaxMinutes, Bytes: MaxMinutes, Lines: true, Markdown: true}, FieldAgreements: {Max: 20},
	RowInput(ListSpeakers, SpeakerName): {Max: 200}, RowInput(ListSpeakers, SpeakerRole): {Max: 300},
	RowInput(ListSpeakers, SpeakerOrganisation): {Max: 300}, ListRegions: {Max: 200},

	FieldDocumentTitle: {Max: 500},

	FieldPartner: {Max: 10}, FieldCommodities: {Max: 40}, FieldLatitude: {Max: 20}, FieldLongitude: {Max: 20},
	FieldContactOffice: {Max: 300}, FieldContactAddress: {Max: 500}, FieldContactPhone: {Max: 30}, FieldContactEmail: {Max: 254},
	FieldBureauOffice: {Max: models.MaxBureauOffice}, FieldBureauAddress: {Max: models.MaxBureauAddress}, FieldBureauPhone: {Max: 30},
	FieldBureauEmail: {Max: models.MaxBureauEmail}, FieldBureauPPIDURL: {Max: models.MaxBureauURL},

	// Passwords may be long (the models refuse more than models.MaxPasswordLength with
	// their own message); only what no keyboard types is refused here.
	FieldEmail: {Max: 254}, FieldPassword: {Max: 1024}, FieldCurrent: {Max: 1024}, FieldConfirm: {Max: 1024},
	FieldNext: {Max: 2000}, FieldName: {Max: 200}, FieldRole: {Max: 40}, FieldRegion: {Max: 200},

	FieldSector: {Max: 40}, FieldType: {Max: 40}, FieldYear: {Max: 10}, FieldPage: {Max: 10}, FieldStatus: {Max: 40},
	FieldPartners: {Max: 10}, FieldQuery: {Max: MaxQuery},

	FieldCommodity: {Max: 40}, FieldUnit: {Max: 40}, FieldTarget: {Max: 30}, FieldDueDate: {Max: 20},
	FieldCancelReason: {Max: models.MaxReasonLength, Lines: true}, FieldPeriodStart: {Max: 20}, FieldPeriodEnd: {Max: 20},
	FieldQuantity: {Max: 30}, FieldFromRegion: {Max: 200}, FieldDestination: {Max: models.MaxReportText},
	FieldParticipants: {Max: 10}, FieldReviewNote: {Max: models.MaxReportNote, Lines: true},
	RowInput(ListAttendance, AttendanceRegion): {Max: 200}, RowInput(ListAttendance, AttendanceEnrolled): {Max: 10},
	RowInput(ListAttendance, AttendanceCompleted): {Max: 10},
}

// defaultTextRule is the rule of a field without its own: one short line.
var defaultTextRule = TextRule{Max: 200}

// RuleOf is the rule of the field name.
func RuleOf(name string) TextRule {
	if r, ok := textRules[name]; ok {
		return r
	}
	return defaultTextRule
}

// MaxLength is the most characters the field name takes: its input's maxlength.
func MaxLength(name string) int { return RuleOf(name).Max }

// Problem is the catalog key of what is wrong with s as a value of this field, or "": text
// that is not valid UTF-8 or holds a control character (but a newline or a tab where the
// field has lines), and text over the field's length.
func (r TextRule) Problem(s string) string {
	if !utf8.ValidString(s) {
		return "error.text_invalid"
	}
	for _, c := range s {
		if unicode.IsControl(c) && !(r.Lines && (c == '\n' || c == '\r' || c == '\t')) {
			return "error.text_invalid"
		}
	}
	if utf8.RuneCountInString(s) > r.Max || (r.Bytes > 0 && len(s) > r.Bytes) {
		return "error.too_long"
	}
	if r.Markdown {
		return MarkdownProblem(s)
	}
	return ""
}

// checkText checks every value of a submitted form against its field's rule and reports
// each problem under the field (or the row) the form shows it by.
func checkText(values url.Values) *models.ValidationError {
	v := &models.ValidationError{}
	for name, list := range values {
		rule := RuleOf(name)
		for i, s := range list {
			if code := rule.Problem(s); code != "" {
				v.Add(errorKey(name, i), code)
			}
		}
	}
	return v
}

// rowLists are the forms' lists of rows, whose values are reported per row.
var rowLists = []string{ListParties, ListSpeakers, ListRegions, ListAttendance}

// errorKey is where the problem with the i-th value of the field name is shown: by its row
// for a list of rows (parties.2.region, regions.1), by the field otherwise.
func errorKey(name string, i int) string {
	for _, list := range rowLists {
		if name == list {
			return RowKey(list, i, "")
		}
		if field, ok := strings.CutPrefix(name, list+"."); ok {
			return RowKey(list, i, field)
		}
	}
	return name
}
