package models

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Term limits: the longest term allowed, and the length beyond which a form warns that
// public-service cooperation usually runs at most five years.
const (
	MaxTermYears  = 25
	LongTermYears = 5
)

// MaxShortTitle is the longest short title, in characters: it must fit a heading on a
// phone in two lines.
const MaxShortTitle = 120

// MaxOwnNumber is the longest register number a delegate may enter when confirming.
const MaxOwnNumber = 100

// AgreementInput is the content of an agreement as an official drafts it.
type AgreementInput struct {
	Number      string
	Title       string
	ShortTitle  string // optional
	DocType     DocType
	ParentID    *uint
	Kind        CooperationKind
	Sectors     []string
	Scope       string
	Summary     string
	StartDate   time.Time
	EndDate     time.Time
	FundingNote string
	Parties     []PartyInput // in signing order
	// Revision is the agreement's revision the form was loaded at (AnyRevision: none).
	Revision uint64
}

// PartyInput is one signing region of a draft.
type PartyInput struct {
	// Region names the region: its Kemendagri code, "Name (code)" as the form's list
	// offers it, or a name that identifies one region. Saving resolves it to the code.
	Region            string
	DocumentNumber    string
	SignatoryName     string
	SignatoryPosition string
	Authority         Authority
}

// LongTerm reports whether the term runs beyond five years: allowed, but worth a warning.
func (in AgreementInput) LongTerm() bool {
	return !in.StartDate.IsZero() && in.EndDate.After(in.StartDate.AddDate(LongTermYears, 0, 0))
}

// InputOf turns a stored agreement back into the form it was drafted with.
func InputOf(a *Agreement) AgreementInput {
	in := AgreementInput{
		Number: a.Number, Title: a.Title, ShortTitle: a.ShortTitle, DocType: a.DocType, ParentID: a.ParentID, Kind: a.Kind,
		Sectors: a.SectorKeys(), Scope: a.Scope, Summary: a.Summary, StartDate: a.StartDate, EndDate: a.EndDate,
		FundingNote: a.FundingNote, Revision: a.Revision,
	}
	for _, p := range a.Parties {
		region := p.RegionCode
		if p.Region.Name != "" {
			region = RegionLabel(p.Region)
		}
		in.Parties = append(in.Parties, PartyInput{
			Region: region, DocumentNumber: p.DocumentNumber, SignatoryName: p.SignatoryName,
			SignatoryPosition: p.SignatoryPosition, Authority: p.Authority,
		})
	}
	return in
}

// checkInput resolves the parties' regions in place and checks every rule of a draft; self
// is the agreement being edited (0 for a new one).
func (tx *Store) checkInput(in *AgreementInput, self uint) (*ValidationError, error) {
	v := &ValidationError{}
	in.Number, in.Title, in.ShortTitle = strings.TrimSpace(in.Number), strings.TrimSpace(in.Title), strings.TrimSpace(in.ShortTitle)
	if len([]rune(in.ShortTitle)) > MaxShortTitle {
		v.Add("short_title", "error.too_long")
	}
	if in.Title == "" {
		v.Add("title", "error.required")
	}
	if !in.DocType.Valid() {
		v.Add("doc_type", "error.choose_one")
	} else if in.DocType.NeedsParent() && in.ParentID == nil {
		v.Add("parent_id", "error.parent_required")
	}
	if in.ParentID != nil {
		var parent Agreement
		if err := tx.db.Where("id = ?", *in.ParentID).Limit(1).Find(&parent).Error; err != nil {
			return nil, err
		}
		switch {
		case parent.ID == 0 || parent.ID == self || !in.DocType.NeedsParent():
			v.Add("parent_id", "error.parent_invalid")
		case in.DocType == DocImplementing && parent.DocType != DocMemorandum:
			v.Add("parent_id", "error.parent_invalid")
		}
	}
	if !in.Kind.Valid() {
		v.Add("kind", "error.choose_one")
	}
	if len(in.Sectors) == 0 {
		v.Add("sectors", "error.sector_required")
	}
	for _, s := range in.Sectors {
		if !ValidSector(s) {
			v.Add("sectors", "error.choose_one")
			break
		}
	}
	switch {
	case in.StartDate.IsZero():
		v.Add("start_date", "error.date_required")
	case in.EndDate.IsZero():
		v.Add("end_date", "error.date_required")
	case !in.EndDate.After(in.StartDate):
		v.Add("end_date", "error.end_before_start")
	case in.EndDate.After(in.StartDate.AddDate(MaxTermYears, 0, 0)):
		v.Add("end_date", "error.term_too_long")
	}
	if in.Number != "" {
		var n int64
		if err := tx.db.Model(&Agreement{}).Where("number = ? AND id <> ?", in.Number, self).Count(&n).Error; err != nil {
			return nil, err
		}
		if n > 0 {
			v.Add("number", "error.number_taken")
		}
	}

	if len(in.Parties) < 2 {
		v.Add("parties", "error.two_parties")
	}
	seen := map[string]bool{}
	for i := range in.Parties {
		p := &in.Parties[i]
		field := fmt.Sprintf("parties.%d.", i)
		code, problem, err := tx.resolveRegion(p.Region)
		if err != nil {
			return nil, err
		}
		switch {
		case problem != "":
			v.Add(field+"region", problem)
		case seen[code]:
			v.Add(field+"region", "error.region_twice")
		default:
			p.Region = code
		}
		seen[code] = true
		if !p.Authority.Valid() {
			v.Add(field+"authority", "error.choose_one")
		}
		p.DocumentNumber = strings.TrimSpace(p.DocumentNumber)
		if p.DocumentNumber != "" && problem == "" {
			// A region numbers its documents once: the same number cannot stand on two.
			var n int64
			err := tx.db.Model(&Party{}).Where("region_code = ? AND document_number = ? AND agreement_id <> ?", code, p.DocumentNumber, self).Count(&n).Error
			if err != nil {
				return nil, err
			}
			if n > 0 {
				v.Add(field+"document_number", "error.number_taken")
			}
		}
	}
	if len(in.Parties) >= 2 && !seen[JakartaCode] {
		v.Add("parties", "error.jakarta_required")
	}
	return v, nil
}

// contentOf builds the rows of an agreement's content from checked input.
func contentOf(in AgreementInput) ([]AgreementSector, []Party) {
	sectors := make([]AgreementSector, 0, len(in.Sectors))
	for _, key := range in.Sectors {
		if !slices.ContainsFunc(sectors, func(s AgreementSector) bool { return s.Sector == key }) {
			sectors = append(sectors, AgreementSector{Sector: key})
		}
	}
	parties := make([]Party, len(in.Parties))
	for i, p := range in.Parties {
		parties[i] = Party{
			RegionCode: p.Region, Position: i + 1, DocumentNumber: p.DocumentNumber,
			SignatoryName: strings.TrimSpace(p.SignatoryName), SignatoryPosition: strings.TrimSpace(p.SignatoryPosition),
			Authority: p.Authority, Status: SignOffPending,
		}
	}
	return sectors, parties
}
