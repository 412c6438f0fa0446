package handlers

import (
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// showVerify serves the verification page. A link may carry a SHA-256 (?sha256=), which
// fills the form in, ready to check: nothing is looked up before the visitor posts it.
func (h *Handler) showVerify(c echo.Context) error {
	return h.render(c, http.StatusOK, views.VerifyView(h.verifyPage(form.ParseVerify(c.QueryParams()))))
}

// checkVerify checks an uploaded file (multipart, hashed as it arrives) or a pasted
// SHA-256, and shows what the portal publicly holds with it. Each check is counted for the
// client address before the lookup; past the limit it is refused with 429. Malformed input
// is a message by its field, input kept, and no check.
func (h *Handler) checkVerify(c echo.Context) error {
	ctx := c.Request().Context()
	page := h.verifyPage(form.Verify{})
	count := func() error { return h.store.CountVerification(ctx, c.RealIP()) }
	var sum string
	var err error
	if isMultipart(c.Request()) {
		page.FileName, sum, err = h.hashUpload(c, count)
		// Whatever is left is read, up to the body's limit, so that the browser still
		// sending it gets the page rather than a broken connection.
		_, _ = io.Copy(io.Discard, c.Request().Body)
	} else {
		values, ferr := formValues(c)
		if ferr != nil {
			return ferr
		}
		page.Form = form.ParseVerify(values)
		if sum, err = page.Form.Validate(); err == nil {
			err = count()
		}
	}
	var found models.Verification
	if err == nil {
		found, err = h.store.VerifyHash(ctx, sum)
	}
	if err != nil {
		return h.verifyRefused(c, page, err)
	}
	page.Result = &found
	h.log.Info("verification", "registered", found.Registered(), "upload", page.FileName != "")
	return h.render(c, http.StatusOK, views.VerifyView(page))
}

// verifyRefused shows the page again with why a check was refused: by the field for bad
// input (413 for a file over the limit), an alert for too many checks (429, with
// Retry-After). Any other error goes to the error page.
func (h *Handler) verifyRefused(c echo.Context, page views.VerifyPage, err error) error {
	var throttled *models.ThrottledError
	if errors.As(err, &throttled) {
		h.log.Warn("verification throttled", "ip", c.RealIP())
	}
	refused, err := refusal(c, err)
	if err != nil {
		return err
	}
	page.Alert, page.Errors = refused.alert, refused.fields
	status := refused.status
	if refused.fields.For(form.FieldFile) == errVerifyTooLarge.For(form.FieldFile) {
		status = http.StatusRequestEntityTooLarge
	}
	return h.render(c, status, views.VerifyView(page))
}

// verifyPage is the verification page around a form: the limits it states and the audit
// checkpoints' public key.
func (h *Handler) verifyPage(f form.Verify) views.VerifyPage {
	p := views.VerifyPage{
		Form: f, MaxUploadMB: (h.cfg.MaxUpload + 1<<20 - 1) >> 20,
		Checks: models.MaxVerificationsAddress, WindowMinutes: int(models.VerificationWindow / time.Minute),
	}
	if len(h.cfg.AuditPublicKey) > 0 {
		p.AuditPublicKey = base64.StdEncoding.EncodeToString(h.cfg.AuditPublicKey)
	}
	return p
}
