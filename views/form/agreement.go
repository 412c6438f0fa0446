package form

import (
	"net/url"
	"slices"

	"derap/models"
)

// Agreement is the draft form as an official last submitted it: every field as typed,
// the party rows, and the button pressed.
type Agreement struct {
	Number, Title, ShortTitle, DocType string
	ParentID, Kind                     string
	Sectors                            []string
	Scope, Summary, FundingNote        string
	StartDate, EndDate                 string
	Parties                            []Party
	Op                                 string
	Revision                           string // of the stored draft, when editing one
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
		Number: in.Number, Title: in.Title, ShortTitle: in.ShortTitle, DocType: string(in.DocType), ParentID: FormatID(in.ParentID), Kind: string(in.Kind),
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
		Number: v.Get(FieldNumber), Title: v.Get(FieldTitle), ShortTitle: v.Get(FieldShortTitle), DocType: v.Get(FieldDocType), ParentID: v.Get(FieldParent),
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

// Validate turns the form into a draft for the models to check: a malformed date or
// parent is a field error here; everything else the models check.
func (f Agreement) Validate() (models.AgreementInput, error) {
	v := checkText(f.Values())
	in := models.AgreementInput{
		Number: f.Number, Title: f.Title, ShortTitle: f.ShortTitle, DocType: models.DocType(f.DocType), Kind: models.CooperationKind(f.Kind),
		Sectors: f.Sectors, Scope: f.Scope, Summary: f.Summary, FundingNote: f.FundingNote,
		StartDate: date(v, FieldStartDate, f.StartDate), EndDate: date(v, FieldEndDate, f.EndDate),
		ParentID: reference(v, FieldParent, "error.parent_invalid", f.ParentID), Revision: ParseRevision(f.Revision),
	}
	for _, p := range f.Parties {
		in.Parties = append(in.Parties, models.PartyInput{
			Region: p.Region, DocumentNumber: p.DocumentNumber, SignatoryName: p.SignatoryName,
			SignatoryPosition: p.SignatoryPosition, Authority: models.Authority(p.Authority),
		})
	}
	return in, v.Err()
}

// Values is the form as its page posts it.
func (f *Agreement) Values() url.Values {
	v := url.Values{
		FieldNumber: {f.Number}, FieldTitle: {f.Title}, FieldShortTitle: {f.ShortTitle}, FieldDocType: {f.DocType}, FieldParent: {f.ParentID},
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
