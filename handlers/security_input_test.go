package handlers_test

// Security claims: input. What a request may send is bounded before anything reads it.

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"derap/handlers"
	"derap/models/modeltest"
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
	if got := official.postFile(path+"/documents", url.Values{"title": {"Naskah"}}, "naskah.pdf", pdf); got.StatusCode != http.StatusSeeOther {
		t.Errorf("an upload: %d", got.StatusCode)
	}
}
