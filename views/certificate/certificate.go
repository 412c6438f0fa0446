// Package certificate writes a published agreement's sign-off certificate as a PDF on A4,
// and the QR code that leads from it to the agreement's verification page.
//
// The PDF embeds the Go fonts (golang.org/x/image/font/gofont: Go Regular, Go Bold and Go
// Mono, by the Bigelow & Holmes type foundry for the Go project), released under the
// BSD-style licence of the Go project (golang.org/x/image/LICENSE, reproduced in
// FONT-LICENSE beside this file), as TrueType subsets, so that Indonesian and English text
// with its dashes and quotation marks renders the same in every reader.
//
// The same certificate always makes the same bytes: the document's dates are the
// agreement's publication time, never the time of the download, and its catalogues are
// written in a fixed order, so that the PDF's own SHA-256 can itself be verified.
package certificate

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"

	"derap/models"
	"derap/views/i18n"
)

// Document is a certificate as one language writes it.
type Document struct {
	models.Certificate
	Locale i18n.Locale
	// VerifyURL is the absolute address the QR code opens: the verification page with the
	// confirmed version's SHA-256.
	VerifyURL string
	// Address is the certificate page's own absolute address.
	Address string
	// QR is the PNG of the QR code of VerifyURL (see QR).
	QR []byte
	// Demo marks a portal running on demonstration data.
	Demo bool
}

// qrScale is how many pixels wide one module of the QR code is in its PNG.
const qrScale = 8

// QR draws a QR code of text (error correction level M, with its quiet zone) as a
// greyscale PNG; the same text always makes the same bytes.
func QR(text string) ([]byte, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("certificate: QR code: %w", err)
	}
	bitmap := q.Bitmap()
	n := len(bitmap) * qrScale
	img := image.NewGray(image.Rect(0, 0, n, n))
	for y, row := range bitmap {
		for x, dark := range row {
			c := color.Gray{Y: 255}
			if dark {
				c = color.Gray{Y: 0}
			}
			for dy := range qrScale {
				for dx := range qrScale {
					img.SetGray(x*qrScale+dx, y*qrScale+dy, c)
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("certificate: QR code: %w", err)
	}
	return buf.Bytes(), nil
}

// fixedTime dates a certificate whose agreement has no publication time (none should).
var fixedTime = time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)

// Page geometry, in millimetres.
const (
	margin     = 18.0
	labelWidth = 50.0
	lineHeight = 4.5
	bottom     = 18.0 // the footer sits below
)

// writer holds the PDF being written and the language it is written in.
type writer struct {
	pdf *fpdf.Fpdf
	l   i18n.Locale
}

// PDF writes the certificate. The same document always makes the same bytes.
func PDF(d Document) ([]byte, error) {
	l := d.Locale
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	when := d.PublishedAt.UTC()
	if d.PublishedAt.IsZero() {
		when = fixedTime
	}
	pdf.SetCreationDate(when)
	pdf.SetModificationDate(when)
	// fpdf changes the font bytes it is given: each document parses its own copy, which
	// also keeps concurrent downloads from sharing them.
	pdf.AddUTF8FontFromBytes("go", "", bytes.Clone(goregular.TTF))
	pdf.AddUTF8FontFromBytes("go", "B", bytes.Clone(gobold.TTF))
	pdf.AddUTF8FontFromBytes("gomono", "", bytes.Clone(gomono.TTF))
	pdf.SetTitle(l.T("certificate.title")+" — "+d.Number, true)
	pdf.SetSubject(d.Title, true)
	pdf.SetAuthor(l.T("footer.owner"), true)
	pdf.SetCreator("Derap Kerja Sama Daerah", true)
	pdf.SetLang(string(l))
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, bottom)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont("go", "", 7.5)
		pdf.SetTextColor(90, 90, 90)
		pdf.CellFormat(0, 4, l.T("certificate.page_address", d.Address), "", 1, "L", false, 0, "")
		pdf.CellFormat(0, 4, l.T("certificate.page", pdf.PageNo()), "", 0, "R", false, 0, "")
	})
	w := &writer{pdf: pdf, l: l}
	pdf.AddPage()
	w.header(d)
	w.agreement(d)
	w.parties(d)
	w.scans(d)
	w.verification(d)
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("certificate: %w", err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("certificate: %w", err)
	}
	return buf.Bytes(), nil
}

func (w *writer) width() float64 {
	pw, _ := w.pdf.GetPageSize()
	return pw - 2*margin
}

func (w *writer) header(d Document) {
	p := w.pdf
	p.SetFont("go", "B", 10.5)
	p.MultiCell(0, 5, strings.ToUpper(w.l.T("print.government")), "", "C", false)
	p.SetFont("go", "", 9)
	p.MultiCell(0, 4.5, w.l.T("footer.owner"), "", "C", false)
	y := p.GetY() + 2
	p.SetLineWidth(0.6)
	p.Line(margin, y, margin+w.width(), y)
	p.SetY(y + 5)
	if d.Demo {
		p.SetFont("go", "B", 9)
		p.SetTextColor(150, 60, 0)
		p.MultiCell(0, 5, w.l.T("certificate.demo"), "", "C", false)
		p.SetTextColor(0, 0, 0)
		p.Ln(1)
	}
	p.SetFont("go", "B", 15)
	p.MultiCell(0, 7, w.l.T("certificate.heading"), "", "C", false)
	p.Ln(1.5)
	p.SetFont("go", "", 9)
	p.MultiCell(0, 4.4, w.l.T("certificate.lead"), "", "J", false)
	p.Ln(1)
}

// section starts a part of the certificate under a heading.
func (w *writer) section(title string) {
	p := w.pdf
	p.Ln(1.5)
	p.SetFont("go", "B", 10.5)
	p.SetFillColor(235, 238, 242)
	p.CellFormat(0, 6.5, title, "", 1, "L", true, 0, "")
	p.Ln(1.2)
}

// row writes a label and its value; mono sets the value in Go Mono (hashes, addresses).
func (w *writer) row(label, value string, mono bool) {
	p := w.pdf
	if _, ph := p.GetPageSize(); p.GetY()+3*lineHeight > ph-bottom {
		p.AddPage() // a row is never cut between pages
	}
	x, y := p.GetXY()
	p.SetFont("go", "B", 9)
	p.SetTextColor(60, 60, 60)
	p.MultiCell(labelWidth-2, lineHeight, label, "", "L", false)
	labelEnd := p.GetY()
	p.SetXY(x+labelWidth, y)
	p.SetTextColor(0, 0, 0)
	if mono {
		p.SetFont("gomono", "", 8.5)
	} else {
		p.SetFont("go", "", 9.5)
	}
	p.MultiCell(w.width()-labelWidth, lineHeight, value, "", "L", false)
	p.SetX(x)
	if p.GetY() < labelEnd {
		p.SetY(labelEnd)
	}
	p.Ln(0.7)
}

func (w *writer) agreement(d Document) {
	l := w.l
	w.section(l.T("certificate.agreement"))
	w.row(l.T("certificate.number"), orDash(d.Number), false)
	w.row(l.T("certificate.full_title"), d.Title, false)
	if d.ShortTitle != "" {
		w.row(l.T("certificate.short_title"), d.ShortTitle, false)
	}
	w.row(l.T("certificate.doc_type"), l.T("doctype."+string(d.DocType)), false)
	w.row(l.T("certificate.signed"), SignedText(l, d.Certificate), false)
	w.row(l.T("certificate.published"), DateTimeText(l, d.PublishedAt), false)
	w.row(l.T("certificate.version"), l.T("certificate.version_number", d.VersionNumber), false)
	w.row(l.T("certificate.version_hash"), d.VersionHash, true)
}

func (w *writer) parties(d Document) {
	l, p := w.l, w.pdf
	w.section(l.T("certificate.parties"))
	for i, party := range d.Parties {
		if i > 0 {
			p.Ln(1)
		}
		p.SetFont("go", "B", 10)
		p.MultiCell(0, 5.5, PartyRole(l, party.Position)+" — "+party.RegionName, "", "L", false)
		p.Ln(0.5)
		w.row(l.T("certificate.region"), RegionText(l, party), false)
		w.row(l.T("certificate.signatory"), joinNonEmpty(", ", party.SignatoryName, party.SignatoryPosition), false)
		w.row(l.T("certificate.authority"), l.T("authority."+string(party.Authority)), false)
		if party.DocumentNumber != "" {
			w.row(l.T("certificate.party_number"), party.DocumentNumber, false)
		}
		if party.ConfirmedAt == nil {
			w.row(l.T("certificate.confirmed_at"), l.T("certificate.not_confirmed"), false)
			continue
		}
		w.row(l.T("certificate.confirmed_at"), DateTimeText(l, *party.ConfirmedAt), false)
		w.row(l.T("certificate.confirmed_by"), OfficeText(l, party), false)
	}
}

func (w *writer) scans(d Document) {
	l, p := w.l, w.pdf
	w.section(l.T("certificate.scans"))
	if len(d.SignedScans) == 0 {
		p.SetFont("go", "", 9.5)
		p.MultiCell(0, lineHeight, l.T("certificate.no_scan"), "", "L", false)
		return
	}
	for _, s := range d.SignedScans {
		w.row(s.Title, s.FileName, false)
		w.row(l.T("certificate.scan_hash"), s.SHA256, true)
	}
}

// qrSize is the printed width of the QR code, in millimetres.
const qrSize = 30.0

func (w *writer) verification(d Document) {
	l, p := w.l, w.pdf
	if _, ph := p.GetPageSize(); p.GetY()+qrSize+15 > ph-bottom {
		p.AddPage() // the QR code, its address and its explanation stay together
	}
	w.section(l.T("certificate.verify"))
	opts := fpdf.ImageOptions{ImageType: "PNG"}
	p.RegisterImageOptionsReader("qr", opts, bytes.NewReader(d.QR))
	y := p.GetY()
	p.ImageOptions("qr", margin, y, qrSize, qrSize, false, opts, 0, d.VerifyURL)
	// Beside the code, what it is for; under it, the address it opens, written out.
	p.SetLeftMargin(margin + qrSize + 5)
	p.SetXY(margin+qrSize+5, y+2)
	p.SetFont("go", "", 9)
	p.MultiCell(0, 4.4, l.T("certificate.verify_text"), "", "L", false)
	p.Ln(2)
	p.SetFont("go", "", 8)
	p.SetTextColor(60, 60, 60)
	p.MultiCell(0, 4, l.T("certificate.issued"), "", "L", false)
	p.SetTextColor(0, 0, 0)
	p.SetLeftMargin(margin)
	p.SetXY(margin, max(p.GetY(), y+qrSize)+1)
	p.SetFont("gomono", "", 7.5)
	p.MultiCell(0, 4, d.VerifyURL, "", "L", false)
}

// SignedText is the signing date and place: 3 Oktober 2025, Jakarta.
func SignedText(l i18n.Locale, c models.Certificate) string {
	if c.SignedOn.IsZero() {
		return orDash(c.SignedPlace)
	}
	return joinNonEmpty(", ", l.Date(c.SignedOn), c.SignedPlace)
}

// DateTimeText is an instant in Jakarta time with its zone: 12 September 2025 14.00 WIB,
// UTC+07:00 (Asia/Jakarta).
func DateTimeText(l i18n.Locale, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.In(models.Jakarta)
	return l.Date(t) + " " + l.Time(t) + " " + l.T("certificate.zone")
}

// RegionText is a party's region with its Kemendagri code.
func RegionText(l i18n.Locale, p models.CertifiedParty) string {
	return p.RegionName + " (" + l.T("certificate.region_code", p.RegionCode) + ")"
}

// OfficeText is the office whose delegate account confirmed for a party.
func OfficeText(l i18n.Locale, p models.CertifiedParty) string {
	if p.OfficeName == "" {
		return "—"
	}
	return l.T("certificate.office", p.OfficeName, p.OfficeCode)
}

// PartyRole names a party by its position: Pihak Kesatu, Second party, ...
func PartyRole(l i18n.Locale, position int) string {
	key := fmt.Sprintf("party.role.%d", position)
	if i18n.Has(key) {
		return l.T(key)
	}
	return l.T("party.role.n", position)
}

// FileName is the name the PDF downloads under: sertifikat-e-0117-KSB-2025.pdf.
func FileName(l i18n.Locale, c models.Certificate) string {
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.':
			return r
		}
		return '-'
	}, c.Number)
	name = strings.Trim(name, "-.")
	if name == "" {
		name = fmt.Sprint(c.AgreementID)
	}
	return l.T("certificate.file_name") + "-" + name + ".pdf"
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
