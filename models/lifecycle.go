package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// The agreement lifecycle: draft ──send──> in review ──every party confirmed──> agreed
// ──record signing──> signed ──publish──> public; a decline keeps it in review with its
// reason, a withdrawal takes it back to draft and resets every sign-off, and a signed
// agreement may be terminated early. Each step is one function: it checks the actor and
// the state, applies the change and writes the audit entry, in one transaction.

// agreementState is what the audit log records of an agreement before and after a step.
type agreementState struct {
	Status      Status             `json:"status"`
	Published   bool               `json:"published"`
	VersionID   *uint              `json:"version_id,omitempty"`
	ContentHash string             `json:"content_hash"`
	Parties     map[string]SignOff `json:"parties"`
}

// stateOf records an agreement's state; contentHash is that of its content (see
// contentHashOf), passed in because a caller often knows it already.
func stateOf(a *Agreement, contentHash string) agreementState {
	st := agreementState{Status: a.Status, Published: a.Published, VersionID: a.CurrentVersionID, ContentHash: contentHash, Parties: map[string]SignOff{}}
	for _, p := range a.Parties {
		st.Parties[p.RegionCode] = p.Status
	}
	return st
}

// CreateDraft records a new agreement in draft with its sectors and parties.
func (s *Store) CreateDraft(ctx context.Context, actor Actor, in AgreementInput) (uint, error) {
	if !actor.IsStaff() {
		return 0, fmt.Errorf("models: create draft: %w", ErrForbidden)
	}
	var id uint
	err := s.write(ctx, func(tx *Store) error {
		v, err := tx.checkInput(&in, 0)
		if err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		a := Agreement{
			Number: in.Number, Title: in.Title, ShortTitle: in.ShortTitle, DocType: in.DocType, ParentID: in.ParentID, Kind: in.Kind,
			Scope: in.Scope, Summary: in.Summary, FundingNote: in.FundingNote,
			StartDate: in.StartDate, EndDate: in.EndDate, Status: StatusDraft, Revision: 1,
		}
		a.Sectors, a.Parties = contentOf(in)
		if err := tx.w.Create(&a).Error; err != nil {
			return err
		}
		id = a.ID
		tx.effects.private = true // a draft is on no public page
		return tx.audit(actor, auditStep{action: "agreement.create", objectType: "agreement", objectID: a.ID, after: stateOf(&a, contentHashOf(&a))})
	})
	if err != nil {
		return 0, fmt.Errorf("models: create draft: %w", err)
	}
	return id, nil
}

// UpdateDraft replaces a draft's content, parties included.
func (s *Store) UpdateDraft(ctx context.Context, actor Actor, id uint, in AgreementInput) error {
	return s.transition(ctx, actor, id, in.Revision, "agreement.update", "", func(a *Agreement) bool { return a.Status == StatusDraft },
		func(tx *Store, a *Agreement) error {
			v, err := tx.checkInput(&in, id)
			if err != nil {
				return err
			}
			if err := v.Err(); err != nil {
				return err
			}
			if err := tx.w.Where("agreement_id = ?", id).Delete(&AgreementSector{}).Error; err != nil {
				return err
			}
			a.Number, a.Title, a.ShortTitle, a.DocType, a.ParentID, a.Kind = in.Number, in.Title, in.ShortTitle, in.DocType, in.ParentID, in.Kind
			a.Scope, a.Summary, a.FundingNote, a.StartDate, a.EndDate = in.Scope, in.Summary, in.FundingNote, in.StartDate, in.EndDate
			sectors, parties := contentOf(in)
			for i := range sectors {
				sectors[i].AgreementID = id
			}
			if err := tx.w.Create(&sectors).Error; err != nil {
				return err
			}
			if err := tx.replaceParties(id, a.Parties, parties); err != nil {
				return err
			}
			return tx.w.Model(a).Select("number", "title", "short_title", "doc_type", "parent_id", "kind", "scope", "summary", "funding_note", "start_date", "end_date").
				Updates(a).Error
		})
}

// replaceParties makes an agreement's parties the given ones. A region that stays keeps
// its party row (and so its ID, which a delegate's open page posts to), updated in place.
func (tx *Store) replaceParties(id uint, old, parties []Party) error {
	// Park the rows that stay out of the way of the new positions first: (agreement,
	// position) is unique.
	if err := tx.w.Model(&Party{}).Where("agreement_id = ?", id).Update("position", gorm.Expr("position + 1000")).Error; err != nil {
		return err
	}
	for _, o := range old {
		if !slices.ContainsFunc(parties, func(p Party) bool { return p.RegionCode == o.RegionCode }) {
			if err := tx.w.Delete(&Party{}, o.ID).Error; err != nil {
				return err
			}
		}
	}
	for _, p := range parties {
		p.AgreementID = id
		if i := slices.IndexFunc(old, func(o Party) bool { return o.RegionCode == p.RegionCode }); i >= 0 {
			err := tx.w.Model(&Party{}).Where("id = ?", old[i].ID).Updates(map[string]any{
				"position": p.Position, "document_number": p.DocumentNumber, "signatory_name": p.SignatoryName,
				"signatory_position": p.SignatoryPosition, "authority": p.Authority,
			}).Error
			if err != nil {
				return err
			}
			continue
		}
		if err := tx.w.Create(&p).Error; err != nil {
			return err
		}
	}
	return nil
}

// transition runs one staff action on an agreement in one transaction: it checks the actor,
// that the agreement is still at the revision the actor saw (seen) and that its state
// allows the step, applies the change, moves the revision on and writes the step to the
// audit log.
func (s *Store) transition(ctx context.Context, actor Actor, id uint, seen uint64, action, note string, allowed func(*Agreement) bool, apply func(tx *Store, a *Agreement) error) error {
	if !actor.IsStaff() {
		return fmt.Errorf("models: %s %d: %w", action, id, ErrForbidden)
	}
	err := s.write(ctx, func(tx *Store) error {
		a, err := tx.loadForUpdate(id)
		if err != nil {
			return err
		}
		if err := checkRevision(seen, a.Revision); err != nil {
			return err
		}
		if !allowed(a) {
			return ErrInvalidTransition
		}
		before := stateOf(a, contentHashOf(a))
		if err := apply(tx, a); err != nil {
			return err
		}
		if err := tx.bumpRevision(&Agreement{}, "id = ?", id); err != nil {
			return err
		}
		after, err := tx.loadForUpdate(id)
		if err != nil {
			return err
		}
		if !before.Published && !after.Published {
			tx.effects.private = true // no public page shows an unpublished agreement
		}
		return tx.audit(actor, auditStep{action: action, objectType: "agreement", objectID: id, before: before, after: stateOf(after, contentHashOf(after)), note: note})
	})
	if err != nil {
		return fmt.Errorf("models: %s %d: %w", action, id, err)
	}
	return nil
}

// loadForUpdate reads an agreement with what the lifecycle rules look at, locked until the
// transaction ends.
func (tx *Store) loadForUpdate(id uint) (*Agreement, error) {
	var a Agreement
	err := forUpdate(tx.db).Preload("Parties", orderedParties).
		Preload("Sectors").Where("id = ?", id).Limit(1).Find(&a).Error
	if err != nil {
		return nil, err
	}
	if a.ID == 0 {
		return nil, ErrNotFound
	}
	return &a, nil
}

// resetSignOffs sets every party of an agreement back to pending.
func (tx *Store) resetSignOffs(id uint) error {
	return tx.w.Model(&Party{}).Where("agreement_id = ?", id).Updates(map[string]any{
		"status": SignOffPending, "decided_at": nil, "decided_by_id": nil, "note": "", "confirmed_hash": "", "own_number": "",
	}).Error
}

// SendForConfirmation freezes a draft's content as a new version and asks every party
// to confirm it: the agreement goes to review and every party to pending.
func (s *Store) SendForConfirmation(ctx context.Context, actor Actor, id uint, seen uint64) (AgreementVersion, error) {
	var ver AgreementVersion
	err := s.transition(ctx, actor, id, seen, "agreement.send", "", func(a *Agreement) bool { return a.Status == StatusDraft },
		func(tx *Store, a *Agreement) error {
			content, err := CanonicalContent(a)
			if err != nil {
				return err
			}
			var last int
			if err := tx.db.Model(&AgreementVersion{}).Where("agreement_id = ?", id).
				Select("COALESCE(MAX(number), 0)").Scan(&last).Error; err != nil {
				return err
			}
			ver = AgreementVersion{AgreementID: id, Number: last + 1, Content: string(content), ContentHash: ContentHash(content), CreatedAt: tx.Now()}
			if err := tx.w.Create(&ver).Error; err != nil {
				return err
			}
			if err := tx.resetSignOffs(id); err != nil {
				return err
			}
			if err := tx.w.Model(a).Updates(map[string]any{"status": StatusInReview, "current_version_id": ver.ID}).Error; err != nil {
				return err
			}
			params := agreementParams(a)
			params.Version, params.ContentHash = ver.Number, ver.ContentHash
			return tx.notifyParties(NotifySent, fmt.Sprintf("agreement.sent:%d:v%d", id, ver.Number), a, params)
		})
	return ver, err
}

// Withdraw takes an agreement under review (or agreed, not yet signed) back to draft for
// revision: every sign-off is reset; the version sent and its answers stay in the history.
func (s *Store) Withdraw(ctx context.Context, actor Actor, id uint, seen uint64) error {
	return s.transition(ctx, actor, id, seen, "agreement.withdraw", "",
		func(a *Agreement) bool { return a.Status == StatusInReview || a.Status == StatusAgreed },
		func(tx *Store, a *Agreement) error {
			if err := tx.resetSignOffs(id); err != nil {
				return err
			}
			return tx.w.Model(a).Updates(map[string]any{"status": StatusDraft, "current_version_id": nil}).Error
		})
}

// SigningInput is the record of an agreed agreement's signing.
type SigningInput struct {
	Date    time.Time
	Place   string
	EventID *uint // the event where it was signed, if any
	// Revision is the agreement's revision the form was loaded at (AnyRevision: none).
	Revision uint64
}

// RecordSigning marks an agreed agreement as signed on a date, at a place.
func (s *Store) RecordSigning(ctx context.Context, actor Actor, id uint, in SigningInput) error {
	return s.transition(ctx, actor, id, in.Revision, "agreement.sign", "", func(a *Agreement) bool { return a.Status == StatusAgreed },
		func(tx *Store, a *Agreement) error {
			v := &ValidationError{}
			switch {
			case in.Date.IsZero():
				v.Add("signed_on", "error.date_required")
			case in.Date.After(tx.Today()):
				v.Add("signed_on", "error.date_future")
			}
			if strings.TrimSpace(in.Place) == "" {
				v.Add("signed_place", "error.required")
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
			return tx.w.Model(a).Updates(map[string]any{
				"status": StatusSigned, "signed_on": in.Date, "signed_place": strings.TrimSpace(in.Place), "event_id": in.EventID,
			}).Error
		})
}

// Publish makes a signed (or terminated) agreement public.
func (s *Store) Publish(ctx context.Context, actor Actor, id uint, seen uint64) error {
	return s.transition(ctx, actor, id, seen, "agreement.publish", "",
		func(a *Agreement) bool {
			return (a.Status == StatusSigned || a.Status == StatusTerminated) && !a.Published
		},
		func(tx *Store, a *Agreement) error {
			now := tx.Now()
			if err := tx.w.Model(a).Updates(map[string]any{"published": true, "published_at": now}).Error; err != nil {
				return err
			}
			if err := tx.touchAgreement(a); err != nil {
				return err
			}
			return tx.notifyParties(NotifyPublished, fmt.Sprintf("agreement.published:%d:%d", id, now.UnixNano()), a, agreementParams(a))
		})
}

// Unpublish takes a published agreement off the public pages.
func (s *Store) Unpublish(ctx context.Context, actor Actor, id uint, seen uint64) error {
	return s.transition(ctx, actor, id, seen, "agreement.unpublish", "", func(a *Agreement) bool { return a.Published },
		func(tx *Store, a *Agreement) error {
			if err := tx.w.Model(a).Updates(map[string]any{"published": false, "published_at": nil}).Error; err != nil {
				return err
			}
			return tx.touchAgreement(a)
		})
}

// TerminationInput is the record of an agreement ended before its term.
type TerminationInput struct {
	Date   time.Time
	Reason string
	// Revision is the agreement's revision the form was loaded at (AnyRevision: none).
	Revision uint64
}

// Terminate ends a signed agreement early; the reason is kept and shown.
func (s *Store) Terminate(ctx context.Context, actor Actor, id uint, in TerminationInput) error {
	in.Reason = strings.TrimSpace(in.Reason)
	return s.transition(ctx, actor, id, in.Revision, "agreement.terminate", in.Reason, func(a *Agreement) bool { return a.Status == StatusSigned },
		func(tx *Store, a *Agreement) error {
			v := &ValidationError{}
			switch {
			case in.Date.IsZero():
				v.Add("terminated_on", "error.date_required")
			case a.SignedOn != nil && in.Date.Before(*a.SignedOn):
				v.Add("terminated_on", "error.before_signing")
			}
			if in.Reason == "" {
				v.Add("reason", "error.reason_required")
			}
			if err := v.Err(); err != nil {
				return err
			}
			return tx.w.Model(a).Updates(map[string]any{"status": StatusTerminated, "terminated_on": in.Date, "termination_reason": in.Reason}).Error
		})
}

// ConfirmParty records a delegate's confirmation, for their own region's party, of the
// version with the given hash, with the number the region's own registry gave the
// document (optional, at most MaxOwnNumber characters). When it is the last party to
// confirm, the agreement is agreed.
func (s *Store) ConfirmParty(ctx context.Context, actor Actor, agreementID, partyID uint, hash, ownNumber, note string) error {
	return s.decide(ctx, actor, agreementID, partyID, hash, SignOffConfirmed, ownNumber, note)
}

// DeclineParty records a delegate's refusal, for their own region's party, of the version
// with the given hash; the reason is required and shown to officials. The agreement stays
// in review.
func (s *Store) DeclineParty(ctx context.Context, actor Actor, agreementID, partyID uint, hash, reason string) error {
	return s.decide(ctx, actor, agreementID, partyID, hash, SignOffDeclined, "", reason)
}

// decide records a delegate's answer. It is the portal's hottest write: every delegate's
// confirmation takes the single writer's turn (SQLite) or the agreement's row lock
// (PostgreSQL) for as long as it runs, so it runs few statements and no more than it needs
// of each: the agreement's few fields the rules and the log look at, its parties' status
// with the version's hash in the same query, an insert of the sign-off, an update of the
// party's answer columns and one of the agreement (its revision, and its status when the
// answer was the last one needed), and the log's entries in one insert.
func (s *Store) decide(ctx context.Context, actor Actor, agreementID, partyID uint, hash string, decision SignOff, ownNumber, note string) error {
	err := s.write(ctx, func(tx *Store) error {
		// Only the parties: the content is frozen in the version, whose hash stands for it.
		a, err := tx.loadForAnswer(agreementID)
		if err != nil {
			return err
		}
		if a.ID == 0 {
			return ErrForbidden // say nothing of agreements the delegate has no part in
		}
		i := slices.IndexFunc(a.Parties, func(p Party) bool { return p.ID == partyID })
		if i < 0 || !actor.delegateOf(a.Parties[i].RegionCode) {
			return ErrForbidden
		}
		party := &a.Parties[i]
		if a.Status != StatusInReview || a.CurrentVersionID == nil {
			return ErrNotInReview
		}
		if !a.versionFound {
			return fmt.Errorf("version %d: %w", *a.CurrentVersionID, gorm.ErrRecordNotFound)
		}
		if hash != a.versionHash {
			return ErrStaleVersion
		}
		if decision == SignOffDeclined && strings.TrimSpace(note) == "" {
			return Invalid("reason", "error.reason_required")
		}
		ownNumber = strings.TrimSpace(ownNumber)
		if len([]rune(ownNumber)) > MaxOwnNumber {
			return Invalid("own_number", "error.too_long")
		}
		// An agreement in review is on no public page.
		tx.effects.private = true
		before := stateOf(&a.Agreement, hash)
		now := tx.Now()
		rec := SignOffRecord{
			AgreementID: agreementID, PartyID: partyID, RegionCode: party.RegionCode, VersionID: *a.CurrentVersionID, Decision: decision,
			DecidedAt: now, Note: strings.TrimSpace(note), ContentHash: hash, OwnNumber: ownNumber,
			ActorID: &actor.User.ID, ActorName: actor.User.Name, IP: actor.IP, UserAgent: actor.UserAgent,
		}
		if err := tx.insertSignOff(&rec); err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return ErrAlreadyDecided
			}
			return err
		}
		confirmedHash := ""
		if decision == SignOffConfirmed {
			confirmedHash = hash
		}
		// The answer's columns only: the party's other columns are what the search index
		// and the register's summaries read, and their triggers look for changes there.
		if err := tx.w.Exec("UPDATE parties SET status = ?, decided_at = ?, decided_by_id = ?, note = ?, confirmed_hash = ?, own_number = ? WHERE id = ?",
			decision, now, actor.User.ID, rec.Note, confirmedHash, ownNumber, partyID).Error; err != nil {
			return err
		}
		party.Status = decision
		action := "party.confirm"
		if decision == SignOffDeclined {
			action = "party.decline"
		}
		steps := []auditStep{{action: action, objectType: "agreement", objectID: agreementID, region: party.RegionCode, before: before, after: stateOf(&a.Agreement, hash), note: rec.Note}}
		agreed := decision == SignOffConfirmed && a.ConfirmedParties() == len(a.Parties)
		// The official's page of it is now out of date: a step taken from it is refused.
		// When this was the last confirmation wanted, the same statement makes it agreed.
		if agreed {
			before = stateOf(&a.Agreement, hash)
			a.Status = StatusAgreed
			steps = append(steps, auditStep{action: "agreement.agreed", objectType: "agreement", objectID: agreementID, before: before, after: stateOf(&a.Agreement, hash)})
			err = tx.w.Exec("UPDATE agreements SET revision = revision + 1, status = ?, updated_at = ? WHERE id = ?", StatusAgreed, tx.w.NowFunc(), agreementID).Error
		} else {
			err = tx.bumpRevision(&Agreement{}, "id = ?", agreementID)
		}
		if err != nil {
			return err
		}
		if err := tx.audit(actor, steps...); err != nil {
			return err
		}
		if decision == SignOffDeclined {
			params := agreementParams(&a.Agreement)
			params.RegionCode, params.Reason = party.RegionCode, rec.Note
			if params.RegionName, err = tx.regionName(party.RegionCode); err != nil {
				return err
			}
			return tx.notifyStaff(NotifyDeclined, fmt.Sprintf("party.declined:%d", rec.ID), params)
		}
		if !agreed {
			return nil
		}
		params := agreementParams(&a.Agreement)
		params.ContentHash = hash
		return tx.notifyStaff(NotifyAgreed, fmt.Sprintf("agreement.agreed:%d:v%d", agreementID, *a.CurrentVersionID), params)
	})
	if err != nil {
		return fmt.Errorf("models: %s party %d: %w", decision, partyID, err)
	}
	return nil
}

// answered is what an answer reads of its agreement: the fields the rules, the log and the
// notifications look at, its parties' status, and the content hash of the version the
// parties are answering.
type answered struct {
	Agreement
	versionHash  string
	versionFound bool // the current version's row was read
}

// loadForAnswer reads, for a party's answer, an agreement locked until the transaction
// ends (its ID is 0 when there is none), and then its parties and the hash of its current
// version: two queries, scanned by hand. The second query comes after the lock, so that on
// PostgreSQL it sees whatever the transaction it waited for committed.
func (tx *Store) loadForAnswer(id uint) (*answered, error) {
	a := &answered{}
	rows, err := forUpdate(tx.db.Model(&Agreement{}).Select("id, number, title, short_title, status, published, current_version_id").
		Where("id = ?", id).Limit(1)).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if rows.Next() {
		if err := rows.Scan(&a.ID, &a.Number, &a.Title, &a.ShortTitle, &a.Status, &a.Published, &a.CurrentVersionID); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	_ = rows.Close()
	if a.ID == 0 {
		return a, nil
	}
	var version uint // none: the subquery finds no row
	if a.CurrentVersionID != nil {
		version = *a.CurrentVersionID
	}
	// The order of the parties matters to nothing here (the log's states are maps), so
	// the query asks for none.
	prows, err := tx.db.Raw("SELECT id, region_code, status, (SELECT content_hash FROM agreement_versions WHERE id = ?) "+
		"FROM parties WHERE agreement_id = ?", version, id).Rows()
	if err != nil {
		return nil, err
	}
	defer prows.Close()
	for prows.Next() {
		p := Party{AgreementID: id}
		var hash sql.NullString
		if err := prows.Scan(&p.ID, &p.RegionCode, &p.Status, &hash); err != nil {
			return nil, err
		}
		a.versionHash, a.versionFound = hash.String, hash.Valid
		a.Parties = append(a.Parties, p)
	}
	return a, prows.Err()
}

// insertSignOff appends an answer to the record of answers. A decline's ID names its
// notification, so it is read back; a confirmation's is not needed, and an insert that
// returns nothing is the cheaper statement.
func (tx *Store) insertSignOff(rec *SignOffRecord) error {
	if rec.Decision == SignOffDeclined {
		return tx.w.Create(rec).Error
	}
	return tx.w.Exec("INSERT INTO sign_offs (agreement_id, party_id, region_code, version_id, decision, decided_at, note, content_hash, own_number, actor_id, actor_name, ip, user_agent) "+
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		rec.AgreementID, rec.PartyID, rec.RegionCode, rec.VersionID, rec.Decision, rec.DecidedAt, rec.Note, rec.ContentHash, rec.OwnNumber,
		rec.ActorID, rec.ActorName, rec.IP, rec.UserAgent).Error
}
