package handlers_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/views/form"
)

// reportsOn reads an activity's reports as the database holds them.
func reportsOn(t *testing.T, p *portal, act models.Activity) []models.ActivityReport {
	t.Helper()
	reports, err := p.store.ReportsOf(context.Background(), models.System, &act)
	if err != nil {
		t.Fatal(err)
	}
	return reports
}

// storedReport reads a report as the database holds it.
func storedReport(t *testing.T, p *portal, id uint) models.ActivityReport {
	t.Helper()
	r, _, err := p.store.ReportFor(context.Background(), models.System, id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// acceptedCell is the accepted total an activity's row shows on its agreement's page for
// officials.
func acceptedCell(b *browser, agreement, activity uint) string {
	page := b.get("/office/agreements/" + itoa(agreement))
	cell := page.doc.Find(`[data-testid="activity"][data-id="` + itoa(activity) + `"] [data-testid="accepted"]`).Clone()
	cell.Find(".sub").Remove()
	return text(cell)
}

// reportIDFrom reads the report's ID from the address a submit leads to.
func reportIDFrom(t *testing.T, loc string) uint {
	t.Helper()
	id, err := strconv.ParseUint(strings.TrimPrefix(strings.SplitN(loc, "?", 2)[0], "/reports/"), 10, 32)
	if err != nil || id == 0 {
		t.Fatalf("a submit led to %q", loc)
	}
	return uint(id)
}

// The delegate of the responsible region submits a supply report through its form; an
// official accepts it from the report's page; the accepted total on the agreement's page
// for officials grows by its volume on the next request.
func TestReportSupplyAcceptedChangesTheTotal(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	kalbar := modeltest.CreateUser(t, p.store, models.RoleDelegate, "61")
	rice := demoActivity(t, p, "61", "beras")
	off := p.browser(t)
	off.login(u.official.Email, modeltest.Password)
	before := acceptedCell(off, rice.AgreementID, rice.ID)
	if before == "" {
		t.Fatalf("the accepted total is not shown: %q", before)
	}
	acceptedBefore := planOf(t, p, rice.AgreementID).Activities[0].Accepted

	del := p.browser(t)
	del.login(kalbar.Email, modeltest.Password)
	inbox := del.get("/inbox")
	if inbox.doc.Find(`[data-testid="inbox-activities-link"]`).Length() != 1 {
		t.Error("the inbox does not link to the region's activities")
	}
	list := del.get("/inbox/activities")
	if list.doc.Find(`[data-testid="activity"][data-id="`+itoa(rice.ID)+`"]`).Length() != 1 {
		t.Fatal("the delegate's list does not show the rice activity")
	}
	blank := del.get("/activities/" + itoa(rice.ID) + "/reports/new")
	f := blank.doc.Find(`[data-testid="report-form"]`)
	if got := f.Find(`#commodity option[selected]`).AttrOr("value", ""); got != "rice" {
		t.Errorf("the commodity is not preset to the activity's: %q", got)
	}
	if got := f.Find(`#unit option[selected]`).AttrOr("value", ""); got != "tonne" {
		t.Errorf("the unit is not preset to the activity's: %q", got)
	}
	if got := f.Find(`#from_region`).AttrOr("value", ""); got != "Kalimantan Barat (61)" {
		t.Errorf("the region of origin is not preset: %q", got)
	}
	v := fill(formValues(f), form.FieldPeriodStart, "2026-10-01", form.FieldPeriodEnd, "2026-10-31",
		form.FieldQuantity, "500,25", form.FieldDestination, "Pasar Induk Beras Cipinang", form.FieldNote, "Pengiriman Oktober.")
	done := del.post("/activities/"+itoa(rice.ID)+"/reports", v)
	if done.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d %s", done.StatusCode, text(done.doc.Find(".field-error")))
	}
	id := reportIDFrom(t, done.Header.Get("Location"))
	r := storedReport(t, p, id)
	if r.State != models.ReportSubmitted || r.Quantity != 500_250 || r.Unit != models.UnitTonne || r.Commodity != "rice" ||
		r.FromRegionCode == nil || *r.FromRegionCode != "61" || r.SubmittedBy == nil || *r.SubmittedBy != kalbar.ID {
		t.Errorf("stored: %+v", r)
	}
	shown := del.get(done.Header.Get("Location"))
	if text(shown.doc.Find(`[data-testid="report-state"]`)) != "Menunggu telaah" || shown.doc.Find(`[data-testid="review"]`).Length() != 0 {
		t.Error("the delegate's report page does not say it waits, or offers the review")
	}
	if got := acceptedCell(off, rice.AgreementID, rice.ID); got != before {
		t.Errorf("a report waiting for review counts: %q, was %q", got, before)
	}

	page := off.get("/reports/" + itoa(id))
	accept := page.doc.Find(`[data-testid="accept-form"]`)
	if accept.Length() != 1 {
		t.Fatal("the official's report page offers no acceptance")
	}
	if got := off.post(accept.AttrOr("action", ""), formValues(accept)); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept: %d", got.StatusCode)
	}
	if got := storedReport(t, p, id); got.State != models.ReportAccepted || got.ReviewedBy == nil || *got.ReviewedBy != u.official.ID {
		t.Errorf("after accepting: %q", got.State)
	}
	after := planOf(t, p, rice.AgreementID).Activities[0].Accepted
	if after-acceptedBefore != 500_250 {
		t.Errorf("the accepted total grew by %d", after-acceptedBefore)
	}
	if got := acceptedCell(off, rice.AgreementID, rice.ID); got == before || got != idTonnes(after) {
		t.Errorf("the page shows %q after accepting (was %q, stored %d)", got, before, after)
	}
	// Accepting again, from the same page, is refused and changes nothing.
	again := off.post(accept.AttrOr("action", ""), formValues(accept))
	if again.StatusCode != http.StatusConflict || text(again.doc.Find(`[data-testid="form-alert"]`)) == "" {
		t.Errorf("a second acceptance: %d", again.StatusCode)
	}
}

// idTonnes writes thousandths of a tonne as the Indonesian pages do: "4.909,75 ton".
func idTonnes(q models.Quantity) string {
	whole := itoa(uint(int64(q) / models.QuantityScale))
	var grouped []string
	for len(whole) > 3 {
		grouped = append([]string{whole[len(whole)-3:]}, grouped...)
		whole = whole[:len(whole)-3]
	}
	s := strings.Join(append([]string{whole}, grouped...), ".")
	if frac := strings.TrimRight(itoa(uint(int64(q)%models.QuantityScale + models.QuantityScale))[1:], "0"); frac != "" {
		s += "," + frac
	}
	return s + " ton"
}

// An official returns a report with a note (not without one); the delegate sees the note
// in their list and on the report, corrects it and submits it again; it waits for review
// once more, without the old note.
func TestReportReturnedCorrectedResubmitted(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	kalbar := modeltest.CreateUser(t, p.store, models.RoleDelegate, "61")
	fish := demoActivity(t, p, "61", "ikan")
	id := submitDemoReport(t, p, fish.Activity, models.Date(2026, 9, 1), "40")
	off := p.browser(t)
	off.login(u.official.Email, modeltest.Password)
	page := off.get("/reports/" + itoa(id))
	ret := page.doc.Find(`[data-testid="return-form"]`)
	noNote := off.post(ret.AttrOr("action", ""), formValues(ret))
	if noNote.StatusCode != http.StatusUnprocessableEntity || text(noNote.doc.Find("#review_note-error")) == "" {
		t.Fatalf("a return without a note: %d", noNote.StatusCode)
	}
	if got := storedReport(t, p, id); got.State != models.ReportSubmitted {
		t.Fatalf("a refused return changed the report: %q", got.State)
	}
	const note = "Volume berbeda dengan berita acara Perumda Pasar Jaya (38 ton)."
	if got := off.post(ret.AttrOr("action", ""), fill(formValues(ret), form.FieldReviewNote, note)); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("return: %d", got.StatusCode)
	}
	if got := storedReport(t, p, id); got.State != models.ReportReturned || got.ReviewNote != note {
		t.Fatalf("after returning: %q %q", got.State, got.ReviewNote)
	}

	del := p.browser(t)
	del.login(kalbar.Email, modeltest.Password)
	if got := text(del.get("/inbox").doc.Find(`[data-testid="inbox-activities"]`)); !strings.Contains(got, "1 laporan dikembalikan") {
		t.Errorf("the inbox does not count the returned report: %q", got)
	}
	list := del.get("/inbox/activities")
	if got := text(list.doc.Find(`[data-testid="activity"][data-id="` + itoa(fish.ID) + `"] [data-testid="review-note"]`)); got != note {
		t.Errorf("the delegate's list shows the note as %q", got)
	}
	shown := del.get("/reports/" + itoa(id))
	if text(shown.doc.Find(`[data-testid="review-note"]`)) != note || shown.doc.Find(`[data-testid="correct-report"]`).Length() != 1 {
		t.Fatal("the report's page does not show the note and the way to correct it")
	}
	edit := del.get("/reports/" + itoa(id) + "/edit")
	if text(edit.doc.Find(`[data-testid="review-note"] blockquote`)) != note {
		t.Error("the correction form does not show the note")
	}
	f := edit.doc.Find(`[data-testid="report-form"]`)
	if got := f.Find("#quantity").AttrOr("value", ""); got != "40" {
		t.Errorf("the correction form shows the quantity as %q", got)
	}
	done := del.post("/reports/"+itoa(id), fill(formValues(f), form.FieldQuantity, "38"))
	if done.StatusCode != http.StatusSeeOther {
		t.Fatalf("resubmit: %d %s", done.StatusCode, text(done.doc.Find(".field-error")))
	}
	got := storedReport(t, p, id)
	if got.State != models.ReportSubmitted || got.Quantity != 38_000 || got.ReviewNote != "" || got.SubmittedBy == nil || *got.SubmittedBy != kalbar.ID {
		t.Errorf("after resubmitting: %q %d %q", got.State, got.Quantity, got.ReviewNote)
	}
	// The form loaded before that resubmission is refused as made on an older copy.
	stale := del.post("/reports/"+itoa(id), fill(formValues(f), form.FieldQuantity, "39"))
	if stale.StatusCode != http.StatusConflict {
		t.Errorf("a stale resubmission: %d", stale.StatusCode)
	}
	if got := storedReport(t, p, id); got.Quantity != 38_000 {
		t.Errorf("the stale resubmission was stored: %d", got.Quantity)
	}
}

// A report in another unit than its activity's is refused with the message by the unit
// field, the input kept and nothing written; in both languages.
func TestReportInTheWrongUnit(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	kalbar := modeltest.CreateUser(t, p.store, models.RoleDelegate, "61")
	rice := demoActivity(t, p, "61", "beras")
	before := len(reportsOn(t, p, rice.Activity))
	del := p.browser(t)
	del.login(kalbar.Email, modeltest.Password)
	for _, tt := range []struct{ lang, quantity, unitMsg, kept string }{
		{"id", "1.250,5", "Satuan harus sama dengan satuan target kegiatan; satuan yang berbeda tidak dapat dijumlahkan.", "1.250,5"},
		{"en", "1,250.5", "The unit must be the activity's target unit; different units cannot be added up.", "1,250.5"},
	} {
		blank := del.get("/activities/" + itoa(rice.ID) + "/reports/new?lang=" + tt.lang)
		v := fill(formValues(blank.doc.Find(`[data-testid="report-form"]`)), form.FieldPeriodStart, "2026-10-01", form.FieldPeriodEnd, "2026-10-31",
			form.FieldQuantity, tt.quantity, form.FieldUnit, "head", form.FieldDestination, "Pasar Induk Beras Cipinang")
		bad := del.post("/activities/"+itoa(rice.ID)+"/reports?lang="+tt.lang, v)
		if bad.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("%s: %d", tt.lang, bad.StatusCode)
		}
		if got := text(bad.doc.Find("#unit-error")); got != tt.unitMsg {
			t.Errorf("%s: unit message %q", tt.lang, got)
		}
		if got := bad.doc.Find("#quantity").AttrOr("value", ""); got != tt.kept {
			t.Errorf("%s: quantity kept as %q", tt.lang, got)
		}
		if got := bad.doc.Find("#unit option[selected]").AttrOr("value", ""); got != "head" {
			t.Errorf("%s: unit kept as %q", tt.lang, got)
		}
		if text(bad.doc.Find(`[data-testid="form-alert"]`)) == "" {
			t.Errorf("%s: no alert", tt.lang)
		}
		if got := len(reportsOn(t, p, rice.Activity)); got != before {
			t.Fatalf("%s: a report in the wrong unit was written: %d reports", tt.lang, got)
		}
		// The same report in the activity's unit is taken, the quantity read in the language.
		done := del.post("/activities/"+itoa(rice.ID)+"/reports?lang="+tt.lang, fill(v, form.FieldUnit, "tonne"))
		if done.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d %s", tt.lang, done.StatusCode, text(done.doc.Find(".field-error")))
		}
		if got := storedReport(t, p, reportIDFrom(t, done.Header.Get("Location"))); got.Quantity != 1_250_500 {
			t.Errorf("%s: stored %d", tt.lang, got.Quantity)
		}
		before++
	}
}

// A training report takes participants by region in rows, added without JavaScript; rows
// left empty are dropped.
func TestReportTrainingRows(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	training := demoActivity(t, p, models.JakartaCode, "digital")
	before := len(reportsOn(t, p, training.Activity))
	b := p.browser(t)
	b.login(u.official.Email, modeltest.Password)
	blank := b.get("/activities/" + itoa(training.ID) + "/reports/new")
	f := blank.doc.Find(`[data-testid="report-form"]`)
	if got := f.Find(`[data-testid="attendance-row"]`).Length(); got != 3 {
		t.Fatalf("%d empty rows, want 3", got)
	}
	v := formValues(f)
	v.Set(form.FieldOp, form.AddRow(form.ListAttendance).Value())
	more := b.post("/activities/"+itoa(training.ID)+"/reports", v)
	if more.StatusCode != http.StatusOK || more.doc.Find(`[data-testid="attendance-row"]`).Length() != 4 {
		t.Fatalf("adding a row: %d, %d rows", more.StatusCode, more.doc.Find(`[data-testid="attendance-row"]`).Length())
	}
	v = formValues(more.doc.Find(`[data-testid="report-form"]`))
	fill(v, form.FieldOp, "save", form.FieldPeriodStart, "2026-11-02", form.FieldPeriodEnd, "2026-11-13", form.FieldTitle, "Pelatihan Dasar CPNS Angkatan II")
	v["attendance.region"][0] = "Kota Pariaman (13.77)"
	v["attendance.enrolled"][0] = "10"
	v["attendance.completed"][0] = "9"
	v["attendance.region"][2] = "14.71"
	v["attendance.enrolled"][2] = "8"
	v["attendance.completed"][2] = "8"
	done := b.post("/activities/"+itoa(training.ID)+"/reports", v)
	if done.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d %s %s", done.StatusCode, text(done.doc.Find(`[data-testid="form-alert"]`)), text(done.doc.Find(".field-error")))
	}
	r := storedReport(t, p, reportIDFrom(t, done.Header.Get("Location")))
	if len(r.Attendance) != 2 || r.Quantity != 17_000 || r.Title != "Pelatihan Dasar CPNS Angkatan II" {
		t.Errorf("stored: %d rows, %d completed, %q", len(r.Attendance), r.Quantity, r.Title)
	}
	if got := len(reportsOn(t, p, training.Activity)); got != before+1 {
		t.Errorf("%d reports, want %d", got, before+1)
	}
	shown := b.get(done.Header.Get("Location"))
	if got := shown.doc.Find(`[data-testid="attendance"] tbody tr`).Length(); got != 2 {
		t.Errorf("the report's page shows %d participant rows", got)
	}
}
