package models

import (
	"context"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Verification by hash: anyone holding a file or a printed text learns whether the portal
// registered it, from its SHA-256 alone. Only what is public answers: a document of a
// published agreement or of an event, or a text version of a published agreement. Anything
// else, unknown or unpublished, is the same "not registered", found by the same queries.

// Verification is what the portal knows publicly of one SHA-256.
type Verification struct {
	// SHA256 is the hash looked up: 64 lower-case hex digits.
	SHA256 string
	// Documents are the registered documents with this content, oldest first.
	Documents []VerifiedDocument
	// Versions are the text versions with this content hash, one per agreement.
	Versions []VerifiedVersion
}

// Registered reports whether the hash is anything the portal shows publicly.
func (v Verification) Registered() bool { return len(v.Documents)+len(v.Versions) > 0 }

// AttachingOffice is the office that attached a document, as the portal records it.
type AttachingOffice string

// Offices that attach documents. Only staff attach them: the Biro Kerja Sama Daerah's
// officials and administrators, and the operator who runs the portal for it.
const (
	OfficeBureau  AttachingOffice = "bureau"
	OfficeUnknown AttachingOffice = "" // an account that is not staff (never recorded so far)
)

// VerifiedDocument is a registered document with the hash: what it is, what it belongs to,
// when it was attached and by which office (never by whom).
type VerifiedDocument struct {
	ID         uint
	Title      string
	FileName   string
	Size       int64
	AttachedAt time.Time
	Office     AttachingOffice
	// Agreement is the published agreement it is attached to (ID, number, titles, signing
	// date), or nil for an event's document.
	Agreement *Agreement
	// Event is the event it is attached to (ID, title, dates, place), or nil.
	Event *Event
}

// VerifiedVersion is a text version of a published agreement with the hash.
type VerifiedVersion struct {
	// Agreement is the published agreement (ID, number, titles, signing date and place).
	Agreement Agreement
	Number    int
	// ContentHash is the version's SHA-256, the hash looked up.
	ContentHash string
	SentAt      time.Time // when this version was frozen and sent to the parties
	// Current says it is the agreement's confirmed text; otherwise it is an earlier
	// version, replaced by ReplacedBy.
	Current bool
	// ReplacedBy is the version sent after this one (number and date), for an earlier one.
	ReplacedBy *AgreementVersion
	// CurrentNumber is the number of the agreement's confirmed version.
	CurrentNumber int
	// Confirmations are every party's confirmation of this exact hash, in party order;
	// for the current version only.
	Confirmations []VerifiedConfirmation
}

// VerifiedConfirmation is one party's confirmation of a version, as the sign-off history
// records it.
type VerifiedConfirmation struct {
	Position    int
	RegionCode  string
	RegionName  string
	ConfirmedAt time.Time
	// ContentHash is the hash the confirmation bound: always the version's own.
	ContentHash string
}

// ParseSHA256 reads a SHA-256 as people paste it: 64 hex digits, in either case, with
// spaces around. ok is false for anything else.
func ParseSHA256(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) != 64 {
		return "", false
	}
	if _, err := hex.DecodeString(s); err != nil {
		return "", false
	}
	return s, true
}

// VerifyHash says what the portal publicly holds with the SHA-256 sha (64 hex digits;
// anything else is a validation error on "sha256"): registered documents of published
// agreements and of events, and text versions of published agreements, the current one
// with every party's confirmation of its hash, an earlier one as replaced. A hash of
// anything unpublished, or of nothing, is a Verification that is not Registered, found by
// the same two queries: what is unpublished is filtered out in the database, never after.
// Anyone may ask; callers throttle the asking (CountVerification).
func (s *Store) VerifyHash(ctx context.Context, sha string) (Verification, error) {
	sum, ok := ParseSHA256(sha)
	if !ok {
		return Verification{}, fmt.Errorf("models: verify hash: %w", Invalid("sha256", "verify.sha256_invalid"))
	}
	v := Verification{SHA256: sum}
	var err error
	if v.Documents, err = s.verifiedDocuments(ctx, sum); err != nil {
		return Verification{}, fmt.Errorf("models: verify hash: %w", err)
	}
	if v.Versions, err = s.verifiedVersions(ctx, sum); err != nil {
		return Verification{}, fmt.Errorf("models: verify hash: %w", err)
	}
	return v, nil
}

// verifiedDocuments finds the public documents with the hash: an event's, or a published
// agreement's.
func (s *Store) verifiedDocuments(ctx context.Context, sum string) ([]VerifiedDocument, error) {
	var rows []struct {
		Document
		UploaderRole *string
	}
	err := s.db.WithContext(ctx).Table("documents").
		Select("documents.*, users.role AS uploader_role").
		Joins("LEFT JOIN agreements ON documents.owner_type = ? AND agreements.id = documents.owner_id", OwnerAgreement).
		Joins("LEFT JOIN users ON users.id = documents.uploaded_by").
		Where("documents.sha256 = ?", sum).
		Where("documents.owner_type = ? OR agreements.published = ?", OwnerEvent, true).
		Order("documents.created_at, documents.id").Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	out := make([]VerifiedDocument, 0, len(rows))
	for _, r := range rows {
		d := VerifiedDocument{ID: r.ID, Title: r.Title, FileName: r.FileName, Size: r.Size, AttachedAt: r.CreatedAt, Office: officeOf(r.UploadedBy, r.UploaderRole)}
		switch r.OwnerType {
		case OwnerAgreement:
			var a Agreement
			if err := s.published(ctx).Select("id, number, title, short_title, doc_type, signed_on, signed_place").
				Where("agreements.id = ?", r.OwnerID).Limit(1).Find(&a).Error; err != nil {
				return nil, err
			}
			if a.ID == 0 {
				continue // unpublished since the first query
			}
			d.Agreement = &a
		case OwnerEvent:
			var e Event
			if err := s.db.WithContext(ctx).Select("id, title, starts_at, ends_at, all_day, place").
				Where("id = ?", r.OwnerID).Limit(1).Find(&e).Error; err != nil {
				return nil, err
			}
			if e.ID == 0 {
				continue
			}
			d.Event = &e
		}
		out = append(out, d)
	}
	return out, nil
}

// officeOf is the office of a document's uploader: the bureau for its staff and for the
// operator (no account).
func officeOf(uploadedBy *uint, role *string) AttachingOffice {
	if uploadedBy == nil {
		return OfficeBureau
	}
	if role != nil && Role(*role).Staff() {
		return OfficeBureau
	}
	return OfficeUnknown
}

// verifiedVersions finds the text versions of published agreements with the hash: per
// agreement, the current version when it has the hash and every party confirmed it, else
// the latest earlier version with it. A current version that not every party confirmed
// (no published agreement has one) is not reported.
func (s *Store) verifiedVersions(ctx context.Context, sum string) ([]VerifiedVersion, error) {
	var matches []AgreementVersion
	err := s.db.WithContext(ctx).Model(&AgreementVersion{}).
		Select("agreement_versions.id, agreement_versions.agreement_id, agreement_versions.number, agreement_versions.content_hash, agreement_versions.created_at").
		Joins("JOIN agreements ON agreements.id = agreement_versions.agreement_id").
		Where("agreement_versions.content_hash = ? AND agreements.published = ?", sum, true).
		Order("agreement_versions.agreement_id, agreement_versions.number DESC").Find(&matches).Error
	if err != nil || len(matches) == 0 {
		return nil, err
	}
	var out []VerifiedVersion
	for i := 0; i < len(matches); {
		// This agreement's versions with the hash, newest first.
		j := i
		for j < len(matches) && matches[j].AgreementID == matches[i].AgreementID {
			j++
		}
		v, ok, err := s.verifiedVersion(ctx, matches[i:j])
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, v)
		}
		i = j
	}
	return out, nil
}

// verifiedVersion reports one published agreement's versions with the hash (newest first).
func (s *Store) verifiedVersion(ctx context.Context, versions []AgreementVersion) (VerifiedVersion, bool, error) {
	var a Agreement
	err := s.published(ctx).Select("id, number, title, short_title, doc_type, signed_on, signed_place, current_version_id").
		Where("agreements.id = ?", versions[0].AgreementID).Limit(1).Find(&a).Error
	if err != nil || a.ID == 0 || a.CurrentVersionID == nil {
		return VerifiedVersion{}, false, err
	}
	var current AgreementVersion
	if err := s.db.WithContext(ctx).Select("id, number, content_hash, created_at").Where("id = ?", *a.CurrentVersionID).Limit(1).Find(&current).Error; err != nil || current.ID == 0 {
		return VerifiedVersion{}, false, err
	}
	for _, candidate := range versions {
		if candidate.ID == current.ID {
			return s.currentVersion(ctx, a, candidate)
		}
	}
	// An earlier version: the latest of this agreement's versions with the hash that is
	// older than the current one, and the version that came after it.
	for _, candidate := range versions {
		if candidate.Number > current.Number {
			continue // sent after the confirmed one: no published agreement has such
		}
		var next AgreementVersion
		err := s.db.WithContext(ctx).Select("id, number, created_at").
			Where("agreement_id = ? AND number > ?", a.ID, candidate.Number).Order("number").Limit(1).Find(&next).Error
		if err != nil || next.ID == 0 {
			return VerifiedVersion{}, false, err
		}
		return VerifiedVersion{Agreement: a, Number: candidate.Number, ContentHash: candidate.ContentHash, SentAt: candidate.CreatedAt, ReplacedBy: &next, CurrentNumber: current.Number}, true, nil
	}
	return VerifiedVersion{}, false, nil
}

// currentVersion reports an agreement's confirmed version with every party's confirmation
// of its hash; ok is false unless every party confirmed exactly this hash.
func (s *Store) currentVersion(ctx context.Context, a Agreement, ver AgreementVersion) (VerifiedVersion, bool, error) {
	var parties []Party
	if err := s.db.WithContext(ctx).Preload("Region").Where("agreement_id = ?", a.ID).Order("position").Find(&parties).Error; err != nil {
		return VerifiedVersion{}, false, err
	}
	var records []SignOffRecord
	err := s.db.WithContext(ctx).Where("agreement_id = ? AND version_id = ? AND decision = ? AND content_hash = ?", a.ID, ver.ID, SignOffConfirmed, ver.ContentHash).
		Find(&records).Error
	if err != nil || len(parties) == 0 {
		return VerifiedVersion{}, false, err
	}
	byParty := make(map[uint]SignOffRecord, len(records))
	for _, r := range records {
		byParty[r.PartyID] = r
	}
	out := VerifiedVersion{Agreement: a, Number: ver.Number, ContentHash: ver.ContentHash, SentAt: ver.CreatedAt, Current: true, CurrentNumber: ver.Number}
	for _, p := range parties {
		r, ok := byParty[p.ID]
		if !ok {
			return VerifiedVersion{}, false, nil
		}
		out.Confirmations = append(out.Confirmations, VerifiedConfirmation{
			Position: p.Position, RegionCode: p.RegionCode, RegionName: p.Region.Name, ConfirmedAt: r.DecidedAt, ContentHash: r.ContentHash,
		})
	}
	return out, true, nil
}
