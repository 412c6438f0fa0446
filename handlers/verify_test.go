package handlers_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
)

// demoSignedScan is the signed scan the demo attaches to its first published agreement,
// with its SHA-256.
func demoSignedScan(t *testing.T, s *models.Store) (models.AgreementView, []byte, string) {
	t.Helper()
	ctx := context.Background()
	id := publishedIDs(t, s)[0]
	docs, err := s.Documents(ctx, models.OwnerAgreement, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].ContentType != "application/pdf" {
		t.Fatalf("the demo's published agreement %d holds %d documents, not its signed scan", id, len(docs))
	}
	_, r, err := s.DocumentFor(ctx, models.System, docs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	content, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.AgreementFor(ctx, models.System, id)
	if err != nil {
		t.Fatal(err)
	}
	return a, content, docs[0].SHA256
}

func hashOf(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}

// The page offers both checks to every visitor, each form with its token first (the
// upload's is read before the file), labelled, never cached; the footer leads to it; a
// link may fill the hash in; the audit checkpoints' key is shown when there is one.
func TestVerifyPage(t *testing.T) {
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize)).Public().(ed25519.PublicKey)
	p := newPortal(t, handlers.Config{AuditPublicKey: key})
	b := p.browser(t)
	page := b.get("/verify")
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Header.Get("Cache-Control"), "no-store") {
		t.Fatalf("status %d, Cache-Control %q", page.StatusCode, page.Header.Get("Cache-Control"))
	}
	upload := page.doc.Find(`form[data-testid="verify-upload"]`)
	if upload.AttrOr("enctype", "") != "multipart/form-data" || upload.AttrOr("method", "") != "post" || upload.AttrOr("action", "") != "/verify" {
		t.Errorf("upload form %v", upload.Nodes)
	}
	for _, f := range []string{`form[data-testid="verify-upload"]`, `form[data-testid="verify-hash"]`} {
		if first := page.doc.Find(f + ` input`).First(); first.AttrOr("name", "") != "_csrf" || first.AttrOr("value", "") == "" {
			t.Errorf("%s: the first input is %q", f, first.AttrOr("name", ""))
		}
	}
	for _, id := range []string{"verify_file", "verify_sha256"} {
		if page.doc.Find(`label[for="`+id+`"]`).Length() != 1 || page.doc.Find("#"+id).Length() != 1 {
			t.Errorf("%s has no label", id)
		}
	}
	if r := page.doc.Find(`[data-testid="verify-result"]`); r.AttrOr("role", "") != "status" || strings.TrimSpace(r.Text()) != "" {
		t.Errorf("result region %q role %q", text(r), r.AttrOr("role", ""))
	}
	if got := text(page.doc.Find(`[data-testid="audit-key"] code`)); got != base64.StdEncoding.EncodeToString(key) {
		t.Errorf("audit key %q", got)
	}
	if page.doc.Find(`[data-testid="audit-key"] a[href="/audit/checkpoints"]`).Length() != 1 {
		t.Error("the key does not lead to the checkpoints")
	}
	if text(page.doc.Find("h1")) != "Verifikasi dokumen" {
		t.Errorf("h1 %q", text(page.doc.Find("h1")))
	}
	if en := b.get("/verify?lang=en"); text(en.doc.Find("h1")) != "Verify a document" || text(en.doc.Find(`label[for="verify_sha256"]`)) != "SHA-256" {
		t.Errorf("English: %q", text(en.doc.Find("h1")))
	}
	if home := b.get("/?lang=id"); home.doc.Find(`footer a[href="/verify"]`).Length() != 1 {
		t.Error("the footer does not lead to /verify")
	}
	filled := b.get("/verify?sha256=ABCDEF")
	if v := filled.doc.Find("#verify_sha256").AttrOr("value", ""); v != "ABCDEF" || filled.doc.Find(`[data-testid="verify-status"]`).Length() != 0 {
		t.Errorf("a link's hash: %q", v)
	}

	plain := newPortal(t, handlers.Config{}).browser(t).get("/verify")
	if plain.doc.Find(`[data-testid="audit-key"]`).Length() != 0 {
		t.Error("a key is shown without one")
	}
}

// Uploading the demo's signed scan names its agreement, when and by which office it was
// attached, never by whom; pasting its hash in capitals with spaces finds the same; the
// hash of the agreement's text finds it with every party's confirmation of that hash.
func TestVerifyDemoSignedScan(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	a, scan, sum := demoSignedScan(t, p.store)
	b := p.browser(t)
	b.get("/verify")
	found := b.postFile("/verify", nil, "naskah-diterima.pdf", scan)
	if found.StatusCode != http.StatusOK {
		t.Fatalf("upload: %d %s", found.StatusCode, text(found.doc.Find(`[data-testid="form-alert"], .field-error`)))
	}
	result := found.doc.Find(`[data-testid="verify-result"]`)
	if result.Find(`[data-testid="verify-status"]`).AttrOr("data-state", "") != "registered" || text(result.Find(`[data-testid="verify-sha256"]`)) != sum {
		t.Fatalf("result: %q", text(result))
	}
	link := result.Find(`[data-testid="verified-document"] a[data-testid="verified-agreement"]`)
	if link.AttrOr("href", "") != "/agreements/"+itoa(a.ID) || !strings.Contains(text(link), a.Number) || !strings.Contains(text(link), a.DisplayTitle()) {
		t.Errorf("agreement link %q → %q", text(link), link.AttrOr("href", ""))
	}
	if office := text(result.Find(`[data-testid="verified-office"]`)); !strings.Contains(office, "Biro Kerja Sama Daerah") {
		t.Errorf("office %q", office)
	}
	if strings.Contains(found.body, "@derap.test") || strings.Contains(found.body, "Pejabat Biro KSD (demo)") {
		t.Error("the page names the person who attached the scan")
	}
	if !strings.Contains(text(result), "naskah-diterima.pdf") {
		t.Error("the page does not name the file checked")
	}

	pasted := b.post("/verify", url.Values{"sha256": {"  " + strings.ToUpper(sum) + " \t"}})
	link = pasted.doc.Find(`[data-testid="verified-document"] a[data-testid="verified-agreement"]`)
	if pasted.StatusCode != http.StatusOK || link.AttrOr("href", "") != "/agreements/"+itoa(a.ID) {
		t.Errorf("pasted: %d %q", pasted.StatusCode, text(pasted.doc.Find(`[data-testid="verify-result"]`)))
	}

	text1 := b.post("/verify", url.Values{"sha256": {a.Version.ContentHash}})
	version := text1.doc.Find(`[data-testid="verified-version"]`)
	if version.AttrOr("data-current", "") != "true" || version.Find(`a[data-testid="verified-agreement"]`).AttrOr("href", "") != "/agreements/"+itoa(a.ID) {
		t.Fatalf("version: %q", text(text1.doc.Find(`[data-testid="verify-result"]`)))
	}
	rows := version.Find(`table[data-testid="confirmations"] tbody tr`)
	if rows.Length() != len(a.Parties) {
		t.Fatalf("%d confirmations for %d parties", rows.Length(), len(a.Parties))
	}
	for i, party := range a.Parties {
		row := text(rows.Eq(i))
		if !strings.Contains(row, party.Region.Name) || !strings.Contains(row, "Ya, tepat SHA-256 ini") {
			t.Errorf("confirmation %d: %q", i, row)
		}
	}
}

// A malformed hash is a message by its field, the input kept, and no check is counted.
func TestVerifyMalformedHash(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	b := p.browser(t)
	b.get("/verify")
	got := b.post("/verify", url.Values{"sha256": {"bukan-sha256 <b>"}})
	if got.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", got.StatusCode)
	}
	field := got.doc.Find("#verify_sha256")
	if field.AttrOr("value", "") != "bukan-sha256 <b>" || field.AttrOr("aria-invalid", "") != "true" || !strings.Contains(field.AttrOr("aria-describedby", ""), "verify_sha256-error") {
		t.Errorf("field %v", field.Nodes[0].Attr)
	}
	if msg := text(got.doc.Find("#verify_sha256-error")); !strings.Contains(msg, "64") {
		t.Errorf("message %q", msg)
	}
	if got.doc.Find(`[data-testid="verify-status"]`).Length() != 0 {
		t.Error("a malformed hash has a result")
	}
	if empty := b.postFile("/verify", nil, "", nil); empty.StatusCode != http.StatusUnprocessableEntity || text(empty.doc.Find("#verify_file-error")) == "" {
		t.Errorf("no file: %d", empty.StatusCode)
	}
}

// What is not published answers exactly as what nobody registered: the same status and
// the same page, but for the hash itself (and the form's token): a draft's text, the text
// of an agreement in review, a document attached to an unpublished agreement, by hash and
// by upload.
func TestVerifyUnpublishedLooksUnknown(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	ctx := context.Background()
	_, scan, _ := demoSignedScan(t, p.store)
	hidden := hiddenIDs(t, p.store)
	var inReview models.AgreementView
	for _, id := range hidden {
		a, err := p.store.AgreementFor(ctx, models.System, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Version != nil {
			inReview = a
		}
	}
	if inReview.Version == nil {
		t.Fatal("the demo has no agreement in review")
	}
	hiddenScan := append([]byte("%PDF-1.7\n% draf\n"), scan...)
	if _, err := p.store.AddDocument(ctx, modeltest.Official(t, p.store), models.OwnerAgreement, hidden[0], "Draf naskah", "naskah.pdf", bytes.NewReader(hiddenScan), 1<<20); err != nil {
		t.Fatal(err)
	}
	unknownScan := append([]byte("%PDF-1.7\n% tidak dikenal\n"), scan...)

	b := p.browser(t)
	b.get("/verify")
	normal := func(pg page, sum string) string {
		return strings.ReplaceAll(strings.ReplaceAll(pg.body, b.csrf, "TOKEN"), sum, "HASH")
	}
	byHash := func(sum string) (int, string) {
		pg := b.post("/verify", url.Values{"sha256": {sum}})
		return pg.StatusCode, normal(pg, sum)
	}
	byUpload := func(content []byte) (int, string) {
		pg := b.postFile("/verify", nil, "naskah.pdf", content)
		return pg.StatusCode, normal(pg, hashOf(content))
	}
	wantStatus, want := byHash(hashOf(unknownScan))
	if wantStatus != http.StatusOK || !strings.Contains(want, `data-state="not-registered"`) {
		t.Fatalf("unknown: %d", wantStatus)
	}
	for name, sum := range map[string]string{"in review": inReview.Version.ContentHash, "document of an unpublished agreement": hashOf(hiddenScan)} {
		if status, got := byHash(sum); status != wantStatus || got != want {
			t.Errorf("%s by hash: %d, differs from an unknown hash: %v", name, status, got != want)
		}
	}
	wantStatus, want = byUpload(unknownScan)
	if status, got := byUpload(hiddenScan); status != wantStatus || got != want || !strings.Contains(got, `data-state="not-registered"`) {
		t.Errorf("upload of an unpublished agreement's document: %d, differs from an unknown file: %v", status, got != want)
	}
}

// A file over the upload limit is refused with 413 and said so by the field, with the
// limit; a body declared over it is refused before it is read.
func TestVerifyTooLargeFile(t *testing.T) {
	p := newPortal(t, handlers.Config{MaxUpload: 1 << 20})
	b := p.browser(t)
	b.get("/verify")
	big := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{'x'}, 1<<20)...)
	got := b.postFile("/verify", nil, "besar.pdf", big)
	if got.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d", got.StatusCode)
	}
	if msg := text(got.doc.Find("#verify_file-error")); !strings.Contains(msg, "lebih besar dari 1 MB") {
		t.Errorf("message %q", msg)
	}
	if got.doc.Find(`[data-testid="verify-status"]`).Length() != 0 {
		t.Error("a file over the limit has a result")
	}
	huge := b.postFile("/verify", nil, "besar.pdf", bytes.Repeat(big, 3))
	if huge.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(text(huge.doc.Find("main")), "1 MiB") {
		t.Errorf("a body over the limit: %d %q", huge.StatusCode, text(huge.doc.Find("main")))
	}
}

// At most 30 checks from one address in 15 minutes, by hash and by upload alike: the 31st
// is 429 with Retry-After and a page that says when to try again.
func TestVerifyThrottle(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	b := p.browser(t)
	b.get("/verify")
	for i := range models.MaxVerificationsAddress {
		sum := hashOf([]byte("dokumen " + strconv.Itoa(i)))
		var got page
		if i%2 == 0 {
			got = b.post("/verify", url.Values{"sha256": {sum}})
		} else {
			got = b.postFile("/verify", nil, "a.pdf", []byte("dokumen "+strconv.Itoa(i)))
		}
		if got.StatusCode != http.StatusOK {
			t.Fatalf("check %d: %d", i+1, got.StatusCode)
		}
	}
	for _, got := range []page{
		b.post("/verify", url.Values{"sha256": {hashOf([]byte("satu lagi"))}}),
		b.postFile("/verify", nil, "a.pdf", []byte("satu lagi")),
	} {
		retry, _ := strconv.Atoi(got.Header.Get("Retry-After"))
		if got.StatusCode != http.StatusTooManyRequests || retry <= 0 || retry > 15*60 {
			t.Fatalf("the 31st check: %d, Retry-After %q", got.StatusCode, got.Header.Get("Retry-After"))
		}
		if msg := text(got.doc.Find(`[data-testid="form-alert"]`)); !strings.Contains(msg, "Terlalu banyak pemeriksaan") || !strings.Contains(msg, "15 menit") {
			t.Errorf("alert %q", msg)
		}
		if got.doc.Find(`[data-testid="verify-status"]`).Length() != 0 {
			t.Error("a refused check has a result")
		}
	}
	p.clock.Advance(models.VerificationWindow)
	if got := b.post("/verify", url.Values{"sha256": {hashOf([]byte("nanti"))}}); got.StatusCode != http.StatusOK {
		t.Errorf("after the window: %d", got.StatusCode)
	}
}

// A check without its session's token is refused, by hash and by upload, and a token
// after the file does not count: the token must come first.
func TestVerifyNeedsCSRFToken(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	sum := hashOf([]byte("apa saja"))
	stranger := p.browser(t)
	if got := stranger.post("/verify", url.Values{"sha256": {sum}}); got.StatusCode != http.StatusForbidden {
		t.Errorf("without a page: %d", got.StatusCode)
	}
	b := p.browser(t)
	b.get("/verify")
	if got := b.post("/verify", url.Values{"sha256": {sum}, "_csrf": {"salah"}}); got.StatusCode != http.StatusForbidden {
		t.Errorf("a wrong token: %d", got.StatusCode)
	}
	if got := b.post("/verify", url.Values{"sha256": {sum}, "_csrf": {""}}); got.StatusCode != http.StatusForbidden {
		t.Errorf("no token: %d", got.StatusCode)
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, _ := w.CreateFormFile("file", "a.pdf")
	_, _ = fw.Write([]byte("apa saja"))
	_ = w.WriteField("_csrf", b.csrf)
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, p.srv.URL+"/verify", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	if got := b.do(req); got.StatusCode != http.StatusForbidden {
		t.Errorf("the token after the file: %d", got.StatusCode)
	}
	if got := b.post("/verify", url.Values{"sha256": {sum}}); got.StatusCode != http.StatusOK {
		t.Errorf("with the token: %d", got.StatusCode)
	}
}

// A file to verify is hashed as it arrives: while its body is still coming, nothing of it
// has been spooled to a temporary file, where an official's upload of the same size is
// (the control that shows the check can fail).
func TestVerifyUploadIsNotSpooled(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	spooled := func() int {
		entries, err := os.ReadDir(tmp)
		if err != nil {
			t.Fatal(err)
		}
		return len(entries)
	}
	// upload sends a file of 3 MiB through a pipe and reports whether a temporary file
	// appeared within a second of 2 MiB of it being sent, before the body ended.
	upload := func(b *browser, path string, fields url.Values) (bool, int) {
		pr, pw := io.Pipe()
		w := multipart.NewWriter(pw)
		req, _ := http.NewRequest(http.MethodPost, p.srv.URL+path, pr)
		req.Header.Set("Content-Type", w.FormDataContentType())
		done := make(chan page, 1)
		go func() { done <- b.do(req) }()
		_ = w.WriteField("_csrf", b.csrf)
		for k, v := range fields {
			_ = w.WriteField(k, v[0])
		}
		fw, _ := w.CreateFormFile("file", "besar.pdf")
		chunk := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{'x'}, 1<<20-9)...)
		for range 2 {
			if _, err := fw.Write(chunk); err != nil {
				t.Fatal(err)
			}
		}
		// The connection's buffers hold some of it: the server has a moment to take it.
		seen := false
		for deadline := time.Now().Add(time.Second); !seen && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			seen = spooled() > 0
		}
		_, _ = fw.Write(chunk[:1<<20-1])
		_ = w.Close()
		_ = pw.Close()
		return seen, (<-done).StatusCode
	}

	b := p.browser(t)
	b.get("/verify")
	if seen, status := upload(b, "/verify", nil); seen || status != http.StatusOK {
		t.Errorf("verification: spooled %v, status %d", seen, status)
	}

	official := p.browser(t)
	official.login(p.users(t).official.Email, modeltest.Password)
	id := publishedIDs(t, p.store)[0]
	official.get("/office/agreements/" + itoa(id))
	if seen, _ := upload(official, "/office/agreements/"+itoa(id)+"/documents", url.Values{"document_title": {"Naskah"}}); !seen {
		t.Error("the control: an official's upload of the same size was not seen spooled")
	}
}
