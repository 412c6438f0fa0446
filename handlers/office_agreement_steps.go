package handlers

import (
	"github.com/labstack/echo/v4"

	"derap/views"
	"derap/views/form"
)

// agreementStep runs one step of an agreement's lifecycle for an official and returns to
// its page: with a message on success; with the page, its alert, and the form's input and
// errors when refused (keep puts the input back on the page).
func (h *Handler) agreementStep(c echo.Context, flash string, do func(id uint) error, keep func(p *views.OfficeAgreementPage)) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := do(id); err != nil {
		return h.officeAgreementRefused(c, id, err, keep)
	}
	h.log.Info("agreement changed", "agreement", id, "by", currentUser(c).ID, "step", flash)
	return h.redirectDone(c, views.OfficeAgreementURL(id), flash)
}

// sendAgreement freezes a draft and asks every party to confirm it.
func (h *Handler) sendAgreement(c echo.Context) error {
	return h.agreementStep(c, "flash.sent", func(id uint) error {
		_, err := h.store.SendForConfirmation(c.Request().Context(), actor(c), id)
		return err
	}, nil)
}

// withdrawAgreement takes an agreement back to draft for revision.
func (h *Handler) withdrawAgreement(c echo.Context) error {
	return h.agreementStep(c, "flash.withdrawn", func(id uint) error {
		return h.store.Withdraw(c.Request().Context(), actor(c), id)
	}, nil)
}

// signAgreement records the signing of an agreed agreement.
func (h *Handler) signAgreement(c echo.Context) error {
	values, err := formValues(c)
	if err != nil {
		return err
	}
	f := form.ParseSigning(values)
	return h.agreementStep(c, "flash.signed", func(id uint) error {
		in, err := f.Validate()
		if err != nil {
			return err
		}
		return h.store.RecordSigning(c.Request().Context(), actor(c), id, in)
	}, func(p *views.OfficeAgreementPage) { p.Sign = f })
}

// publishAgreement puts a signed agreement on the public pages.
func (h *Handler) publishAgreement(c echo.Context) error {
	return h.agreementStep(c, "flash.published", func(id uint) error {
		return h.store.Publish(c.Request().Context(), actor(c), id)
	}, nil)
}

// unpublishAgreement takes an agreement off the public pages.
func (h *Handler) unpublishAgreement(c echo.Context) error {
	return h.agreementStep(c, "flash.unpublished", func(id uint) error {
		return h.store.Unpublish(c.Request().Context(), actor(c), id)
	}, nil)
}

// terminateAgreement ends a signed agreement early, with a reason.
func (h *Handler) terminateAgreement(c echo.Context) error {
	values, err := formValues(c)
	if err != nil {
		return err
	}
	f := form.ParseTermination(values)
	return h.agreementStep(c, "flash.terminated", func(id uint) error {
		in, err := f.Validate()
		if err != nil {
			return err
		}
		return h.store.Terminate(c.Request().Context(), actor(c), id, in)
	}, func(p *views.OfficeAgreementPage) { p.Terminate = f })
}
