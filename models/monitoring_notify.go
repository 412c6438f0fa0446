package models

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Notifications of implementation monitoring: the officials hear of every report submitted
// (or submitted again after a correction), the reporting region's delegates of a report
// returned with a note, and the delegates of a region are reminded of its open activities
// that fall due within two weeks or are overdue. The first two are queued in the
// transaction of the step, like every notification; the reminders by the mail loop's
// clock (QueueReminders), each activity at most once a week.

// The notifications of implementation monitoring.
const (
	NotifyReportSubmitted NotificationKind = "report.submitted" // the officials: a report waits for review
	NotifyReportReturned  NotificationKind = "report.returned"  // the reporting region's delegates: correct it, with the note
	NotifyActivityDue     NotificationKind = "activity.due"     // a region's delegates: an open activity is due soon or overdue
)

// ActivityDueWithin is how long before its due date an open activity's delegates are
// first reminded of it; ActivityDueEvery how often the reminder comes again while the
// activity stays open (overdue included).
const (
	ActivityDueWithin = 14 * 24 * time.Hour
	ActivityDueEvery  = 7 * 24 * time.Hour
)

// reportParams is what the notifications about a report say of it.
func reportParams(r *ActivityReport, activityTitle string, a *Agreement) NotificationParams {
	p := agreementParams(a)
	start, end := r.PeriodStart, r.PeriodEnd
	p.ReportID, p.ActivityID, p.Activity, p.RegionCode = r.ID, r.ActivityID, activityTitle, r.RegionCode
	p.PeriodStart, p.PeriodEnd = &start, &end
	return p
}

// notifyReportSubmitted tells the officials that a report waits for their review; the
// official who submitted it is not told of their own step. SubmitReport calls it in its
// transaction.
func (tx *Store) notifyReportSubmitted(actor Actor, r *ActivityReport, act *Activity, a *Agreement, resubmitted bool) error {
	to, err := tx.staffRecipients()
	if err != nil {
		return err
	}
	if u := actor.User; u != nil {
		to = slices.DeleteFunc(to, func(rc recipient) bool { return rc.ID == u.ID })
	}
	p := reportParams(r, act.Title, a)
	if p.RegionName, err = tx.regionName(r.RegionCode); err != nil {
		return err
	}
	p.Resubmitted = resubmitted
	key, err := tx.reportStepKey("report.submitted", r.ID)
	if err != nil {
		return err
	}
	return tx.notify(NotifyReportSubmitted, key, to, p)
}

// notifyReportReviewed tells the delegates of a returned report's region what to correct
// (the official's note); an acceptance tells no one. reviewReport calls it in its
// transaction, with the report as the review left it.
func (tx *Store) notifyReportReviewed(r *ActivityReport) error {
	if r.State != ReportReturned {
		return nil
	}
	var act Activity
	if err := tx.db.Select("id", "title").Where("id = ?", r.ActivityID).Limit(1).Find(&act).Error; err != nil {
		return err
	}
	var a Agreement
	if err := tx.db.Select("id", "number", "title", "short_title").Where("id = ?", r.AgreementID).Limit(1).Find(&a).Error; err != nil {
		return err
	}
	to, err := tx.delegatesOf(r.RegionCode)
	if err != nil {
		return err
	}
	p := reportParams(r, act.Title, &a)
	if p.RegionName, err = tx.regionName(r.RegionCode); err != nil {
		return err
	}
	p.Reason = r.ReviewNote
	key, err := tx.reportStepKey("report.returned", r.ID)
	if err != nil {
		return err
	}
	return tx.notify(NotifyReportReturned, key, to, p)
}

// reportStepKey names a step of a report by the revision the step left it at: each
// submission and each return is one revision.
func (tx *Store) reportStepKey(step string, id uint) (string, error) {
	var revs []uint64
	if err := tx.db.Model(&ActivityReport{}).Where("id = ?", id).Pluck("revision", &revs).Error; err != nil {
		return "", err
	}
	if len(revs) == 0 {
		return "", ErrNotFound
	}
	return fmt.Sprintf("%s:%d:r%d", step, id, revs[0]), nil
}

// dueActivityReminders are the reminders of open activities due now that were not queued
// before: every open activity of a signed agreement whose due date is at most
// ActivityDueWithin away (or past), with the delegates of its region. An activity's
// reminders are counted in steps of ActivityDueEvery from the first; each step is queued
// once (its key), and none within ActivityDueEvery of the activity's previous reminder,
// even when its due date has moved since.
func dueActivityReminders(db *gorm.DB, now, today time.Time) ([]dueNotice, error) {
	var open []struct {
		ID, AgreementID                    uint
		Title, RegionCode, RegionName      string
		DueDate                            time.Time
		Number, AgreementTitle, ShortTitle string
	}
	err := db.Table("activities").
		Select("activities.id, activities.agreement_id, activities.title, activities.region_code, regions.name AS region_name, activities.due_date, "+
			"agreements.number, agreements.title AS agreement_title, agreements.short_title").
		Joins("JOIN agreements ON agreements.id = activities.agreement_id").
		Joins("LEFT JOIN regions ON regions.code = activities.region_code").
		Where("agreements.status = ? AND activities.status IN ? AND activities.due_date <= ?",
			StatusSigned, []ActivityStatus{ActivityPlanned, ActivityInProgress}, today.Add(ActivityDueWithin)).
		Order("activities.id").Scan(&open).Error
	if err != nil || len(open) == 0 {
		return nil, err
	}
	keys := make([]string, len(open))
	for i, a := range open {
		step := int(today.Sub(a.DueDate.Add(-ActivityDueWithin)) / ActivityDueEvery)
		keys[i] = fmt.Sprintf("activity.due:%d:%s:%d", a.ID, a.DueDate.Format(time.DateOnly), step)
	}
	queued, err := queuedKeys(db, keys)
	if err != nil {
		return nil, err
	}
	// The activities reminded of within the last interval, whatever their key.
	var recent []string
	if err := db.Model(&OutboxMessage{}).Where("kind = ? AND created_at > ?", NotifyActivityDue, now.Add(-ActivityDueEvery)).
		Distinct("event_key").Pluck("event_key", &recent).Error; err != nil {
		return nil, err
	}
	reminded := map[string]bool{}
	for _, k := range recent {
		if parts := strings.SplitN(k, ":", 3); len(parts) == 3 {
			reminded[parts[1]] = true
		}
	}
	var regions []string
	for i, a := range open {
		if !queued[keys[i]] && !reminded[strconv.FormatUint(uint64(a.ID), 10)] {
			regions = append(regions, a.RegionCode)
		}
	}
	if len(regions) == 0 {
		return nil, nil
	}
	byRegion, err := delegatesByRegion(db, regions)
	if err != nil {
		return nil, err
	}
	var due []dueNotice
	for i, a := range open {
		to := byRegion[a.RegionCode]
		if queued[keys[i]] || reminded[strconv.FormatUint(uint64(a.ID), 10)] || len(to) == 0 {
			continue
		}
		params := agreementParams(&Agreement{ID: a.AgreementID, Number: a.Number, Title: a.AgreementTitle, ShortTitle: a.ShortTitle})
		dueOn := a.DueDate
		params.ActivityID, params.Activity, params.DueOn = a.ID, a.Title, &dueOn
		params.RegionCode, params.RegionName = a.RegionCode, cmp.Or(a.RegionName, a.RegionCode)
		params.DaysLeft, params.At = int(a.DueDate.Sub(today)/(24*time.Hour)), now
		due = append(due, dueNotice{key: keys[i], params: params, to: to})
	}
	return due, nil
}

// queueActivityReminders queues the due reminders of activities in QueueReminders' write
// transaction, and returns how many messages it added.
func (tx *Store) queueActivityReminders(due []dueNotice) (int, error) {
	queued := 0
	for _, d := range due {
		n, err := tx.notifyCounted(NotifyActivityDue, d.key, d.to, d.params)
		if err != nil {
			return queued, err
		}
		queued += n
	}
	return queued, nil
}
