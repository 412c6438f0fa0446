package notify_test

import (
	"context"
	"errors"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"derap/internal/mail"
	"derap/internal/mail/mailtest"
	"derap/internal/notify"
	"derap/models"
	"derap/models/modeltest"
)

// rig is a store on the test clock, a real SMTP server on loopback and the worker that
// sends to it, as `derap serve` puts them together.
type rig struct {
	store  *models.Store
	clock  *modeltest.Clock
	server *mailtest.Server
	worker *notify.Worker
	signer *notify.Signer
}

var base, _ = url.Parse("https://ksd.example.go.id")

func newRig(t *testing.T) *rig {
	t.Helper()
	s := modeltest.NewStore(t)
	r := &rig{store: s, clock: modeltest.NewClock(s), server: mailtest.Start(t, mailtest.WithAuth("portal", "s3cret pass")), signer: notify.NewSigner([]byte("a test secret of thirty-two bytes or more"))}
	sender, err := mail.NewSMTP(mail.Config{URL: r.server.URL(), From: "Derap KSD <noreply@ksd.example.go.id>", ReplyTo: "biro.ksd@jakarta.go.id"})
	if err != nil {
		t.Fatal(err)
	}
	r.worker = &notify.Worker{
		Composer: notify.Composer{Store: s, Base: base, Signer: r.signer},
		Outbox:   s, Sender: sender, Reminders: models.DefaultReminders,
	}
	return r
}

// run is one round of the worker; it returns how many messages went out.
func (r *rig) run(t *testing.T) int {
	t.Helper()
	n, err := r.worker.RunOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// mailTo is the messages the server received for an address.
func (r *rig) mailTo(addr string) []mailtest.Received {
	var out []mailtest.Received
	for _, m := range r.server.Messages() {
		if slices.Contains(m.To, addr) {
			out = append(out, m)
		}
	}
	return out
}

func (r *rig) user(t *testing.T, role models.Role, region, lang string) models.User {
	t.Helper()
	u := modeltest.CreateUser(t, r.store, role, region)
	if lang != "id" {
		if err := r.store.SaveAccountSettings(context.Background(), modeltest.As(&u), models.AccountSettingsInput{Language: lang}); err != nil {
			t.Fatal(err)
		}
		u.Language = lang
	}
	return u
}

// status reads a message's status from the outbox.
func (r *rig) messages(t *testing.T, kind models.NotificationKind) []models.OutboxMessage {
	t.Helper()
	page, err := r.store.Outbox(context.Background(), models.System, models.OutboxFilter{}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []models.OutboxMessage
	for _, m := range page.Messages {
		if m.Kind == kind {
			out = append(out, m)
		}
	}
	return out
}

var unsubscribeLink = regexp.MustCompile(`^<(https://ksd\.example\.go\.id/unsubscribe/([^>]+))>$`)

// An agreement's lifecycle mails the people it concerns, each once, in their language, with
// absolute links, a stable Message-ID and, for what they may turn off, the one-click
// unsubscribe headers whose link names them and the kind.
func TestLifecycleMails(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	official := r.user(t, models.RoleOfficial, "", "id")
	admin := r.user(t, models.RoleAdmin, "", "en")
	delegate := r.user(t, models.RoleDelegate, "13.77", "id")
	delegateEN := r.user(t, models.RoleDelegate, "13.77", "en")
	bystander := r.user(t, models.RoleDelegate, "61", "id")
	if n := len(r.server.Messages()); n != 0 {
		t.Fatalf("%d mails before anything happened", n)
	}

	id := modeltest.CreateAgreement(t, r.store, modeltest.Agreement{Title: "Kerja sama ketahanan pangan", Stage: modeltest.Draft})
	ver, err := r.store.SendForConfirmation(ctx, modeltest.As(&official), id, models.AnyRevision)
	if err != nil {
		t.Fatal(err)
	}
	if n := r.run(t); n != 2 {
		t.Fatalf("sending for confirmation mailed %d, want the two delegates of Kota Pariaman", n)
	}
	if r.run(t) != 0 || len(r.server.Messages()) != 2 {
		t.Fatal("a second round sent again")
	}
	if len(r.mailTo(bystander.Email)) != 0 || len(r.mailTo(official.Email)) != 0 {
		t.Error("someone outside the parties' regions was asked to confirm")
	}
	link := base.String() + "/agreements/" + itoa(id)
	for _, tt := range []struct {
		u       models.User
		subject string
	}{{delegate, "Mohon konfirmasi"}, {delegateEN, "Please confirm"}} {
		got := r.mailTo(tt.u.Email)
		if len(got) != 1 {
			t.Fatalf("%s got %d mails", tt.u.Email, len(got))
		}
		m := got[0]
		if !strings.HasPrefix(m.Subject, tt.subject) {
			t.Errorf("%s: subject %q, want it to start %q", tt.u.Language, m.Subject, tt.subject)
		}
		for _, want := range []string{link, ver.ContentHash, "Kerja sama ketahanan pangan"} {
			if !strings.Contains(m.Text, want) || !strings.Contains(m.HTML, want) {
				t.Errorf("%s: the mail lacks %q", tt.u.Language, want)
			}
		}
		if !strings.Contains(m.HTML, `lang="`+tt.u.Language+`"`) {
			t.Errorf("%s: the HTML is not marked as the recipient's language", tt.u.Language)
		}
		msgs := r.messages(t, models.NotifySent)
		i := slices.IndexFunc(msgs, func(o models.OutboxMessage) bool { return o.UserID == tt.u.ID })
		if want := "<outbox-" + itoa(msgs[i].ID) + "@ksd.example.go.id>"; m.Header.Get("Message-Id") != want {
			t.Errorf("Message-ID %q, want %q", m.Header.Get("Message-Id"), want)
		}
		if _, err := m.Header.Date(); err != nil {
			t.Errorf("Date: %v", err)
		}
		if got := m.Header.Get("Reply-To"); !strings.Contains(got, "biro.ksd@jakarta.go.id") {
			t.Errorf("Reply-To %q", got)
		}
		if m.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
			t.Errorf("List-Unsubscribe-Post %q", m.Header.Get("List-Unsubscribe-Post"))
		}
		parts := unsubscribeLink.FindStringSubmatch(m.Header.Get("List-Unsubscribe"))
		if parts == nil {
			t.Fatalf("List-Unsubscribe %q", m.Header.Get("List-Unsubscribe"))
		}
		token, _ := url.PathUnescape(parts[2])
		if uid, kind, err := r.signer.Verify(token); err != nil || uid != tt.u.ID || kind != models.NotifySent {
			t.Errorf("the unsubscribe link names %d %s (%v)", uid, kind, err)
		}
		if !strings.Contains(m.Text, parts[1]) {
			t.Error("the text does not carry the unsubscribe link")
		}
	}

	// Kota Pariaman declines: the officials hear of it, with the reason.
	parties := modeltest.Parties(t, r.store, id)
	if err := r.store.DeclineParty(ctx, modeltest.As(&delegate), id, parties[1].ID, ver.ContentHash, "Anggaran daerah belum tersedia"); err != nil {
		t.Fatal(err)
	}
	r.run(t)
	for _, u := range []models.User{official, admin} {
		got := r.mailTo(u.Email)
		if len(got) != 1 || !strings.Contains(got[0].Text, "Anggaran daerah belum tersedia") || !strings.Contains(got[0].Text, base.String()+"/office/agreements/"+itoa(id)) {
			t.Fatalf("%s: the decline's mail: %+v", u.Role, got)
		}
	}
	if !strings.Contains(r.mailTo(admin.Email)[0].Subject, "declined") {
		t.Errorf("the English decline's subject: %q", r.mailTo(admin.Email)[0].Subject)
	}

	// Revised, sent again, confirmed by all: the officials hear of it; signed and
	// published: the delegates do.
	if err := r.store.Withdraw(ctx, modeltest.As(&official), id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if ver, err = r.store.SendForConfirmation(ctx, modeltest.As(&official), id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	for _, p := range modeltest.Parties(t, r.store, id) {
		if err := r.store.ConfirmParty(ctx, modeltest.Delegate(t, r.store, p.RegionCode), id, p.ID, ver.ContentHash, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	r.run(t)
	if got := r.mailTo(official.Email); len(got) != 2 || !strings.HasPrefix(got[1].Subject, "Semua pihak telah mengonfirmasi") {
		t.Fatalf("the last confirmation's mail to the official: %d mails", len(got))
	}
	if err := r.store.RecordSigning(ctx, modeltest.As(&official), id, models.SigningInput{Date: models.Date(2026, 3, 1), Place: "Jakarta"}); err != nil {
		t.Fatal(err)
	}
	if err := r.store.Publish(ctx, modeltest.As(&official), id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	r.run(t)
	if got := r.mailTo(delegateEN.Email); len(got) != 3 || !strings.Contains(got[2].Subject, "signed and published") || !strings.Contains(got[2].Text, link) {
		t.Fatalf("the publication's mail to the delegate: %d mails", len(got))
	}
	if len(r.mailTo(bystander.Email)) != 0 {
		t.Error("another region's delegate was mailed")
	}
}

// Account mails are sent whatever the preferences, without an unsubscribe link; the
// invitation carries its link, which the outbox forgets once it is sent.
func TestAccountMails(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	admin := r.user(t, models.RoleAdmin, "", "id")
	u, token, err := r.store.CreateUser(ctx, modeltest.As(&admin), models.UserInput{Email: "delegasi.kolaka@derap.test", Name: "Delegasi Kolaka", Role: models.RoleDelegate, RegionCode: "74.01"})
	if err != nil {
		t.Fatal(err)
	}
	r.run(t)
	got := r.mailTo(u.Email)
	if len(got) != 1 {
		t.Fatalf("the invitation: %d mails", len(got))
	}
	invitation := base.String() + "/invitations/" + token
	if !strings.Contains(got[0].Text, invitation) || !strings.Contains(got[0].HTML, invitation) {
		t.Error("the invitation lacks its link")
	}
	if got[0].Header.Get("List-Unsubscribe") != "" {
		t.Error("an invitation offers to unsubscribe")
	}
	if p := r.messages(t, models.NotifyInvitation)[0].Parameters(); p.Token != "" {
		t.Error("the invitation's secret stayed in the outbox")
	}
	if _, err := r.store.AcceptInvitation(ctx, models.Actor{}, token, modeltest.Password); err != nil {
		t.Fatal(err)
	}
	if err := r.store.EndSessions(ctx, modeltest.As(&admin), u.ID, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	r.run(t)
	if got := r.mailTo(u.Email); len(got) != 2 || !strings.Contains(got[1].Subject, "dikeluarkan dari semua perangkat") {
		t.Fatalf("ending the sessions: %d mails", len(got))
	}
}

// A server that refuses for now is tried again after the backoff and then delivers once;
// one that refuses for good leaves the message failed, with its error, counted for the
// dashboard, until an official retries it.
func TestRefusedThenAccepted(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	official := r.user(t, models.RoleOfficial, "", "id")
	delegate := r.user(t, models.RoleDelegate, "13.77", "id")
	modeltest.CreateAgreement(t, r.store, modeltest.Agreement{Stage: modeltest.InReview})

	r.server.Refuse(1, 451, "4.3.0 mailbox busy, try later")
	if n := r.run(t); n != 0 {
		t.Fatalf("%d sent while the server refused", n)
	}
	m := r.messages(t, models.NotifySent)[0]
	if m.Status != models.OutboxQueued || m.Attempts != 1 || !strings.Contains(m.LastError, "451") {
		t.Fatalf("after a temporary refusal: %+v", m)
	}
	if n := r.run(t); n != 0 {
		t.Fatal("tried again before the backoff")
	}
	r.clock.Advance(time.Minute)
	if n := r.run(t); n != 1 || len(r.mailTo(delegate.Email)) != 1 {
		t.Fatalf("after the backoff: %d sent, %d received", n, len(r.mailTo(delegate.Email)))
	}
	r.clock.Advance(time.Hour)
	if r.run(t); len(r.mailTo(delegate.Email)) != 1 {
		t.Fatal("delivered twice")
	}

	// A permanent refusal.
	if err := r.store.Publish(ctx, modeltest.As(&official), modeltest.CreateAgreement(t, r.store, modeltest.Agreement{Stage: modeltest.Signed}), models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	before := len(r.server.Messages())
	r.server.Refuse(100, 550, "5.1.1 no such mailbox")
	r.run(t)
	r.clock.Advance(24 * time.Hour)
	r.run(t)
	failed := r.messages(t, models.NotifyPublished)
	for _, m := range failed {
		if m.Status != models.OutboxFailed || m.Attempts != 1 || !strings.Contains(m.LastError, "550") {
			t.Errorf("after a permanent refusal: %+v", m)
		}
	}
	page, err := r.store.Outbox(ctx, modeltest.As(&official), models.OutboxFilter{Status: models.OutboxFailed}, 100)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := r.store.OutboxFailures(ctx); n != page.Total || n < int64(len(failed)) || len(failed) == 0 {
		t.Errorf("%d failures counted, %d listed, %d of them publications", n, page.Total, len(failed))
	}
	r.server.Refuse(0, 0, "")
	if err := r.store.RetryMessage(ctx, modeltest.As(&official), failed[0].ID); err != nil {
		t.Fatal(err)
	}
	if n := r.run(t); n != 1 || len(r.server.Messages()) != before+1 {
		t.Errorf("the retried message: %d sent", n)
	}
}

// cutAfterSend delivers a message and then stops the worker before it can record it: a
// crash between send and mark.
type cutAfterSend struct {
	mail.Sender
	stop context.CancelFunc
}

func (c cutAfterSend) Send(ctx context.Context, m mail.Message) error {
	err := c.Sender.Send(ctx, m)
	c.stop()
	return err
}

// A worker that dies after the mail server took a message but before it marked it sent
// leaves it to no one: when its lease runs out the message is failed as interrupted, and
// no worker sends it a second time (at most once; an official can send it again).
func TestCrashBetweenSendAndMark(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	delegate := r.user(t, models.RoleDelegate, "13.77", "id")
	modeltest.CreateAgreement(t, r.store, modeltest.Agreement{Stage: modeltest.InReview})

	dying, stop := context.WithCancel(ctx)
	crashing := *r.worker
	crashing.Sender = cutAfterSend{Sender: r.worker.Sender, stop: stop}
	crashing.Lease = 5 * time.Minute
	if _, err := crashing.RunOnce(dying); !errors.Is(err, context.Canceled) {
		t.Fatalf("the dying worker's round: %v", err)
	}
	if got := len(r.mailTo(delegate.Email)); got != 1 {
		t.Fatalf("%d delivered before the crash", got)
	}
	if m := r.messages(t, models.NotifySent)[0]; m.Status != models.OutboxSending {
		t.Fatalf("after the crash: %s", m.Status)
	}
	if n := r.run(t); n != 0 {
		t.Fatal("another worker took a message still under the dead one's lease")
	}
	r.clock.Advance(5*time.Minute + time.Second)
	r.run(t)
	r.clock.Advance(24 * time.Hour)
	r.run(t)
	if got := len(r.mailTo(delegate.Email)); got != 1 {
		t.Fatalf("the delegate received %d copies", got)
	}
	m := r.messages(t, models.NotifySent)[0]
	if m.Status != models.OutboxFailed || !strings.Contains(m.LastError, "interrupted") {
		t.Fatalf("the interrupted message: %+v", m)
	}
}

// A delegate who takes the daily digest gets one mail at 07:00 WIB listing what came
// since, with each item's link; reminders come by the clock and each step once.
func TestDigestAndReminders(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	reader := r.user(t, models.RoleDelegate, "13.77", "en")
	if err := r.store.SaveAccountSettings(ctx, modeltest.As(&reader), models.AccountSettingsInput{Language: "en", Notifications: map[models.NotificationKind]models.Delivery{
		models.NotifySent: models.DeliveryDigest, models.NotifyPublished: models.DeliveryDigest,
	}}); err != nil {
		t.Fatal(err)
	}
	other := r.user(t, models.RoleDelegate, "13.77", "id")
	r.clock.Advance(-5 * time.Hour) // 05:00 WIB
	one := modeltest.CreateAgreement(t, r.store, modeltest.Agreement{Title: "Satu"})
	two := modeltest.CreateAgreement(t, r.store, modeltest.Agreement{Title: "Dua", Stage: modeltest.InReview})
	r.run(t)
	if got := len(r.mailTo(reader.Email)); got != 0 {
		t.Fatalf("the digest reader got %d mails before 07:00", got)
	}
	if got := len(r.mailTo(other.Email)); got != 3 {
		t.Fatalf("the other delegate got %d mails at once, want 3", got)
	}
	r.clock.Advance(2*time.Hour + time.Minute)
	r.run(t)
	r.run(t)
	got := r.mailTo(reader.Email)
	if len(got) != 1 {
		t.Fatalf("the digest reader got %d mails at 07:01, want one digest", len(got))
	}
	d := got[0]
	if d.Subject != "Derap KSD daily digest: 3 notifications" {
		t.Errorf("digest subject %q", d.Subject)
	}
	for _, want := range []string{base.String() + "/agreements/" + itoa(one), base.String() + "/agreements/" + itoa(two), "Satu", "Dua"} {
		if !strings.Contains(d.Text, want) || !strings.Contains(d.HTML, want) {
			t.Errorf("the digest lacks %q", want)
		}
	}

	// A week on, the pending answer is reminded, to the one at once and the other in the
	// next digest.
	r.clock.Advance(7 * 24 * time.Hour)
	r.run(t)
	r.run(t)
	reminders := r.mailTo(other.Email)[3:]
	if len(reminders) != 1 || !strings.Contains(reminders[0].Subject, "Pengingat") {
		t.Fatalf("a week on: %d reminders", len(reminders))
	}
}

func itoa(id uint) string { return strconv.FormatUint(uint64(id), 10) }
