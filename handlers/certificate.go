package handlers

import (
	"crypto/sha256"
	"encoding/hex"
	"mime"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/certificate"
)

// A published agreement's sign-off certificate: a printable page, the same as a PDF, and
// the QR code both carry. Anything unpublished is a 404 here, for everyone.

// certificate reads the certificate of the agreement in the path and the address its QR
// code opens: the verification page with the confirmed version's SHA-256.
func (h *Handler) certificate(c echo.Context) (models.Certificate, string, error) {
	id, err := idParam(c)
	if err != nil {
		return models.Certificate{}, "", err
	}
	cert, err := h.store.Certificate(c.Request().Context(), id)
	if err != nil {
		return models.Certificate{}, "", err
	}
	return cert, h.absoluteURL(views.VerifyHashURL(cert.VersionHash)), nil
}

// showCertificate serves the certificate's printable page.
func (h *Handler) showCertificate(c echo.Context) error {
	cert, verifyURL, err := h.certificate(c)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.CertificateView(views.CertificatePage{
		Certificate: cert, VerifyURL: verifyURL, Address: h.absoluteURL(views.AgreementCertificateURL(cert.AgreementID)),
	}))
}

// certificatePDF serves the certificate as a PDF on A4 in the request's language, the
// same bytes for the same content.
func (h *Handler) certificatePDF(c echo.Context) error {
	cert, verifyURL, err := h.certificate(c)
	if err != nil {
		return err
	}
	qr, err := certificate.QR(verifyURL)
	if err != nil {
		return err
	}
	l := currentLocale(c)
	pdf, err := certificate.PDF(certificate.Document{
		Certificate: cert, Locale: l, VerifyURL: verifyURL, QR: qr, Demo: h.cfg.Demo,
		Address: h.absoluteURL(views.AgreementCertificateURL(cert.AgreementID)),
	})
	if err != nil {
		return err
	}
	disposition := mime.FormatMediaType("inline", map[string]string{"filename": certificate.FileName(l, cert)})
	c.Response().Header().Set("Content-Disposition", disposition)
	c.Response().Header().Set("Vary", "Cookie, Accept-Language")
	return sendGenerated(c, "application/pdf", pdf)
}

// certificateQR serves the QR code of the certificate's verification address as a PNG.
func (h *Handler) certificateQR(c echo.Context) error {
	_, verifyURL, err := h.certificate(c)
	if err != nil {
		return err
	}
	qr, err := certificate.QR(verifyURL)
	if err != nil {
		return err
	}
	return sendGenerated(c, "image/png", qr)
}

// sendGenerated sends a file made for the request with a strong ETag, the SHA-256 of its
// bytes, and answers 304 to a client that already has those bytes. The client asks each
// time whether it changed.
func sendGenerated(c echo.Context, contentType string, body []byte) error {
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:]) + `"`
	hdr := c.Response().Header()
	hdr.Set("ETag", etag)
	hdr.Set("Cache-Control", "no-cache")
	if etagMatches(c.Request().Header.Get("If-None-Match"), etag) {
		return c.NoContent(http.StatusNotModified)
	}
	hdr.Set("Content-Length", strconv.Itoa(len(body)))
	return c.Blob(http.StatusOK, contentType, body)
}
