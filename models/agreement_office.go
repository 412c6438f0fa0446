package models

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// OfficeFilter narrows the officials' list of agreements. Zero fields do not filter.
type OfficeFilter struct {
	Status Status
	Sector string
	Region string // Kemendagri code of a party
	Page   int
}

// OfficeAgreements lists agreements in every state for officials, most recently changed
// first, with their parties (and so whom each waits on).
func (s *Store) OfficeAgreements(ctx context.Context, actor Actor, f OfficeFilter, perPage int) (AgreementResults, error) {
	if !actor.IsStaff() {
		return AgreementResults{}, fmt.Errorf("models: work list: %w", ErrForbidden)
	}
	q := s.db.WithContext(ctx).Model(&Agreement{})
	if f.Status != "" {
		q = q.Where("agreements.status = ?", f.Status)
	}
	page, err := pageOf(bySector(byRegion(q, f.Region), f.Sector), f.Page, perPage, "agreements.updated_at DESC, agreements.id DESC")
	if err != nil {
		return AgreementResults{}, fmt.Errorf("models: work list: %w", err)
	}
	return page, nil
}

// WaitingOn lists the parties whose answer the agreement still waits for: none unless it
// is in review, and none once a party declined, since it then waits on a revision
// (DeclinedBy), not on answers.
func (a *Agreement) WaitingOn() []Party {
	if a.Status != StatusInReview || len(a.DeclinedBy()) > 0 {
		return nil
	}
	return a.partiesThat(SignOffPending)
}

// DeclinedBy lists the parties that declined the version under review, with their
// reasons: the agreement cannot become agreed until officials revise it (withdraw it to
// a draft, edit it and send it again).
func (a *Agreement) DeclinedBy() []Party {
	if a.Status != StatusInReview {
		return nil
	}
	return a.partiesThat(SignOffDeclined)
}

// partiesThat lists the parties whose answer is s.
func (a *Agreement) partiesThat(s SignOff) []Party {
	var out []Party
	for _, p := range a.Parties {
		if p.Status == s {
			out = append(out, p)
		}
	}
	return out
}

// TakesSignedScan reports whether the agreement's page offers to attach its signed scan:
// from the signing step on (agreed, signed, ended), never to a text still under way.
func (a *Agreement) TakesSignedScan() bool {
	switch a.Status {
	case StatusAgreed, StatusSigned, StatusTerminated:
		return true
	}
	return false
}

// PartyState is what a party's sign-off reads as: "not sent" while the agreement is a
// draft no party has been asked to answer (a withdrawn draft keeps no answers either),
// and the party's answer otherwise.
func (a *Agreement) PartyState(p Party) string {
	if a.Status == StatusDraft {
		return "not_sent"
	}
	return string(p.Status)
}

// mayRead is the rule of who reads an agreement: everyone once published; officials
// always; a delegate once it is sent, when their region is a party.
func mayRead(actor Actor, a *Agreement) bool {
	switch {
	case a.Published:
		return true
	case actor.IsStaff():
		return true
	case a.Status == StatusDraft:
		return false
	}
	return slices.ContainsFunc(a.Parties, func(p Party) bool { return actor.delegateOf(p.RegionCode) })
}

// AgreementFor returns an agreement as the actor may see it, with its parties, sectors,
// event, parent and current version. What they may not see is ErrNotFound.
func (s *Store) AgreementFor(ctx context.Context, actor Actor, id uint) (AgreementView, error) {
	var v AgreementView
	db := s.db.WithContext(ctx)
	err := db.Model(&Agreement{}).Preload("Event").Preload("Parent").
		Where("agreements.id = ?", id).Limit(1).Find(&v.Agreement).Error
	if err == nil && v.ID != 0 {
		err = attachListing(db, []*Agreement{&v.Agreement})
	}
	if err != nil {
		return AgreementView{}, fmt.Errorf("models: agreement %d: %w", id, err)
	}
	if v.ID == 0 || !mayRead(actor, &v.Agreement) {
		return AgreementView{}, fmt.Errorf("models: agreement %d: %w", id, ErrNotFound)
	}
	if v.Parent != nil && !mayRead(actor, v.Parent) {
		v.Parent = nil
	}
	if v.CurrentVersionID != nil {
		var ver AgreementVersion
		if err := s.db.WithContext(ctx).Where("id = ?", *v.CurrentVersionID).Limit(1).Find(&ver).Error; err != nil {
			return AgreementView{}, fmt.Errorf("models: agreement %d version: %w", id, err)
		}
		if ver.ID != 0 {
			v.Version = &ver
		}
	}
	return v, nil
}

// publicActions are the steps of an agreement anyone may see in its history.
var publicActions = []string{"agreement.sign", "agreement.publish", "agreement.terminate"}

// delegateActions are the steps a delegate sees besides their own region's answers.
var delegateActions = []string{"agreement.send", "agreement.withdraw", "agreement.agreed", "agreement.sign", "agreement.publish", "agreement.unpublish", "agreement.terminate"}

// AgreementHistory lists the steps of an agreement the user may see, oldest first:
// officials see every step, a delegate the steps that concern their region, everyone
// else the signing and publication. The caller must have read the agreement with
// AgreementFor first.
func (s *Store) AgreementHistory(ctx context.Context, actor Actor, id uint) ([]AuditEntry, error) {
	q := s.db.WithContext(ctx).Where("object_type = ? AND object_id = ?", "agreement", id).Order("id")
	switch region := actor.DelegateRegion(); {
	case actor.IsStaff():
	case region != "":
		q = q.Where("action IN ? OR region_code = ?", delegateActions, region)
	default:
		q = q.Where("action IN ?", publicActions)
	}
	var entries []AuditEntry
	if err := q.Find(&entries).Error; err != nil {
		return nil, fmt.Errorf("models: history of agreement %d: %w", id, err)
	}
	return entries, nil
}

// VersionHistory is one version of an agreement's text with the answers it got.
type VersionHistory struct {
	Version  AgreementVersion
	SignOffs []SignOffRecord
}

// AgreementVersions lists every version sent to the parties, newest first, each with its
// sign-offs: the record kept when a revision resets them. For officials.
func (s *Store) AgreementVersions(ctx context.Context, actor Actor, id uint) ([]VersionHistory, error) {
	if !actor.IsStaff() {
		return nil, fmt.Errorf("models: versions: %w", ErrForbidden)
	}
	var versions []AgreementVersion
	db := s.db.WithContext(ctx)
	if err := db.Where("agreement_id = ?", id).Order("number DESC").Find(&versions).Error; err != nil {
		return nil, fmt.Errorf("models: versions of agreement %d: %w", id, err)
	}
	var records []SignOffRecord
	if err := db.Where("agreement_id = ?", id).Order("decided_at").Find(&records).Error; err != nil {
		return nil, fmt.Errorf("models: sign-offs of agreement %d: %w", id, err)
	}
	out := make([]VersionHistory, len(versions))
	for i, v := range versions {
		out[i].Version = v
		for _, r := range records {
			if r.VersionID == v.ID {
				out[i].SignOffs = append(out[i].SignOffs, r)
			}
		}
	}
	return out, nil
}

// SignOffHistory lists what a delegate has answered, newest first, with the agreements.
type SignOffHistory struct {
	SignOffRecord
	// AgreementTitle is the title of the version answered, as the delegate saw it: the
	// agreement may have gone back to a draft they may not read since.
	AgreementTitle string
}

// DelegateHistory lists an active delegate's own answers, newest first, at most limit.
func (s *Store) DelegateHistory(ctx context.Context, actor Actor, limit int) ([]SignOffHistory, error) {
	if actor.DelegateRegion() == "" {
		return nil, fmt.Errorf("models: delegate history: %w", ErrForbidden)
	}
	var rows []struct {
		SignOffRecord
		VersionContent string
	}
	err := s.db.WithContext(ctx).Model(&SignOffRecord{}).
		Select("sign_offs.*, agreement_versions.content AS version_content").
		Joins("JOIN agreement_versions ON agreement_versions.id = sign_offs.version_id").
		Where("sign_offs.actor_id = ?", actor.User.ID).Order("sign_offs.decided_at DESC, sign_offs.id DESC").Limit(limit).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("models: delegate history: %w", err)
	}
	out := make([]SignOffHistory, len(rows))
	for i, r := range rows {
		var answered canonicalContent
		if err := json.Unmarshal([]byte(r.VersionContent), &answered); err != nil {
			return nil, fmt.Errorf("models: delegate history: version %d: %w", r.VersionID, err)
		}
		out[i] = SignOffHistory{SignOffRecord: r.SignOffRecord, AgreementTitle: answered.Title}
	}
	return out, nil
}

// ParentChoices lists the agreements a new implementing agreement or amendment may hang
// under, newest first: any agreement, since the two are often drafted together.
func (s *Store) ParentChoices(ctx context.Context, actor Actor) ([]Agreement, error) {
	if !actor.IsStaff() {
		return nil, fmt.Errorf("models: parent choices: %w", ErrForbidden)
	}
	var out []Agreement
	err := s.db.WithContext(ctx).Select("id, number, title, short_title, doc_type, status").
		Order("id DESC").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("models: parent choices: %w", err)
	}
	return out, nil
}

// Dashboard is the officials' overview. (Versions are numbered as they are made, so the
// lowest current version is the one sent longest ago.)
type Dashboard struct {
	Counts map[Status]int64
	// Waiting are the agreements in review, those sent longest ago first, with whom they
	// wait on (WaitingOn) and when they were sent.
	Waiting []WaitingAgreement
	// Declined are the parties that declined the current version, with their reasons.
	Declined []DeclinedParty
	// Expiring are signed agreements whose term ends within six months.
	Expiring []Agreement
	// FailedMessages counts the notifications given up on, for an official to look at in
	// the outbox.
	FailedMessages int64
}

// DeclinedParty is a party's refusal of an agreement under review.
type DeclinedParty struct {
	AgreementID    uint
	AgreementTitle string
	Party          Party
}

// WaitingAgreement is an agreement in review and when it was sent.
type WaitingAgreement struct {
	Agreement
	SentAt time.Time `gorm:"->;-:migration"`
}

// DashboardFor gathers the officials' overview as of today, at most limit agreements in
// each list.
func (s *Store) DashboardFor(ctx context.Context, actor Actor, today time.Time, limit int) (Dashboard, error) {
	if !actor.IsStaff() {
		return Dashboard{}, fmt.Errorf("models: dashboard: %w", ErrForbidden)
	}
	return s.dashboard(ctx, today, limit)
}

func (s *Store) dashboard(ctx context.Context, today time.Time, limit int) (Dashboard, error) {
	var d Dashboard
	var err error
	if d.Counts, err = s.AgreementCounts(ctx); err != nil {
		return d, err
	}
	db := s.db.WithContext(ctx)
	err = db.Model(&Agreement{}).Select("agreements.*, v.created_at AS sent_at").
		Joins("JOIN agreement_versions AS v ON v.id = agreements.current_version_id").
		Where("agreements.status = ?", StatusInReview).Order("agreements.current_version_id, agreements.id").Limit(limit).Find(&d.Waiting).Error
	if err == nil {
		waiting := make([]*Agreement, len(d.Waiting))
		for i := range d.Waiting {
			waiting[i] = &d.Waiting[i].Agreement
		}
		err = attachListing(db, waiting)
	}
	if err != nil {
		return d, fmt.Errorf("models: dashboard: %w", err)
	}
	var declined []Party
	err = db.Preload("Region").Joins("JOIN agreements ON agreements.id = parties.agreement_id AND agreements.status = ?", StatusInReview).
		Where("parties.status = ?", SignOffDeclined).Order("parties.decided_at DESC").Limit(limit).Find(&declined).Error
	if err != nil {
		return d, fmt.Errorf("models: dashboard: %w", err)
	}
	if len(declined) > 0 {
		ids := make([]uint, len(declined))
		for i, p := range declined {
			ids[i] = p.AgreementID
		}
		var titles []Agreement
		if err := db.Select("id, title, short_title").Where("id IN ?", ids).Find(&titles).Error; err != nil {
			return d, fmt.Errorf("models: dashboard: %w", err)
		}
		title := map[uint]string{}
		for _, a := range titles {
			title[a.ID] = a.DisplayTitle()
		}
		for _, p := range declined {
			d.Declined = append(d.Declined, DeclinedParty{AgreementID: p.AgreementID, AgreementTitle: title[p.AgreementID], Party: p})
		}
	}
	err = findListing(db.Model(&Agreement{}).Where("status = ? AND end_date >= ? AND end_date <= ?", StatusSigned, today, today.AddDate(0, 6, 0)).
		Order("end_date").Limit(limit), &d.Expiring)
	if err != nil {
		return d, fmt.Errorf("models: dashboard: %w", err)
	}
	if d.FailedMessages, err = s.OutboxFailures(ctx); err != nil {
		return d, err
	}
	return d, nil
}

// SignOffsSince counts the answers recorded since a time: the benchmark checks with it that
// no confirmation it was told of is missing.
func (s *Store) SignOffsSince(ctx context.Context, since time.Time) (int64, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&SignOffRecord{}).Where("decided_at >= ?", since).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("models: count sign-offs: %w", err)
	}
	return n, nil
}
