package handlers_test

// Security claims: uploads. A file is judged by its content, not its name or declared
// type; its size is counted while it is read; only officials attach files; a download is
// an attachment under a harmless name, never rendered by the browser as a page.

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"testing"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
)

// A file is taken for what its content is: a web page or an SVG with a script named and
// declared as a PDF or PNG is refused by the file field and nothing is stored; a real PDF
// under a hostile name is stored under a harmless one and downloaded as an attachment of
// its sniffed type, never sniffed again by the browser, never framed or scripted.
func TestUploadsAreJudgedByContent(t *testing.T) {
	p := newPortal(t, handlers.Config{MaxUpload: 64 << 10})
	u := p.users(t)
	ctx := context.Background()
	agreement := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Kesepakatan Terbit"})
	events, _ := p.store.Events(ctx, 0)
	event := events[0].ID
	off := p.browser(t)
	off.login(u.official.Email, modeltest.Password)
	upload := func(path, name, contentType string, content []byte) page {
		off.get(path)
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		_ = w.WriteField("_csrf", off.csrf)
		_ = w.WriteField("document_title", "Lampiran")
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", mime.FormatMediaType("form-data", map[string]string{"name": "file", "filename": name}))
		h.Set("Content-Type", contentType)
		part, _ := w.CreatePart(h)
		_, _ = part.Write(content)
		_ = w.Close()
		req, _ := http.NewRequest(http.MethodPost, p.srv.URL+path+"/documents", &body)
		req.Header.Set("Content-Type", w.FormDataContentType())
		return off.do(req)
	}
	count := func(owner models.OwnerType, id uint) int {
		docs, err := p.store.Documents(ctx, owner, id)
		if err != nil {
			t.Fatal(err)
		}
		return len(docs)
	}
	agreementPath, eventPath := "/office/agreements/"+itoa(agreement), "/office/events/"+itoa(event)
	before := count(models.OwnerEvent, event)

	html := []byte("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>")
	if got := upload(agreementPath, "naskah.pdf", "application/pdf", html); got.StatusCode != http.StatusUnprocessableEntity || text(got.doc.Find("#doc_file-error")) == "" {
		t.Errorf("a web page named .pdf: %d", got.StatusCode)
	}
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)
	if got := upload(eventPath, "foto.png", "image/png", svg); got.StatusCode != http.StatusUnprocessableEntity || text(got.doc.Find("#doc_file-error")) == "" {
		t.Errorf("an SVG named .png: %d", got.StatusCode)
	}
	if count(models.OwnerAgreement, agreement) != 0 || count(models.OwnerEvent, event) != before {
		t.Fatal("a refused file was stored")
	}

	if got := upload(agreementPath, `..\..\"><script>x</script>.html`, "text/html", pdf); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("a PDF under a hostile name: %d %s", got.StatusCode, text(got.doc.Find(".field-error")))
	}
	docs, _ := p.store.Documents(ctx, models.OwnerAgreement, agreement)
	if len(docs) != 1 || docs[0].FileName != "script.pdf" || docs[0].ContentType != "application/pdf" {
		t.Fatalf("stored as %+v", docs)
	}
	resp, data := p.browser(t).download("/documents/" + itoa(docs[0].ID))
	h := resp.Header
	if resp.StatusCode != http.StatusOK || !bytes.Equal(data, pdf) || h.Get("Content-Type") != "application/pdf" ||
		h.Get("Content-Disposition") != "attachment; filename=script.pdf" || h.Get("X-Content-Type-Options") != "nosniff" ||
		!strings.Contains(h.Get("Content-Security-Policy"), "default-src 'self'") || h.Get("X-Frame-Options") != "DENY" {
		t.Errorf("download: %d %v", resp.StatusCode, h)
	}
}

// A file over the limit is refused while it is read, also when the request does not say
// its length; only officials attach files, and a visitor never reaches an unpublished
// record's file.
func TestUploadsAreBoundedAndOfficialsOnly(t *testing.T) {
	p := newPortal(t, handlers.Config{MaxUpload: 4 << 10})
	u := p.users(t)
	ctx := context.Background()
	draft := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Stage: modeltest.Draft})
	path := "/office/agreements/" + itoa(draft)
	off := p.browser(t)
	off.login(u.official.Email, modeltest.Password)
	off.get(path)

	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("_csrf", off.csrf)
	_ = w.WriteField("document_title", "Besar")
	part, _ := w.CreateFormFile("file", "besar.pdf")
	_, _ = part.Write(append(pdf, bytes.Repeat([]byte{' '}, 64<<10)...))
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, p.srv.URL+path+"/documents", io.NopCloser(&body))
	req.ContentLength = -1
	req.Header.Set("Content-Type", w.FormDataContentType())
	if got := off.do(req); got.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("64 KiB without a length: %d, want 413", got.StatusCode)
	}

	d := p.browser(t)
	d.login(u.delegate.Email, modeltest.Password)
	d.get("/inbox")
	if got := d.postFile(path+"/documents", url.Values{"document_title": {"x"}}, "x.pdf", pdf); got.StatusCode != http.StatusForbidden {
		t.Errorf("a delegate uploading: %d", got.StatusCode)
	}
	visitor := p.browser(t)
	visitor.get("/login")
	if got := visitor.postFile(path+"/documents", url.Values{"document_title": {"x"}}, "x.pdf", pdf); got.StatusCode != http.StatusSeeOther || !strings.HasPrefix(got.Header.Get("Location"), "/login") {
		t.Errorf("a visitor uploading: %d %s", got.StatusCode, got.Header.Get("Location"))
	}
	if docs, _ := p.store.Documents(ctx, models.OwnerAgreement, draft); len(docs) != 0 {
		t.Fatalf("%d documents stored", len(docs))
	}

	if got := off.postFile(path+"/documents", url.Values{"document_title": {"Naskah"}}, "naskah.pdf", pdf); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("the official's upload: %d", got.StatusCode)
	}
	docs, _ := p.store.Documents(ctx, models.OwnerAgreement, draft)
	for name, b := range map[string]*browser{"visitor": visitor, "delegate": d} {
		if got, _ := b.download("/documents/" + itoa(docs[0].ID)); got.StatusCode != http.StatusNotFound {
			t.Errorf("a %s fetching a draft's file: %d", name, got.StatusCode)
		}
	}
}
