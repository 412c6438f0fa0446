package handlers_test

import (
	"context"
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

// demoReportIn finds a report of the demo in a state, under a published agreement, and
// its region.
func demoReportIn(t *testing.T, s *models.Store, state models.ReportState) (uint, string) {
	t.Helper()
	db := modeltest.OpenSQL(t, modeltest.DSN(t, s))
	var id uint
	var region string
	err := db.QueryRow(`SELECT r.id, r.region_code FROM activity_reports r JOIN agreements a ON a.id = r.agreement_id
		WHERE r.state = $1 AND a.published = TRUE ORDER BY r.id LIMIT 1`, string(state)).Scan(&id, &region)
	if err != nil {
		t.Fatalf("a demo report %s: %v", state, err)
	}
	return id, region
}

// Uploading and removing a report's evidence, route by role and by the report's state:
// its region's delegate while it is submitted or returned, officials any time; a delegate
// of another region finds nothing; a visitor is refused. Every post needs its
// CSRF token. Accepted evidence of a published agreement is public, the rest is not.
func TestReportDocumentRoutes(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	pending, region := demoReportIn(t, p.store, models.ReportSubmitted)
	accepted, acceptedRegion := demoReportIn(t, p.store, models.ReportAccepted)
	official := modeltest.CreateUser(t, p.store, models.RoleOfficial, "")
	mine := modeltest.CreateUser(t, p.store, models.RoleDelegate, region)
	other := modeltest.CreateUser(t, p.store, models.RoleDelegate, map[bool]string{true: "13.77", false: "14.71"}[region != "13.77"])
	acceptedDelegate := mine
	if acceptedRegion != region {
		acceptedDelegate = modeltest.CreateUser(t, p.store, models.RoleDelegate, acceptedRegion)
	}
	signedIn := func(u *models.User) *browser {
		b := p.browser(t)
		if u != nil {
			b.login(u.Email, modeltest.Password)
			b.get("/account") // a page with a CSRF token
		}
		return b
	}
	upload := func(b *browser, report uint) page {
		return b.postFile(string(views.ReportDocumentsURL(report)), url.Values{form.FieldDocumentTitle: {"Berita acara serah terima"}}, "berita acara.pdf", pdf)
	}
	for _, tt := range []struct {
		name   string
		who    *models.User
		report uint
		status int
	}{
		{"a visitor (no session, so no token)", nil, pending, http.StatusForbidden},
		{"another region's delegate", &other, pending, http.StatusNotFound},
		{"the report's delegate", &mine, pending, http.StatusSeeOther},
		{"an official", &official, pending, http.StatusSeeOther},
		{"the delegate, on an accepted report", &acceptedDelegate, accepted, http.StatusForbidden},
		{"an official, on an accepted report", &official, accepted, http.StatusSeeOther},
	} {
		b := signedIn(tt.who)
		res := upload(b, tt.report)
		if res.StatusCode != tt.status {
			t.Errorf("%s uploading: status %d, want %d", tt.name, res.StatusCode, tt.status)
			continue
		}
		loc := res.Header.Get("Location")
		switch {
		case tt.status == http.StatusSeeOther && loc != string(views.ReportURL(tt.report))+"?done=report_document_added":
			t.Errorf("%s is sent to %q", tt.name, loc)
		}
	}
	ctx := context.Background()
	docs := func(report uint) []models.Document {
		d, err := p.store.Documents(ctx, models.OwnerReport, report)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if n := len(docs(pending)); n != 2 {
		t.Fatalf("the pending report has %d documents, want 2", n)
	}
	if n := len(docs(accepted)); n != 1 {
		t.Fatalf("the accepted report has %d documents, want 1", n)
	}
	// The report's page lists them, with the upload form for its delegate.
	reportPage := signedIn(&mine).get(string(views.ReportURL(pending)))
	evidence := reportPage.doc.Find(`[data-testid="report-evidence"]`)
	for _, d := range docs(pending) {
		if !strings.Contains(text(evidence), d.SHA256) {
			t.Errorf("the report's page does not list %s", d.FileName)
		}
	}
	if evidence.Find(`form[enctype="multipart/form-data"]`).Length() != 1 {
		t.Error("the report's page offers its delegate no upload")
	}

	// Without the CSRF token: refused, nothing stored.
	b := signedIn(&mine)
	b.csrf = "forged"
	if res := upload(b, pending); res.StatusCode != http.StatusForbidden || len(docs(pending)) != 2 {
		t.Errorf("an upload without its token: status %d, %d documents", res.StatusCode, len(docs(pending)))
	}

	// A file of another type: the evidence again, with the error on the file and the
	// documents with their remove buttons.
	b = signedIn(&mine)
	res := b.postFile(string(views.ReportDocumentsURL(pending)), url.Values{form.FieldDocumentTitle: {"Program"}}, "program.pdf", []byte("\x7fELF not a pdf"))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a wrong type: status %d", res.StatusCode)
	}
	section := res.doc.Find(`[data-testid="report-evidence"]`)
	if text(res.doc.Find(`[data-testid="form-alert"]`)) == "" || !strings.Contains(text(section.Find(".field-error")), "PDF, PNG") ||
		section.Find(`input[name="`+form.FieldDocumentTitle+`"]`).AttrOr("value", "") != "Program" {
		t.Errorf("the refused upload's page: %s", text(section))
	}
	items := section.Find(`[data-testid="document"]`)
	if items.Length() != 2 {
		t.Fatalf("%d documents listed", items.Length())
	}
	first := docs(pending)[0]
	item := items.First()
	if item.Find(`a[href="`+string(views.DocumentURL(first.ID))+`"]`).Length() != 1 || text(item.Find("code")) != first.SHA256 ||
		item.Find(`button[formaction="`+string(views.RemoveReportDocumentURL(pending, first.ID))+`"]`).Length() != 1 {
		t.Errorf("the listed document: %s", text(item))
	}
	if f := section.Find(`form[data-testid="upload-form"]`); f.AttrOr("action", "") != string(views.ReportDocumentsURL(pending)) || f.AttrOr("enctype", "") != "multipart/form-data" || f.Find(`input[name="_csrf"]`).Length() != 1 {
		t.Error("the upload form does not post the file with its token to the report's documents")
	}

	// Reading: the pending report's evidence is not public; the accepted report's is.
	visitor := p.browser(t)
	if res := visitor.get(string(views.DocumentURL(first.ID))); res.StatusCode != http.StatusNotFound {
		t.Errorf("a visitor downloads pending evidence: status %d", res.StatusCode)
	}
	if res := signedIn(&other).get(string(views.DocumentURL(first.ID))); res.StatusCode != http.StatusNotFound {
		t.Errorf("another region downloads pending evidence: status %d", res.StatusCode)
	}
	if res := signedIn(&mine).get(string(views.DocumentURL(first.ID))); res.StatusCode != http.StatusOK {
		t.Errorf("the region's delegate downloads its evidence: status %d", res.StatusCode)
	}
	if res := visitor.get(string(views.DocumentURL(docs(accepted)[0].ID))); res.StatusCode != http.StatusOK {
		t.Errorf("a visitor downloads accepted evidence: status %d", res.StatusCode)
	}

	// Removing: another region finds nothing; the delegate removes from their pending
	// report, not from an accepted one; the same removal twice says the document is gone.
	remove := func(who *models.User, report, document uint) page {
		return signedIn(who).post(string(views.RemoveReportDocumentURL(report, document)), nil)
	}
	if res := remove(&other, pending, first.ID); res.StatusCode != http.StatusNotFound {
		t.Errorf("another region removing: status %d", res.StatusCode)
	}
	if res := remove(&mine, accepted, first.ID); res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusConflict {
		t.Errorf("a document removed through another report: status %d", res.StatusCode)
	}
	if res := remove(&acceptedDelegate, accepted, docs(accepted)[0].ID); res.StatusCode != http.StatusForbidden {
		t.Errorf("the delegate removing accepted evidence: status %d", res.StatusCode)
	}
	if res := remove(&mine, pending, first.ID); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != string(views.ReportURL(pending))+"?done=report_document_removed" {
		t.Errorf("the delegate removing: status %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if res := remove(&mine, pending, first.ID); res.StatusCode != http.StatusConflict {
		t.Errorf("removing twice: status %d", res.StatusCode)
	}
	if len(docs(pending)) != 1 {
		t.Errorf("%d documents left", len(docs(pending)))
	}
	if res := remove(&official, accepted, docs(accepted)[0].ID); res.StatusCode != http.StatusSeeOther {
		t.Errorf("an official removing accepted evidence: status %d", res.StatusCode)
	}
}

// The monitoring notifications are mailed in their recipient's language, with the link
// where to act: the report's page, or the form of a new report on a due activity.
func TestMonitoringMails(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	english := modeltest.CreateUser(t, s, models.RoleOfficial, "")
	modeltest.Exec(t, s, "UPDATE users SET language = 'en' WHERE id = $1", english.ID)
	indonesian := modeltest.CreateUser(t, s, models.RoleOfficial, "")
	pending, region := demoReportIn(t, s, models.ReportSubmitted)
	delegate := modeltest.CreateUser(t, s, models.RoleDelegate, region)
	r, act, err := s.ReportFor(ctx, models.System, pending)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReturnReport(ctx, models.System, pending, r.Revision, "Lampirkan surat jalan."); err != nil {
		t.Fatal(err)
	}
	page, err := s.Outbox(ctx, models.System, models.OutboxFilter{}, 10_000)
	if err != nil {
		t.Fatal(err)
	}
	base := "https://ksd.example.go.id"
	var returned models.OutboxMessage
	for _, m := range page.Messages {
		if m.Kind == models.NotifyReportReturned && m.UserID == delegate.ID {
			returned = m
		}
	}
	if returned.ID == 0 {
		t.Fatal("the region's delegate was not told of the return")
	}
	mail, err := views.RenderEmail(ctx, returned, views.EmailData{Base: base})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(mail.Subject, act.Title) || !strings.Contains(mail.Text, base+"/reports/"+itoa(pending)) || !strings.Contains(mail.Text, "Lampirkan surat jalan.") || !strings.Contains(mail.Subject, "dikembalikan") {
		t.Errorf("the return's mail:\n%s\n%s", mail.Subject, mail.Text)
	}

	// Resubmitted by the region: each official in their language, with the link.
	modeltest.Exec(t, s, "DELETE FROM outbox_messages")
	r, _, _ = s.ReportFor(ctx, models.System, pending)
	in := models.ReportInput{PeriodStart: r.PeriodStart, PeriodEnd: r.PeriodEnd, Commodity: r.Commodity, Unit: r.Unit, QuantityText: "1", DecimalComma: true,
		Destination: r.Destination, Title: r.Title, Place: r.Place, Participants: r.Participants, Note: "Diperbaiki", Revision: r.Revision}
	if r.FromRegionCode != nil {
		in.FromRegionCode = *r.FromRegionCode
	}
	for _, p := range r.Attendance {
		in.Attendance = append(in.Attendance, models.AttendanceInput{RegionCode: p.RegionCode, Enrolled: p.Enrolled, Completed: p.Completed})
	}
	if _, err := s.SubmitReport(ctx, modeltest.As(&delegate), r.ActivityID, pending, in); err != nil {
		t.Fatal(err)
	}
	page, _ = s.Outbox(ctx, models.System, models.OutboxFilter{}, 10_000)
	seen := 0
	for _, m := range page.Messages {
		if m.Kind != models.NotifyReportSubmitted || (m.UserID != english.ID && m.UserID != indonesian.ID) {
			continue
		}
		seen++
		mail, err := views.RenderEmail(ctx, m, views.EmailData{Base: base})
		if err != nil {
			t.Fatal(err)
		}
		want := map[bool]string{true: "corrected and resubmitted", false: "diperbaiki dan dikirim ulang"}[m.UserID == english.ID]
		if !strings.Contains(mail.Subject, want) || !strings.Contains(mail.Text, base+"/reports/"+itoa(pending)) || !strings.Contains(mail.HTML, `href="`+base+"/reports/"+itoa(pending)+`"`) {
			t.Errorf("the resubmission's mail to %d:\n%s\n%s", m.UserID, mail.Subject, mail.Text)
		}
	}
	if seen != 2 {
		t.Errorf("%d officials told of the resubmission", seen)
	}

	// A due activity's reminder leads to the form of a new report on it.
	m := models.OutboxMessage{ID: 1, Kind: models.NotifyActivityDue, Language: "en", Name: "Dewi",
		Params: `{"activity_id": 4, "activity": "Pasokan beras", "number": "1/KSB/2025", "region_name": "Kalimantan Barat", "due_on": "2026-12-01T00:00:00Z", "days_left": -3}`}
	mail, err = views.RenderEmail(ctx, m, views.EmailData{Base: base})
	if err != nil {
		t.Fatal(err)
	}
	if mail.Subject != "Activity 3 days overdue: Pasokan beras" || !strings.Contains(mail.Text, base+"/activities/4/reports/new") {
		t.Errorf("the reminder's mail:\n%s\n%s", mail.Subject, mail.Text)
	}
	m.Language, m.Params = "id", `{"activity_id": 4, "activity": "Pasokan beras", "days_left": 1}`
	if mail, err = views.RenderEmail(ctx, m, views.EmailData{Base: base}); err != nil || mail.Subject != "Kegiatan jatuh tempo dalam 1 hari: Pasokan beras" {
		t.Errorf("the reminder's mail in Indonesian: %q, %v", mail.Subject, err)
	}
}
