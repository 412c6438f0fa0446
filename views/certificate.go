package views

import (
	"context"

	"derap/models"
	"derap/views/certificate"
)

// CertificatePage is the printable sign-off certificate of a published agreement.
type CertificatePage struct {
	models.Certificate
	// Address is the page's own absolute address, printed in its header.
	Address string
	// VerifyURL is the absolute address the QR code opens: the verification page with the
	// confirmed version's SHA-256.
	VerifyURL string
}

// certificateDateTime is an instant in Jakarta time, with its zone spelt out.
func certificateDateTime(ctx context.Context, p models.CertifiedParty) string {
	if p.ConfirmedAt == nil {
		return T(ctx, "certificate.not_confirmed")
	}
	return certificate.DateTimeText(Lang(ctx), *p.ConfirmedAt)
}
