package models_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

// messagesOf are the queued messages of a kind, oldest first.
func messagesOf(t *testing.T, s *models.Store, kind models.NotificationKind) []models.OutboxMessage {
	t.Helper()
	return slices.DeleteFunc(outbox(t, s), func(m models.OutboxMessage) bool { return m.Kind != kind })
}

// recipientIDs are the users messages go to, sorted.
func recipientIDs(msgs []models.OutboxMessage) []uint {
	var ids []uint
	for _, m := range msgs {
		ids = append(ids, m.UserID)
	}
	slices.Sort(ids)
	return ids
}

// A report submitted (or submitted again) tells the officials, in each one's language and
// choice of delivery, but not the official who submitted it; a report returned tells the
// reporting region's delegates, with the note, and no other region's; an acceptance tells
// no one.
func TestReportNotifications(t *testing.T) {
	f := newMonitoringFixture(t)
	ctx := context.Background()
	english := modeltest.CreateUser(t, f.s, models.RoleOfficial, "")
	modeltest.Exec(t, f.s, "UPDATE users SET language = 'en' WHERE id = $1", english.ID)
	digest := modeltest.CreateUser(t, f.s, models.RoleOfficial, "")
	off := modeltest.CreateUser(t, f.s, models.RoleOfficial, "")
	for u, d := range map[*models.User]models.Delivery{&digest: models.DeliveryDigest, &off: models.DeliveryOff} {
		if err := f.s.SaveAccountSettings(ctx, modeltest.As(u), models.AccountSettingsInput{Language: "id", Notifications: map[models.NotificationKind]models.Delivery{models.NotifyReportSubmitted: d}}); err != nil {
			t.Fatal(err)
		}
	}
	kolaka2 := modeltest.CreateUser(t, f.s, models.RoleDelegate, "74.01")

	id, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, 0, beefReport(time.April, "3"))
	if err != nil {
		t.Fatal(err)
	}
	submitted := messagesOf(t, f.s, models.NotifyReportSubmitted)
	want := []uint{f.official.User.ID, f.admin.User.ID, english.ID, digest.ID}
	slices.Sort(want)
	if got := recipientIDs(submitted); !slices.Equal(got, want) {
		t.Fatalf("a submitted report told %v, want the officials %v", got, want)
	}
	for _, m := range submitted {
		p := m.Parameters()
		if p.ReportID != id || p.ActivityID != f.beef || p.AgreementID != f.agreement || p.RegionCode != "74.01" || p.RegionName == "" || p.Activity != "Pasokan daging sapi" || p.Resubmitted {
			t.Errorf("message to %d says %+v", m.UserID, p)
		}
		if wantLang := map[bool]string{true: "en", false: "id"}[m.UserID == english.ID]; m.Language != wantLang {
			t.Errorf("message to %d in %q, want %q", m.UserID, m.Language, wantLang)
		}
		if m.Digest != (m.UserID == digest.ID) {
			t.Errorf("message to %d: digest %v", m.UserID, m.Digest)
		}
	}

	// Returned: the delegates of Kolaka, not Jakarta's or Pariaman's, with the note.
	r, _, _ := f.s.ReportFor(ctx, f.official, id)
	if err := f.s.ReturnReport(ctx, f.official, id, r.Revision, "Lampirkan berita acara serah terima."); err != nil {
		t.Fatal(err)
	}
	returned := messagesOf(t, f.s, models.NotifyReportReturned)
	want = []uint{f.kolaka.User.ID, kolaka2.ID}
	slices.Sort(want)
	if got := recipientIDs(returned); !slices.Equal(got, want) {
		t.Fatalf("a returned report told %v, want Kolaka's delegates %v", got, want)
	}
	for _, m := range returned {
		if p := m.Parameters(); p.ReportID != id || p.Reason != "Lampirkan berita acara serah terima." || p.PeriodStart == nil || !p.PeriodStart.Equal(models.Date(2026, time.April, 1)) {
			t.Errorf("returned message says %+v", p)
		}
	}

	// Submitted again by an official: the other officials hear of it, as a resubmission.
	r, _, _ = f.s.ReportFor(ctx, f.official, id)
	if _, err := f.s.SubmitReport(ctx, f.official, f.beef, id, withRevision(beefReport(time.April, "3,5"), r.Revision)); err != nil {
		t.Fatal(err)
	}
	again := messagesOf(t, f.s, models.NotifyReportSubmitted)[len(submitted):]
	want = []uint{f.admin.User.ID, english.ID, digest.ID}
	slices.Sort(want)
	if got := recipientIDs(again); !slices.Equal(got, want) {
		t.Errorf("a resubmission by an official told %v, want the other officials %v", got, want)
	}
	for _, m := range again {
		if !m.Parameters().Resubmitted {
			t.Errorf("message %d does not say the report was submitted again", m.ID)
		}
	}

	// Accepted: nobody is told.
	before := len(outbox(t, f.s))
	r, _, _ = f.s.ReportFor(ctx, f.official, id)
	if err := f.s.AcceptReport(ctx, f.official, id, r.Revision); err != nil {
		t.Fatal(err)
	}
	if after := len(outbox(t, f.s)); after != before {
		t.Errorf("an acceptance queued %d messages", after-before)
	}
}

// The messages are written in the step's transaction: a submit or a return that fails,
// even after its message was queued, leaves none.
func TestFailedReportStepQueuesNothing(t *testing.T) {
	f := newMonitoringFixture(t)
	ctx := context.Background()
	start := len(outbox(t, f.s)) // the agreement's lifecycle
	bad := beefReport(time.April, "3")
	bad.Unit = models.UnitHead
	if _, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, 0, bad); err == nil {
		t.Fatal("a report in another unit was accepted")
	}
	if n := len(outbox(t, f.s)) - start; n != 0 {
		t.Fatalf("a refused report queued %d messages", n)
	}
	// The audit entry, written after the message, fails: the message goes with the step.
	if modeltest.TestEngine() == models.EnginePostgres {
		modeltest.Exec(t, f.s, `CREATE FUNCTION planted_failure() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'planted'; END $$ LANGUAGE plpgsql`)
		modeltest.Exec(t, f.s, `CREATE TRIGGER planted BEFORE INSERT ON audit_entries FOR EACH ROW WHEN (NEW.action IN ('report.submit', 'report.return')) EXECUTE FUNCTION planted_failure()`)
	} else {
		modeltest.Exec(t, f.s, `CREATE TRIGGER planted BEFORE INSERT ON audit_entries WHEN NEW.action IN ('report.submit', 'report.return') BEGIN SELECT RAISE(ABORT, 'planted'); END`)
	}
	if _, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, 0, beefReport(time.April, "3")); err == nil {
		t.Fatal("the planted failure did not fail the submit")
	}
	if n := len(outbox(t, f.s)) - start; n != 0 {
		t.Errorf("a failed submit queued %d messages", n)
	}
	modeltest.Exec(t, f.s, `DROP TRIGGER planted`+map[bool]string{true: ` ON audit_entries`}[modeltest.TestEngine() == models.EnginePostgres])
	id, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, 0, beefReport(time.April, "3"))
	if err != nil {
		t.Fatal(err)
	}
	before := len(outbox(t, f.s))
	if before == start {
		t.Fatal("the submit queued nothing")
	}
	if err := f.s.ReturnReport(ctx, f.official, id, 1, "Tidak lengkap"); err != nil {
		t.Fatal(err)
	}
	if n := len(messagesOf(t, f.s, models.NotifyReportReturned)); n == 0 {
		t.Fatal("the return queued nothing")
	}
	r, _, _ := f.s.ReportFor(ctx, f.official, id)
	if _, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, id, withRevision(beefReport(time.April, "3"), r.Revision-1)); err == nil {
		t.Fatal("a stale resubmission was accepted")
	}
	if n := len(outbox(t, f.s)); n != before+len(messagesOf(t, f.s, models.NotifyReportReturned)) {
		t.Errorf("a stale resubmission queued messages: %d in the outbox", n)
	}
}

// The delegates of a region are reminded of its open activities due within two weeks or
// overdue, each activity at most once a week, and no other region's delegates; a done or
// cancelled activity, or one due later, is not reminded of.
func TestActivityDueReminders(t *testing.T) {
	f := newMonitoringFixture(t)
	clock := modeltest.NewClock(f.s)
	ctx := context.Background()
	english := modeltest.CreateUser(t, f.s, models.RoleDelegate, "74.01")
	modeltest.Exec(t, f.s, "UPDATE users SET language = 'en' WHERE id = $1", english.ID)
	modeltest.Delegate(t, f.s, "13.77") // a delegate of another region, never told
	today := f.s.Today()
	soon, err := f.s.SaveActivity(ctx, f.official, f.agreement, 0, models.ActivityInput{
		Kind: models.KindSupply, Title: "Pasokan ikan", Sector: "food", RegionCode: "74.01", Commodity: "fish",
		Unit: models.UnitTonne, TargetText: "10", DecimalComma: true, DueDate: today.AddDate(0, 0, 10), Status: models.ActivityPlanned,
	})
	if err != nil {
		t.Fatal(err)
	}
	modeltest.Exec(t, f.s, "UPDATE activities SET due_date = $1 WHERE id = $2", today.AddDate(0, 0, -3), f.training) // Jakarta's, overdue
	// f.beef is due in 2027: not yet.

	if _, err := f.s.QueueReminders(ctx, models.DefaultReminders); err != nil {
		t.Fatal(err)
	}
	due := messagesOf(t, f.s, models.NotifyActivityDue)
	byActivity := map[uint][]uint{}
	for _, m := range due {
		p := m.Parameters()
		byActivity[p.ActivityID] = append(byActivity[p.ActivityID], m.UserID)
		switch p.ActivityID {
		case soon:
			if p.DaysLeft != 10 || p.DueOn == nil || p.RegionCode != "74.01" || p.Activity != "Pasokan ikan" {
				t.Errorf("the reminder of the fish supply says %+v", p)
			}
			if want := map[bool]string{true: "en", false: "id"}[m.UserID == english.ID]; m.Language != want {
				t.Errorf("reminder to %d in %q", m.UserID, m.Language)
			}
		case f.training:
			if p.DaysLeft != -3 {
				t.Errorf("the overdue training's reminder: %d days left", p.DaysLeft)
			}
		}
	}
	kolaka := []uint{f.kolaka.User.ID, english.ID}
	slices.Sort(kolaka)
	if got := byActivity[soon]; !slices.Equal(recipientSorted(got), kolaka) {
		t.Errorf("the fish supply's reminder went to %v, want Kolaka's delegates %v", got, kolaka)
	}
	if got := byActivity[f.training]; !slices.Equal(got, []uint{f.jakarta.User.ID}) {
		t.Errorf("the overdue training's reminder went to %v, want Jakarta's delegate", got)
	}
	if _, ok := byActivity[f.beef]; ok || len(byActivity) != 2 {
		t.Errorf("reminders of %v", byActivity)
	}

	// Again the same day, three days later, six days later: nothing new.
	for _, d := range []time.Duration{0, 3 * 24 * time.Hour, 3 * 24 * time.Hour} {
		clock.Advance(d)
		if n, err := f.s.QueueReminders(ctx, models.DefaultReminders); err != nil || n != 0 {
			t.Errorf("%v later: %d reminders queued again (%v)", d, n, err)
		}
	}
	// A week after the first: once more, for both.
	clock.Advance(24 * time.Hour)
	if n, err := f.s.QueueReminders(ctx, models.DefaultReminders); err != nil || n != len(due) {
		t.Errorf("a week later: %d reminders, want %d (%v)", n, len(due), err)
	}
	// A moved due date does not bring a second reminder within the week.
	modeltest.Exec(t, f.s, "UPDATE activities SET due_date = $1 WHERE id = $2", f.s.Today().AddDate(0, 0, 2), soon)
	if n, err := f.s.QueueReminders(ctx, models.DefaultReminders); err != nil || n != 0 {
		t.Errorf("after moving a due date: %d reminders (%v)", n, err)
	}
	// Done or cancelled activities are not reminded of.
	clock.Advance(8 * 24 * time.Hour)
	modeltest.Exec(t, f.s, "UPDATE activities SET status = $1 WHERE id = $2", models.ActivityDone, soon)
	modeltest.Exec(t, f.s, "UPDATE activities SET status = $1 WHERE id = $2", models.ActivityCancelled, f.training)
	if n, err := f.s.QueueReminders(ctx, models.DefaultReminders); err != nil || n != 0 {
		t.Errorf("done and cancelled activities: %d reminders (%v)", n, err)
	}
}

func recipientSorted(ids []uint) []uint {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}
