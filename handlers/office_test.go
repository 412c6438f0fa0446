package handlers_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/views"
	"derap/views/form"
)

// The officials' list of events names every event record with the link to its form.
func TestOfficeEventList(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	off := p.browser(t)
	off.login(u.official.Email, modeltest.Password)
	list := off.get(string(views.OfficeEventsURL()))
	if list.StatusCode != http.StatusOK {
		t.Fatalf("list: %d", list.StatusCode)
	}
	events, err := p.store.Events(context.Background(), 0)
	if err != nil || len(events) == 0 {
		t.Fatalf("%d events, %v", len(events), err)
	}
	items := list.doc.Find(`[data-testid="office-event-list"] li`)
	if items.Length() != len(events) {
		t.Errorf("%d events listed, %d recorded", items.Length(), len(events))
	}
	for _, e := range events {
		link := list.doc.Find(`a[href="` + string(views.OfficeEventURL(e.ID)) + `"]`)
		if text(link) != e.Title {
			t.Errorf("event %d is listed as %q", e.ID, text(link))
		}
	}
}

// Editing an event record stores the change; a malformed date is refused by its field
// with the input kept, and nothing is written.
func TestUpdateEvent(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	ctx := context.Background()
	off := p.browser(t)
	off.login(u.official.Email, modeltest.Password)
	events, _ := p.store.Events(ctx, 0)
	event, err := p.store.EventByID(ctx, events[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	path := string(views.OfficeEventURL(event.ID))
	edit := off.get(path)
	v := formValues(edit.doc.Find(`[data-testid="event-form"]`))
	v.Set(form.FieldOp, "save")
	v.Set(form.FieldPlace, "Balai Kota Jakarta")
	v.Set(form.FieldEndDate, "3 Oktober")
	bad := off.post(path, v)
	if bad.StatusCode != http.StatusUnprocessableEntity || text(bad.doc.Find("#end_date-error")) != "Tanggal tidak valid; gunakan format tahun-bulan-tanggal." {
		t.Fatalf("a malformed date: %d %q", bad.StatusCode, text(bad.doc.Find("#end_date-error")))
	}
	if bad.doc.Find("#place").AttrOr("value", "") != "Balai Kota Jakarta" || bad.doc.Find(`[data-testid="form-alert"]`).Length() != 1 {
		t.Error("the refused form lost the input or its alert")
	}
	if stored, _ := p.store.EventByID(ctx, event.ID); stored.Place != event.Place {
		t.Errorf("a refused edit was stored: %q", stored.Place)
	}

	v.Set(form.FieldEndDate, "")
	saved := off.post(path, v)
	if saved.StatusCode != http.StatusSeeOther || !strings.HasPrefix(saved.Header.Get("Location"), path+"?") {
		t.Fatalf("save: %d %s %s", saved.StatusCode, saved.Header.Get("Location"), text(saved.doc.Find(".field-error")))
	}
	stored, err := p.store.EventByID(ctx, event.ID)
	if err != nil || stored.Place != "Balai Kota Jakarta" || stored.Title != event.Title || len(stored.Speakers) != len(event.Speakers) {
		t.Errorf("stored: %q %q, %d speakers (%v)", stored.Title, stored.Place, len(stored.Speakers), err)
	}
	if got := p.browser(t).get(string(views.EventURL(event.ID))); !strings.Contains(text(got.doc.Find(".facts")), "Balai Kota Jakarta") {
		t.Error("the public page does not show the new place")
	}

	// An event nothing points to is deleted; its page is gone.
	id, err := p.store.SaveEvent(ctx, models.System, 0, models.EventInput{Title: "Rapat koordinasi", StartDate: models.Date(2026, 12, 1)})
	if err != nil {
		t.Fatal(err)
	}
	off.get(string(views.OfficeEventURL(id)))
	if got := off.post(string(views.DeleteEventURL(id)), nil); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", got.StatusCode)
	}
	if _, err := p.store.EventByID(ctx, id); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("the deleted event: %v", err)
	}
}

// Unpublishing takes an agreement off the public pages at once; a second unpublish is
// refused with the reason, and the history records the step.
func TestUnpublishAgreement(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	ctx := context.Background()
	id := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Kesepakatan yang ditarik"})
	visitor := p.browser(t)
	if got := visitor.get(string(views.AgreementURL(id))).StatusCode; got != http.StatusOK {
		t.Fatalf("published page: %d", got)
	}
	off := p.browser(t)
	off.login(u.official.Email, modeltest.Password)
	off.get(string(views.OfficeAgreementURL(id)))
	if got := off.post(string(views.UnpublishAgreementURL(id)), understood()); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("unpublish: %d", got.StatusCode)
	}
	a, err := p.store.AgreementFor(ctx, models.System, id)
	if err != nil || a.Published || a.PublishedAt != nil || a.Status != models.StatusSigned {
		t.Errorf("after unpublishing: published=%v at %v, %s (%v)", a.Published, a.PublishedAt, a.Status, err)
	}
	if got := visitor.get(string(views.AgreementURL(id))).StatusCode; got != http.StatusNotFound {
		t.Errorf("a visitor still reads it: %d", got)
	}
	again := off.post(string(views.UnpublishAgreementURL(id)), understood())
	if again.StatusCode != http.StatusConflict || text(again.doc.Find(`[data-testid="form-alert"]`)) != "Langkah ini tidak dapat dilakukan pada status kesepakatan saat ini." {
		t.Errorf("unpublishing twice: %d %q", again.StatusCode, text(again.doc.Find(`[data-testid="form-alert"]`)))
	}
	history, _ := p.store.AgreementHistory(ctx, models.System, id)
	if last := history[len(history)-1]; last.Action != "agreement.unpublish" || last.ActorName != u.official.Name {
		t.Errorf("last step %s by %s", last.Action, last.ActorName)
	}
}

// An administrator enables a disabled account: it signs in again, and the step is in
// the account's audit trail.
func TestEnableUser(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	ctx := context.Background()
	if err := p.store.SetUserActive(ctx, models.System, u.delegate.ID, false, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	signIn := func() int {
		b := p.browser(t)
		b.get(string(views.LoginURL()))
		return b.post(string(views.LoginURL()), url.Values{form.FieldEmail: {u.delegate.Email}, form.FieldPassword: {modeltest.Password}}).StatusCode
	}
	if got := signIn(); got != http.StatusUnauthorized {
		t.Fatalf("a disabled account signs in: %d", got)
	}
	admin := p.browser(t)
	admin.login(u.admin.Email, modeltest.Password)
	admin.get(string(views.UsersURL()))
	got := admin.post(string(views.EnableUserURL(u.delegate.ID)), nil)
	if got.StatusCode != http.StatusSeeOther || !strings.HasPrefix(got.Header.Get("Location"), string(views.UsersURL())) {
		t.Fatalf("enable: %d %s", got.StatusCode, got.Header.Get("Location"))
	}
	if stored, _ := p.store.UserByID(ctx, u.delegate.ID); !stored.Active {
		t.Error("the account is still disabled")
	}
	if got := signIn(); got != http.StatusSeeOther {
		t.Errorf("the enabled account cannot sign in: %d", got)
	}
	// Enabling someone else's account is for administrators alone.
	off := p.browser(t)
	off.login(u.official.Email, modeltest.Password)
	off.get(string(views.OfficeURL()))
	if got := off.post(string(views.EnableUserURL(u.delegate.ID)), nil); got.StatusCode != http.StatusForbidden {
		t.Errorf("an official enabling: %d", got.StatusCode)
	}
}

// The office's old address sends bookmarks to the new one, query kept; nothing else
// under it exists.
func TestOldOfficeAddress(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	b := p.browser(t)
	got := b.get("/admin/agreements?status=" + url.QueryEscape(string(models.StatusDraft)))
	if got.StatusCode != http.StatusMovedPermanently || got.Header.Get("Location") != string(views.OfficeAgreementsInURL(models.StatusDraft)) {
		t.Errorf("/admin/agreements: %d %s", got.StatusCode, got.Header.Get("Location"))
	}
	if got := b.get("/admin"); got.Header.Get("Location") != string(views.OfficeURL()) {
		t.Errorf("/admin: %s", got.Header.Get("Location"))
	}
	if got := b.get("/administrasi"); got.StatusCode != http.StatusNotFound {
		t.Errorf("/administrasi: %d", got.StatusCode)
	}
}

// The steps that are hard to undo (withdraw, unpublish, end early, disable) are taken only
// with their box ticked: without it the page comes back saying so, and nothing changed.
func TestRiskyStepsNeedTheirBox(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	ctx := context.Background()
	review := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Stage: modeltest.InReview})
	public := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{})
	signed := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Stage: modeltest.Signed})
	off := p.browser(t)
	off.login(u.admin.Email, modeltest.Password)
	status := func(id uint) (models.Status, bool) {
		a, err := p.store.AgreementFor(ctx, models.System, id)
		if err != nil {
			t.Fatal(err)
		}
		return a.Status, a.Published
	}
	tests := []struct {
		name, page, action string
		form               url.Values
		unchanged          func() bool
	}{
		{"withdraw", "/office/agreements/" + itoa(review), "/office/agreements/" + itoa(review) + "/withdraw", url.Values{},
			func() bool { s, _ := status(review); return s == models.StatusInReview }},
		{"unpublish", "/office/agreements/" + itoa(public), "/office/agreements/" + itoa(public) + "/unpublish", url.Values{},
			func() bool { _, pub := status(public); return pub }},
		{"end early", "/office/agreements/" + itoa(signed), "/office/agreements/" + itoa(signed) + "/terminate",
			url.Values{"terminated_on": {"2026-11-25"}, "reason": {"Tidak berjalan"}},
			func() bool { s, _ := status(signed); return s == models.StatusSigned }},
		{"disable", "/office/users", string(views.DisableUserURL(u.delegate.ID)), url.Values{},
			func() bool { user, _ := p.store.UserByID(ctx, u.delegate.ID); return user.Active }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := off.get(tt.page)
			box := page.doc.Find(`form[action="` + tt.action + `"] input[name="understood"]`)
			if box.AttrOr("type", "") != "checkbox" || box.AttrOr("required", "x") == "x" || box.ParentsFiltered(`details[data-testid="other-actions"]`).Length() != 1 {
				t.Fatalf("the step's form has no required box inside the fold of other actions")
			}
			got := off.post(tt.action, tt.form)
			if got.StatusCode != http.StatusUnprocessableEntity || !tt.unchanged() {
				t.Fatalf("without the box: %d, unchanged %v", got.StatusCode, tt.unchanged())
			}
			if msg := text(got.doc.Find(`[data-testid="form-alert"]`)) + text(got.doc.Find("#understood-terminate-error")); !strings.Contains(msg, "entang") {
				t.Errorf("the refusal says %q", msg)
			}
			if tt.name == "end early" && (got.doc.Find("#terminated_on").AttrOr("value", "") != "2026-11-25" || got.doc.Find(`details[data-testid="other-actions"][open]`).Length() != 1) {
				t.Error("the refused early end lost its input or folded away")
			}
			tt.form.Set("understood", "yes")
			if got := off.post(tt.action, tt.form); got.StatusCode != http.StatusSeeOther || tt.unchanged() {
				t.Errorf("with the box: %d, unchanged %v", got.StatusCode, tt.unchanged())
			}
		})
	}
	// The early end's date is the official's to give: none is filled in.
	other := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Stage: modeltest.Signed})
	if v := off.get("/office/agreements/"+itoa(other)).doc.Find("#terminated_on").AttrOr("value", "x"); v != "" {
		t.Errorf("the early end's date is filled in: %q", v)
	}
}
