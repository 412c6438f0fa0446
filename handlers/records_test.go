package handlers_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/views/form"
)

var (
	pdf = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n")
	png = append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 64)...)
)

// postFile submits an upload form with the CSRF token of the last page read.
func (b *browser) postFile(path string, fields url.Values, name string, content []byte) page {
	b.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("_csrf", b.csrf)
	for k, vs := range fields {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	fw, _ := w.CreateFormFile("file", name)
	_, _ = fw.Write(content)
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, b.p.srv.URL+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

// download fetches a file and returns its response and bytes.
func (b *browser) download(path string, header ...string) (*http.Response, []byte) {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.p.srv.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp, data
}

// An official records an event with speakers, minutes, regions, an agreement signed there
// and a photo; a visitor sees it all and downloads its calendar file.
func TestEventRecordJourney(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	official := modeltest.CreateUser(t, p.store, models.RoleOfficial, "")
	signed := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Kesepakatan Pasokan Beras", Stage: modeltest.Signed})

	off := p.browser(t)
	off.login(official.Email, modeltest.Password)
	blank := off.get("/office/events/new")
	v := formValues(blank.doc.Find(`[data-testid="event-form"]`))
	v.Set("title", "Rapat Koordinasi Ketahanan Pangan")
	v.Set("start_date", "2026-02-10")
	v.Set("start_time", "09:00")
	v.Set("end_time", "12:00")
	v.Set("place", "Balai Kota Jakarta")
	v.Set("minutes", "## Kesimpulan\n\n- pasokan beras aman\n\n<script>alert('x')</script>")
	speakerName, speakerRole, speakerOrg := form.RowInput(form.ListSpeakers, form.SpeakerName), form.RowInput(form.ListSpeakers, form.SpeakerRole), form.RowInput(form.ListSpeakers, form.SpeakerOrganisation)
	v[speakerName], v[speakerRole], v[speakerOrg] = []string{"Marulina Dewi"}, []string{"Kepala Biro Kerja Sama Daerah"}, []string{"Pemprov DKI Jakarta"}
	v[form.ListRegions] = []string{"Daerah Khusus Ibukota Jakarta (31)"}
	v.Set(form.FieldOp, form.AddRow(form.ListSpeakers).Value())
	more := off.post("/office/events", v)
	if more.doc.Find(`[data-testid="speaker-row"]`).Length() != 2 || more.doc.Find("#speaker_name_0").AttrOr("value", "") != "Marulina Dewi" {
		t.Fatal("adding a speaker row lost the input")
	}
	v = formValues(more.doc.Find(`[data-testid="event-form"]`))
	v[speakerName] = []string{"Marulina Dewi", "Agus Fatoni"}
	v[speakerRole] = []string{"Kepala Biro Kerja Sama Daerah", "Direktur Jenderal Bina Keuangan Daerah"}
	v[speakerOrg] = []string{"Pemprov DKI Jakarta", "Kementerian Dalam Negeri"}
	v.Set(form.FieldOp, form.AddRow(form.ListRegions).Value())
	more = off.post("/office/events", v)
	v = formValues(more.doc.Find(`[data-testid="event-form"]`))
	v[form.ListRegions] = []string{"Daerah Khusus Ibukota Jakarta (31)", "Kota Pariaman"}
	v["agreements"] = []string{strconv.Itoa(int(signed))}
	v.Set("end_time", "08:00")
	v.Set(form.FieldOp, "save")
	bad := off.post("/office/events", v)
	if bad.StatusCode != http.StatusUnprocessableEntity || bad.doc.Find("#end_time-error").Length() != 1 {
		t.Fatalf("an event ending before it starts: %d", bad.StatusCode)
	}
	v.Set("end_time", "12:00")
	saved := off.post("/office/events", v)
	if saved.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", saved.StatusCode, text(saved.doc.Find(".field-error")))
	}
	id := idFromLocation(t, saved.Header.Get("Location"), "/office/events/")

	// A photo (a PNG, even named .pdf) and a programme.
	off.get("/office/events/" + id)
	photo := off.postFile("/office/events/"+id+"/documents", url.Values{"document_title": {"Penandatanganan di Balai Kota"}}, "foto.pdf", png)
	if photo.StatusCode != http.StatusSeeOther {
		t.Fatalf("photo upload: %d %s", photo.StatusCode, text(photo.doc.Find(".field-error")))
	}
	off.get("/office/events/" + id)
	exe := off.postFile("/office/events/"+id+"/documents", url.Values{"document_title": {"Program"}}, "program.pdf", []byte("MZ\x90\x00 not a pdf"))
	if exe.StatusCode != http.StatusUnprocessableEntity || exe.doc.Find("#doc_file-error").Length() != 1 || exe.doc.Find("#doc_title").AttrOr("value", "") != "Program" {
		t.Fatalf("an executable: %d", exe.StatusCode)
	}

	visitor := p.browser(t)
	pub := visitor.get("/events/" + id)
	if pub.StatusCode != http.StatusOK {
		t.Fatalf("public event page: %d", pub.StatusCode)
	}
	if got := text(pub.doc.Find(".facts")); !strings.Contains(got, "10 Februari 2026, 09.00–12.00 WIB") || !strings.Contains(got, "Balai Kota Jakarta") {
		t.Errorf("when and where: %q", got)
	}
	if got := pub.doc.Find(`[data-testid="speakers"] li`).Length(); got != 2 {
		t.Errorf("%d speakers", got)
	}
	minutes := pub.doc.Find(`[data-testid="minutes"]`)
	if minutes.Find("h2").Length() != 1 || minutes.Find("h3").Length() != 1 || minutes.Find("li").Text() != "pasokan beras aman" || minutes.Find("script").Length() != 0 || !strings.Contains(minutes.Text(), "<script>alert('x')</script>") {
		t.Errorf("minutes: %s", minutes.Text())
	}
	if got := pub.doc.Find(`[data-testid="participants"] a`).Length(); got != 2 {
		t.Errorf("%d participating regions", got)
	}
	if pub.doc.Find(`[data-testid="agreement-item"]`).Length() != 0 {
		t.Errorf("an unpublished agreement is listed on the public event page")
	}
	img := pub.doc.Find(`[data-testid="documents"] img`)
	if img.Length() != 1 || img.AttrOr("alt", "") != "Penandatanganan di Balai Kota" {
		t.Fatalf("the photo is not shown with its text alternative")
	}
	resp, data := visitor.download(img.AttrOr("src", ""))
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" || !bytes.Equal(data, png) ||
		resp.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(resp.Header.Get("Content-Disposition"), `filename=foto.png`) {
		t.Errorf("photo download: %d %v", resp.StatusCode, resp.Header)
	}
	etag := resp.Header.Get("ETag")
	if again, _ := visitor.download(img.AttrOr("src", ""), "If-None-Match", etag); again.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d", again.StatusCode)
	}
	if !strings.Contains(text(pub.doc.Find(`[data-testid="document"]`)), etag[1:13]) {
		t.Error("the page does not show the file's SHA-256")
	}

	// The calendar files.
	ics := pub.doc.Find(`[data-testid="ics-link"]`).AttrOr("href", "")
	resp, data = visitor.download(ics)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") ||
		!bytes.Contains(data, []byte("DTSTART;TZID=Asia/Jakarta:20260210T090000\r\n")) || !bytes.Contains(data, []byte("SUMMARY:Rapat Koordinasi Ketahanan Pangan\r\n")) {
		t.Errorf("event calendar: %d %s\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), data)
	}
	resp, data = visitor.download("/events.ics")
	if resp.StatusCode != http.StatusOK || bytes.Count(data, []byte("BEGIN:VEVENT")) != 2 {
		t.Errorf("all events: %d, %d events", resp.StatusCode, bytes.Count(data, []byte("BEGIN:VEVENT")))
	}

	// A linked event cannot be deleted.
	off.get("/office/events/" + id)
	if got := off.post("/office/events/"+id+"/delete", nil); got.StatusCode != http.StatusConflict || text(got.doc.Find(`[data-testid="form-alert"]`)) == "" {
		t.Errorf("deleting a linked event: %d", got.StatusCode)
	}
}

func TestAgreementDocuments(t *testing.T) {
	p := newPortal(t, handlers.Config{MaxUpload: 1 << 10})
	official := modeltest.CreateUser(t, p.store, models.RoleOfficial, "")
	published := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Kesepakatan Terbit"})
	review := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Stage: modeltest.InReview})
	off := p.browser(t)
	off.login(official.Email, modeltest.Password)
	upload := func(id uint, name string, content []byte) page {
		off.get("/office/agreements/" + strconv.Itoa(int(id)))
		return off.postFile("/office/agreements/"+strconv.Itoa(int(id))+"/documents", url.Values{"document_title": {"Naskah bertanda tangan"}}, name, content)
	}
	if got := upload(published, "Naskah KSB.pdf", pdf); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", got.StatusCode, text(got.doc.Find(".field-error")))
	}
	if got := upload(review, "naskah.pdf", pdf); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", got.StatusCode)
	}
	wrong := upload(published, "naskah.pdf", png)
	if wrong.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(text(wrong.doc.Find("#doc_file-error")), "PDF") {
		t.Errorf("a PNG named .pdf: %d %q", wrong.StatusCode, text(wrong.doc.Find("#doc_file-error")))
	}
	big := upload(published, "besar.pdf", append(pdf, bytes.Repeat([]byte{' '}, 4<<10)...))
	if big.StatusCode != http.StatusRequestEntityTooLarge || text(big.doc.Find("h1")) != "Berkas terlalu besar" || text(big.doc.Find(`[data-testid="error-detail"]`)) == "" {
		t.Errorf("too large: %d %q", big.StatusCode, text(big.doc.Find("h1")))
	}
	// Just over the file limit, within the body's allowance: the models refuse it.
	over := upload(published, "sedikit.pdf", append(pdf, bytes.Repeat([]byte{' '}, 1<<10)...))
	if over.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("just over the limit: %d", over.StatusCode)
	}

	docs := func(id uint) []models.Document {
		d, err := p.store.Documents(context.Background(), models.OwnerAgreement, id)
		if err != nil || len(d) != 1 {
			t.Fatalf("documents of %d: %v %d", id, err, len(d))
		}
		return d
	}
	pubDoc, hidden := docs(published)[0], docs(review)[0]
	visitor := p.browser(t)
	page := visitor.get("/agreements/" + strconv.Itoa(int(published)))
	link := page.doc.Find(`[data-testid="documents"] a`).First()
	resp, data := visitor.download(link.AttrOr("href", ""))
	if resp.StatusCode != http.StatusOK || !bytes.Equal(data, pdf) || resp.Header.Get("Content-Type") != "application/pdf" ||
		resp.Header.Get("ETag") != `"`+pubDoc.SHA256+`"` || resp.Header.Get("Content-Disposition") != "attachment; filename=Naskah-KSB.pdf" {
		t.Errorf("download: %d %v", resp.StatusCode, resp.Header)
	}
	if got, _ := visitor.download("/documents/" + strconv.Itoa(int(hidden.ID))); got.StatusCode != http.StatusNotFound {
		t.Errorf("a visitor fetching an unpublished agreement's document: %d", got.StatusCode)
	}
	if got, _ := off.download("/documents/" + strconv.Itoa(int(hidden.ID))); got.StatusCode != http.StatusOK {
		t.Errorf("the official: %d", got.StatusCode)
	}

	// Removal is in the history.
	work := off.get("/office/agreements/" + strconv.Itoa(int(published)))
	remove := work.doc.Find(`[data-testid="documents"] form`).AttrOr("action", "")
	if got := off.post(remove, nil); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove: %d", got.StatusCode)
	}
	var actions []string
	off.get("/office/agreements/" + strconv.Itoa(int(published))).doc.Find(`[data-testid="history"] li`).Each(func(_ int, s *goquery.Selection) {
		actions = append(actions, s.AttrOr("data-action", ""))
	})
	if strings.Join(actions[len(actions)-2:], " ") != "document.add document.remove" {
		t.Errorf("history %v", actions)
	}
}

func TestProfileEditing(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	official := modeltest.CreateUser(t, p.store, models.RoleOfficial, "")
	pariaman := modeltest.CreateUser(t, p.store, models.RoleDelegate, "13.77")

	d := p.browser(t)
	d.login(pariaman.Email, modeltest.Password)
	if d.get("/regions/13.77").doc.Find(`[data-testid="edit-profile"]`).Length() != 1 {
		t.Error("the delegate is not offered their region's profile")
	}
	if d.get("/regions/61").doc.Find(`[data-testid="edit-profile"]`).Length() != 0 {
		t.Error("the delegate is offered another region's profile")
	}
	contact := d.get("/regions/13.77/profile")
	if contact.doc.Find("#summary").Length() != 0 || contact.doc.Find("#contact_phone").Length() != 1 {
		t.Fatal("the delegate's form is not the contact form")
	}
	bad := d.post("/regions/13.77/profile", url.Values{"contact_office": {"Bagian Kerja Sama"}, "contact_email": {"not mail"}})
	if bad.StatusCode != http.StatusUnprocessableEntity || bad.doc.Find("#contact_email-error").Length() != 1 || bad.doc.Find("#contact_office").AttrOr("value", "") != "Bagian Kerja Sama" {
		t.Fatalf("a bad email: %d", bad.StatusCode)
	}
	ok := d.post("/regions/13.77/profile", url.Values{"contact_office": {"Bagian Kerja Sama"}, "contact_email": {"ksd@pariamankota.go.id"}, "summary": {"ignored"}})
	if ok.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", ok.StatusCode)
	}
	region := d.get("/regions/13.77")
	if !strings.Contains(text(region.doc.Find(`[data-testid="profile"]`)), "ksd@pariamankota.go.id") || strings.Contains(text(region.doc.Find(`[data-testid="profile"]`)), "ignored") {
		t.Error("the contact was not saved, or more than the contact was")
	}
	if got := d.get("/regions/61/profile").StatusCode; got != http.StatusForbidden {
		t.Errorf("another region's form: %d", got)
	}
	d.get("/regions/13.77/profile")
	if got := d.post("/regions/61/profile", url.Values{"contact_office": {"x"}}).StatusCode; got != http.StatusForbidden {
		t.Errorf("saving another region: %d", got)
	}

	o := p.browser(t)
	o.login(official.Email, modeltest.Password)
	full := o.get("/regions/11.01/profile")
	v := formValues(full.doc.Find(`[data-testid="profile-form"]`))
	v.Set("partner", "1")
	v.Set("summary", "Mitra baru")
	v.Set("latitude", "3,26")
	v.Set("longitude", "97,17")
	v["commodities"] = []string{"fish"}
	if got := o.post("/regions/11.01/profile", v); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("official save: %d %s", got.StatusCode, text(got.doc.Find(".field-error")))
	}
	home := p.browser(t).get("/")
	if home.doc.Find(`[data-testid="map-marker"][data-code="11.01"]`).Length() != 1 {
		t.Error("the new partner is not on the map")
	}
}
