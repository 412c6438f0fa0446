package views

import (
	"context"

	"derap/models"
	"derap/views/form"
)

// VerifyPage is the public verification page: the two ways to check (a file, a pasted
// SHA-256), what is wrong with the input, and the result of the check, if one was made.
type VerifyPage struct {
	Form   form.Verify
	Errors form.Errors
	Alert  Alert
	// Result is what the check found; nil before any check.
	Result *models.Verification
	// FileName is the name of the file checked, as the visitor's browser gave it.
	FileName string
	// MaxUploadMB is the largest file the page checks, in MiB.
	MaxUploadMB int64
	// AuditPublicKey is the base64 public key the audit checkpoints are signed with; "" when
	// the portal has none.
	AuditPublicKey string
	// Checks and WindowMinutes are the throttle: checks per window from one address.
	Checks, WindowMinutes int
}

// verifiedAgreementLabel names an agreement in a verification result: its number and its title.
func verifiedAgreementLabel(ctx context.Context, a *models.Agreement) string {
	if a.Number == "" {
		return a.DisplayTitle()
	}
	return T(ctx, "verify.agreement_link_text", a.Number, a.DisplayTitle())
}

// verifyFileError is the message by the file field: one about the size says the limit.
func verifyFileError(ctx context.Context, key string, maxMB int64) string {
	if key == "verify.file_too_large" {
		return T(ctx, key, maxMB)
	}
	return T(ctx, key)
}
