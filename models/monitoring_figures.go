package models

import (
	"context"
	"slices"
	"time"
)

// What the monitoring pages read: an agreement's progress, the programme's figures, and
// the officials' and delegates' work lists. Only accepted reports of published agreements
// count publicly; sums are grouped by unit (and commodity) and never add one to another.

// ActivityProgress is an activity with what its accepted reports add up to.
type ActivityProgress struct {
	Activity
	Accepted        Quantity   // the accepted reports' total, in the activity's unit
	AcceptedReports int        // how many reports were accepted
	LastReported    *time.Time // the end of the latest accepted report's period
	Waiting         int        // reports waiting for review (staff and the region's delegate only)
	Returned        int        // reports returned to the reporter (likewise)
}

// Percent is the accepted share of the target, 0–100 (capped), for a bar; 0 without a target.
func (p *ActivityProgress) Percent() int {
	if p.Target <= 0 {
		return 0
	}
	return int(min(100, p.Accepted*100/p.Target))
}

// ProgressTotal is the plan's total for one kind of quantity: the targets and accepted
// realisations of every activity (not cancelled) with that kind, commodity and unit.
type ProgressTotal struct {
	Kind       ActivityKind
	Commodity  string
	Unit       Unit
	Target     Quantity
	Accepted   Quantity
	Activities int
}

// AgreementProgress is an agreement's plan and how far it has come.
type AgreementProgress struct {
	Activities []ActivityProgress
	Totals     []ProgressTotal
	// LastReported is the end of the latest accepted report's period, if any.
	LastReported *time.Time
}

// ProgressOf reads an agreement's plan with its accepted totals, for an actor who may read
// the agreement; the counts of reports waiting or returned only for those who may see them.
// The public sees the plan of a published agreement.
func (s *Store) ProgressOf(ctx context.Context, actor Actor, agreementID uint) (AgreementProgress, error) {
	var a Agreement
	if err := s.db.WithContext(ctx).Preload("Parties").Where("id = ?", agreementID).Limit(1).Find(&a).Error; err != nil {
		return AgreementProgress{}, wrapMonitoring("progress", err)
	}
	if a.ID == 0 {
		return AgreementProgress{}, wrapMonitoring("progress", ErrNotFound)
	}
	return s.Progress(ctx, actor, &a)
}

// Progress is ProgressOf for an agreement already read with its parties (an agreement
// page has it): two queries, one when it has no plan.
func (s *Store) Progress(ctx context.Context, actor Actor, a *Agreement) (AgreementProgress, error) {
	var p AgreementProgress
	if !mayRead(actor, a) {
		return p, wrapMonitoring("progress", ErrNotFound)
	}
	agreementID := a.ID
	var acts []Activity
	if err := s.db.WithContext(ctx).Preload("Region").Where("agreement_id = ?", agreementID).Order("position, id").Find(&acts).Error; err != nil {
		return p, wrapMonitoring("progress", err)
	}
	if len(acts) == 0 {
		return p, nil
	}
	var sums []struct {
		ActivityID uint
		State      ReportState
		Total      Quantity
		Reports    int
		LastEnd    string // read as text: SQLite returns an aggregate's time as a string
	}
	err := s.db.WithContext(ctx).Model(&ActivityReport{}).
		Select("activity_id, state, COALESCE(SUM(quantity), 0) AS total, COUNT(*) AS reports, MAX(period_end) AS last_end").
		Where("agreement_id = ?", agreementID).Group("activity_id, state").Scan(&sums).Error
	if err != nil {
		return p, wrapMonitoring("progress", err)
	}
	for _, act := range acts {
		ap := ActivityProgress{Activity: act}
		inside := mayReportOn(actor, &act)
		for _, sm := range sums {
			if sm.ActivityID != act.ID {
				continue
			}
			switch sm.State {
			case ReportAccepted:
				ap.Accepted, ap.AcceptedReports = sm.Total, sm.Reports
				if t, ok := parseDBTime(sm.LastEnd); ok {
					ap.LastReported = &t
					if p.LastReported == nil || t.After(*p.LastReported) {
						p.LastReported = &t
					}
				}
			case ReportSubmitted:
				if inside {
					ap.Waiting = sm.Reports
				}
			case ReportReturned:
				if inside {
					ap.Returned = sm.Reports
				}
			}
		}
		p.Activities = append(p.Activities, ap)
		if act.Status == ActivityCancelled || act.Kind == KindMilestone {
			continue
		}
		i := slices.IndexFunc(p.Totals, func(t ProgressTotal) bool {
			return t.Kind == act.Kind && t.Commodity == act.Commodity && t.Unit == act.Unit
		})
		if i < 0 {
			p.Totals = append(p.Totals, ProgressTotal{Kind: act.Kind, Commodity: act.Commodity, Unit: act.Unit})
			i = len(p.Totals) - 1
		}
		p.Totals[i].Target += act.Target
		p.Totals[i].Accepted += ap.Accepted
		p.Totals[i].Activities++
	}
	return p, nil
}

// parseDBTime reads a time an aggregate returned: a time.Time from PostgreSQL, text from
// SQLite, in the layouts its driver writes.
func parseDBTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// SupplyFigure is the food one region supplied in one month: a commodity, in one unit.
type SupplyFigure struct {
	Month          string // YYYY-MM
	Commodity      string
	FromRegionCode string
	FromRegionName string
	Unit           Unit
	Quantity       Quantity
}

// TrainingFigure is the participants of one region in accepted BPSDM training reports.
type TrainingFigure struct {
	RegionCode string
	RegionName string
	Enrolled   int
	Completed  int
}

// ExchangeFigure is one exchange held, from an accepted report.
type ExchangeFigure struct {
	ReportID       uint
	Start, End     time.Time
	Title          string
	Place          string
	Participants   int
	AgreementID    uint
	Number         string
	ShortTitle     string
	AgreementTitle string
}

// MonitoringFigures are the programme's public figures, from accepted reports of published
// agreements.
type MonitoringFigures struct {
	Supply    []SupplyFigure   // by month, then commodity, then region
	Training  []TrainingFigure // most completed first
	Exchanges []ExchangeFigure // newest first
}

// publishedAccepted narrows report queries to what counts publicly.
const publishedAccepted = "activity_reports.state = 'accepted' AND agreements.published = ?"

// Figures reads the programme's public figures, in three grouped queries.
func (s *Store) Figures(ctx context.Context) (MonitoringFigures, error) {
	var f MonitoringFigures
	db := s.db.WithContext(ctx)
	err := db.Table("activity_reports").
		Select("activity_reports.period_month AS month, activity_reports.commodity, activity_reports.from_region_code, regions.name AS from_region_name, activity_reports.unit, SUM(activity_reports.quantity) AS quantity").
		Joins("JOIN agreements ON agreements.id = activity_reports.agreement_id").
		Joins("JOIN regions ON regions.code = activity_reports.from_region_code").
		Where(publishedAccepted+" AND activity_reports.kind = ?", true, KindSupply).
		Group("activity_reports.period_month, activity_reports.commodity, activity_reports.from_region_code, regions.name, activity_reports.unit").
		Order("month, activity_reports.commodity, activity_reports.from_region_code, activity_reports.unit").Scan(&f.Supply).Error
	if err != nil {
		return f, wrapMonitoring("figures", err)
	}
	err = db.Table("report_participants").
		Select("report_participants.region_code, regions.name AS region_name, SUM(report_participants.enrolled) AS enrolled, SUM(report_participants.completed) AS completed").
		Joins("JOIN activity_reports ON activity_reports.id = report_participants.report_id").
		Joins("JOIN agreements ON agreements.id = activity_reports.agreement_id").
		Joins("JOIN regions ON regions.code = report_participants.region_code").
		Where(publishedAccepted+" AND activity_reports.kind = ?", true, KindTraining).
		Group("report_participants.region_code, regions.name").
		Order("completed DESC, report_participants.region_code").Scan(&f.Training).Error
	if err != nil {
		return f, wrapMonitoring("figures", err)
	}
	err = db.Table("activity_reports").
		Select("activity_reports.id AS report_id, activity_reports.period_start AS start, activity_reports.period_end AS end, activity_reports.title, activity_reports.place, activity_reports.participants, agreements.id AS agreement_id, agreements.number, agreements.short_title, agreements.title AS agreement_title").
		Joins("JOIN agreements ON agreements.id = activity_reports.agreement_id").
		Where(publishedAccepted+" AND activity_reports.kind = ?", true, KindExchange).
		Order("activity_reports.period_start DESC, activity_reports.id DESC").Scan(&f.Exchanges).Error
	if err != nil {
		return f, wrapMonitoring("figures", err)
	}
	return f, nil
}

// OverdueActivity is an open activity past its due date, with its agreement.
type OverdueActivity struct {
	Activity
	Number, ShortTitle, AgreementTitle string
}

// MonitoringQueue is what the officials' dashboard shows of the monitoring.
type MonitoringQueue struct {
	Overdue []OverdueActivity
	// Waiting are the reports waiting for review, oldest first; WaitingTotal counts them all.
	Waiting      []WaitingReport
	WaitingTotal int64
	// Silent are signed agreements with an open activity and no report for SilentAfter.
	Silent []SilentAgreement
}

// WaitingReport is a submitted report with its activity and agreement.
type WaitingReport struct {
	ReportID    uint
	SubmittedAt time.Time
	PeriodStart time.Time
	PeriodEnd   time.Time
	ActivityID  uint
	Activity    string
	RegionCode  string
	RegionName  string
	AgreementID uint
	Number      string
	ShortTitle  string
}

// SilentAgreement is a signed agreement whose plan has heard nothing for a while.
type SilentAgreement struct {
	ID         uint
	Number     string
	ShortTitle string
	Title      string
	LastReport *time.Time
}

// SilentAfter is how long without a report makes an agreement with open activities silent.
const SilentAfter = 90 * 24 * time.Hour

// MonitoringQueueFor reads the officials' monitoring work: overdue activities, reports to
// review and silent agreements, each list at most limit long. Staff only.
func (s *Store) MonitoringQueueFor(ctx context.Context, actor Actor, limit int) (MonitoringQueue, error) {
	var q MonitoringQueue
	if !actor.IsStaff() {
		return q, wrapMonitoring("monitoring queue", ErrForbidden)
	}
	db := s.db.WithContext(ctx)
	today := s.Today()
	err := db.Table("activities").Select("activities.*, agreements.number, agreements.short_title, agreements.title AS agreement_title").
		Joins("JOIN agreements ON agreements.id = activities.agreement_id").
		Where("activities.status IN ? AND activities.due_date < ? AND agreements.status = ?", []ActivityStatus{ActivityPlanned, ActivityInProgress}, today, StatusSigned).
		Order("activities.due_date, activities.id").Limit(limit).Scan(&q.Overdue).Error
	if err != nil {
		return q, wrapMonitoring("monitoring queue", err)
	}
	waiting := db.Table("activity_reports").Where("activity_reports.state = ?", ReportSubmitted)
	if err := waiting.Count(&q.WaitingTotal).Error; err != nil {
		return q, wrapMonitoring("monitoring queue", err)
	}
	err = db.Table("activity_reports").
		Select("activity_reports.id AS report_id, activity_reports.submitted_at, activity_reports.period_start, activity_reports.period_end, activities.id AS activity_id, activities.title AS activity, activity_reports.region_code, regions.name AS region_name, agreements.id AS agreement_id, agreements.number, agreements.short_title").
		Joins("JOIN activities ON activities.id = activity_reports.activity_id").
		Joins("JOIN agreements ON agreements.id = activity_reports.agreement_id").
		Joins("JOIN regions ON regions.code = activity_reports.region_code").
		Where("activity_reports.state = ?", ReportSubmitted).
		Order("activity_reports.submitted_at, activity_reports.id").Limit(limit).Scan(&q.Waiting).Error
	if err != nil {
		return q, wrapMonitoring("monitoring queue", err)
	}
	since := s.Now().Add(-SilentAfter)
	var silent []struct {
		ID         uint
		Number     string
		ShortTitle string
		Title      string
		LastReport string
	}
	err = db.Table("agreements").
		Select("agreements.id, agreements.number, agreements.short_title, agreements.title, MAX(activity_reports.submitted_at) AS last_report").
		Joins("LEFT JOIN activity_reports ON activity_reports.agreement_id = agreements.id").
		Where("agreements.status = ? AND agreements.signed_on < ?", StatusSigned, since).
		// From the open activities to their agreements: as EXISTS, SQLite walked every
		// signed agreement to test each (300 ms at ten times the register).
		Where("agreements.id IN (SELECT agreement_id FROM activities WHERE activities.status IN ?)", []ActivityStatus{ActivityPlanned, ActivityInProgress}).
		Group("agreements.id, agreements.number, agreements.short_title, agreements.title").
		Having("MAX(activity_reports.submitted_at) IS NULL OR MAX(activity_reports.submitted_at) < ?", since).
		Order("agreements.id").Limit(limit).Scan(&silent).Error
	if err != nil {
		return q, wrapMonitoring("monitoring queue", err)
	}
	for _, a := range silent {
		sa := SilentAgreement{ID: a.ID, Number: a.Number, ShortTitle: a.ShortTitle, Title: a.Title}
		if t, ok := parseDBTime(a.LastReport); ok {
			sa.LastReport = &t
		}
		q.Silent = append(q.Silent, sa)
	}
	return q, nil
}

// RegionActivity is an activity a delegate reports on, with its agreement and reports.
type RegionActivity struct {
	ActivityProgress
	Number, ShortTitle, AgreementTitle string
	// ReturnedReports are its reports sent back to the reporter, with the officials' notes.
	ReturnedReports []ActivityReport
}

// ActivitiesToReport lists the activities of signed agreements that the delegate's region
// is responsible for, open ones first by due date; staff get every region's. Each comes
// with its accepted total and its reports waiting or returned.
func (s *Store) ActivitiesToReport(ctx context.Context, actor Actor) ([]RegionActivity, error) {
	q := s.db.WithContext(ctx).Table("activities").Select("activities.*, agreements.number, agreements.short_title, agreements.title AS agreement_title").
		Joins("JOIN agreements ON agreements.id = activities.agreement_id").
		Where("agreements.status = ?", StatusSigned)
	switch {
	case actor.IsStaff():
	case actor.DelegateRegion() != "":
		q = q.Where("activities.region_code = ?", actor.DelegateRegion())
	default:
		return nil, wrapMonitoring("activities to report", ErrForbidden)
	}
	var rows []struct {
		Activity
		Number, ShortTitle, AgreementTitle string
	}
	if err := q.Order("CASE WHEN activities.status IN ('planned','in_progress') THEN 0 ELSE 1 END, activities.due_date, activities.id").Scan(&rows).Error; err != nil {
		return nil, wrapMonitoring("activities to report", err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]uint, len(rows))
	for i := range rows {
		ids[i] = rows[i].ID
	}
	var sums []struct {
		ActivityID uint
		State      ReportState
		Total      Quantity
		Reports    int
	}
	err := s.db.WithContext(ctx).Model(&ActivityReport{}).Select("activity_id, state, COALESCE(SUM(quantity), 0) AS total, COUNT(*) AS reports").
		Where("activity_id IN ?", ids).Group("activity_id, state").Scan(&sums).Error
	if err != nil {
		return nil, wrapMonitoring("activities to report", err)
	}
	// The regions' names and the returned reports, one query each for the whole list.
	codes := make([]string, len(rows))
	for i := range rows {
		codes[i] = rows[i].RegionCode
	}
	var regions []Region
	if err := s.db.WithContext(ctx).Select("code", "name").Where("code IN ?", codes).Find(&regions).Error; err != nil {
		return nil, wrapMonitoring("activities to report", err)
	}
	var returned []ActivityReport
	if err := s.db.WithContext(ctx).Where("activity_id IN ? AND state = ?", ids, ReportReturned).Order("period_start DESC, id DESC").Find(&returned).Error; err != nil {
		return nil, wrapMonitoring("activities to report", err)
	}
	out := make([]RegionActivity, len(rows))
	for i, r := range rows {
		out[i] = RegionActivity{ActivityProgress: ActivityProgress{Activity: r.Activity}, Number: r.Number, ShortTitle: r.ShortTitle, AgreementTitle: r.AgreementTitle}
		for _, g := range regions {
			if g.Code == r.RegionCode {
				out[i].Region = g
			}
		}
		for _, rep := range returned {
			if rep.ActivityID == r.ID {
				out[i].ReturnedReports = append(out[i].ReturnedReports, rep)
			}
		}
		for _, sm := range sums {
			if sm.ActivityID != r.ID {
				continue
			}
			switch sm.State {
			case ReportAccepted:
				out[i].Accepted, out[i].AcceptedReports = sm.Total, sm.Reports
			case ReportSubmitted:
				out[i].Waiting = sm.Reports
			case ReportReturned:
				out[i].Returned = sm.Reports
			}
		}
	}
	return out, nil
}
