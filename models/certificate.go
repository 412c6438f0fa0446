package models

import (
	"context"
	"fmt"
	"time"
)

// Certificate is what a published agreement's sign-off certificate states: the agreement,
// the text version every party confirmed and its SHA-256, each party's confirmation as the
// sign-off history records it, the signing, the publication and the signed scans' hashes.
// It names offices, never persons' accounts: the confirming account is shown by its region.
type Certificate struct {
	AgreementID uint
	Number      string
	Title       string // the full legal title
	ShortTitle  string // empty when the agreement has none
	DocType     DocType
	SignedOn    time.Time
	SignedPlace string
	PublishedAt time.Time
	// VersionNumber and VersionHash are the confirmed text version and its SHA-256.
	VersionNumber int
	VersionHash   string
	// Parties are every party, in signing order.
	Parties []CertifiedParty
	// SignedScans are the agreement's attached signed scans, oldest first.
	SignedScans []CertifiedScan
}

// CertifiedParty is one party of a certified agreement and its confirmation.
type CertifiedParty struct {
	Position          int
	RegionCode        string
	RegionName        string
	RegionKind        RegionKind
	SignatoryName     string
	SignatoryPosition string
	Authority         Authority
	DocumentNumber    string // the party's own number for the document, when known
	// ConfirmedAt is when the party confirmed the version (nil: no confirmation of it is
	// recorded), and ConfirmedHash the content hash that confirmation bound.
	ConfirmedAt   *time.Time
	ConfirmedHash string
	// OfficeCode and OfficeName are the region of the delegate account that confirmed: the
	// office that answered for the party.
	OfficeCode string
	OfficeName string
}

// CertifiedScan is a signed scan attached to a certified agreement.
type CertifiedScan struct {
	ID         uint
	Title      string
	FileName   string
	Size       int64
	SHA256     string
	AttachedAt time.Time
}

// Certificate gathers the sign-off certificate of a published agreement, in a fixed number
// of queries whatever its parties and scans. Anything not published, or without a
// confirmed version, is ErrNotFound, for everyone.
func (s *Store) Certificate(ctx context.Context, id uint) (Certificate, error) {
	var a Agreement
	err := s.published(ctx).Select("id, number, title, short_title, doc_type, signed_on, signed_place, published_at, current_version_id").
		Where("agreements.id = ?", id).Limit(1).Find(&a).Error
	if err != nil {
		return Certificate{}, fmt.Errorf("models: certificate %d: %w", id, err)
	}
	if a.ID == 0 || a.CurrentVersionID == nil {
		return Certificate{}, fmt.Errorf("models: certificate %d: %w", id, ErrNotFound)
	}
	var ver AgreementVersion
	db := s.db.WithContext(ctx)
	if err := db.Select("id, number, content_hash").Where("id = ?", *a.CurrentVersionID).Limit(1).Find(&ver).Error; err != nil {
		return Certificate{}, fmt.Errorf("models: certificate %d: %w", id, err)
	}
	if ver.ID == 0 {
		return Certificate{}, fmt.Errorf("models: certificate %d: %w", id, ErrNotFound)
	}
	c := Certificate{
		AgreementID: a.ID, Number: a.Number, Title: a.Title, ShortTitle: a.ShortTitle, DocType: a.DocType,
		SignedPlace: a.SignedPlace, VersionNumber: ver.Number, VersionHash: ver.ContentHash,
	}
	if a.SignedOn != nil {
		c.SignedOn = *a.SignedOn
	}
	if a.PublishedAt != nil {
		c.PublishedAt = *a.PublishedAt
	}

	var parties []struct {
		Party
		RegionName string
		RegionKind RegionKind
	}
	err = db.Table("parties").Select("parties.*, regions.name AS region_name, regions.kind AS region_kind").
		Joins("JOIN regions ON regions.code = parties.region_code").
		Where("parties.agreement_id = ?", a.ID).Order("parties.position").Scan(&parties).Error
	if err != nil {
		return Certificate{}, fmt.Errorf("models: certificate %d: %w", id, err)
	}
	// Each party's confirmation of this version, with the region of the account that gave
	// it (a delegate's; the party's own region when the account is gone or has none).
	var confirmations []struct {
		PartyID     uint
		DecidedAt   time.Time
		ContentHash string
		OfficeCode  string
		OfficeName  string
	}
	err = db.Table("sign_offs").
		Select("sign_offs.party_id, sign_offs.decided_at, sign_offs.content_hash, offices.code AS office_code, offices.name AS office_name").
		Joins("LEFT JOIN users ON users.id = sign_offs.actor_id").
		Joins("LEFT JOIN regions AS offices ON offices.code = COALESCE(users.region_code, sign_offs.region_code)").
		Where("sign_offs.agreement_id = ? AND sign_offs.version_id = ? AND sign_offs.decision = ?", a.ID, ver.ID, SignOffConfirmed).
		Order("sign_offs.id").Scan(&confirmations).Error
	if err != nil {
		return Certificate{}, fmt.Errorf("models: certificate %d: %w", id, err)
	}
	for _, p := range parties {
		cp := CertifiedParty{
			Position: p.Position, RegionCode: p.RegionCode, RegionName: p.RegionName, RegionKind: p.RegionKind,
			SignatoryName: p.SignatoryName, SignatoryPosition: p.SignatoryPosition, Authority: p.Authority,
			DocumentNumber: p.RegisterNumber(),
		}
		for _, r := range confirmations {
			if r.PartyID == p.ID {
				at := r.DecidedAt
				cp.ConfirmedAt, cp.ConfirmedHash, cp.OfficeCode, cp.OfficeName = &at, r.ContentHash, r.OfficeCode, r.OfficeName
			}
		}
		c.Parties = append(c.Parties, cp)
	}

	var docs []Document
	err = db.Select("id, title, file_name, size, sha256, created_at").
		Where("owner_type = ? AND owner_id = ?", OwnerAgreement, a.ID).Order("id").Find(&docs).Error
	if err != nil {
		return Certificate{}, fmt.Errorf("models: certificate %d: %w", id, err)
	}
	for _, d := range docs {
		c.SignedScans = append(c.SignedScans, CertifiedScan{ID: d.ID, Title: d.Title, FileName: d.FileName, Size: d.Size, SHA256: d.SHA256, AttachedAt: d.CreatedAt})
	}
	return c, nil
}
