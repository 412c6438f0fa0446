package models

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// MaxTermYears is the longest term an agreement may have.
const MaxTermYears = 25

// AgreementInput is the content of an agreement as an official drafts it.
type AgreementInput struct {
	Number      string
	Title       string
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
}

// PartyInput is one signing region of a draft.
type PartyInput struct {
	RegionCode        string
	DocumentNumber    string
	SignatoryName     string
	SignatoryPosition string
	Authority         Authority
}

// validate checks the rules that need no database; checkReferences does the rest.
func (in AgreementInput) validate() *ValidationError {
	v := &ValidationError{}
	if strings.TrimSpace(in.Title) == "" {
		v.Add("title", "error.required")
	}
	if !in.DocType.Valid() {
		v.Add("doc_type", "error.choose_one")
	} else if in.DocType.NeedsParent() && in.ParentID == nil {
		v.Add("parent_id", "error.parent_required")
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
		v.Add("start_date", "error.required")
	case in.EndDate.IsZero():
		v.Add("end_date", "error.required")
	case !in.EndDate.After(in.StartDate):
		v.Add("end_date", "error.end_before_start")
	case in.EndDate.After(in.StartDate.AddDate(MaxTermYears, 0, 0)):
		v.Add("end_date", "error.term_too_long")
	}
	if len(in.Parties) < 2 {
		v.Add("parties", "error.two_parties")
	}
	seen := map[string]bool{}
	for i, p := range in.Parties {
		field := fmt.Sprintf("parties.%d.", i)
		if p.RegionCode == "" {
			v.Add(field+"region", "error.required")
		} else if seen[p.RegionCode] {
			v.Add(field+"region", "error.region_twice")
		}
		seen[p.RegionCode] = true
		if !p.Authority.Valid() {
			v.Add(field+"authority", "error.choose_one")
		}
	}
	if len(in.Parties) >= 2 && !seen[JakartaCode] {
		v.Add("parties", "error.jakarta_required")
	}
	return v
}

// checkReferences checks what the input points at: regions and the parent agreement.
func (tx *Store) checkReferences(in AgreementInput, v *ValidationError) error {
	codes := make([]string, 0, len(in.Parties))
	for _, p := range in.Parties {
		codes = append(codes, p.RegionCode)
	}
	var known []string
	if err := tx.db.Model(&Region{}).Where("code IN ?", codes).Pluck("code", &known).Error; err != nil {
		return err
	}
	for i, p := range in.Parties {
		if p.RegionCode != "" && !slices.Contains(known, p.RegionCode) {
			v.Add(fmt.Sprintf("parties.%d.region", i), "error.unknown_region")
		}
	}
	if in.ParentID != nil {
		var parent Agreement
		if err := tx.db.Where("id = ?", *in.ParentID).Limit(1).Find(&parent).Error; err != nil {
			return err
		}
		if parent.ID == 0 || (in.DocType == DocImplementing && parent.DocType != DocMemorandum) {
			v.Add("parent_id", "error.parent_invalid")
		}
	}
	return nil
}

// CreateDraft records a new agreement in draft with its sectors and parties.
func (s *Store) CreateDraft(ctx context.Context, in AgreementInput) (uint, error) {
	v := in.validate()
	var id uint
	err := s.write(ctx, func(tx *Store) error {
		if err := tx.checkReferences(in, v); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		a := Agreement{
			Number: strings.TrimSpace(in.Number), Title: strings.TrimSpace(in.Title),
			DocType: in.DocType, ParentID: in.ParentID, Kind: in.Kind,
			Scope: in.Scope, Summary: in.Summary, FundingNote: in.FundingNote,
			StartDate: in.StartDate, EndDate: in.EndDate, Status: StatusDraft,
		}
		for _, key := range in.Sectors {
			a.Sectors = append(a.Sectors, AgreementSector{Sector: key})
		}
		for i, p := range in.Parties {
			a.Parties = append(a.Parties, Party{
				RegionCode: p.RegionCode, Position: i + 1, DocumentNumber: p.DocumentNumber,
				SignatoryName: p.SignatoryName, SignatoryPosition: p.SignatoryPosition,
				Authority: p.Authority, Status: SignOffPending,
			})
		}
		if err := tx.w.Create(&a).Error; err != nil {
			return err
		}
		id = a.ID
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("models: create draft: %w", err)
	}
	return id, nil
}

// canonicalContent is what a content version freezes. Its JSON encoding, with fields in
// this fixed order, sectors in catalog order and parties in signing order, is the text
// a content hash covers.
type canonicalContent struct {
	Number      string           `json:"number"`
	Title       string           `json:"title"`
	DocType     DocType          `json:"doc_type"`
	ParentID    *uint            `json:"parent_id"`
	Kind        CooperationKind  `json:"kind"`
	Sectors     []string         `json:"sectors"`
	Scope       string           `json:"scope"`
	Summary     string           `json:"summary"`
	Start       string           `json:"term_start"`
	End         string           `json:"term_end"`
	FundingNote string           `json:"funding_note"`
	Parties     []canonicalParty `json:"parties"`
}

type canonicalParty struct {
	Position          int       `json:"position"`
	Region            string    `json:"region"`
	DocumentNumber    string    `json:"document_number"`
	SignatoryName     string    `json:"signatory_name"`
	SignatoryPosition string    `json:"signatory_position"`
	Authority         Authority `json:"authority"`
}

// CanonicalContent serialises the agreement's text, parties and term; a must have its
// sectors and parties loaded.
func CanonicalContent(a *Agreement) ([]byte, error) {
	c := canonicalContent{
		Number: a.Number, Title: a.Title, DocType: a.DocType, ParentID: a.ParentID, Kind: a.Kind,
		Sectors: a.SectorKeys(), Scope: a.Scope, Summary: a.Summary,
		Start: a.StartDate.Format(time.DateOnly), End: a.EndDate.Format(time.DateOnly),
		FundingNote: a.FundingNote, Parties: make([]canonicalParty, len(a.Parties)),
	}
	for i, p := range a.Parties {
		c.Parties[i] = canonicalParty{p.Position, p.RegionCode, p.DocumentNumber, p.SignatoryName, p.SignatoryPosition, p.Authority}
	}
	// The hash must not depend on the order the parties were loaded in.
	slices.SortFunc(c.Parties, func(x, y canonicalParty) int { return x.Position - y.Position })
	return json.Marshal(c)
}

// ContentHash is the hex SHA-256 of canonical content.
func ContentHash(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}

// loadForUpdate reads an agreement with what the lifecycle rules look at.
func (tx *Store) loadForUpdate(id uint) (*Agreement, error) {
	var a Agreement
	err := tx.db.Preload("Parties", func(db *gorm.DB) *gorm.DB { return db.Order("position") }).
		Preload("Sectors").Where("id = ?", id).Limit(1).Find(&a).Error
	if err != nil {
		return nil, err
	}
	if a.ID == 0 {
		return nil, ErrNotFound
	}
	return &a, nil
}

// SendForConfirmation freezes a draft's content as a new version and asks every party
// to confirm it: the agreement goes to review and every party to pending.
func (s *Store) SendForConfirmation(ctx context.Context, id uint) (AgreementVersion, error) {
	var ver AgreementVersion
	err := s.write(ctx, func(tx *Store) error {
		a, err := tx.loadForUpdate(id)
		if err != nil {
			return err
		}
		if a.Status != StatusDraft {
			return ErrInvalidTransition
		}
		content, err := CanonicalContent(a)
		if err != nil {
			return err
		}
		var last int
		if err := tx.db.Model(&AgreementVersion{}).Where("agreement_id = ?", id).
			Select("COALESCE(MAX(number), 0)").Scan(&last).Error; err != nil {
			return err
		}
		ver = AgreementVersion{AgreementID: id, Number: last + 1, Content: string(content), ContentHash: ContentHash(content)}
		if err := tx.w.Create(&ver).Error; err != nil {
			return err
		}
		if err := tx.w.Model(&Party{}).Where("agreement_id = ?", id).Updates(map[string]any{
			"status": SignOffPending, "decided_at": nil, "note": "", "confirmed_hash": "",
		}).Error; err != nil {
			return err
		}
		return tx.w.Model(a).Updates(map[string]any{"status": StatusInReview, "current_version_id": ver.ID}).Error
	})
	if err != nil {
		return AgreementVersion{}, fmt.Errorf("models: send agreement %d: %w", id, err)
	}
	return ver, nil
}

// ConfirmParty records a party's confirmation of the version with the given hash. When it
// is the last party to confirm, the agreement is agreed.
func (s *Store) ConfirmParty(ctx context.Context, agreementID, partyID uint, hash, note string) error {
	return s.decide(ctx, agreementID, partyID, hash, SignOffConfirmed, note)
}

// DeclineParty records a party's refusal of the version with the given hash; the reason
// is required and shown to officials. The agreement stays in review.
func (s *Store) DeclineParty(ctx context.Context, agreementID, partyID uint, hash, reason string) error {
	if strings.TrimSpace(reason) == "" {
		v := &ValidationError{}
		v.Add("reason", "error.reason_required")
		return fmt.Errorf("models: decline party %d: %w", partyID, v)
	}
	return s.decide(ctx, agreementID, partyID, hash, SignOffDeclined, reason)
}

func (s *Store) decide(ctx context.Context, agreementID, partyID uint, hash string, decision SignOff, note string) error {
	err := s.write(ctx, func(tx *Store) error {
		a, err := tx.loadForUpdate(agreementID)
		if err != nil {
			return err
		}
		var party *Party
		for i := range a.Parties {
			if a.Parties[i].ID == partyID {
				party = &a.Parties[i]
			}
		}
		if party == nil {
			return ErrNotFound
		}
		if a.Status != StatusInReview || a.CurrentVersionID == nil {
			return ErrInvalidTransition
		}
		var ver AgreementVersion
		if err := tx.db.Where("id = ?", *a.CurrentVersionID).First(&ver).Error; err != nil {
			return err
		}
		if hash != ver.ContentHash {
			return ErrStaleVersion
		}
		now := tx.Now()
		rec := SignOffRecord{PartyID: partyID, VersionID: ver.ID, Decision: decision, DecidedAt: now, Note: strings.TrimSpace(note), ContentHash: hash}
		if err := tx.w.Create(&rec).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return ErrAlreadyDecided
			}
			return err
		}
		confirmedHash := ""
		if decision == SignOffConfirmed {
			confirmedHash = hash
		}
		if err := tx.w.Model(party).Updates(map[string]any{
			"status": decision, "decided_at": now, "note": rec.Note, "confirmed_hash": confirmedHash,
		}).Error; err != nil {
			return err
		}
		party.Status = decision
		if a.ConfirmedParties() == len(a.Parties) {
			return tx.w.Model(a).Update("status", StatusAgreed).Error
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("models: %s party %d: %w", decision, partyID, err)
	}
	return nil
}

// SigningInput is the record of an agreed agreement's signing.
type SigningInput struct {
	Date    time.Time
	Place   string
	EventID *uint // the event where it was signed, if any
}

// RecordSigning marks an agreed agreement as signed on a date, at a place.
func (s *Store) RecordSigning(ctx context.Context, id uint, in SigningInput) error {
	v := &ValidationError{}
	if in.Date.IsZero() {
		v.Add("signed_on", "error.required")
	}
	if strings.TrimSpace(in.Place) == "" {
		v.Add("signed_place", "error.required")
	}
	err := s.write(ctx, func(tx *Store) error {
		a, err := tx.loadForUpdate(id)
		if err != nil {
			return err
		}
		if in.EventID != nil {
			var n int64
			if err := tx.db.Model(&Event{}).Where("id = ?", *in.EventID).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				v.Add("event_id", "error.unknown_event")
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		if a.Status != StatusAgreed {
			return ErrInvalidTransition
		}
		return tx.w.Model(a).Updates(map[string]any{
			"status": StatusSigned, "signed_on": in.Date, "signed_place": strings.TrimSpace(in.Place), "event_id": in.EventID,
		}).Error
	})
	if err != nil {
		return fmt.Errorf("models: record signing of agreement %d: %w", id, err)
	}
	return nil
}

// Publish makes a signed agreement public.
func (s *Store) Publish(ctx context.Context, id uint) error {
	err := s.write(ctx, func(tx *Store) error {
		a, err := tx.loadForUpdate(id)
		if err != nil {
			return err
		}
		if a.Status != StatusSigned || a.Published {
			return ErrInvalidTransition
		}
		return tx.w.Model(a).Updates(map[string]any{"published": true, "published_at": tx.Now()}).Error
	})
	if err != nil {
		return fmt.Errorf("models: publish agreement %d: %w", id, err)
	}
	return nil
}
