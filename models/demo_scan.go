package models

import (
	"bytes"
	"fmt"
	"strings"
	"time"
)

// The demo's signed scans: a one-page PDF per signed memorandum standing in for the scan
// of the paper the parties signed, so that a visitor trying the demo can download it from
// the agreement's page, upload it to /verify and see it named. It says plainly that it is
// demo data. It is written by hand (no PDF library in the models) and is byte-identical
// for the same agreement, so its SHA-256 is the same on every fresh demo.

// demoScanTitle is the attached document's title, as the agreement page lists it.
const demoScanTitle = "Naskah kesepakatan bersama yang telah ditandatangani (pindaian, data demo)"

// demoScanName is the file name the scan downloads under.
func demoScanName(number string) string {
	return strings.NewReplacer("/", "-", " ", "-").Replace(number) + "-ditandatangani.pdf"
}

// demoSignedScan writes the scan of an agreement signed on a day at a place.
func demoSignedScan(in AgreementInput, signed time.Time, place string) []byte {
	var lines []pdfLine
	y := 780.0
	add := func(size float64, bold bool, text string) {
		lines = append(lines, pdfLine{x: 56, y: y, size: size, bold: bold, text: text})
		y -= size * 1.45
	}
	add(9, true, "CONTOH - DATA DEMO PORTAL DERAP KSD - BUKAN DOKUMEN RESMI")
	y -= 18
	add(13, true, "KESEPAKATAN BERSAMA")
	for _, l := range wrapWords(in.Title, 82) {
		add(11, false, l)
	}
	y -= 8
	add(10, false, "Nomor: "+in.Number)
	for _, p := range in.Parties {
		if p.DocumentNumber != "" && p.DocumentNumber != in.Number {
			add(10, false, "Nomor pihak mitra: "+p.DocumentNumber)
		}
	}
	y -= 8
	for _, l := range wrapWords(in.Scope, 90) {
		add(9, false, l)
	}
	y -= 14
	add(10, false, fmt.Sprintf("Ditandatangani di %s pada tanggal %s.", place, signed.In(Jakarta).Format("02-01-2006")))
	y -= 16
	for _, p := range in.Parties {
		add(10, true, p.SignatoryPosition)
		y -= 30
		add(10, false, "( "+p.SignatoryName+" )")
		y -= 10
	}
	return writePDF(in.Number, lines)
}

// wrapWords breaks text into lines of at most width characters, at spaces; a line break
// in the text starts a new line.
func wrapWords(text string, width int) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && len(line)+1+len(w) > width {
				out = append(out, line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// pdfLine is a line of text at a position on an A4 page, in points from the bottom left.
type pdfLine struct {
	x, y float64
	size float64
	bold bool
	text string
}

// writePDF writes a one-page A4 PDF 1.4 with the lines in Helvetica (a standard font every
// reader has, so nothing is embedded) and the title in its document information. No date
// is written, so the same lines give the same bytes.
func writePDF(title string, lines []pdfLine) []byte {
	var content bytes.Buffer
	for _, l := range lines {
		font := "F1"
		if l.bold {
			font = "F2"
		}
		fmt.Fprintf(&content, "BT /%s %.1f Tf %.1f %.1f Td (%s) Tj ET\n", font, l.size, l.x, l.y, pdfText(l.text))
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		fmt.Sprintf("<< /Title (%s) /Producer (Portal Derap KSD, data demo) >>", pdfText(title)),
	}
	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, len(objects), xref)
	return out.Bytes()
}

// pdfText writes text as the inside of a PDF string in WinAnsi: the delimiters escaped,
// the dash the demo's titles use as a hyphen, anything else outside ASCII as "?".
func pdfText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '—' || r == '–':
			b.WriteByte('-')
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}
