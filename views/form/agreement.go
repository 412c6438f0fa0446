package form

import (
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"derap/models"
)

// Agreement is the draft form as an official last submitted it: every field as typed,
// the party rows, and the button pressed.
type Agreement struct {
	Number, Title, ShortTitle, DocType string
	// Parent names the agreement this one hangs under as the official typed it: its
	// register number ("1/KSB/2026") or its identifier ("derap-ksd-a-12").
	Parent                      string
	Kind                        string
	Sectors                     []string
	Scope, Summary, FundingNote string
	StartDate, EndDate          string
	Parties                     []Party
	Op                          string
	Revision                    string // of the stored draft, when editing one

	// ParentFound is the agreement Parent names, once ResolveParent found it: the form
	// shows it beside the field so that the official sees what they picked.
	ParentFound *models.Agreement
	parentSelf  bool // Parent names the draft itself
}

// Party is one party row of the draft form.
type Party struct {
	Region, DocumentNumber, SignatoryName, SignatoryPosition, Authority string
}

// HasSector reports whether the form has a sector ticked.
func (f Agreement) HasSector(key string) bool { return slices.Contains(f.Sectors, key) }

// NewAgreement is the form of a new draft: a memorandum between DKI Jakarta (labelled
// jakarta) and one more region.
func NewAgreement(jakarta string) Agreement {
	return Agreement{
		DocType: string(models.DocMemorandum), Kind: string(models.CooperationRegional),
		Parties: []Party{
			{Region: jakarta, Authority: string(models.AuthorityOwnOffice)},
			{Authority: string(models.AuthorityOwnOffice)},
		},
	}
}

// AgreementOf is the form of a stored draft.
func AgreementOf(in models.AgreementInput) Agreement {
	f := Agreement{
		Number: in.Number, Title: in.Title, ShortTitle: in.ShortTitle, DocType: string(in.DocType), Parent: agreementIdentifier(in.ParentID), Kind: string(in.Kind),
		Sectors: in.Sectors, Scope: in.Scope, Summary: in.Summary, FundingNote: in.FundingNote,
		StartDate: FormatDate(in.StartDate), EndDate: FormatDate(in.EndDate), Revision: FormatRevision(in.Revision),
	}
	for _, p := range in.Parties {
		f.Parties = append(f.Parties, Party{
			Region: p.Region, DocumentNumber: p.DocumentNumber, SignatoryName: p.SignatoryName,
			SignatoryPosition: p.SignatoryPosition, Authority: string(p.Authority),
		})
	}
	return f
}

// ParseAgreement reads the draft form.
func ParseAgreement(v url.Values) (Agreement, error) {
	f := Agreement{
		Number: v.Get(FieldNumber), Title: v.Get(FieldTitle), ShortTitle: v.Get(FieldShortTitle), DocType: v.Get(FieldDocType), Parent: v.Get(FieldParent),
		Kind: v.Get(FieldKind), Sectors: v[FieldSectors], Scope: v.Get(FieldScope), Summary: v.Get(FieldSummary),
		FundingNote: v.Get(FieldFundingNote), StartDate: v.Get(FieldStartDate), EndDate: v.Get(FieldEndDate), Op: v.Get(FieldOp),
		Revision: v.Get(FieldRevision),
	}
	regions, err := rows(v, RowInput(ListParties, PartyRegion))
	if err != nil {
		return f, err
	}
	for i := range regions {
		f.Parties = append(f.Parties, Party{
			Region:            regions[i],
			DocumentNumber:    at(v, RowInput(ListParties, PartyDocumentNumber), i),
			SignatoryName:     at(v, RowInput(ListParties, PartySignatoryName), i),
			SignatoryPosition: at(v, RowInput(ListParties, PartySignatoryPosition), i),
			Authority:         at(v, RowInput(ListParties, PartyAuthority), i),
		})
	}
	return f, nil
}

// ChangeRows carries out the button pressed when it changes the party rows, and reports
// whether it did; false means the form is to be saved.
func (f *Agreement) ChangeRows() (bool, error) {
	op, ok, err := parseRowOp(f.Op)
	if !ok || err != nil {
		return false, err
	}
	if op.List != ListParties {
		return false, malformed("rows %q", op.List)
	}
	f.Parties = applyRows(f.Parties, op, Party{Authority: string(models.AuthorityOwnOffice)})
	return true, nil
}

// AgreementIdentifierPrefix begins an agreement's identifier in the register, followed by
// its ID: "derap-ksd-a-12" (views.AgreementIdentifier writes them).
const AgreementIdentifierPrefix = "derap-ksd-a-"

// agreementIdentifier is the identifier of an agreement's ID; nil is empty.
func agreementIdentifier(id *uint) string {
	if id == nil {
		return ""
	}
	return AgreementIdentifierPrefix + strconv.FormatUint(uint64(*id), 10)
}

// ParentReference is what the parent field names: a register number, or the ID of an
// identifier.
type ParentReference struct {
	Number string
	ID     uint
}

// ParseParentReference reads what was typed in the parent field: an identifier
// (derap-ksd-a-12, in any case) gives its ID, anything else is a register number. ok is
// false when nothing was typed.
func ParseParentReference(s string) (ref ParentReference, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return ParentReference{}, false
	}
	if len(s) > len(AgreementIdentifierPrefix) && strings.EqualFold(s[:len(AgreementIdentifierPrefix)], AgreementIdentifierPrefix) {
		if id, err := strconv.ParseUint(s[len(AgreementIdentifierPrefix):], 10, 32); err == nil && id > 0 {
			return ParentReference{ID: uint(id)}, true
		}
	}
	return ParentReference{Number: s}, true
}

// ParentText is how the parent field names an agreement: by its register number, or by
// its identifier while it has none.
func ParentText(a models.Agreement) string {
	if a.Number != "" {
		return a.Number
	}
	return agreementIdentifier(&a.ID)
}

// SetParent makes the form name a parent it already has, as a stored draft's form does:
// the field holds its ParentText and the form shows it. nil (no parent, or one the user
// may not read) leaves the form as it is.
func (f *Agreement) SetParent(a *models.Agreement) {
	if a != nil {
		f.Parent, f.ParentFound = ParentText(*a), a
	}
}

// ResolveParent looks up the agreement the parent field names with find, which answers
// models.ErrNotFound for a reference that names none; self is the draft's own ID (0 for a
// new one). Validate then refuses a parent not found, or the draft itself.
func (f *Agreement) ResolveParent(self uint, find func(ParentReference) (models.Agreement, error)) error {
	f.ParentFound, f.parentSelf = nil, false
	ref, ok := ParseParentReference(f.Parent)
	if !ok {
		return nil
	}
	a, err := find(ref)
	if errors.Is(err, models.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	f.ParentFound, f.parentSelf = &a, self != 0 && a.ID == self
	return nil
}

// parentID is the parent the form names, for Validate: nil for none, and nil with a field
// error for one that ResolveParent did not find or that is the draft itself.
func (f Agreement) parentID(v *models.ValidationError) *uint {
	switch _, typed := ParseParentReference(f.Parent); {
	case !typed:
		return nil
	case f.ParentFound == nil:
		v.Add(FieldParent, "error.parent_unknown")
		return nil
	case f.parentSelf:
		v.Add(FieldParent, "error.parent_self")
		return nil
	}
	id := f.ParentFound.ID
	return &id
}

// Validate turns the form into a draft for the models to check: a malformed date, or a
// parent that ResolveParent did not find or that is the draft itself, is a field error
// here; everything else the models check.
func (f Agreement) Validate() (models.AgreementInput, error) {
	v := checkText(f.Values())
	in := models.AgreementInput{
		Number: f.Number, Title: f.Title, ShortTitle: f.ShortTitle, DocType: models.DocType(f.DocType), Kind: models.CooperationKind(f.Kind),
		Sectors: f.Sectors, Scope: f.Scope, Summary: f.Summary, FundingNote: f.FundingNote,
		StartDate: date(v, FieldStartDate, f.StartDate), EndDate: date(v, FieldEndDate, f.EndDate),
		ParentID: f.parentID(v), Revision: ParseRevision(f.Revision),
	}
	for _, p := range f.Parties {
		in.Parties = append(in.Parties, models.PartyInput{
			Region: p.Region, DocumentNumber: p.DocumentNumber, SignatoryName: p.SignatoryName,
			SignatoryPosition: p.SignatoryPosition, Authority: models.Authority(p.Authority),
		})
	}
	return in, v.Err()
}

// Values is the form as its page posts it; a parent found is named as ParentText names
// it, so that the same parent typed by number or by identifier is the same value.
func (f *Agreement) Values() url.Values {
	parent := f.Parent
	if f.ParentFound != nil {
		parent = ParentText(*f.ParentFound)
	}
	v := url.Values{
		FieldNumber: {f.Number}, FieldTitle: {f.Title}, FieldShortTitle: {f.ShortTitle}, FieldDocType: {f.DocType}, FieldParent: {parent},
		FieldKind: {f.Kind}, FieldSectors: f.Sectors, FieldScope: {f.Scope}, FieldSummary: {f.Summary},
		FieldFundingNote: {f.FundingNote}, FieldStartDate: {f.StartDate}, FieldEndDate: {f.EndDate}, FieldRevision: {f.Revision},
	}
	for _, p := range f.Parties {
		v.Add(RowInput(ListParties, PartyRegion), p.Region)
		v.Add(RowInput(ListParties, PartyDocumentNumber), p.DocumentNumber)
		v.Add(RowInput(ListParties, PartySignatoryName), p.SignatoryName)
		v.Add(RowInput(ListParties, PartySignatoryPosition), p.SignatoryPosition)
		v.Add(RowInput(ListParties, PartyAuthority), p.Authority)
	}
	return v
}

// SetRevision makes the form one made on the given revision of the record.
func (f *Agreement) SetRevision(r string) { f.Revision = r }

// LongTerm reports whether the term as typed runs beyond five years, for a warning.
func (f Agreement) LongTerm() bool {
	in, _ := f.Validate()
	return in.LongTerm()
}
