package form

import (
	"net/url"

	"derap/models"
)

// Signing is the record of an agreement's signing as last submitted.
type Signing struct {
	Date, Place, EventID string
	Revision             string // of the agreement the page showed
}

// NewSigning is the signing form as it first appears: signed today, in Jakarta.
func NewSigning(today string) Signing { return Signing{Date: today, Place: "Jakarta"} }

// ParseSigning reads the signing form.
func ParseSigning(v url.Values) Signing {
	return Signing{Date: v.Get(FieldSignedOn), Place: v.Get(FieldSignedPlace), EventID: v.Get(FieldEvent), Revision: v.Get(FieldRevision)}
}

// Values is the form as its page posts it.
func (f Signing) Values() url.Values {
	return url.Values{FieldSignedOn: {f.Date}, FieldSignedPlace: {f.Place}, FieldEvent: {f.EventID}, FieldRevision: {f.Revision}}
}

// Validate turns the form into a signing record; a malformed date or event is a field
// error, like a missing one.
func (f Signing) Validate() (models.SigningInput, error) {
	v := checkText(f.Values())
	in := models.SigningInput{
		Date: date(v, FieldSignedOn, f.Date), Place: f.Place,
		EventID: reference(v, FieldEvent, "error.unknown_event", f.EventID), Revision: ParseRevision(f.Revision),
	}
	return in, v.Err()
}

// Termination is an agreement's early end as last submitted.
type Termination struct {
	Date, Reason string
	Understood   string // the box that says the official understands the step
	Revision     string // of the agreement the page showed
}

// ParseTermination reads the termination form.
func ParseTermination(v url.Values) Termination {
	return Termination{Date: v.Get(FieldTerminatedOn), Reason: v.Get(FieldReason), Understood: v.Get(FieldUnderstood), Revision: v.Get(FieldRevision)}
}

// Values is the form as its page posts it.
func (f Termination) Values() url.Values {
	return url.Values{FieldTerminatedOn: {f.Date}, FieldReason: {f.Reason}, FieldUnderstood: {f.Understood}, FieldRevision: {f.Revision}}
}

// Validate turns the form into a termination record.
func (f Termination) Validate() (models.TerminationInput, error) {
	v := checkText(f.Values())
	in := models.TerminationInput{Date: date(v, FieldTerminatedOn, f.Date), Reason: f.Reason, Revision: ParseRevision(f.Revision)}
	if f.Understood != understoodValue {
		v.Add(FieldUnderstood, "error.understood_required")
	}
	return in, v.Err()
}

// Answer is a delegate's confirmation or decline as last submitted: the hash of the
// version they read, and a note (confirming) or a reason (declining).
type Answer struct {
	Hash, Note, Reason string
	OwnNumber          string // the region's own register number, on a confirmation
}

// ParseAnswer reads a delegate's answer.
func ParseAnswer(v url.Values) Answer {
	return Answer{Hash: v.Get(FieldHash), Note: v.Get(FieldNote), Reason: v.Get(FieldReason), OwnNumber: v.Get(FieldOwnNumber)}
}

// MaxNote is the longest note or reason a form takes, in characters.
const MaxNote = 2000

// Values is the form as its page posts it.
func (f Answer) Values() url.Values {
	return url.Values{FieldHash: {f.Hash}, FieldNote: {f.Note}, FieldReason: {f.Reason}, FieldOwnNumber: {f.OwnNumber}}
}

// Validate checks the note and the reason fit; the models check the rest (the version
// answered is the current one, a decline has its reason).
func (f Answer) Validate() error {
	return checkText(f.Values()).Err()
}
