package handlers_test

// Security claims: input. What a request may send is bounded before anything reads it.

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
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

// A multipart body is taken only by the upload routes: anywhere else it is refused with
// 415 before it is read, so a large part sent to /login is never parsed nor spooled to
// disk. A form body over 1 MiB is refused with 413.
func TestBodiesAreBoundedByRoute(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	b := p.browser(t)
	b.get("/login")

	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("_csrf", b.csrf)
	_ = w.WriteField("email", u.official.Email)
	_ = w.WriteField("password", modeltest.Password)
	part, _ := w.CreateFormFile("file", "besar.bin")
	_, _ = part.Write(bytes.Repeat([]byte{'x'}, 20<<20))
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, p.srv.URL+"/login", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	if got := b.do(req); got.StatusCode != http.StatusUnsupportedMediaType {
		t.Errorf("a multipart sign-in: %d, want 415", got.StatusCode)
	}
	if got := b.get("/office"); got.StatusCode != http.StatusSeeOther {
		t.Errorf("the multipart sign-in signed in: %d", got.StatusCode)
	}

	// Sent without a length, so that only counting while reading can stop it.
	big := url.Values{"_csrf": {b.csrf}, "email": {strings.Repeat("a", 2<<20)}, "password": {"x"}}.Encode()
	req, _ = http.NewRequest(http.MethodPost, p.srv.URL+"/login", io.NopCloser(strings.NewReader(big)))
	req.ContentLength = -1
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if got := b.do(req); got.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 2 MiB form: %d, want 413", got.StatusCode)
	}

	// The upload routes still take files.
	official := p.browser(t)
	official.login(u.official.Email, modeltest.Password)
	id := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Stage: modeltest.Draft})
	path := "/office/agreements/" + itoa(id)
	official.get(path)
	if got := official.postFile(path+"/documents", url.Values{"document_title": {"Naskah"}}, "naskah.pdf", pdf); got.StatusCode != http.StatusSeeOther {
		t.Errorf("an upload: %d", got.StatusCode)
	}
}

// Text a keyboard does not type, and text over a field's length, is refused by the field
// it was typed in, in the user's language, with the rest of the input kept and nothing
// stored; minutes that would be slow to render are refused the same way. Search text that
// no form produces is a bad request.
func TestTextIsCheckedAtTheEdge(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	ctx := context.Background()
	off := p.browser(t)
	off.login(u.official.Email, modeltest.Password)
	events, _ := p.store.Events(ctx, 0)
	before, err := p.store.EventByID(ctx, events[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	path := string(views.OfficeEventURL(before.ID))
	v := formValues(off.get(path).doc.Find(`[data-testid="event-form"]`))
	v.Set(form.FieldOp, "save")
	v.Set(form.FieldTitle, "Forum\x00Kerja Sama")
	v.Set(form.FieldPlace, "Balai \xff Kota")
	v.Set(form.FieldOrganiser, strings.Repeat("a", form.MaxLength(form.FieldOrganiser)+1))
	v.Set(form.FieldSummary, "Baris satu\r\nbaris\tdua")
	v.Set(form.FieldMinutes, strings.Repeat(">", 50_000))
	v[form.RowInput(form.ListSpeakers, form.SpeakerRole)][0] = "Bupati\x1b[2J"
	got := off.post(path, v)
	if got.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", got.StatusCode)
	}
	for id, want := range map[string]string{
		"title":          "Isian memuat karakter yang tidak dapat disimpan",
		"place":          "Isian memuat karakter yang tidak dapat disimpan",
		"organiser":      "paling banyak 300 karakter",
		"minutes":        "paling banyak 8 tingkat kutipan",
		"speaker_role_0": "Isian memuat karakter yang tidak dapat disimpan",
	} {
		if msg := text(got.doc.Find("#" + id + "-error")); !strings.Contains(msg, want) {
			t.Errorf("%s: %q, want %q", id, msg, want)
		}
	}
	if msg := text(got.doc.Find("#summary-error")); msg != "" {
		t.Errorf("a summary with lines and tabs: %q", msg)
	}
	if got.doc.Find("#summary").Text() != "Baris satu\nbaris\tdua" || len(got.doc.Find("#minutes").Text()) != 50_000 {
		t.Error("the refused form lost the input")
	}
	after, _ := p.store.EventByID(ctx, before.ID)
	if after.Title != before.Title || after.Place != before.Place || after.Minutes != before.Minutes || after.Revision != before.Revision {
		t.Error("a refused edit was stored")
	}

	// In English when chosen.
	off.get("/?lang=en")
	if got := off.post(path, v); !strings.Contains(text(got.doc.Find("#title-error")), "holds characters that cannot be stored") ||
		!strings.Contains(text(got.doc.Find("#organiser-error")), "at most 300 characters") {
		t.Errorf("in English: %q %q", text(got.doc.Find("#title-error")), text(got.doc.Find("#organiser-error")))
	}

	// Numbers that are not finite are a field error too.
	profile := formValues(off.get("/regions/13.77/profile").doc.Find(`[data-testid="profile-form"]`))
	for _, n := range []string{"NaN", "Inf", "-Infinity", "1e999"} {
		profile.Set(form.FieldLatitude, n)
		profile.Set(form.FieldLongitude, "100.35")
		if got := off.post("/regions/13.77/profile", profile); got.StatusCode != http.StatusUnprocessableEntity || text(got.doc.Find("#latitude-error")) == "" {
			t.Errorf("latitude %s: %d %q", n, got.StatusCode, text(got.doc.Find("#latitude-error")))
		}
	}

	// A delegate's note with a NUL records no answer.
	id := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Partner: "61.04", Stage: modeltest.InReview})
	delegate := modeltest.CreateUser(t, p.store, models.RoleDelegate, "61.04")
	d := p.browser(t)
	d.login(delegate.Email, modeltest.Password)
	hash := text(d.get("/agreements/" + itoa(id)).doc.Find(`[data-testid="content-hash"]`))
	parties := modeltest.Parties(t, p.store, id)
	answer := d.post("/agreements/"+itoa(id)+"/parties/"+itoa(parties[1].ID)+"/confirm", url.Values{"hash": {hash}, "note": {"setuju\x00"}})
	if answer.StatusCode != http.StatusUnprocessableEntity || text(answer.doc.Find("#note-error")) == "" {
		t.Errorf("a note with NUL: %d %q", answer.StatusCode, text(answer.doc.Find("#note-error")))
	}
	if parties := modeltest.Parties(t, p.store, id); parties[1].Status != models.SignOffPending {
		t.Errorf("the answer was recorded: %s", parties[1].Status)
	}

	// Search text no form sends.
	for _, q := range []string{"bogor%00", "%FF", strings.Repeat("a", form.MaxQuery+1)} {
		if got := p.browser(t).get("/regions?q=" + q); got.StatusCode != http.StatusBadRequest {
			t.Errorf("search %.20q: %d, want 400", q, got.StatusCode)
		}
	}
}
