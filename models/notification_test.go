package models_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

// outbox reads every message of the outbox, oldest first.
func outbox(t *testing.T, s *models.Store) []models.OutboxMessage {
	t.Helper()
	page, err := s.Outbox(context.Background(), models.System, models.OutboxFilter{}, 10_000)
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(page.Messages)
	return page.Messages
}

// queued are the messages of a kind, by recipient address.
func queued(t *testing.T, s *models.Store, kind models.NotificationKind) map[string]models.OutboxMessage {
	t.Helper()
	out := map[string]models.OutboxMessage{}
	for _, m := range outbox(t, s) {
		if m.Kind == kind {
			out[m.Email] = m
		}
	}
	return out
}

func emails(users ...models.User) []string {
	out := make([]string, len(users))
	for i, u := range users {
		out[i] = u.Email
	}
	slices.Sort(out)
	return out
}

func keysOf(m map[string]models.OutboxMessage) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Each step of the lifecycle notifies the people it concerns, in the same transaction, and
// no one else: the delegates of the parties' regions when it is sent and published, the
// officials when a region declines and when every party has confirmed.
func TestLifecycleNotifiesWhoItConcerns(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	pariaman := modeltest.CreateUser(t, s, models.RoleDelegate, "13.77")
	pariaman2 := modeltest.CreateUser(t, s, models.RoleDelegate, "13.77")
	bystander := modeltest.CreateUser(t, s, models.RoleDelegate, "61") // another region's
	admin := modeltest.CreateUser(t, s, models.RoleAdmin, "")
	disabled := modeltest.CreateUser(t, s, models.RoleDelegate, "13.77")
	if err := s.SetUserActive(ctx, modeltest.As(&admin), disabled.ID, false, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	staff := emails(*official.User, admin)

	id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Kerja sama pangan", Stage: modeltest.Draft})
	if n := len(outbox(t, s)); n != 0 {
		t.Fatalf("a draft notified %d people", n)
	}
	ver, err := s.SendForConfirmation(ctx, official, id, models.AnyRevision)
	if err != nil {
		t.Fatal(err)
	}
	sent := queued(t, s, models.NotifySent)
	if got, want := keysOf(sent), emails(pariaman, pariaman2); !slices.Equal(got, want) {
		t.Fatalf("sent for confirmation notified %v, want the partner's active delegates %v (not %s)", got, want, bystander.Email)
	}
	p := sent[pariaman.Email].Parameters()
	if p.AgreementID != id || p.ContentHash != ver.ContentHash || p.Version != ver.Number || p.Title != "Kerja sama pangan" {
		t.Errorf("the message says %+v", p)
	}

	parties := modeltest.Parties(t, s, id)
	partner := parties[1]
	if err := s.DeclineParty(ctx, modeltest.As(&pariaman), id, partner.ID, ver.ContentHash, "Anggaran belum tersedia"); err != nil {
		t.Fatal(err)
	}
	declined := queued(t, s, models.NotifyDeclined)
	if got := keysOf(declined); !slices.Equal(got, staff) {
		t.Fatalf("the decline notified %v, want the officials %v", got, staff)
	}
	if p := declined[admin.Email].Parameters(); p.Reason != "Anggaran belum tersedia" || p.RegionCode != "13.77" || p.RegionName == "" || p.RegionName == "13.77" {
		t.Errorf("the decline's message says %+v", p)
	}

	// Revised and sent again: a new version, a new message to each delegate.
	if err := s.Withdraw(ctx, official, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if ver, err = s.SendForConfirmation(ctx, official, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	var again int
	for _, m := range outbox(t, s) {
		if m.Kind == models.NotifySent && m.UserID == pariaman.ID {
			again++
		}
	}
	if again != 2 {
		t.Errorf("the delegate got %d messages for two sendings", again)
	}
	for _, party := range modeltest.Parties(t, s, id) {
		if err := s.ConfirmParty(ctx, modeltest.Delegate(t, s, party.RegionCode), id, party.ID, ver.ContentHash, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	if got := keysOf(queued(t, s, models.NotifyAgreed)); !slices.Equal(got, staff) {
		t.Fatalf("the last confirmation notified %v, want the officials %v", got, staff)
	}
	if err := s.RecordSigning(ctx, official, id, models.SigningInput{Date: models.Date(2026, 3, 1), Place: "Jakarta"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Publish(ctx, official, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	published := queued(t, s, models.NotifyPublished)
	for _, e := range emails(pariaman, pariaman2) {
		if _, ok := published[e]; !ok {
			t.Errorf("publication did not notify %s", e)
		}
	}
	if _, ok := published[bystander.Email]; ok {
		t.Error("publication notified another region's delegate")
	}
}

// A step that fails writes no message: the outbox row is part of its transaction.
func TestRefusedStepQueuesNothing(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	modeltest.CreateUser(t, s, models.RoleDelegate, "13.77")
	id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.InReview})
	before := len(outbox(t, s))
	party := modeltest.Parties(t, s, id)[1]
	err := s.DeclineParty(ctx, modeltest.Delegate(t, s, "13.77"), id, party.ID, "not the hash", "Alasan")
	if err == nil {
		t.Fatal("a decline of another version was accepted")
	}
	if after := len(outbox(t, s)); after != before {
		t.Errorf("a refused decline queued %d messages", after-before)
	}
}

// Account events notify the account itself, whatever its preferences; the invitation
// carries its link's secret only until it is sent.
func TestAccountNotifications(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	admin := modeltest.CreateUser(t, s, models.RoleAdmin, "")
	u, token, err := s.CreateUser(ctx, modeltest.As(&admin), models.UserInput{Email: "baru@derap.test", Name: "Pengguna Baru", Role: models.RoleOfficial})
	if err != nil {
		t.Fatal(err)
	}
	inv := queued(t, s, models.NotifyInvitation)["baru@derap.test"]
	if inv.ID == 0 || inv.Parameters().Token != token || inv.UserID != u.ID {
		t.Fatalf("the invitation's message: %+v", inv)
	}
	if _, err := s.AcceptInvitation(ctx, models.Actor{}, token, modeltest.Password); err != nil {
		t.Fatal(err)
	}
	if err := s.EndSessions(ctx, modeltest.As(&admin), u.ID, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if m := queued(t, s, models.NotifySessionsEnded)["baru@derap.test"]; m.ID == 0 {
		t.Error("ending the sessions did not tell the account")
	}
	claimed, err := s.ClaimOutbox(ctx, "worker-a", time.Minute, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range claimed {
		if err := s.MarkSent(ctx, "worker-a", m.ID); err != nil {
			t.Fatal(err)
		}
	}
	if p := queued(t, s, models.NotifyInvitation)["baru@derap.test"].Parameters(); p.Token != "" {
		t.Error("the invitation's secret stayed in the outbox after it was sent")
	}
}

// A user's choices: off means no message, digest means the message waits for the digest;
// a required notification cannot be turned off; one user's choice is theirs alone.
func TestPreferencesAndUnsubscribe(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	off := modeltest.CreateUser(t, s, models.RoleDelegate, "13.77")
	digest := modeltest.CreateUser(t, s, models.RoleDelegate, "13.77")
	plain := modeltest.CreateUser(t, s, models.RoleDelegate, "13.77")
	if err := s.SaveAccountSettings(ctx, modeltest.As(&digest), models.AccountSettingsInput{Language: "en", Notifications: map[models.NotificationKind]models.Delivery{models.NotifySent: models.DeliveryDigest}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Unsubscribe(ctx, off.ID, models.NotifySent); err != nil {
		t.Fatal(err)
	}
	if err := s.Unsubscribe(ctx, off.ID, models.NotifyPasswordChanged); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("unsubscribing from a required notification: %v", err)
	}
	if err := s.Unsubscribe(ctx, off.ID, models.NotifyDeclined); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("unsubscribing from a notification the role does not get: %v", err)
	}
	prefs, err := s.NotificationPreferences(ctx, &digest)
	if err != nil {
		t.Fatal(err)
	}
	if prefs[models.NotifySent] != models.DeliveryDigest || prefs[models.NotifyReminder] != models.DeliveryImmediate || len(prefs) != len(models.NotificationsFor(models.RoleDelegate)) {
		t.Errorf("preferences read back: %v", prefs)
	}

	modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.InReview})
	sent := queued(t, s, models.NotifySent)
	if _, ok := sent[off.Email]; ok {
		t.Error("a delegate who turned it off was notified")
	}
	if m := sent[digest.Email]; m.ID == 0 || !m.Digest || m.Language != "en" {
		t.Errorf("the digest reader's message: %+v", m)
	}
	if m := sent[plain.Email]; m.ID == 0 || m.Digest || m.Language != "id" {
		t.Errorf("the default delegate's message: %+v", m)
	}

	tests := []struct {
		name  string
		in    models.AccountSettingsInput
		field string
	}{
		{"unknown language", models.AccountSettingsInput{Language: "fr"}, "language"},
		{"kind of another role", models.AccountSettingsInput{Language: "id", Notifications: map[models.NotificationKind]models.Delivery{models.NotifyDeclined: models.DeliveryOff}}, models.NotifyDeclined.SettingField()},
		{"required kind", models.AccountSettingsInput{Language: "id", Notifications: map[models.NotificationKind]models.Delivery{models.NotifyInvitation: models.DeliveryOff}}, models.NotifyInvitation.SettingField()},
		{"unknown delivery", models.AccountSettingsInput{Language: "id", Notifications: map[models.NotificationKind]models.Delivery{models.NotifySent: "weekly"}}, models.NotifySent.SettingField()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.SaveAccountSettings(ctx, modeltest.As(&plain), tt.in)
			var v *models.ValidationError
			if !errors.As(err, &v) || v.For(tt.field) != "error.invalid_choice" {
				t.Fatalf("err = %v, want error.invalid_choice on %s", err, tt.field)
			}
		})
	}
}

// The worker's side: a claimed message belongs to one worker; a failure is retried after
// a growing wait and given up at the limit or at once when permanent; a message whose
// worker died mid-send is not sent again by itself; an official may retry a failure.
func TestOutboxClaimsAndRetries(t *testing.T) {
	s := modeltest.NewStore(t)
	clock := modeltest.NewClock(s)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	for range 3 {
		modeltest.CreateUser(t, s, models.RoleDelegate, "13.77")
	}
	modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.InReview})

	const lease = 10 * time.Minute
	a, err := s.ClaimOutbox(ctx, "a", lease, 2)
	if err != nil || len(a) != 2 {
		t.Fatalf("worker a claimed %d (%v)", len(a), err)
	}
	b, err := s.ClaimOutbox(ctx, "b", lease, 10)
	if err != nil || len(b) != 1 || b[0].ID == a[0].ID || b[0].ID == a[1].ID {
		t.Fatalf("worker b claimed %+v (%v)", b, err)
	}
	if err := s.MarkSent(ctx, "b", a[0].ID); !errors.Is(err, models.ErrChanged) {
		t.Errorf("a worker marked another's message: %v", err)
	}

	// a[0] fails for a while, then is sent.
	status, err := s.MarkFailed(ctx, "a", a[0].ID, "451 try later", false)
	if err != nil || status != models.OutboxQueued {
		t.Fatalf("a temporary failure left it %s (%v)", status, err)
	}
	if again, _ := s.ClaimOutbox(ctx, "a", time.Minute, 10); len(again) != 0 {
		t.Fatalf("a failed message was claimed again before its wait: %d", len(again))
	}
	clock.Advance(time.Minute + time.Second)
	again, err := s.ClaimOutbox(ctx, "a", time.Minute, 10)
	if err != nil || len(again) != 1 || again[0].ID != a[0].ID || again[0].Attempts != 2 {
		t.Fatalf("after its wait: %+v (%v)", again, err)
	}
	if err := s.MarkSent(ctx, "a", a[0].ID); err != nil {
		t.Fatal(err)
	}

	// a[1] is refused for good.
	if status, _ := s.MarkFailed(ctx, "a", a[1].ID, "550 no such user", true); status != models.OutboxFailed {
		t.Errorf("a permanent failure left it %s", status)
	}

	// b's worker dies while sending: when its lease runs out the message is failed, not
	// sent again.
	clock.Advance(lease)
	if got, _ := s.ClaimOutbox(ctx, "c", time.Minute, 10); len(got) != 0 {
		t.Fatalf("a message interrupted mid-send was claimed again: %+v", got)
	}
	m, err := s.OutboxMessageByID(ctx, official, b[0].ID)
	if err != nil || m.Status != models.OutboxFailed || m.LastError == "" {
		t.Fatalf("the interrupted message: %+v (%v)", m, err)
	}
	if err := s.MarkSent(ctx, "b", b[0].ID); !errors.Is(err, models.ErrChanged) {
		t.Errorf("the dead worker's late mark was taken: %v", err)
	}
	if n, _ := s.OutboxFailures(ctx); n != 2 {
		t.Errorf("%d failures counted, want 2", n)
	}
	if err := s.RetryMessage(ctx, modeltest.Delegate(t, s, "13.77"), b[0].ID); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("a delegate retried a message: %v", err)
	}
	if err := s.RetryMessage(ctx, official, b[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RetryMessage(ctx, official, b[0].ID); !errors.Is(err, models.ErrChanged) {
		t.Errorf("retrying a message that is no longer failed: %v", err)
	}
	if got, _ := s.ClaimOutbox(ctx, "c", time.Minute, 10); len(got) != 1 || got[0].ID != b[0].ID || got[0].Attempts != 1 {
		t.Errorf("the retried message was not claimed afresh: %+v", got)
	}

	// The attempts are limited.
	id := a[1].ID
	if err := s.RetryMessage(ctx, official, id); err != nil {
		t.Fatal(err)
	}
	for i := 1; ; i++ {
		clock.Advance(7 * time.Hour)
		got, err := s.ClaimOutbox(ctx, "a", time.Minute, 10)
		if err != nil || len(got) != 1 {
			t.Fatalf("attempt %d: claimed %d (%v)", i, len(got), err)
		}
		status, err := s.MarkFailed(ctx, "a", id, "451 later", false)
		if err != nil {
			t.Fatal(err)
		}
		if status == models.OutboxFailed {
			if i != models.OutboxMaxAttempts {
				t.Errorf("given up after %d attempts, want %d", i, models.OutboxMaxAttempts)
			}
			break
		}
		if i > models.OutboxMaxAttempts {
			t.Fatal("never given up")
		}
	}
}

// Reminders go to the delegates of a region whose answer is pending, after seven days and
// every seven days after, once per step however often the job runs; officials are warned
// six, three and one month before a signed agreement ends.
func TestRemindersAndEndingWarnings(t *testing.T) {
	s := modeltest.NewStore(t)
	clock := modeltest.NewClock(s)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	delegate := modeltest.CreateUser(t, s, models.RoleDelegate, "13.77")
	modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.InReview})

	reminders := func() int {
		n := 0
		for _, m := range outbox(t, s) {
			if m.Kind == models.NotifyReminder {
				n++
			}
		}
		return n
	}
	run := func() {
		t.Helper()
		for range 2 { // twice: the second run finds nothing new
			if _, err := s.QueueReminders(ctx, models.DefaultReminders); err != nil {
				t.Fatal(err)
			}
		}
	}
	run()
	if n := reminders(); n != 0 {
		t.Fatalf("%d reminders on the day it was sent", n)
	}
	clock.Advance(7*24*time.Hour + time.Hour)
	run()
	if n := reminders(); n != 1 {
		t.Fatalf("%d reminders after a week, want 1", n)
	}
	m := queued(t, s, models.NotifyReminder)[delegate.Email]
	if p := m.Parameters(); p.PendingDays != 7 || p.ContentHash == "" || p.RegionName == "" {
		t.Errorf("the reminder says %+v", p)
	}
	clock.Advance(3 * 24 * time.Hour)
	run()
	if n := reminders(); n != 1 {
		t.Fatalf("%d reminders after ten days, want still 1", n)
	}
	clock.Advance(4 * 24 * time.Hour)
	run()
	if n := reminders(); n != 2 {
		t.Fatalf("%d reminders after two weeks, want 2", n)
	}

	// A signed agreement ending on 28 February 2030 (five years from 1 March 2025).
	modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.Signed})
	warnings := func() []int {
		var out []int
		for _, m := range outbox(t, s) {
			if m.Kind == models.NotifyEnding && m.UserID == official.User.ID {
				out = append(out, m.Parameters().MonthsLeft)
			}
		}
		return out
	}
	end := models.Date(2030, time.February, 28)
	steps := []struct {
		at   time.Time
		want []int
	}{
		{end.AddDate(0, -7, 0), nil},
		{end.AddDate(0, -6, 0), []int{6}},
		{end.AddDate(0, -5, 0), []int{6}},
		{end.AddDate(0, -3, 0), []int{6, 3}},
		{end.AddDate(0, -1, 1), []int{6, 3, 1}},
		{end.AddDate(0, 0, 1), []int{6, 3, 1}},
	}
	for _, st := range steps {
		clock.Advance(st.at.Add(time.Hour).Sub(s.Now()))
		run()
		if got := warnings(); !slices.Equal(got, st.want) {
			t.Errorf("on %s: warnings %v, want %v", st.at.Format(time.DateOnly), got, st.want)
		}
	}
}

// The digest gathers a day's waiting messages for a user into one, from 07:00 in Jakarta,
// once a day.
func TestDigestAssembly(t *testing.T) {
	s := modeltest.NewStore(t)
	clock := modeltest.NewClock(s)
	ctx := context.Background()
	reader := modeltest.CreateUser(t, s, models.RoleDelegate, "13.77")
	if err := s.SaveAccountSettings(ctx, modeltest.As(&reader), models.AccountSettingsInput{Language: "id", Notifications: map[models.NotificationKind]models.Delivery{
		models.NotifySent: models.DeliveryDigest, models.NotifyPublished: models.DeliveryDigest,
	}}); err != nil {
		t.Fatal(err)
	}
	// modeltest's clock starts at 10:00 in Jakarta: start at 05:00.
	clock.Advance(-5 * time.Hour)
	modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Satu"})
	modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Dua", Stage: modeltest.InReview})
	claimed, err := s.ClaimOutbox(ctx, "w", time.Minute, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range claimed { // the confirming delegates' own messages
		if m.UserID == reader.ID {
			t.Fatalf("a digest's item was sent on its own: %+v", m)
		}
	}
	if n, err := s.QueueDigests(ctx); err != nil || n != 0 {
		t.Fatalf("a digest made before 07:00: %d (%v)", n, err)
	}
	clock.Advance(2*time.Hour + time.Minute)
	if n, err := s.QueueDigests(ctx); err != nil || n != 1 {
		t.Fatalf("digests made at 07:01: %d (%v)", n, err)
	}
	digest := queued(t, s, models.NotifyDigest)[reader.Email]
	items, err := s.DigestItems(ctx, digest)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 3 { // Satu sent and published, Dua sent
		t.Fatalf("the digest holds %d items, want 3", len(items))
	}
	for _, it := range items {
		if it.Status != models.OutboxDigested || it.UserID != reader.ID {
			t.Errorf("item %+v", it)
		}
	}
	modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Tiga", Stage: modeltest.InReview})
	if n, _ := s.QueueDigests(ctx); n != 0 {
		t.Error("a second digest on the same day")
	}
	clock.Advance(24 * time.Hour)
	if n, _ := s.QueueDigests(ctx); n != 1 {
		t.Error("no digest the next day for what came since")
	}
	got, err := s.ClaimOutbox(ctx, "w", time.Minute, 100)
	var digests int
	for _, m := range got {
		if m.UserID == reader.ID {
			if m.Kind != models.NotifyDigest {
				t.Errorf("claimed %+v for the digest reader", m)
			}
			digests++
		}
	}
	if err != nil || digests != 2 {
		t.Errorf("claimed %d digests (%v), want 2", digests, err)
	}
}
