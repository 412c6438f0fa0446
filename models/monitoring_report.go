package models

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Realisation reports: the delegate of the region responsible for an activity (or an
// official) reports what happened; an official accepts the report, which then counts in
// the public figures, or returns it with a note, and the reporter corrects and submits it
// again. Each step is one transaction with its audit entry.

// AttendanceInput is one region's participants in a training report.
type AttendanceInput struct {
	RegionCode string
	Enrolled   int
	Completed  int
}

// ReportInput is a report as its form gives it. Which fields count depends on the
// activity's kind: supply (commodity, quantity, unit, from, destination), training (title,
// attendance), exchange (title, place, participants), milestone (the note alone).
type ReportInput struct {
	PeriodStart, PeriodEnd time.Time
	Commodity              string
	// QuantityText is the quantity as typed, read with the language's decimal separator.
	QuantityText   string
	DecimalComma   bool
	Unit           Unit
	FromRegionCode string
	Destination    string
	Title          string
	Place          string
	Participants   int
	Attendance     []AttendanceInput
	Note           string
	// Revision is the report's revision the form was loaded at, when correcting one.
	Revision uint64
}

// Limits of a report's fields.
const (
	MaxReportText     = 200  // destination, title, place
	MaxReportNote     = 4000 // the reporter's account, the reviewer's note
	MaxAttendanceRows = 40
	MaxParticipants   = 100_000
)

// checkReport validates a report for its activity and agreement as of today and returns
// the row to write (without its identity and state) and its attendance. A unit or a
// commodity that is not the activity's is a validation error that is also ErrUnitMismatch.
func (tx *Store) checkReport(in ReportInput, act *Activity, a *Agreement, today time.Time) (ActivityReport, []ReportParticipant, error) {
	v := &ValidationError{}
	r := ActivityReport{
		ActivityID: act.ID, AgreementID: act.AgreementID, Kind: act.Kind, RegionCode: act.RegionCode,
		PeriodStart: in.PeriodStart, PeriodEnd: in.PeriodEnd, Note: strings.TrimSpace(in.Note), Unit: act.Unit,
	}
	switch {
	case r.PeriodStart.IsZero():
		v.Add("period_start", "error.date_required")
	case r.PeriodStart.Before(a.StartDate):
		v.Add("period_start", "error.period_before_term")
	}
	switch {
	case r.PeriodEnd.IsZero():
		v.Add("period_end", "error.date_required")
	case !r.PeriodStart.IsZero() && r.PeriodEnd.Before(r.PeriodStart):
		v.Add("period_end", "error.date_order")
	case r.PeriodEnd.After(today):
		v.Add("period_end", "error.date_future")
	}
	r.PeriodMonth = periodMonth(r.PeriodStart)
	text := func(field, value string, required bool) string {
		value = strings.TrimSpace(value)
		switch n := utf8.RuneCountInString(value); {
		case n == 0 && required:
			v.Add(field, "error.required")
		case n > MaxReportText:
			v.Add(field, "error.too_long")
		}
		return value
	}
	mismatch := false
	var attendance []ReportParticipant
	switch act.Kind {
	case KindSupply:
		r.Commodity = in.Commodity
		if in.Commodity != act.Commodity {
			v.Add("commodity", "error.commodity_mismatch")
			mismatch = true
		}
		if in.Unit != act.Unit {
			v.Add("unit", "error.unit_mismatch")
			mismatch = true
		}
		if q, ok := ParseQuantity(in.QuantityText, in.DecimalComma); !ok || q <= 0 {
			v.Add("quantity", "error.quantity")
		} else {
			r.Quantity = q
		}
		from := in.FromRegionCode
		if from == "" {
			from = act.RegionCode
		}
		var n int64
		if err := tx.db.Model(&Region{}).Where("code = ?", from).Count(&n).Error; err != nil {
			return r, nil, err
		}
		if n == 0 {
			v.Add("from_region", "error.unknown_region")
		}
		r.FromRegionCode = &from
		r.Destination = text("destination", in.Destination, true)
	case KindTraining:
		r.Title = text("title", in.Title, true)
		if len(in.Attendance) == 0 {
			v.Add("attendance", "error.attendance_required")
		}
		if len(in.Attendance) > MaxAttendanceRows {
			v.Add("attendance", "error.too_many_rows")
		}
		seen := map[string]bool{}
		var codes []string
		total := 0
		for _, row := range in.Attendance {
			switch {
			case seen[row.RegionCode]:
				v.Add("attendance", "error.attendance_twice")
			case row.Enrolled <= 0 || row.Enrolled > MaxParticipants || row.Completed < 0 || row.Completed > row.Enrolled:
				v.Add("attendance", "error.attendance_counts")
			}
			seen[row.RegionCode] = true
			codes = append(codes, row.RegionCode)
			total += max(row.Completed, 0)
			attendance = append(attendance, ReportParticipant{RegionCode: row.RegionCode, Enrolled: row.Enrolled, Completed: row.Completed})
		}
		if len(codes) > 0 {
			var n int64
			if err := tx.db.Model(&Region{}).Where("code IN ?", codes).Count(&n).Error; err != nil {
				return r, nil, err
			}
			if int(n) != len(seen) {
				v.Add("attendance", "error.unknown_region")
			}
		}
		r.Quantity = Quantity(total) * QuantityScale
	case KindExchange:
		r.Title = text("title", in.Title, true)
		r.Place = text("place", in.Place, true)
		if in.Participants < 0 || in.Participants > MaxParticipants {
			v.Add("participants", "error.participants")
		}
		r.Participants = in.Participants
		r.Quantity = QuantityScale // one exchange held
	case KindMilestone:
		if r.Note == "" {
			v.Add("note", "error.required")
		}
	}
	if utf8.RuneCountInString(r.Note) > MaxReportNote {
		v.Add("note", "error.too_long")
	}
	if err := v.Err(); err != nil {
		if mismatch {
			return r, nil, fmt.Errorf("%w: %w", ErrUnitMismatch, err)
		}
		return r, nil, err
	}
	return r, attendance, nil
}

// SubmitReport records a new realisation report on an activity (reportID 0), or submits a
// returned (or not yet reviewed) one again, corrected; it returns the report's ID. Staff,
// or the delegate of the activity's region; the agreement must be signed and in force
// (not terminated) and the activity not cancelled.
func (s *Store) SubmitReport(ctx context.Context, actor Actor, activityID, reportID uint, in ReportInput) (uint, error) {
	requested := reportID
	err := s.write(ctx, func(tx *Store) error {
		reportID = requested // a retried transaction starts again from the caller's id (engine_errors.go)
		var act Activity
		if err := tx.db.Where("id = ?", activityID).Limit(1).Find(&act).Error; err != nil {
			return err
		}
		if act.ID == 0 || !mayReportOn(actor, &act) {
			if act.ID != 0 && !actor.Anonymous() {
				return ErrForbidden
			}
			return ErrNotFound
		}
		a, err := tx.signedAgreement(act.AgreementID)
		if err != nil {
			return err
		}
		if !act.TakesReports(a) {
			return ErrNotReportable
		}
		r, attendance, err := tx.checkReport(in, &act, a, tx.Today())
		if err != nil {
			return err
		}
		now := tx.Now()
		r.State, r.SubmittedAt = ReportSubmitted, now
		if u := actor.User; u != nil {
			r.SubmittedBy = &u.ID
		}
		var before *ActivityReport
		if reportID == 0 {
			if err := tx.w.Omit("Attendance", "FromRegion").Create(&r).Error; err != nil {
				return err
			}
			reportID = r.ID
		} else {
			cur, err := tx.reportRow(reportID)
			if err != nil {
				return err
			}
			if cur.ActivityID != activityID {
				return ErrNotFound
			}
			if cur.State == ReportAccepted {
				return ErrReportDecided
			}
			before = &cur
			if err := tx.claimRevision(&ActivityReport{}, in.Revision, "id = ?", reportID); err != nil {
				return err
			}
			err = tx.w.Model(&ActivityReport{ID: reportID}).Select("state", "period_start", "period_end", "period_month", "commodity", "quantity", "unit",
				"from_region_code", "destination", "title", "place", "participants", "note", "review_note", "submitted_by", "submitted_at", "reviewed_by", "reviewed_at").
				Updates(map[string]any{
					"state": r.State, "period_start": r.PeriodStart, "period_end": r.PeriodEnd, "period_month": r.PeriodMonth,
					"commodity": r.Commodity, "quantity": r.Quantity, "unit": r.Unit, "from_region_code": r.FromRegionCode,
					"destination": r.Destination, "title": r.Title, "place": r.Place, "participants": r.Participants,
					"note": r.Note, "review_note": "", "submitted_by": r.SubmittedBy, "submitted_at": r.SubmittedAt,
					"reviewed_by": nil, "reviewed_at": nil,
				}).Error
			if err != nil {
				return err
			}
			if err := tx.w.Where("report_id = ?", reportID).Delete(&ReportParticipant{}).Error; err != nil {
				return err
			}
		}
		for i := range attendance {
			attendance[i].ReportID = reportID
		}
		if len(attendance) > 0 {
			if err := tx.w.Omit("Region").Create(&attendance).Error; err != nil {
				return err
			}
		}
		r.ID, r.Attendance = reportID, attendance
		action := "report.submit"
		if before != nil {
			action = "report.resubmit"
		}
		if err := tx.notifyReportSubmitted(actor, &r, &act, a, before != nil); err != nil {
			return err
		}
		return tx.audit(actor, auditStep{action: action, objectType: "activity", objectID: act.ID, region: act.RegionCode, before: reportState(before), after: reportState(&r)})
	})
	if err != nil {
		return 0, wrapMonitoring("submit report", err)
	}
	return reportID, nil
}

// reportRow reads a report, or ErrNotFound.
func (tx *Store) reportRow(id uint) (ActivityReport, error) {
	var r ActivityReport
	if err := tx.db.Preload("Attendance").Where("id = ?", id).Limit(1).Find(&r).Error; err != nil {
		return r, err
	}
	if r.ID == 0 {
		return r, ErrNotFound
	}
	return r, nil
}

// AcceptReport accepts a submitted report: from now on it counts in the activity's progress
// and the public figures. A planned activity becomes in progress; a milestone, or an
// activity whose accepted total reaches its target, becomes done. Officials only.
func (s *Store) AcceptReport(ctx context.Context, actor Actor, reportID uint, seen uint64) error {
	return s.reviewReport(ctx, actor, reportID, seen, ReportAccepted, "")
}

// ReturnReport sends a submitted report back to its reporter with a note saying what to
// correct; it does not count until submitted again and accepted. Officials only.
func (s *Store) ReturnReport(ctx context.Context, actor Actor, reportID uint, seen uint64, note string) error {
	return s.reviewReport(ctx, actor, reportID, seen, ReportReturned, note)
}

func (s *Store) reviewReport(ctx context.Context, actor Actor, reportID uint, seen uint64, to ReportState, note string) error {
	action := map[ReportState]string{ReportAccepted: "report.accept", ReportReturned: "report.return"}[to]
	if !actor.IsStaff() {
		return wrapMonitoring(action, ErrForbidden)
	}
	note = strings.TrimSpace(note)
	if to == ReportReturned {
		switch n := utf8.RuneCountInString(note); {
		case n == 0:
			return wrapMonitoring(action, Invalid("review_note", "error.required"))
		case n > MaxReportNote:
			return wrapMonitoring(action, Invalid("review_note", "error.too_long"))
		}
	}
	err := s.write(ctx, func(tx *Store) error {
		r, err := tx.reportRow(reportID)
		if err != nil {
			return err
		}
		if err := checkRevision(seen, r.Revision); err != nil {
			return err
		}
		if r.State != ReportSubmitted {
			return ErrReportDecided
		}
		before := r
		if err := tx.claimRevision(&ActivityReport{}, seen, "id = ? AND state = ?", reportID, ReportSubmitted); err != nil {
			return err
		}
		now := tx.Now()
		updates := map[string]any{"state": to, "review_note": note, "reviewed_at": now}
		if u := actor.User; u != nil {
			updates["reviewed_by"] = u.ID
		}
		if err := tx.w.Model(&ActivityReport{ID: reportID}).Updates(updates).Error; err != nil {
			return err
		}
		r.State, r.ReviewNote, r.ReviewedAt = to, note, &now
		if to == ReportAccepted {
			if err := tx.advanceActivity(r.ActivityID); err != nil {
				return err
			}
		}
		if err := tx.notifyReportReviewed(&r); err != nil {
			return err
		}
		return tx.audit(actor, auditStep{action: action, objectType: "activity", objectID: r.ActivityID, region: r.RegionCode, before: reportState(&before), after: reportState(&r), note: note})
	})
	return wrapMonitoringErr(action, err)
}

// advanceActivity moves an activity on after a report of it is accepted.
func (tx *Store) advanceActivity(id uint) error {
	var act Activity
	if err := tx.db.Where("id = ?", id).Limit(1).Find(&act).Error; err != nil {
		return err
	}
	to := act.Status
	if to == ActivityPlanned {
		to = ActivityInProgress
	}
	if act.Status.Open() {
		var total Quantity
		if err := tx.db.Model(&ActivityReport{}).Select("COALESCE(SUM(quantity), 0)").Where("activity_id = ? AND state = ?", id, ReportAccepted).Scan(&total).Error; err != nil {
			return err
		}
		if act.Kind == KindMilestone || (act.Target > 0 && total >= act.Target) {
			to = ActivityDone
		}
	}
	if to == act.Status {
		return nil
	}
	return tx.w.Model(&Activity{}).Where("id = ?", id).Updates(map[string]any{"status": to, "revision": gorm.Expr("revision + 1")}).Error
}

// reportState is what the audit log keeps of a report.
func reportState(r *ActivityReport) any {
	if r == nil {
		return nil
	}
	m := map[string]any{
		"report_id": r.ID, "activity_id": r.ActivityID, "state": r.State,
		"period":   r.PeriodStart.Format(time.DateOnly) + "/" + r.PeriodEnd.Format(time.DateOnly),
		"quantity": r.Quantity, "unit": r.Unit, "note": r.Note,
	}
	for k, v := range map[string]string{"commodity": r.Commodity, "destination": r.Destination, "title": r.Title, "place": r.Place, "review_note": r.ReviewNote} {
		if v != "" {
			m[k] = v
		}
	}
	if r.FromRegionCode != nil {
		m["from_region"] = *r.FromRegionCode
	}
	if r.Kind == KindExchange {
		m["participants"] = r.Participants
	}
	if len(r.Attendance) > 0 {
		rows := map[string]any{}
		for _, p := range r.Attendance {
			rows[p.RegionCode] = fmt.Sprintf("%d/%d", p.Completed, p.Enrolled)
		}
		m["attendance"] = rows
	}
	return m
}

// ReportFor returns a report with its attendance and activity, as the actor may see it:
// staff any; the delegate of the activity's region theirs; anyone an accepted report of a
// published agreement. Anything else is ErrNotFound.
func (s *Store) ReportFor(ctx context.Context, actor Actor, id uint) (ActivityReport, Activity, error) {
	var r ActivityReport
	if err := s.db.WithContext(ctx).Preload("Attendance", func(db *gorm.DB) *gorm.DB { return db.Order("region_code") }).Preload("Attendance.Region").Preload("FromRegion").
		Where("id = ?", id).Limit(1).Find(&r).Error; err != nil {
		return r, Activity{}, wrapMonitoring("report", err)
	}
	var act Activity
	if r.ID != 0 {
		if err := s.db.WithContext(ctx).Preload("Region").Where("id = ?", r.ActivityID).Limit(1).Find(&act).Error; err != nil {
			return r, act, wrapMonitoring("report", err)
		}
	}
	if r.ID == 0 || !s.mayReadReport(ctx, actor, &r, &act) {
		return ActivityReport{}, Activity{}, wrapMonitoring("report", ErrNotFound)
	}
	return r, act, nil
}

// mayReadReport says who reads a report: staff, the delegate of its region, and anyone
// once it is accepted and its agreement published.
func (s *Store) mayReadReport(ctx context.Context, actor Actor, r *ActivityReport, act *Activity) bool {
	if mayReportOn(actor, act) {
		return true
	}
	if r.State != ReportAccepted {
		return false
	}
	var n int64
	err := s.db.WithContext(ctx).Model(&Agreement{}).Where("id = ? AND published = ?", r.AgreementID, true).Count(&n).Error
	return err == nil && n > 0
}

// ReportsOf lists an activity's reports the actor may see, newest period first: all for
// staff and the region's delegate, the accepted ones for everyone else.
func (s *Store) ReportsOf(ctx context.Context, actor Actor, act *Activity) ([]ActivityReport, error) {
	q := s.db.WithContext(ctx).Preload("Attendance").Preload("FromRegion").Where("activity_id = ?", act.ID)
	if !mayReportOn(actor, act) {
		q = q.Where("state = ?", ReportAccepted)
	}
	var out []ActivityReport
	if err := q.Order("period_start DESC, id DESC").Find(&out).Error; err != nil {
		return nil, wrapMonitoring("reports", err)
	}
	return out, nil
}

// validReportStates are the states a report can be filtered by.
var validReportStates = []ReportState{ReportSubmitted, ReportAccepted, ReportReturned}

// ValidReportState reports whether s names a report state.
func ValidReportState(s ReportState) bool { return slices.Contains(validReportStates, s) }
