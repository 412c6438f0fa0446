package models

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
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
	page, err := pageOf(bySector(byRegion(q, f.Region), f.Sector), f.Page, perPage, "agreements.updated_at DESC, agreements.id DESC", findListing)
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
	var found []Agreement
	err := findAgreements(db.Where("agreements.id = ?", id).Limit(1), &found)
	if err == nil && len(found) == 1 {
		v.Agreement = found[0]
		err = attachListing(db, []*Agreement{&v.Agreement})
	}
	if err != nil {
		return AgreementView{}, fmt.Errorf("models: agreement %d: %w", id, err)
	}
	if v.ID == 0 || !mayRead(actor, &v.Agreement) {
		return AgreementView{}, fmt.Errorf("models: agreement %d: %w", id, ErrNotFound)
	}
	if v.EventID != nil {
		var e Event
		if err := db.Where("id = ?", *v.EventID).Limit(1).Find(&e).Error; err != nil {
			return AgreementView{}, fmt.Errorf("models: agreement %d event: %w", id, err)
		}
		if e.ID != 0 {
			v.Event = &e
		}
	}
	if v.ParentID != nil {
		var parent []Agreement
		if err := findAgreements(db.Where("agreements.id = ?", *v.ParentID).Limit(1), &parent); err != nil {
			return AgreementView{}, fmt.Errorf("models: agreement %d parent: %w", id, err)
		}
		if len(parent) == 1 && mayRead(actor, &parent[0]) {
			v.Parent = &parent[0]
		}
	}
	if v.CurrentVersionID != nil {
		// The version's number, hash and date; its text (the canonical JSON, kilobytes
		// that no page of the agreement shows) is read where it is needed.
		var ver AgreementVersion
		err := s.db.WithContext(ctx).Select("id, agreement_id, number, content_hash, created_at").
			Where("id = ?", *v.CurrentVersionID).Limit(1).Find(&ver).Error
		if err != nil {
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
// officials see every step, whole, as the audit log holds it; a delegate the steps that
// concern their region, everyone else the signing and publication, each with what the
// page shows of it (when, what, for which region, by whom, the note) and not the states
// before and after it, the request's origin nor the chain's hashes. Read whole and through
// reflection, those made this one query cost as much as the agreement itself on every
// public agreement page. The caller must have read the agreement with AgreementFor first.
func (s *Store) AgreementHistory(ctx context.Context, actor Actor, id uint) ([]AuditEntry, error) {
	db := s.db.WithContext(ctx)
	var entries []AuditEntry
	if actor.IsStaff() {
		err := db.Where("object_type = ? AND object_id = ?", "agreement", id).Order("id").Find(&entries).Error
		if err != nil {
			return nil, fmt.Errorf("models: history of agreement %d: %w", id, err)
		}
		return entries, nil
	}
	q := "SELECT id, at, actor_name, actor_role, action, object_type, object_id, region_code, note " +
		"FROM audit_entries WHERE object_type = ? AND object_id = ?"
	args := []any{"agreement", id}
	if region := actor.DelegateRegion(); region != "" {
		q += " AND (action IN ? OR region_code = ?)"
		args = append(args, delegateActions, region)
	} else {
		q += " AND action IN ?"
		args = append(args, publicActions)
	}
	rows, err := db.Raw(q+" ORDER BY id", args...).Rows()
	if err != nil {
		return nil, fmt.Errorf("models: history of agreement %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.ActorName, &e.ActorRole, &e.Action, &e.ObjectType, &e.ObjectID, &e.RegionCode, &e.Note); err != nil {
			return nil, fmt.Errorf("models: history of agreement %d: %w", id, err)
		}
		entries = append(entries, e)
	}
	if err := rows.Err(); err != nil {
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

// parentColumns are what the draft form shows of a parent agreement.
const parentColumns = "id, number, title, short_title, doc_type, status"

// ParentByReference finds the agreement a draft's parent field names: by its register
// number when number is given, else by its ID (as its identifier spells it). An unknown
// reference is ErrNotFound. For staff, who may name any agreement, published or not.
func (s *Store) ParentByReference(ctx context.Context, actor Actor, number string, id uint) (Agreement, error) {
	if !actor.IsStaff() {
		return Agreement{}, fmt.Errorf("models: parent agreement: %w", ErrForbidden)
	}
	number = strings.TrimSpace(number)
	if number == "" && id == 0 {
		return Agreement{}, fmt.Errorf("models: parent agreement: %w", ErrNotFound)
	}
	q := s.db.WithContext(ctx).Select(parentColumns)
	if number != "" {
		q = q.Where("number = ?", number) // idx_agreements_number
	} else {
		q = q.Where("id = ?", id)
	}
	var a Agreement
	if err := q.Limit(1).Find(&a).Error; err != nil {
		return Agreement{}, fmt.Errorf("models: parent agreement: %w", err)
	}
	if a.ID == 0 {
		return Agreement{}, fmt.Errorf("models: parent agreement: %w", ErrNotFound)
	}
	return a, nil
}

// MaxParentSuggestions bounds how many agreements one look-up of the parent field offers.
const MaxParentSuggestions = 20

// ParentSuggestions lists at most limit agreements (and never more than
// MaxParentSuggestions) that the words typed in a draft's parent field may mean, for the
// field's suggestions: the agreement with exactly that number first, then those whose
// title or numbers (its own, its parties' and their regions') hold every word, the last
// word taken as the beginning of one, newest first. The search index answers, so a look-up
// reads a few rows whatever the size of the register. self, the draft being edited (0 for
// a new one), is never offered. For staff.
func (s *Store) ParentSuggestions(ctx context.Context, actor Actor, typed string, self uint, limit int) ([]Agreement, error) {
	if !actor.IsStaff() {
		return nil, fmt.Errorf("models: parent suggestions: %w", ErrForbidden)
	}
	limit = min(max(limit, 1), MaxParentSuggestions)
	var ids []uint
	db := s.db.WithContext(ctx)
	if number := strings.TrimSpace(typed); number != "" {
		if err := db.Model(&Agreement{}).Where("number = ? AND id <> ?", number, self).Limit(1).Pluck("id", &ids).Error; err != nil {
			return nil, fmt.Errorf("models: parent suggestions: %w", err)
		}
	}
	if terms := ParseSearchTerms(typed); len(terms) > 0 {
		terms[len(terms)-1].Whole = false // still being typed: "1/KSB/20" finds 1/KSB/2026
		var found []uint
		statement, match := s.parentSearch(terms)
		err := db.Raw(statement, sql.Named("match", match), sql.Named("kind", string(SearchAgreement)),
			sql.Named("self", strconv.FormatUint(uint64(self), 10)), sql.Named("limit", limit)).Scan(&found).Error
		if err != nil {
			return nil, fmt.Errorf("models: parent suggestions: %w", err)
		}
		for _, id := range found {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) > limit {
		ids = ids[:limit]
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var rows []Agreement
	if err := db.Select(parentColumns).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("models: parent suggestions: %w", err)
	}
	out := make([]Agreement, 0, len(rows))
	for _, id := range ids {
		if i := slices.IndexFunc(rows, func(a Agreement) bool { return a.ID == id }); i >= 0 {
			out = append(out, rows[i])
		}
	}
	return out, nil
}

// parentSearch is the statement that finds the agreements holding every term in their
// title or key terms (search_index.go), newest in the index first, as IDs: in SQLite a
// column filter on each phrase; in PostgreSQL the title's and the keys' weights (A, B).
// match is the full-text condition, in the engine's own syntax. The terms are folded words
// of letters and digits, so nothing in them is syntax.
func (s *Store) parentSearch(terms []SearchTerm) (statement, match string) {
	parts := make([]string, len(terms))
	for i, t := range terms {
		switch {
		case s.engine == EnginePostgres && t.Whole:
			parts[i] = t.Text + ":AB"
		case s.engine == EnginePostgres:
			parts[i] = t.Text + ":*AB"
		case t.Whole:
			parts[i] = `{title_terms key_terms} : "` + t.Text + `"`
		default:
			parts[i] = `{title_terms key_terms} : "` + t.Text + `"*`
		}
	}
	if s.engine == EnginePostgres {
		return `SELECT CAST(d.object_key AS bigint) FROM search_documents AS d
			WHERE d.terms @@ to_tsquery('simple', @match) AND d.kind = @kind AND d.object_key <> @self
			ORDER BY d.id DESC LIMIT @limit`, strings.Join(parts, " & ")
	}
	return `SELECT CAST(d.object_key AS integer) FROM search_index JOIN search_documents AS d ON d.id = search_index.rowid
		WHERE search_index MATCH @match AND d.kind = @kind AND d.object_key <> @self
		ORDER BY search_index.rowid DESC LIMIT @limit`, strings.Join(parts, " AND ")
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
