package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/views/form"
)

// A delegate gives their region's own number for the document as they confirm: a number too
// long comes back next to its field with nothing written; a good one is stored with the
// answer and shown in the parties table.
func TestDelegateGivesTheRegionsOwnNumber(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	id := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Partner: "61.04", Stage: modeltest.InReview})
	delegate := modeltest.CreateUser(t, p.store, models.RoleDelegate, "61.04")
	b := p.browser(t)
	b.login(delegate.Email, modeltest.Password)
	page := b.get("/agreements/" + itoa(id))
	confirm := page.doc.Find(`[data-testid="confirm-form"]`)
	party := modeltest.Parties(t, p.store, id)[1]
	if got := confirm.Find(`input[name="`+form.FieldOwnNumber+`"]`).AttrOr("value", "?"); got != party.DocumentNumber {
		t.Errorf("the number field holds %q, not the draft's %q", got, party.DocumentNumber)
	}
	action := confirm.AttrOr("action", "")
	values := formValues(confirm)

	long := strings.Repeat("7", models.MaxOwnNumber+1)
	values.Set(form.FieldOwnNumber, long)
	refused := b.post(action, values)
	if refused.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("an over-long number: %d", refused.StatusCode)
	}
	if got := refused.doc.Find(`#`+form.FieldOwnNumber).AttrOr("value", ""); got != long {
		t.Error("the typed number was not kept")
	}
	if text(refused.doc.Find(`#`+form.FieldOwnNumber+`-error`)) == "" {
		t.Error("no message next to the number")
	}
	if got := modeltest.Parties(t, p.store, id)[1]; got.Status != models.SignOffPending || got.OwnNumber != "" {
		t.Fatalf("a refused answer wrote %s %q", got.Status, got.OwnNumber)
	}

	values = formValues(confirm)
	values.Set(form.FieldOwnNumber, "523/118/Pem/2026")
	answered := b.post(action, values)
	if answered.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirmed: %d", answered.StatusCode)
	}
	done := b.get(answered.Header.Get("Location"))
	if got := modeltest.Parties(t, p.store, id)[1]; got.Status != models.SignOffConfirmed || got.OwnNumber != "523/118/Pem/2026" {
		t.Fatalf("stored %s %q", got.Status, got.OwnNumber)
	}
	var recorded string
	db := modeltest.OpenSQL(t, modeltest.DSN(t, p.store))
	if err := db.QueryRow("SELECT own_number FROM sign_offs WHERE party_id = " + itoa(party.ID)).Scan(&recorded); err != nil || recorded != "523/118/Pem/2026" {
		t.Errorf("the sign-off record: %q %v", recorded, err)
	}
	if got := text(done.doc.Find(`tr[data-region="61.04"] td[data-label="Nomor dokumen pihak"]`)); got != "523/118/Pem/2026" {
		t.Errorf("the parties table shows %q", got)
	}
	if !strings.Contains(text(done.doc.Find(`[data-testid="own-answer-number"]`)), "523/118/Pem/2026") {
		t.Error("the page does not say which number the region gave")
	}
}
