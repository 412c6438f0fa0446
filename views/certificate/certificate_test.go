package certificate_test

import (
	"bytes"
	"crypto/sha256"
	"sync"
	"testing"
	"time"

	"golang.org/x/image/font/gofont/goregular"

	"derap/models"
	"derap/views/certificate"
	"derap/views/i18n"
)

func sample(l i18n.Locale) certificate.Document {
	at := time.Date(2025, time.September, 12, 7, 0, 0, 0, time.UTC)
	c := models.Certificate{
		AgreementID: 4, Number: "e-0117/KSB/2025", Title: "Kesepakatan Bersama “uji” — pangan", ShortTitle: "Uji — pangan",
		DocType: models.DocMemorandum, SignedOn: models.Date(2025, time.October, 3), SignedPlace: "Jakarta",
		PublishedAt: time.Date(2025, time.October, 10, 2, 0, 0, 0, time.UTC), VersionNumber: 1,
		VersionHash: "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
		Parties: []models.CertifiedParty{
			{Position: 1, RegionCode: "31", RegionName: "DKI Jakarta", SignatoryName: "A", Authority: models.AuthorityOwnOffice, ConfirmedAt: &at, OfficeCode: "31", OfficeName: "DKI Jakarta"},
			{Position: 2, RegionCode: "13.77", RegionName: "Kota Pariaman", SignatoryName: "B", Authority: models.AuthorityPowerOfAttorney},
		},
	}
	url := "https://derap.example/verify?sha256=" + c.VersionHash
	qr, err := certificate.QR(url)
	if err != nil {
		panic(err)
	}
	return certificate.Document{Certificate: c, Locale: l, VerifyURL: url, Address: "https://derap.example/agreements/4/certificate", QR: qr}
}

// The same certificate makes the same bytes, however many are written at once, and
// writing it leaves the embedded font as it was.
func TestCertificatePDFIsDeterministic(t *testing.T) {
	font := sha256.Sum256(goregular.TTF)
	first, err := certificate.PDF(sample(i18n.ID))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	results := make([][]byte, 4)
	for i := range results {
		wg.Go(func() {
			results[i], _ = certificate.PDF(sample(i18n.ID))
		})
	}
	wg.Wait()
	for i, b := range results {
		if !bytes.Equal(b, first) {
			t.Errorf("render %d differs from the first", i)
		}
	}
	if sha256.Sum256(goregular.TTF) != font {
		t.Error("writing a PDF changed the embedded font")
	}
	en, err := certificate.PDF(sample(i18n.EN))
	if err != nil || bytes.Equal(en, first) {
		t.Errorf("English: %v, same bytes as Indonesian: %v", err, bytes.Equal(en, first))
	}
	if !bytes.Contains(first, []byte("/CreationDate (D:20251010020000")) {
		t.Error("the PDF is not dated by the publication")
	}
}

// The PDF's file name comes from the agreement's number, in the request's language.
func TestCertificateFileName(t *testing.T) {
	c := models.Certificate{AgreementID: 4, Number: "e-0117/KSB/2025"}
	if got := certificate.FileName(i18n.ID, c); got != "sertifikat-e-0117-KSB-2025.pdf" {
		t.Errorf("Indonesian: %q", got)
	}
	if got := certificate.FileName(i18n.EN, models.Certificate{AgreementID: 4}); got != "certificate-4.pdf" {
		t.Errorf("English without a number: %q", got)
	}
}
