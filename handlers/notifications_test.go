package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"derap/handlers"
	"derap/internal/notify"
	"derap/models"
	"derap/models/modeltest"
	"derap/views/form"
)

// A user chooses their language and how each notification their role receives comes; the
// choice is stored, the portal speaks the language on this browser, and a value no form
// offers is refused.
func TestAccountSettings(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	ctx := context.Background()

	b := p.browser(t)
	b.login(u.delegate.Email, modeltest.Password)
	page := b.get("/account")
	settings := page.doc.Find(`form[data-testid="settings-form"]`)
	if settings.Length() != 1 || settings.Find(`select[name="language"] option[selected]`).AttrOr("value", "") != "id" {
		t.Fatal("the account page has no settings form with the language chosen")
	}
	for _, k := range models.NotificationsFor(models.RoleDelegate) {
		sel := settings.Find(`select[name="` + form.NotifyField(k) + `"]`)
		if sel.Length() != 1 || sel.Find("option[selected]").AttrOr("value", "") != "immediate" {
			t.Errorf("no choice for %s, at once by default", k)
		}
		if id := sel.AttrOr("id", ""); page.doc.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("the choice for %s has no label", k)
		}
	}
	if settings.Find(`select[name="`+form.NotifyField(models.NotifyDeclined)+`"]`).Length() != 0 {
		t.Error("a delegate is offered the officials' notifications")
	}

	values := formValues(settings)
	values.Set(form.FieldLanguage, "en")
	values.Set(form.NotifyField(models.NotifySent), "digest")
	values.Set(form.NotifyField(models.NotifyPublished), "off")
	done := b.post("/account/settings", values)
	if done.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the settings: %d", done.StatusCode)
	}
	var lang string
	for _, c := range done.Cookies() {
		if c.Name == "lang" {
			lang = c.Value
		}
	}
	if lang != "en" {
		t.Errorf("the browser's language is %q after choosing English", lang)
	}
	stored, err := p.store.UserByEmail(ctx, u.delegate.Email)
	if err != nil {
		t.Fatal(err)
	}
	prefs, err := p.store.NotificationPreferences(ctx, &stored)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Language != "en" || prefs[models.NotifySent] != models.DeliveryDigest || prefs[models.NotifyPublished] != models.DeliveryOff || prefs[models.NotifyReminder] != models.DeliveryImmediate {
		t.Errorf("stored: language %q, %v", stored.Language, prefs)
	}
	after := b.get(done.Header.Get("Location"))
	if !strings.Contains(text(after.doc.Find(`[data-testid="flash"]`)), "saved") {
		t.Errorf("after saving, in English: %q", text(after.doc.Find(`[data-testid="flash"]`)))
	}
	if v := after.doc.Find(`select[name="`+form.NotifyField(models.NotifySent)+`"] option[selected]`).AttrOr("value", ""); v != "digest" {
		t.Errorf("the form shows %q after saving digest", v)
	}

	bad := formValues(after.doc.Find(`form[data-testid="settings-form"]`))
	bad.Set(form.NotifyField(models.NotifySent), "weekly")
	if r := b.post("/account/settings", bad); r.StatusCode != http.StatusBadRequest {
		t.Errorf("a delivery no form offers: %d", r.StatusCode)
	}
	noToken := url.Values{form.FieldLanguage: {"id"}, "_csrf": {"forged"}}
	if r := b.post("/account/settings", noToken); r.StatusCode != http.StatusForbidden {
		t.Errorf("settings without the CSRF token: %d", r.StatusCode)
	}
	if r := p.browser(t).post("/account/settings", url.Values{form.FieldLanguage: {"en"}}); r.StatusCode != http.StatusSeeOther && r.StatusCode != http.StatusForbidden {
		t.Errorf("a visitor's settings: %d", r.StatusCode)
	}

	// An official is offered the officials' notifications.
	o := p.browser(t)
	o.login(u.official.Email, modeltest.Password)
	mine := o.get("/account").doc.Find(`form[data-testid="settings-form"]`)
	for _, k := range models.NotificationsFor(models.RoleOfficial) {
		if mine.Find(`select[name="`+form.NotifyField(k)+`"]`).Length() != 1 {
			t.Errorf("an official is not offered %s", k)
		}
	}
}

// The outbox is the officials': it lists what is queued, says that nothing is sent
// without a mail server, shows each message as it would be mailed, and lets an official
// send a failed one again; the dashboard counts failures.
func TestOutboxPages(t *testing.T) {
	p := newPortal(t, handlers.Config{BaseURL: &url.URL{Scheme: "https", Host: "ksd.example.go.id"}})
	u := p.users(t)
	ctx := context.Background()
	id := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Kerja sama <b>pangan</b>", Stage: modeltest.InReview})

	d := p.browser(t)
	d.login(u.delegate.Email, modeltest.Password)
	if r := d.get("/office/outbox"); r.StatusCode != http.StatusForbidden {
		t.Errorf("a delegate's outbox: %d", r.StatusCode)
	}
	if r := p.browser(t).get("/office/outbox"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("a visitor's outbox: %d", r.StatusCode)
	}
	if r := p.browser(t).get("/admin/outbox"); r.StatusCode != http.StatusMovedPermanently || r.Header.Get("Location") != "/office/outbox" {
		t.Errorf("/admin/outbox: %d %s", r.StatusCode, r.Header.Get("Location"))
	}

	b := p.browser(t)
	b.login(u.official.Email, modeltest.Password)
	list := b.get("/office/outbox")
	if list.StatusCode != http.StatusOK || list.doc.Find(`[data-testid="mail-off"]`).Length() != 1 {
		t.Fatalf("the outbox: %d, without a word on the missing mail server", list.StatusCode)
	}
	row := list.doc.Find(`[data-testid="outbox-message"][data-email="` + u.delegate.Email + `"]`)
	if row.Length() != 1 || row.AttrOr("data-kind", "") != string(models.NotifySent) || row.AttrOr("data-status", "") != "queued" {
		t.Fatalf("the delegate's message is not listed as queued: %d rows", row.Length())
	}
	href := row.Find("a").AttrOr("href", "")
	msg := b.get(href)
	mailText := msg.doc.Find(`[data-testid="mail-text"]`).Text()
	if msg.StatusCode != http.StatusOK || !strings.Contains(mailText, "https://ksd.example.go.id/agreements/"+itoa(id)) || !strings.Contains(mailText, "Kerja sama <b>pangan</b>") {
		t.Fatalf("the message page: %d %q", msg.StatusCode, mailText)
	}
	if msg.doc.Find(`[data-testid="retry-form"]`).Length() != 0 {
		t.Error("a queued message offers to be sent again")
	}

	// A failed message.
	claimed, err := p.store.ClaimOutbox(ctx, "test", 10*time.Minute, 100)
	if err != nil {
		t.Fatal(err)
	}
	var failed uint
	for _, m := range claimed {
		if m.UserID == u.delegate.ID {
			failed = m.ID
			if _, err := p.store.MarkFailed(ctx, "test", m.ID, "550 5.1.1 mailbox unavailable", true); err != nil {
				t.Fatal(err)
			}
		}
	}
	dash := b.get("/office")
	if !strings.Contains(text(dash.doc.Find(`[data-testid="failed-messages"]`)), "1") {
		t.Errorf("the dashboard does not count the failure: %q", text(dash.doc.Find(`[data-testid="failed-messages"]`)))
	}
	failedList := b.get("/office/outbox?status=failed")
	if n := failedList.doc.Find(`[data-testid="outbox-message"]`).Length(); n != 1 || !strings.Contains(text(failedList.doc.Find(`[data-testid="outbox-error"]`)), "mailbox unavailable") {
		t.Errorf("the failed filter lists %d, with the error %q", n, text(failedList.doc.Find(`[data-testid="outbox-error"]`)))
	}
	if r := b.get("/office/outbox?status=lost"); r.StatusCode != http.StatusBadRequest {
		t.Errorf("an unknown status: %d", r.StatusCode)
	}
	page := b.get("/office/outbox/" + itoa(failed))
	retry := page.doc.Find(`[data-testid="retry-form"]`)
	if retry.Length() != 1 {
		t.Fatal("a failed message offers no retry")
	}
	if r := d.post("/office/outbox/"+itoa(failed)+"/retry", nil); r.StatusCode != http.StatusForbidden {
		t.Errorf("a delegate's retry: %d", r.StatusCode)
	}
	if r := b.post(retry.AttrOr("action", ""), formValues(retry)); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("retry: %d", r.StatusCode)
	}
	m, err := p.store.OutboxMessageByID(ctx, models.System, failed)
	if err != nil || m.Status != models.OutboxQueued || m.Attempts != 0 {
		t.Errorf("after the retry: %+v (%v)", m, err)
	}
	b.get("/office/outbox/" + itoa(failed))
	if r := b.post("/office/outbox/"+itoa(failed)+"/retry", nil); r.StatusCode != http.StatusConflict || r.doc.Find(`[data-testid="form-alert"]`).Length() != 1 {
		t.Errorf("retrying a message no longer failed: %d", r.StatusCode)
	}
	if r := b.get("/office/outbox/999999"); r.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown message: %d", r.StatusCode)
	}
}

// The unsubscribe link works without signing in, by its signed token: opening it asks
// and changes nothing; the one-click POST of a mail program (no session, no CSRF token)
// turns the notification off; a forged or altered token is refused, and a required
// notification cannot be turned off.
func TestUnsubscribeLink(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	ctx := context.Background()
	signer := notify.NewSigner(testKey)
	token := signer.Token(u.delegate.ID, models.NotifySent)
	path := "/unsubscribe/" + token
	prefs := func() map[models.NotificationKind]models.Delivery {
		t.Helper()
		got, err := p.store.NotificationPreferences(ctx, &u.delegate)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}

	visitor := p.browser(t)
	ask := visitor.get(path)
	if ask.StatusCode != http.StatusOK || ask.doc.Find(`form[data-testid="unsubscribe-form"]`).Length() != 1 {
		t.Fatalf("opening the link: %d", ask.StatusCode)
	}
	if prefs()[models.NotifySent] != models.DeliveryImmediate {
		t.Fatal("opening the link changed the preference")
	}
	req, _ := http.NewRequest(http.MethodPost, p.srv.URL+path, strings.NewReader("List-Unsubscribe=One-Click"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the one-click POST: %d", resp.StatusCode)
	}
	if got := prefs(); got[models.NotifySent] != models.DeliveryOff || got[models.NotifyReminder] != models.DeliveryImmediate {
		t.Errorf("after unsubscribing: %v", got)
	}

	other := signer.Token(u.official.ID, models.NotifySent)
	forged := strings.SplitN(token, ".", 2)[0] + "." + strings.SplitN(other, ".", 2)[1]
	for _, bad := range []string{"nonsense", forged, notify.NewSigner([]byte("another portal's secret, long enough")).Token(u.delegate.ID, models.NotifyReminder)} {
		if r := visitor.post("/unsubscribe/"+bad, nil); r.StatusCode != http.StatusNotFound {
			t.Errorf("a forged token: %d", r.StatusCode)
		}
	}
	if r := visitor.post("/unsubscribe/"+signer.Token(u.delegate.ID, models.NotifyPasswordChanged), nil); r.StatusCode != http.StatusForbidden {
		t.Errorf("unsubscribing from a required notification: %d", r.StatusCode)
	}
	if got := prefs(); got[models.NotifyReminder] != models.DeliveryImmediate {
		t.Errorf("a refused token changed something: %v", got)
	}
}
