package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

func TestParseQuantity(t *testing.T) {
	for _, tt := range []struct {
		in    string
		comma bool
		want  models.Quantity
		ok    bool
	}{
		{"12", true, 12000, true},
		{"12,5", true, 12500, true},
		{"1.250,75", true, 1250750, true},
		{"1.250", true, 1250000, true}, // Indonesian thousands
		{"1.250", false, 1250, true},   // English decimal
		{"1,250.5", false, 1250500, true},
		{"0,001", true, 1, true},
		{" 7 ", true, 7000, true},
		{"0,0001", true, 0, false}, // more than three decimals
		{"12,5,1", true, 0, false},
		{"1.25,0", true, 0, false}, // a thousands group of two
		{"-3", true, 0, false},
		{"3e2", true, 0, false},
		{"", true, 0, false},
		{",5", true, 0, false},
		{"1000000001", true, 0, false}, // over MaxQuantity
		{"satu", true, 0, false},
	} {
		got, ok := models.ParseQuantity(tt.in, tt.comma)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("ParseQuantity(%q, %v) = %d, %v; want %d, %v", tt.in, tt.comma, got, ok, tt.want, tt.ok)
		}
	}
}

// monitoringFixture is a published agreement between Jakarta and Kolaka with a supply
// activity (beef, tonnes) and a training activity, with their actors.
type monitoringFixture struct {
	s                         *models.Store
	agreement                 uint
	beef, training            uint
	official, admin           models.Actor
	kolaka, jakarta, pariaman models.Actor
}

func newMonitoringFixture(t *testing.T) monitoringFixture {
	t.Helper()
	s := modeltest.NewStore(t)
	modeltest.NewClock(s)
	f := monitoringFixture{s: s, official: modeltest.Official(t, s)}
	admin := modeltest.CreateUser(t, s, models.RoleAdmin, "")
	f.admin = modeltest.As(&admin)
	f.kolaka, f.jakarta, f.pariaman = modeltest.Delegate(t, s, "74.01"), modeltest.Delegate(t, s, models.JakartaCode), modeltest.Delegate(t, s, "13.77")
	f.agreement = modeltest.CreateAgreement(t, s, modeltest.Agreement{Partner: "74.01", Sectors: []string{"food", "civil_service_training"}, Signed: models.Date(2025, time.October, 3)})
	ctx := context.Background()
	var err error
	f.beef, err = s.SaveActivity(ctx, f.official, f.agreement, 0, models.ActivityInput{
		Kind: models.KindSupply, Title: "Pasokan daging sapi", Sector: "food", RegionCode: "74.01", Commodity: "beef",
		Unit: models.UnitTonne, TargetText: "100", DecimalComma: true, DueDate: models.Date(2027, time.June, 30), Status: models.ActivityPlanned,
	})
	if err != nil {
		t.Fatal(err)
	}
	f.training, err = s.SaveActivity(ctx, f.official, f.agreement, 0, models.ActivityInput{
		Kind: models.KindTraining, Title: "Pelatihan BPSDM", Sector: "civil_service_training", RegionCode: models.JakartaCode,
		TargetText: "40", DueDate: models.Date(2026, time.October, 31), Status: models.ActivityPlanned,
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func beefReport(month time.Month, quantity string) models.ReportInput {
	return models.ReportInput{
		PeriodStart: models.Date(2026, month, 1), PeriodEnd: models.Date(2026, month+1, 0), Commodity: "beef",
		QuantityText: quantity, DecimalComma: true, Unit: models.UnitTonne, Destination: "Perumda Dharma Jaya",
	}
}

// counts is what a refused action must leave as it was.
func counts(t *testing.T, s *models.Store) [3]int64 {
	t.Helper()
	db := modeltest.OpenSQL(t, modeltest.DSN(t, s))
	var c [3]int64
	for i, table := range []string{"activities", "activity_reports", "audit_entries"} {
		if err := db.QueryRow("SELECT count(*) FROM " + table).Scan(&c[i]); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// Only staff plan; the plan's rules are checked together, each by its field, and nothing
// is written when one fails.
func TestActivityPlanRules(t *testing.T) {
	f := newMonitoringFixture(t)
	ctx := context.Background()
	valid := models.ActivityInput{
		Kind: models.KindSupply, Title: "Pasokan ikan", Sector: "food", RegionCode: "74.01", Commodity: "fish",
		Unit: models.UnitTonne, TargetText: "12,5", DecimalComma: true, DueDate: models.Date(2026, time.December, 31), Status: models.ActivityPlanned,
	}
	for _, tt := range []struct {
		name  string
		actor models.Actor
		want  error
	}{
		{"visitor", models.Actor{}, models.ErrForbidden},
		{"the responsible region's delegate", f.kolaka, models.ErrForbidden},
		{"Jakarta's delegate", f.jakarta, models.ErrForbidden},
	} {
		if _, err := f.s.SaveActivity(ctx, tt.actor, f.agreement, 0, valid); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	for _, staff := range []models.Actor{f.official, f.admin} {
		if _, err := f.s.SaveActivity(ctx, staff, f.agreement, 0, valid); err != nil {
			t.Errorf("%s: %v", staff.User.Role, err)
		}
	}

	for _, tt := range []struct {
		name  string
		edit  func(*models.ActivityInput)
		field string
		code  string
	}{
		{"no title", func(in *models.ActivityInput) { in.Title = "  " }, "title", "error.required"},
		{"a sector the agreement lacks", func(in *models.ActivityInput) { in.Sector = "tourism" }, "sector", "error.activity_sector"},
		{"a region that is no party", func(in *models.ActivityInput) { in.RegionCode = "13.77" }, "region", "error.not_a_party"},
		{"no commodity for a supply", func(in *models.ActivityInput) { in.Commodity = "" }, "commodity", "error.required"},
		{"a unit a supply cannot count in", func(in *models.ActivityInput) { in.Unit = models.UnitParticipant }, "unit", "error.invalid_choice"},
		{"a target that is no number", func(in *models.ActivityInput) { in.TargetText = "banyak" }, "target", "error.quantity"},
		{"a target of zero", func(in *models.ActivityInput) { in.TargetText = "0" }, "target", "error.quantity"},
		{"due before the term", func(in *models.ActivityInput) { in.DueDate = models.Date(2025, time.January, 1) }, "due_date", "error.due_outside_term"},
		{"no due date", func(in *models.ActivityInput) { in.DueDate = time.Time{} }, "due_date", "error.date_required"},
		{"cancelled without a reason", func(in *models.ActivityInput) { in.Status = models.ActivityCancelled }, "cancel_reason", "error.required"},
		{"an unknown kind", func(in *models.ActivityInput) { in.Kind = "party" }, "kind", "error.invalid_choice"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := counts(t, f.s)
			in := valid
			tt.edit(&in)
			_, err := f.s.SaveActivity(ctx, f.official, f.agreement, 0, in)
			var v *models.ValidationError
			if !errors.As(err, &v) || v.For(tt.field) != tt.code {
				t.Fatalf("%v, want %s on %s", err, tt.code, tt.field)
			}
			if after := counts(t, f.s); after != before {
				t.Errorf("a refused plan wrote: %v then %v", before, after)
			}
		})
	}

	// A milestone has neither unit nor target; a training counts participants whatever the
	// form says.
	id, err := f.s.SaveActivity(ctx, f.official, f.agreement, 0, models.ActivityInput{Kind: models.KindMilestone, Title: "Kajian bersama", Sector: "food", RegionCode: "74.01", TargetText: "5", Unit: models.UnitTonne, DueDate: models.Date(2026, time.June, 30), Status: models.ActivityPlanned})
	if err != nil {
		t.Fatal(err)
	}
	act, _, err := f.s.ActivityFor(ctx, f.official, id)
	if err != nil || act.Unit != models.UnitNone || act.Target != 0 {
		t.Errorf("milestone: %+v, %v", act, err)
	}

	// Only a signed agreement takes a plan.
	for _, stage := range []modeltest.Stage{modeltest.Draft, modeltest.InReview, modeltest.Agreed} {
		other := modeltest.CreateAgreement(t, f.s, modeltest.Agreement{Partner: "74.01", Stage: stage})
		if _, err := f.s.SaveActivity(ctx, f.official, other, 0, valid); !errors.Is(err, models.ErrNotReportable) {
			t.Errorf("stage %d: %v", stage, err)
		}
	}
	if _, err := f.s.SaveActivity(ctx, f.official, 999999, 0, valid); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("no agreement: %v", err)
	}
}

// An edit made on a stale copy is refused; an activity with reports keeps its unit and
// commodity and cannot be removed, only cancelled with a reason.
func TestActivityEditsAndRemoval(t *testing.T) {
	f := newMonitoringFixture(t)
	ctx := context.Background()
	act, _, err := f.s.ActivityFor(ctx, f.official, f.beef)
	if err != nil {
		t.Fatal(err)
	}
	in := models.ActivityInput{Kind: act.Kind, Title: "Pasokan daging sapi beku", Sector: act.Sector, RegionCode: act.RegionCode, Commodity: act.Commodity,
		Unit: act.Unit, TargetText: "120", DecimalComma: true, DueDate: act.DueDate, Status: act.Status, Revision: act.Revision}
	if _, err := f.s.SaveActivity(ctx, f.official, f.agreement, f.beef, in); err != nil {
		t.Fatal(err)
	}
	in.Title = "A stale edit"
	if _, err := f.s.SaveActivity(ctx, f.official, f.agreement, f.beef, in); !errors.Is(err, models.ErrChanged) {
		t.Errorf("a stale edit: %v", err)
	}
	if err := f.s.DeleteActivity(ctx, f.official, f.beef, act.Revision); !errors.Is(err, models.ErrChanged) {
		t.Errorf("a stale removal: %v", err)
	}
	if _, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, 0, beefReport(time.March, "10")); err != nil {
		t.Fatal(err)
	}
	act, _, _ = f.s.ActivityFor(ctx, f.official, f.beef)
	in = models.ActivityInput{Kind: act.Kind, Title: act.Title, Sector: act.Sector, RegionCode: act.RegionCode, Commodity: "fish",
		Unit: models.UnitHead, TargetText: "120", DecimalComma: true, DueDate: act.DueDate, Status: act.Status, Revision: act.Revision}
	_, err = f.s.SaveActivity(ctx, f.official, f.agreement, f.beef, in)
	var v *models.ValidationError
	if !errors.As(err, &v) || v.For("commodity") != "error.activity_has_reports" || v.For("unit") != "error.activity_has_reports" {
		t.Errorf("changing a reported activity's unit: %v", err)
	}
	if err := f.s.DeleteActivity(ctx, f.official, f.beef, act.Revision); !errors.Is(err, models.ErrInUse) {
		t.Errorf("removing a reported activity: %v", err)
	}
	if err := f.s.DeleteActivity(ctx, f.kolaka, f.training, models.AnyRevision); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("a delegate removed an activity: %v", err)
	}
	if err := f.s.DeleteActivity(ctx, f.official, f.training, models.AnyRevision); err != nil {
		t.Errorf("removing an unreported activity: %v", err)
	}
	if _, _, err := f.s.ActivityFor(ctx, f.official, f.training); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("the removed activity: %v", err)
	}
}

// Who reports on what: the delegate of the activity's region and staff; not another
// region's delegate, not a visitor; not on a cancelled activity or a terminated agreement.
func TestReportPermissions(t *testing.T) {
	f := newMonitoringFixture(t)
	ctx := context.Background()
	for _, tt := range []struct {
		name     string
		actor    models.Actor
		activity uint
		want     error
	}{
		{"visitor", models.Actor{}, f.beef, models.ErrNotFound},
		{"another region's delegate", f.pariaman, f.beef, models.ErrForbidden},
		{"a party's delegate, not the responsible one", f.jakarta, f.beef, models.ErrForbidden},
		{"the responsible delegate", f.kolaka, f.beef, nil},
		{"an official", f.official, f.beef, nil},
		{"an administrator", f.admin, f.beef, nil},
		{"Kolaka on Jakarta's training", f.kolaka, f.training, models.ErrForbidden},
	} {
		in := beefReport(time.April, "3")
		if tt.activity == f.training {
			in = models.ReportInput{PeriodStart: models.Date(2026, time.May, 4), PeriodEnd: models.Date(2026, time.May, 8), Title: "Latsar CPNS",
				Attendance: []models.AttendanceInput{{RegionCode: "74.01", Enrolled: 10, Completed: 9}}}
		}
		if _, err := f.s.SubmitReport(ctx, tt.actor, tt.activity, 0, in); !errors.Is(err, tt.want) && !(tt.want == nil && err == nil) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	// Reviews are the staff's.
	id, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, 0, beefReport(time.May, "4"))
	if err != nil {
		t.Fatal(err)
	}
	for _, who := range []models.Actor{{}, f.kolaka, f.jakarta} {
		if err := f.s.AcceptReport(ctx, who, id, models.AnyRevision); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("%v accepted a report: %v", who.User, err)
		}
		if err := f.s.ReturnReport(ctx, who, id, models.AnyRevision, "Tidak"); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("%v returned a report: %v", who.User, err)
		}
	}
	// A report waiting for review is seen by its region and staff, not by the public.
	if _, _, err := f.s.ReportFor(ctx, models.Actor{}, id); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("a visitor read a submitted report: %v", err)
	}
	if _, _, err := f.s.ReportFor(ctx, f.pariaman, id); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("another region read a submitted report: %v", err)
	}
	if _, _, err := f.s.ReportFor(ctx, f.kolaka, id); err != nil {
		t.Errorf("the reporting region: %v", err)
	}

	// A cancelled activity takes no report.
	act, _, _ := f.s.ActivityFor(ctx, f.official, f.training)
	_, err = f.s.SaveActivity(ctx, f.official, f.agreement, f.training, models.ActivityInput{Kind: act.Kind, Title: act.Title, Sector: act.Sector,
		RegionCode: act.RegionCode, TargetText: "40", DueDate: act.DueDate, Status: models.ActivityCancelled, CancelReason: "Anggaran dialihkan", Revision: act.Revision})
	if err != nil {
		t.Fatal(err)
	}
	in := models.ReportInput{PeriodStart: models.Date(2026, time.May, 4), PeriodEnd: models.Date(2026, time.May, 8), Title: "Latsar",
		Attendance: []models.AttendanceInput{{RegionCode: "74.01", Enrolled: 10, Completed: 9}}}
	if _, err := f.s.SubmitReport(ctx, f.jakarta, f.training, 0, in); !errors.Is(err, models.ErrNotReportable) {
		t.Errorf("a report on a cancelled activity: %v", err)
	}
	// Nor does a terminated agreement's.
	if err := f.s.Terminate(ctx, f.official, f.agreement, models.TerminationInput{Date: models.Date(2026, time.November, 1), Reason: "Kesepakatan para pihak"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, 0, beefReport(time.June, "4")); !errors.Is(err, models.ErrNotReportable) {
		t.Errorf("a report under a terminated agreement: %v", err)
	}
}

// A report in another unit or of another commodity is refused, by its field, as
// ErrUnitMismatch, and writes nothing; so is every other bad report.
func TestReportValidation(t *testing.T) {
	f := newMonitoringFixture(t)
	ctx := context.Background()
	for _, tt := range []struct {
		name     string
		edit     func(*models.ReportInput)
		field    string
		code     string
		mismatch bool
	}{
		{"head instead of tonnes", func(in *models.ReportInput) { in.Unit = models.UnitHead }, "unit", "error.unit_mismatch", true},
		{"participants instead of tonnes", func(in *models.ReportInput) { in.Unit = models.UnitParticipant }, "unit", "error.unit_mismatch", true},
		{"fish on a beef activity", func(in *models.ReportInput) { in.Commodity = "fish" }, "commodity", "error.commodity_mismatch", true},
		{"no quantity", func(in *models.ReportInput) { in.QuantityText = "" }, "quantity", "error.quantity", false},
		{"a negative quantity", func(in *models.ReportInput) { in.QuantityText = "-2" }, "quantity", "error.quantity", false},
		{"the end before the start", func(in *models.ReportInput) { in.PeriodEnd = models.Date(2026, time.February, 1) }, "period_end", "error.date_order", false},
		{"a period still to come", func(in *models.ReportInput) { in.PeriodEnd = models.Date(2026, time.December, 31) }, "period_end", "error.date_future", false},
		{"before the agreement's term", func(in *models.ReportInput) { in.PeriodStart = models.Date(2025, time.January, 1) }, "period_start", "error.period_before_term", false},
		{"no destination", func(in *models.ReportInput) { in.Destination = "" }, "destination", "error.required", false},
		{"an unknown region of origin", func(in *models.ReportInput) { in.FromRegionCode = "99.99" }, "from_region", "error.unknown_region", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := counts(t, f.s)
			in := beefReport(time.March, "10")
			tt.edit(&in)
			_, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, 0, in)
			var v *models.ValidationError
			if !errors.As(err, &v) || v.For(tt.field) != tt.code {
				t.Fatalf("%v, want %s on %s", err, tt.code, tt.field)
			}
			if errors.Is(err, models.ErrUnitMismatch) != tt.mismatch {
				t.Errorf("ErrUnitMismatch: %v", err)
			}
			if after := counts(t, f.s); after != before {
				t.Errorf("a refused report wrote: %v then %v", before, after)
			}
		})
	}
	training := func(rows ...models.AttendanceInput) models.ReportInput {
		return models.ReportInput{PeriodStart: models.Date(2026, time.May, 4), PeriodEnd: models.Date(2026, time.May, 8), Title: "Latsar", Attendance: rows}
	}
	for _, tt := range []struct {
		name string
		in   models.ReportInput
		code string
	}{
		{"no participants", training(), "error.attendance_required"},
		{"more completed than enrolled", training(models.AttendanceInput{RegionCode: "13.77", Enrolled: 5, Completed: 6}), "error.attendance_counts"},
		{"a region twice", training(models.AttendanceInput{RegionCode: "13.77", Enrolled: 5, Completed: 5}, models.AttendanceInput{RegionCode: "13.77", Enrolled: 2, Completed: 1}), "error.attendance_twice"},
		{"an unknown region", training(models.AttendanceInput{RegionCode: "00.00", Enrolled: 5, Completed: 5}), "error.unknown_region"},
	} {
		_, err := f.s.SubmitReport(ctx, f.jakarta, f.training, 0, tt.in)
		var v *models.ValidationError
		if !errors.As(err, &v) || v.For("attendance") != tt.code {
			t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
		}
	}
}

// The review flow: submitted, returned with a note (required), corrected and submitted
// again, accepted; a second review is refused; the public figures count a report from its
// acceptance only; every step is in the audit log under the activity's region.
func TestReportReviewFlow(t *testing.T) {
	f := newMonitoringFixture(t)
	ctx := context.Background()
	id, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, 0, beefReport(time.March, "17,5"))
	if err != nil {
		t.Fatal(err)
	}
	supplied := func() models.Quantity {
		fig, err := f.s.Figures(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var total models.Quantity
		for _, s := range fig.Supply {
			total += s.Quantity
		}
		return total
	}
	if q := supplied(); q != 0 {
		t.Errorf("a submitted report counts publicly: %d", q)
	}
	var v *models.ValidationError
	if err := f.s.ReturnReport(ctx, f.official, id, models.AnyRevision, " "); !errors.As(err, &v) || v.For("review_note") != "error.required" {
		t.Errorf("returned without a note: %v", err)
	}
	r, _, err := f.s.ReportFor(ctx, f.official, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.ReturnReport(ctx, f.official, id, r.Revision, "Lampirkan berita acara"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.AcceptReport(ctx, f.official, id, models.AnyRevision); !errors.Is(err, models.ErrReportDecided) {
		t.Errorf("accepting a returned report: %v", err)
	}
	if q := supplied(); q != 0 {
		t.Errorf("a returned report counts publicly: %d", q)
	}
	r, _, _ = f.s.ReportFor(ctx, f.kolaka, id)
	if r.State != models.ReportReturned || r.ReviewNote != "Lampirkan berita acara" {
		t.Fatalf("returned: %+v", r)
	}
	// The delegate corrects it; a copy older than the return is refused.
	corrected := beefReport(time.March, "16,25")
	corrected.Revision = 1
	if _, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, id, corrected); !errors.Is(err, models.ErrChanged) {
		t.Errorf("a stale correction: %v", err)
	}
	corrected.Revision = r.Revision
	if _, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, id, corrected); err != nil {
		t.Fatal(err)
	}
	r, _, _ = f.s.ReportFor(ctx, f.kolaka, id)
	if r.State != models.ReportSubmitted || r.ReviewNote != "" || r.Quantity != 16250 {
		t.Fatalf("resubmitted: %+v", r)
	}
	if err := f.s.AcceptReport(ctx, f.official, id, r.Revision); err != nil {
		t.Fatal(err)
	}
	if q := supplied(); q != 16250 {
		t.Errorf("accepted: %d supplied, want 16250", q)
	}
	if err := f.s.AcceptReport(ctx, f.official, id, models.AnyRevision); !errors.Is(err, models.ErrReportDecided) {
		t.Errorf("accepted twice: %v", err)
	}
	if _, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, id, beefReport(time.March, "1")); !errors.Is(err, models.ErrReportDecided) {
		t.Errorf("an accepted report edited: %v", err)
	}
	// The activity moved on: planned → in progress; the public reads the accepted report.
	act, _, _ := f.s.ActivityFor(ctx, f.official, f.beef)
	if act.Status != models.ActivityInProgress {
		t.Errorf("status %s", act.Status)
	}
	if _, _, err := f.s.ReportFor(ctx, models.Actor{}, id); err != nil {
		t.Errorf("the public cannot read an accepted report: %v", err)
	}
	entries, err := f.s.AuditLog(ctx, f.kolaka, models.AuditFilter{ObjectType: "activity", ObjectID: f.beef}, 50)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for i := len(entries.Rows) - 1; i >= 0; i-- {
		actions = append(actions, entries.Rows[i].Action)
	}
	want := []string{"activity.create", "report.submit", "report.return", "report.resubmit", "report.accept"}
	if len(actions) != len(want) {
		t.Fatalf("audit %v, want %v", actions, want)
	}
	for i := range want {
		if actions[i] != want[i] {
			t.Errorf("audit %v, want %v", actions, want)
			break
		}
	}
	if n, err := f.s.VerifyAuditChain(ctx); err != nil || n == 0 {
		t.Errorf("audit chain: %d, %v", n, err)
	}
}

// An activity is done when its accepted reports reach the target, a milestone when its
// report is accepted.
func TestAcceptedReportsCompleteAnActivity(t *testing.T) {
	f := newMonitoringFixture(t)
	ctx := context.Background()
	for i, q := range []string{"60", "40"} {
		id, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, 0, beefReport(time.Month(3+i), q))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.s.AcceptReport(ctx, f.official, id, models.AnyRevision); err != nil {
			t.Fatal(err)
		}
		act, _, _ := f.s.ActivityFor(ctx, f.official, f.beef)
		if want := []models.ActivityStatus{models.ActivityInProgress, models.ActivityDone}[i]; act.Status != want {
			t.Errorf("after %s tonnes: %s, want %s", q, act.Status, want)
		}
	}
	milestone, err := f.s.SaveActivity(ctx, f.official, f.agreement, 0, models.ActivityInput{Kind: models.KindMilestone, Title: "Kajian", Sector: "food", RegionCode: "74.01", DueDate: models.Date(2026, time.June, 30), Status: models.ActivityPlanned})
	if err != nil {
		t.Fatal(err)
	}
	id, err := f.s.SubmitReport(ctx, f.kolaka, milestone, 0, models.ReportInput{PeriodStart: models.Date(2026, time.June, 1), PeriodEnd: models.Date(2026, time.June, 20), Note: "Kajian selesai dan ditandatangani."})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.AcceptReport(ctx, f.official, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if act, _, _ := f.s.ActivityFor(ctx, f.official, milestone); act.Status != models.ActivityDone {
		t.Errorf("milestone %s", act.Status)
	}
}

// The public figures against sums worked out by hand: supply by month, commodity and
// region of origin (accepted reports of published agreements only, never across units),
// training by region, exchanges; an agreement's progress per activity and in total.
func TestFiguresAgainstHandSums(t *testing.T) {
	f := newMonitoringFixture(t)
	ctx := context.Background()
	accept := func(actor models.Actor, activity uint, in models.ReportInput) uint {
		t.Helper()
		id, err := f.s.SubmitReport(ctx, actor, activity, 0, in)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.s.AcceptReport(ctx, f.official, id, models.AnyRevision); err != nil {
			t.Fatal(err)
		}
		return id
	}
	// Beef: March 12,5 + 7,25 from Kolaka; March 3 from Kolaka Utara (74.08); April 10.
	accept(f.kolaka, f.beef, beefReport(time.March, "12,5"))
	accept(f.kolaka, f.beef, beefReport(time.March, "7,25"))
	north := beefReport(time.March, "3")
	north.FromRegionCode = "74.08"
	accept(f.kolaka, f.beef, north)
	accept(f.kolaka, f.beef, beefReport(time.April, "10"))
	// Not counted: a report waiting, a returned one.
	if _, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, 0, beefReport(time.April, "500")); err != nil {
		t.Fatal(err)
	}
	returned, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, 0, beefReport(time.April, "900"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.ReturnReport(ctx, f.official, returned, models.AnyRevision, "Salah"); err != nil {
		t.Fatal(err)
	}
	// Cattle counted in head under the same agreement: a sum of its own.
	cattle, err := f.s.SaveActivity(ctx, f.official, f.agreement, 0, models.ActivityInput{Kind: models.KindSupply, Title: "Sapi hidup", Sector: "food", RegionCode: "74.01",
		Commodity: "cattle", Unit: models.UnitHead, TargetText: "500", DueDate: models.Date(2027, time.June, 30), Status: models.ActivityPlanned})
	if err != nil {
		t.Fatal(err)
	}
	accept(f.kolaka, cattle, models.ReportInput{PeriodStart: models.Date(2026, time.March, 1), PeriodEnd: models.Date(2026, time.March, 31), Commodity: "cattle",
		QuantityText: "150", Unit: models.UnitHead, Destination: "RPH Dharma Jaya Cakung"})
	// Training: Kolaka 10/9 and Pariaman 5/5, then Kolaka 4/4.
	accept(f.jakarta, f.training, models.ReportInput{PeriodStart: models.Date(2026, time.May, 4), PeriodEnd: models.Date(2026, time.May, 8), Title: "Latsar",
		Attendance: []models.AttendanceInput{{RegionCode: "74.01", Enrolled: 10, Completed: 9}, {RegionCode: "13.77", Enrolled: 5, Completed: 5}}})
	accept(f.jakarta, f.training, models.ReportInput{PeriodStart: models.Date(2026, time.June, 1), PeriodEnd: models.Date(2026, time.June, 5), Title: "PKP",
		Attendance: []models.AttendanceInput{{RegionCode: "74.01", Enrolled: 4, Completed: 4}}})
	// Reports of an agreement that is signed but not published never count publicly.
	hidden := modeltest.CreateAgreement(t, f.s, modeltest.Agreement{Partner: "74.01", Stage: modeltest.Signed, Signed: models.Date(2025, time.October, 3)})
	hiddenBeef, err := f.s.SaveActivity(ctx, f.official, hidden, 0, models.ActivityInput{Kind: models.KindSupply, Title: "Daging", Sector: "food", RegionCode: "74.01",
		Commodity: "beef", Unit: models.UnitTonne, TargetText: "10", DueDate: models.Date(2027, time.June, 30), Status: models.ActivityPlanned})
	if err != nil {
		t.Fatal(err)
	}
	accept(f.kolaka, hiddenBeef, beefReport(time.March, "1000"))

	fig, err := f.s.Figures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []models.SupplyFigure{
		{Month: "2026-03", Commodity: "beef", FromRegionCode: "74.01", Unit: models.UnitTonne, Quantity: 19750},
		{Month: "2026-03", Commodity: "beef", FromRegionCode: "74.08", Unit: models.UnitTonne, Quantity: 3000},
		{Month: "2026-03", Commodity: "cattle", FromRegionCode: "74.01", Unit: models.UnitHead, Quantity: 150000},
		{Month: "2026-04", Commodity: "beef", FromRegionCode: "74.01", Unit: models.UnitTonne, Quantity: 10000},
	}
	if len(fig.Supply) != len(want) {
		t.Fatalf("supply %+v", fig.Supply)
	}
	for i, w := range want {
		got := fig.Supply[i]
		if got.Month != w.Month || got.Commodity != w.Commodity || got.FromRegionCode != w.FromRegionCode || got.Unit != w.Unit || got.Quantity != w.Quantity || got.FromRegionName == "" {
			t.Errorf("supply %d: %+v, want %+v", i, got, w)
		}
	}
	if len(fig.Training) != 2 || fig.Training[0].RegionCode != "74.01" || fig.Training[0].Enrolled != 14 || fig.Training[0].Completed != 13 ||
		fig.Training[1].RegionCode != "13.77" || fig.Training[1].Completed != 5 || fig.Training[1].RegionName != "Kota Pariaman" {
		t.Errorf("training %+v", fig.Training)
	}

	p, err := f.s.ProgressOf(ctx, models.Actor{}, f.agreement)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Activities) != 3 {
		t.Fatalf("%d activities", len(p.Activities))
	}
	beef := p.Activities[0]
	if beef.Accepted != 32750 || beef.AcceptedReports != 4 || beef.Target != 100000 || beef.Percent() != 32 || beef.Waiting != 0 || beef.Returned != 0 {
		t.Errorf("beef progress %+v (the public sees no waiting or returned counts)", beef)
	}
	if beef.LastReported == nil || !beef.LastReported.Equal(models.Date(2026, time.April, 30)) {
		t.Errorf("beef last reported %v", beef.LastReported)
	}
	inside, err := f.s.ProgressOf(ctx, f.kolaka, f.agreement)
	if err != nil {
		t.Fatal(err)
	}
	if inside.Activities[0].Waiting != 1 || inside.Activities[0].Returned != 1 {
		t.Errorf("the delegate's progress %+v", inside.Activities[0])
	}
	if training := p.Activities[1]; training.Accepted != 18000 || training.Unit != models.UnitParticipant {
		t.Errorf("training progress %+v", training)
	}
	totals := map[string]models.ProgressTotal{}
	for _, tt := range p.Totals {
		totals[tt.Commodity+"/"+string(tt.Unit)] = tt
	}
	if len(totals) != 3 || totals["beef/tonne"].Accepted != 32750 || totals["cattle/head"].Accepted != 150000 || totals["/participant"].Target != 40000 {
		t.Errorf("totals %+v", p.Totals)
	}
	if _, err := f.s.ProgressOf(ctx, models.Actor{}, hidden); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("the public read an unpublished agreement's progress: %v", err)
	}
}

// The officials' queue: overdue activities, reports waiting, agreements silent for 90 days;
// only staff read it.
func TestMonitoringQueue(t *testing.T) {
	f := newMonitoringFixture(t)
	ctx := context.Background()
	if _, err := f.s.MonitoringQueueFor(ctx, f.kolaka, 10); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("a delegate read the queue: %v", err)
	}
	q, err := f.s.MonitoringQueueFor(ctx, f.official, 10)
	if err != nil {
		t.Fatal(err)
	}
	// Today is 26 November 2026: the training was due on 31 October; nothing reported
	// since the signing in October 2025.
	if len(q.Overdue) != 1 || q.Overdue[0].ID != f.training || q.Overdue[0].Number == "" {
		t.Errorf("overdue %+v", q.Overdue)
	}
	if len(q.Silent) != 1 || q.Silent[0].ID != f.agreement || q.Silent[0].LastReport != nil {
		t.Errorf("silent %+v", q.Silent)
	}
	id, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, 0, beefReport(time.October, "5"))
	if err != nil {
		t.Fatal(err)
	}
	q, err = f.s.MonitoringQueueFor(ctx, f.official, 10)
	if err != nil {
		t.Fatal(err)
	}
	if q.WaitingTotal != 1 || len(q.Waiting) != 1 || q.Waiting[0].ReportID != id || q.Waiting[0].RegionName != "Kabupaten Kolaka" {
		t.Errorf("waiting %+v", q.Waiting)
	}
	if len(q.Silent) != 0 {
		t.Errorf("an agreement reported on today is silent: %+v", q.Silent)
	}
	list, err := f.s.ActivitiesToReport(ctx, f.kolaka)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != f.beef || list[0].Waiting != 1 || list[0].Region.Name != "Kabupaten Kolaka" || len(list[0].ReturnedReports) != 0 {
		t.Errorf("Kolaka's activities %+v", list)
	}
	if err := f.s.ReturnReport(ctx, f.official, id, models.AnyRevision, "Lampirkan berita acara"); err != nil {
		t.Fatal(err)
	}
	list, err = f.s.ActivitiesToReport(ctx, f.kolaka)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Returned != 1 || len(list[0].ReturnedReports) != 1 || list[0].ReturnedReports[0].ReviewNote != "Lampirkan berita acara" {
		t.Errorf("Kolaka's returned report %+v", list)
	}
	if _, err := f.s.ActivitiesToReport(ctx, models.Actor{}); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("a visitor's activities: %v", err)
	}
}

// The demo's record: three published memoranda with plans, a year of supply, two training
// packages with Pariaman and Pekanbaru, one exchange, one report returned, one activity
// overdue, one report waiting.
func TestDemoMonitoring(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	modeltest.NewClock(s)
	ctx := context.Background()
	fig, err := s.Figures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	commodities := map[string]map[string]bool{}
	for _, f := range fig.Supply {
		if commodities[f.Commodity] == nil {
			commodities[f.Commodity] = map[string]bool{}
		}
		commodities[f.Commodity][f.FromRegionCode] = true
	}
	if !commodities["rice"]["61"] || !commodities["fish"]["61.04"] || !commodities["beef"]["74.01"] || len(commodities) != 3 {
		t.Errorf("demo supply %v", commodities)
	}
	if len(fig.Training) != 2 || fig.Training[0].RegionCode != "13.77" || fig.Training[1].RegionCode != "14.71" || fig.Training[0].Completed != 37 || fig.Training[1].Completed != 25 {
		t.Errorf("demo training %+v", fig.Training)
	}
	if len(fig.Exchanges) != 1 {
		t.Errorf("demo exchanges %+v", fig.Exchanges)
	}
	u, err := s.UserByEmail(ctx, "pejabat@derap.test")
	if err != nil {
		t.Fatal(err)
	}
	q, err := s.MonitoringQueueFor(ctx, modeltest.As(&u), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Overdue) != 1 || q.Overdue[0].Kind != models.KindMilestone || q.WaitingTotal != 1 {
		t.Errorf("demo queue: %d overdue, %d waiting", len(q.Overdue), q.WaitingTotal)
	}
}

// An activity takes reports only while its agreement is signed and it is not cancelled:
// the rule SubmitReport enforces and the pages offer their forms by.
func TestActivityTakesReports(t *testing.T) {
	for _, status := range models.Statuses {
		for _, state := range models.ActivityStatuses {
			act := models.Activity{Status: state}
			want := status == models.StatusSigned && state != models.ActivityCancelled
			if got := act.TakesReports(&models.Agreement{Status: status}); got != want {
				t.Errorf("agreement %s, activity %s: %v, want %v", status, state, got, want)
			}
		}
	}
}
