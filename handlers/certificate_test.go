package handlers_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	pngimage "image/png"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	pdfread "github.com/dslipak/pdf"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/views"
)

// squeeze drops every space, so that text a PDF broke over lines still matches.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// pdfText extracts the text of every page of a PDF.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	r, err := pdfread.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("parse PDF: %v", err)
	}
	rd, err := r.GetPlainText()
	if err != nil {
		t.Fatalf("PDF text: %v", err)
	}
	text, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}

var (
	imageObject = regexp.MustCompile(`(?s)/Subtype /Image\n/Width (\d+)\n/Height (\d+)\n/ColorSpace /DeviceGray\n/BitsPerComponent 8\n/Filter /FlateDecode\n/DecodeParms <<[^>]*>>\n/Length (\d+)>>\nstream\n`)
	pngIDAT     = []byte("IDAT")
)

// pngChunk is one chunk of a PNG file, with its CRC.
func pngChunk(kind string, data []byte) []byte {
	var b bytes.Buffer
	_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
	b.WriteString(kind)
	b.Write(data)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(kind), data...)))
	return b.Bytes()
}

// pdfImage reads back the greyscale image a PDF embeds: its stream holds PNG-predicted
// deflated rows, the IDAT of a PNG file with the same width and height.
func pdfImage(t *testing.T, b []byte) image.Image {
	t.Helper()
	m := imageObject.FindSubmatchIndex(b)
	if m == nil {
		t.Fatal("the PDF embeds no greyscale image")
	}
	width, _ := strconv.Atoi(string(b[m[2]:m[3]]))
	height, _ := strconv.Atoi(string(b[m[4]:m[5]]))
	length, _ := strconv.Atoi(string(b[m[6]:m[7]]))
	stream := b[m[1] : m[1]+length]
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8] = 8 // bits per sample; colour type 0 (grey), no interlace
	var file bytes.Buffer
	file.WriteString("\x89PNG\r\n\x1a\n")
	file.Write(pngChunk("IHDR", ihdr))
	file.Write(pngChunk("IDAT", stream))
	file.Write(pngChunk("IEND", nil))
	img, err := pngimage.Decode(&file)
	if err != nil {
		t.Fatalf("the PDF's image: %v", err)
	}
	return img
}

// idat is the image data of a PNG file, its IDAT chunks joined.
func idat(t *testing.T, file []byte) []byte {
	t.Helper()
	var out []byte
	for rest := file[8:]; len(rest) >= 12; {
		n := binary.BigEndian.Uint32(rest)
		if bytes.Equal(rest[4:8], pngIDAT) {
			out = append(out, rest[8:8+n]...)
		}
		rest = rest[12+n:]
	}
	return out
}

// decodeQR reads the text of the QR code in an image.
func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("decode QR code: %v", err)
	}
	return res.GetText()
}

// The PDF certificate of every published demo agreement parses back with its number, each
// party's region, code and signatory, the confirmed version's hash and its signed scan's;
// its QR code, read from the image the PDF embeds, opens the verification page of that
// hash, and is the very PNG the page shows. Two downloads are the same bytes, with a
// strong ETag that answers 304.
func TestCertificatePDFOfEveryPublishedAgreement(t *testing.T) {
	s := newServer(t, handlers.Config{})
	ctx := context.Background()
	ids := publishedIDs(t, s.store)
	if len(ids) < 3 {
		t.Fatalf("published demo agreements: %v", ids)
	}
	for _, id := range ids {
		a, err := s.store.AgreementFor(ctx, models.System, id)
		if err != nil || a.Version == nil {
			t.Fatalf("agreement %d: %v", id, err)
		}
		target := string(views.AgreementCertificatePDFURL(id))
		rec := s.do(t, http.MethodGet, target)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" {
			t.Fatalf("%s: %d %s", target, rec.Code, rec.Header().Get("Content-Type"))
		}
		if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, "inline; filename=") || !strings.HasSuffix(cd, ".pdf") {
			t.Errorf("%s: Content-Disposition %q", target, cd)
		}
		body := rec.Body.Bytes()
		if !bytes.HasPrefix(body, []byte("%PDF-")) {
			t.Fatalf("%s is no PDF", target)
		}
		text := squeeze(pdfText(t, body))
		want := []string{a.Number, a.Version.ContentHash, "SERTIFIKATPERSETUJUANPARAPIHAK", "Dikonfirmasipada"}
		for _, p := range a.Parties {
			want = append(want, p.Region.Name, p.RegionCode, p.SignatoryName)
		}
		// The demo attaches each published agreement's signed scan.
		docs, err := s.store.Documents(ctx, models.OwnerAgreement, id)
		if err != nil || len(docs) == 0 {
			t.Fatalf("agreement %d: %d documents, %v", id, len(docs), err)
		}
		for _, d := range docs {
			want = append(want, d.SHA256)
		}
		for _, w := range want {
			if !strings.Contains(text, squeeze(w)) {
				t.Errorf("%s: the text lacks %q", target, w)
			}
		}

		verifyURL := "http://127.0.0.1:8080/verify?sha256=" + a.Version.ContentHash
		if got := decodeQR(t, pdfImage(t, body)); got != verifyURL {
			t.Errorf("%s: the QR code opens %q, want %q", target, got, verifyURL)
		}
		if !strings.Contains(text, squeeze(verifyURL)) {
			t.Errorf("%s: the address %s is not written under the QR code", target, verifyURL)
		}
		qr := s.do(t, http.MethodGet, string(views.AgreementCertificateQRURL(id)))
		if qr.Code != http.StatusOK || qr.Header().Get("Content-Type") != "image/png" {
			t.Fatalf("QR code: %d %s", qr.Code, qr.Header().Get("Content-Type"))
		}
		img, err := pngimage.Decode(bytes.NewReader(qr.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if got := decodeQR(t, img); got != verifyURL {
			t.Errorf("the page's QR code opens %q, want %q", got, verifyURL)
		}
		if data := idat(t, qr.Body.Bytes()); len(data) == 0 || !bytes.Contains(body, data) {
			t.Errorf("%s does not embed the page's QR code", target)
		}

		again := s.do(t, http.MethodGet, target)
		if !bytes.Equal(again.Body.Bytes(), body) {
			t.Errorf("%s: two downloads differ", target)
		}
		etag := rec.Header().Get("ETag")
		if len(etag) != 66 || again.Header().Get("ETag") != etag {
			t.Errorf("%s: ETag %q then %q", target, etag, again.Header().Get("ETag"))
		}
		if cached := s.do(t, http.MethodGet, target, "If-None-Match", etag); cached.Code != http.StatusNotModified || cached.Body.Len() != 0 {
			t.Errorf("%s with its ETag: %d", target, cached.Code)
		}
	}
}

// Asked in English, the PDF speaks English and is another file than the Indonesian one.
func TestCertificatePDFInEnglish(t *testing.T) {
	s := newServer(t, handlers.Config{})
	id := publishedIDs(t, s.store)[0]
	target := string(views.AgreementCertificatePDFURL(id))
	en := s.do(t, http.MethodGet, target+"?lang=en")
	id2 := s.do(t, http.MethodGet, target)
	if en.Code != http.StatusOK || bytes.Equal(en.Body.Bytes(), id2.Body.Bytes()) {
		t.Fatalf("English PDF: %d, same as Indonesian: %v", en.Code, bytes.Equal(en.Body.Bytes(), id2.Body.Bytes()))
	}
	text := squeeze(pdfText(t, en.Body.Bytes()))
	for _, w := range []string{"SIGN-OFF CERTIFICATE", "Confirmed on", "Signatory", "Kemendagri code", "First party", "SHA-256 of the text", "Document type"} {
		if !strings.Contains(text, squeeze(w)) {
			t.Errorf("the English PDF lacks %q", w)
		}
	}
	if strings.Contains(text, "Dikonfirmasipada") {
		t.Error("the English PDF has Indonesian labels")
	}
	if cd := en.Header().Get("Content-Disposition"); !strings.Contains(cd, "certificate-") {
		t.Errorf("English file name: %q", cd)
	}
}

// The printable page states every party, the hash and the QR code with its address and a
// text alternative, and links to the PDF; the agreement's page links to it.
func TestCertificatePage(t *testing.T) {
	s := newServer(t, handlers.Config{})
	ctx := context.Background()
	for _, id := range publishedIDs(t, s.store) {
		a, err := s.store.AgreementFor(ctx, models.System, id)
		if err != nil {
			t.Fatal(err)
		}
		rec, doc := s.get(t, string(views.AgreementCertificateURL(id)))
		if rec.Code != http.StatusOK {
			t.Fatalf("certificate %d: %d", id, rec.Code)
		}
		if got := text(doc.Find(`[data-testid="certificate-hash"]`)); got != a.Version.ContentHash {
			t.Errorf("hash %q, want %q", got, a.Version.ContentHash)
		}
		if got := text(doc.Find(`[data-testid="certificate-number"]`)); got != a.Number {
			t.Errorf("number %q, want %q", got, a.Number)
		}
		parties := doc.Find(`[data-testid="certificate-party"]`)
		if parties.Length() != len(a.Parties) {
			t.Fatalf("%d parties, want %d", parties.Length(), len(a.Parties))
		}
		for i, p := range a.Parties {
			row := parties.Eq(i)
			if code, _ := row.Attr("data-region"); code != p.RegionCode || !strings.Contains(text(row), p.Region.Name) || !strings.Contains(text(row), p.SignatoryName) {
				t.Errorf("party %d: %q", i+1, text(row))
			}
			if office := text(row.Find(`[data-testid="certificate-office"]`)); !strings.Contains(office, p.Region.Name) || strings.Contains(office, "@") {
				t.Errorf("party %d office: %q", i+1, office)
			}
			if at := text(row.Find(`[data-testid="certificate-confirmed-at"]`)); !strings.Contains(at, "WIB") {
				t.Errorf("party %d confirmed at %q", i+1, at)
			}
		}
		qr := doc.Find(`img[data-testid="certificate-qr"]`)
		src, _ := qr.Attr("src")
		alt, _ := qr.Attr("alt")
		verifyURL := "http://127.0.0.1:8080/verify?sha256=" + a.Version.ContentHash
		if src != string(views.AgreementCertificateQRURL(id)) || !strings.Contains(alt, verifyURL) {
			t.Errorf("QR code src %q alt %q", src, alt)
		}
		if got := text(doc.Find(`[data-testid="certificate-verify-url"]`)); got != verifyURL {
			t.Errorf("verification address %q, want %q", got, verifyURL)
		}
		if href, _ := doc.Find(`[data-testid="certificate-pdf"]`).Attr("href"); href != string(views.AgreementCertificatePDFURL(id)) {
			t.Errorf("PDF link %q", href)
		}
		if class, _ := doc.Find("body").Attr("class"); !strings.Contains(class, "printable") {
			t.Errorf("the page is not marked printable")
		}
		_, page := s.get(t, string(views.AgreementURL(id)))
		if href, _ := page.Find(`[data-testid="certificate-link"]`).Attr("href"); href != string(views.AgreementCertificateURL(id)) {
			t.Errorf("agreement %d links to the certificate at %q", id, href)
		}
	}
}

// Nothing unpublished has a certificate: its page, PDF and QR code are 404 for a visitor
// and for an official alike, and a published agreement taken down loses its certificate.
func TestCertificateOnlyForPublished(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	ctx := context.Background()
	hidden := hiddenIDs(t, p.store)
	for _, stage := range []modeltest.Stage{modeltest.Agreed, modeltest.Signed} {
		hidden = append(hidden, modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Stage: stage}))
	}
	taken := publishedIDs(t, p.store)[0]
	if err := p.store.Unpublish(ctx, models.System, taken, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	hidden = append(hidden, taken, 99999)
	visitor := p.browser(t)
	official := p.browser(t)
	official.login(p.users(t).official.Email, modeltest.Password)
	for _, id := range hidden {
		for _, u := range []string{string(views.AgreementCertificateURL(id)), string(views.AgreementCertificatePDFURL(id)), string(views.AgreementCertificateQRURL(id))} {
			if got := visitor.get(u); got.StatusCode != http.StatusNotFound {
				t.Errorf("visitor %s: %d", u, got.StatusCode)
			}
			if got := official.get(u); got.StatusCode != http.StatusNotFound {
				t.Errorf("official %s: %d", u, got.StatusCode)
			}
		}
	}
	_, page := newServer(t, handlers.Config{}).get(t, string(views.AgreementURL(hidden[0])))
	if page.Find(`[data-testid="certificate-link"]`).Length() != 0 {
		t.Error("an unpublished agreement links to a certificate")
	}
}
