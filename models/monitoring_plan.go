package models

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// An agreement's implementation plan: officials add, edit, cancel and remove activities.

// ActivityInput is an activity as the plan's form gives it.
type ActivityInput struct {
	Kind       ActivityKind
	Title      string
	Sector     string
	RegionCode string
	Commodity  string
	Unit       Unit
	// TargetText is the target as typed, read with the language's decimal separator.
	TargetText   string
	DecimalComma bool
	DueDate      time.Time
	Status       ActivityStatus
	CancelReason string
	// Revision is the activity's revision the form was loaded at (AnyRevision for a new one).
	Revision uint64
}

// Limits of the plan's text fields, in characters.
const (
	MaxActivityTitle = 200
	MaxReasonLength  = 1000
)

// signedAgreement loads an agreement with its parties and sectors, and refuses one whose
// implementation cannot be planned or reported on: not signed yet, or terminated.
func (tx *Store) signedAgreement(id uint) (*Agreement, error) {
	var a Agreement
	if err := tx.db.Preload("Parties").Preload("Sectors").Where("id = ?", id).Limit(1).Find(&a).Error; err != nil {
		return nil, err
	}
	if a.ID == 0 {
		return nil, ErrNotFound
	}
	if a.Status != StatusSigned {
		return &a, ErrNotReportable
	}
	return &a, nil
}

// checkActivity validates an activity against its agreement: the kind's unit, a sector of
// the agreement, a party responsible. locked says the activity already has reports, whose
// kind, unit and commodity it must keep.
func checkActivity(in ActivityInput, a *Agreement, locked *Activity) (Activity, *ValidationError) {
	v := &ValidationError{}
	act := Activity{
		Kind: in.Kind, Title: strings.TrimSpace(in.Title), Sector: in.Sector, RegionCode: in.RegionCode,
		Commodity: in.Commodity, Unit: in.Unit, DueDate: in.DueDate, Status: in.Status,
		CancelReason: strings.TrimSpace(in.CancelReason), AgreementID: a.ID,
	}
	if !slices.Contains(ActivityKinds, act.Kind) {
		v.Add("kind", "error.invalid_choice")
	}
	switch n := utf8.RuneCountInString(act.Title); {
	case n == 0:
		v.Add("title", "error.required")
	case n > MaxActivityTitle:
		v.Add("title", "error.too_long")
	}
	if !slices.ContainsFunc(a.Sectors, func(s AgreementSector) bool { return s.Sector == act.Sector }) {
		v.Add("sector", "error.activity_sector")
	}
	if !slices.ContainsFunc(a.Parties, func(p Party) bool { return p.RegionCode == act.RegionCode }) {
		v.Add("region", "error.not_a_party")
	}
	if act.Kind == KindSupply {
		if !ValidCommodity(act.Commodity) {
			v.Add("commodity", "error.required")
		}
	} else {
		act.Commodity = ""
	}
	units := UnitsFor(act.Kind)
	if len(units) == 1 {
		act.Unit = units[0]
	} else if !slices.Contains(units, act.Unit) {
		v.Add("unit", "error.invalid_choice")
	}
	if act.Kind == KindMilestone {
		act.Target = 0
	} else if q, ok := ParseQuantity(in.TargetText, in.DecimalComma); !ok || q <= 0 {
		v.Add("target", "error.quantity")
	} else {
		act.Target = q
	}
	if act.DueDate.IsZero() {
		v.Add("due_date", "error.date_required")
	} else if act.DueDate.Before(a.StartDate) || act.DueDate.After(a.EndDate) {
		v.Add("due_date", "error.due_outside_term")
	}
	if !slices.Contains(ActivityStatuses, act.Status) {
		v.Add("status", "error.invalid_choice")
	}
	switch n := utf8.RuneCountInString(act.CancelReason); {
	case act.Status == ActivityCancelled && n == 0:
		v.Add("cancel_reason", "error.required")
	case n > MaxReasonLength:
		v.Add("cancel_reason", "error.too_long")
	case act.Status != ActivityCancelled:
		act.CancelReason = ""
	}
	if locked != nil {
		if act.Kind != locked.Kind {
			v.Add("kind", "error.activity_has_reports")
		}
		if act.Unit != locked.Unit {
			v.Add("unit", "error.activity_has_reports")
		}
		if act.Commodity != locked.Commodity {
			v.Add("commodity", "error.activity_has_reports")
		}
		if act.RegionCode != locked.RegionCode {
			v.Add("region", "error.activity_has_reports")
		}
	}
	return act, v
}

// SaveActivity adds an activity to a signed agreement's plan (id 0) or changes one, and
// returns its ID. An activity with reports keeps its kind, unit, commodity and region, so
// that what was reported stays comparable. Officials only.
func (s *Store) SaveActivity(ctx context.Context, actor Actor, agreementID, id uint, in ActivityInput) (uint, error) {
	if !actor.IsStaff() {
		return 0, wrapMonitoring("save activity", ErrForbidden)
	}
	requested := id
	err := s.write(ctx, func(tx *Store) error {
		id = requested // a retried transaction starts again from the caller's id (engine_errors.go)
		a, err := tx.signedAgreement(agreementID)
		if err != nil {
			return err
		}
		var before *Activity
		if id != 0 {
			var cur Activity
			if err := tx.db.Where("id = ? AND agreement_id = ?", id, agreementID).Limit(1).Find(&cur).Error; err != nil {
				return err
			}
			if cur.ID == 0 {
				return ErrNotFound
			}
			// A copy older than the record is refused before its input is judged: the
			// form comes back with the record as it is now, not with errors on old input.
			if err := checkRevision(in.Revision, cur.Revision); err != nil {
				return err
			}
			before = &cur
		}
		var locked *Activity
		if before != nil {
			var n int64
			if err := tx.db.Model(&ActivityReport{}).Where("activity_id = ?", id).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				locked = before
			}
		}
		act, v := checkActivity(in, a, locked)
		if err := v.Err(); err != nil {
			return err
		}
		if before == nil {
			var last Activity
			if err := tx.db.Select("position").Where("agreement_id = ?", agreementID).Order("position DESC").Limit(1).Find(&last).Error; err != nil {
				return err
			}
			act.Position = last.Position + 1
			if err := tx.w.Create(&act).Error; err != nil {
				return err
			}
			id = act.ID
		} else {
			if err := tx.claimRevision(&Activity{}, in.Revision, "id = ?", id); err != nil {
				return err
			}
			err := tx.w.Model(&Activity{ID: id}).Select("kind", "title", "sector", "region_code", "commodity", "unit", "target", "due_date", "status", "cancel_reason").Updates(&act).Error
			if err != nil {
				return err
			}
			act.ID, act.Position = id, before.Position
		}
		action := "activity.create"
		if before != nil {
			action = "activity.update"
		}
		return tx.audit(actor, auditStep{action: action, objectType: "activity", objectID: id, region: act.RegionCode, before: activityState(before), after: activityState(&act), note: act.CancelReason})
	})
	if err != nil {
		return 0, wrapMonitoring("save activity", err)
	}
	return id, nil
}

// DeleteActivity removes an activity nobody has reported on (one with reports is
// cancelled instead, with a reason, so that its reports keep their meaning). Officials only.
func (s *Store) DeleteActivity(ctx context.Context, actor Actor, id uint, seen uint64) error {
	if !actor.IsStaff() {
		return wrapMonitoring("delete activity", ErrForbidden)
	}
	err := s.write(ctx, func(tx *Store) error {
		var act Activity
		if err := tx.db.Where("id = ?", id).Limit(1).Find(&act).Error; err != nil {
			return err
		}
		if act.ID == 0 {
			return ErrNotFound
		}
		if err := checkRevision(seen, act.Revision); err != nil {
			return err
		}
		var n int64
		if err := tx.db.Model(&ActivityReport{}).Where("activity_id = ?", id).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return ErrInUse
		}
		if err := tx.w.Where("id = ? AND revision = ?", id, act.Revision).Delete(&Activity{}).Error; err != nil {
			return err
		}
		return tx.audit(actor, auditStep{action: "activity.delete", objectType: "activity", objectID: id, region: act.RegionCode, before: activityState(&act)})
	})
	return wrapMonitoringErr("delete activity", err)
}

// activityState is what the audit log keeps of an activity.
func activityState(a *Activity) any {
	if a == nil {
		return nil
	}
	return map[string]any{
		"agreement_id": a.AgreementID, "kind": a.Kind, "title": a.Title, "sector": a.Sector, "region": a.RegionCode,
		"commodity": a.Commodity, "unit": a.Unit, "target": a.Target, "due_date": a.DueDate.Format(time.DateOnly),
		"status": a.Status, "cancel_reason": a.CancelReason,
	}
}

// wrapMonitoringErr wraps a non-nil error like wrapMonitoring.
func wrapMonitoringErr(action string, err error) error {
	if err == nil {
		return nil
	}
	return wrapMonitoring(action, err)
}

// ActivityFor returns an activity with its agreement, for the actor who may report on it or
// plan it: staff, or the delegate of its region. Anyone else gets ErrNotFound.
func (s *Store) ActivityFor(ctx context.Context, actor Actor, id uint) (Activity, Agreement, error) {
	var act Activity
	if err := s.db.WithContext(ctx).Preload("Region").Where("id = ?", id).Limit(1).Find(&act).Error; err != nil {
		return act, Agreement{}, wrapMonitoring("activity", err)
	}
	if act.ID == 0 || !mayReportOn(actor, &act) {
		return Activity{}, Agreement{}, wrapMonitoring("activity", ErrNotFound)
	}
	var a Agreement
	if err := s.db.WithContext(ctx).Preload("Parties.Region").Preload("Sectors").Where("id = ?", act.AgreementID).Limit(1).Find(&a).Error; err != nil {
		return act, a, wrapMonitoring("activity", err)
	}
	return act, a, nil
}
