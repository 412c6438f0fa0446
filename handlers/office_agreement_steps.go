package handlers

import (
	"context"
	"net/url"

	"github.com/labstack/echo/v4"

	"derap/models"
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

// plainStep runs a step that takes nothing but the agreement at the revision its page
// showed.
func (h *Handler) plainStep(c echo.Context, flash string, step func(context.Context, models.Actor, uint, uint64) error) error {
	return h.agreementStep(c, flash, func(id uint) error {
		return step(c.Request().Context(), actor(c), id, form.ParseRevision(c.FormValue(form.FieldRevision)))
	}, nil)
}

// riskyStep is a plainStep that is hard to undo: it is taken only when its form's box
// says the official understands it (form.Understood).
func (h *Handler) riskyStep(c echo.Context, flash string, step func(context.Context, models.Actor, uint, uint64) error) error {
	return h.agreementStep(c, flash, func(id uint) error {
		values, err := formValues(c)
		if err != nil {
			return err
		}
		if err := form.Understood(values); err != nil {
			return err
		}
		return step(c.Request().Context(), actor(c), id, form.ParseRevision(values.Get(form.FieldRevision)))
	}, nil)
}

// sendAgreement freezes a draft and asks every party to confirm it.
func (h *Handler) sendAgreement(c echo.Context) error {
	return h.plainStep(c, "flash.sent", func(ctx context.Context, a models.Actor, id uint, seen uint64) error {
		_, err := h.store.SendForConfirmation(ctx, a, id, seen)
		return err
	})
}

// withdrawAgreement takes an agreement back to draft for revision.
func (h *Handler) withdrawAgreement(c echo.Context) error {
	return h.riskyStep(c, "flash.withdrawn", h.store.Withdraw)
}

// publishAgreement puts a signed agreement on the public pages.
func (h *Handler) publishAgreement(c echo.Context) error {
	return h.plainStep(c, "flash.published", h.store.Publish)
}

// unpublishAgreement takes an agreement off the public pages.
func (h *Handler) unpublishAgreement(c echo.Context) error {
	return h.riskyStep(c, "flash.unpublished", h.store.Unpublish)
}

// formStep runs a step that takes a form: parsed, checked by its Validate and passed on
// with the agreement; keep puts the form as submitted back on the page when refused.
func formStep[F, In any](h *Handler, c echo.Context, flash string, parse func(url.Values) F, validate func(F) (In, error),
	step func(context.Context, models.Actor, uint, In) error, keep func(*views.OfficeAgreementPage, F)) error {
	values, err := formValues(c)
	if err != nil {
		return err
	}
	f := parse(values)
	return h.agreementStep(c, flash, func(id uint) error {
		in, err := validate(f)
		if err != nil {
			return err
		}
		return step(c.Request().Context(), actor(c), id, in)
	}, func(p *views.OfficeAgreementPage) { keep(p, f) })
}

// signAgreement records the signing of an agreed agreement.
func (h *Handler) signAgreement(c echo.Context) error {
	return formStep(h, c, "flash.signed", form.ParseSigning, form.Signing.Validate, h.store.RecordSigning,
		func(p *views.OfficeAgreementPage, f form.Signing) { p.Sign = f })
}

// terminateAgreement ends a signed agreement early, with a reason.
func (h *Handler) terminateAgreement(c echo.Context) error {
	return formStep(h, c, "flash.terminated", form.ParseTermination, form.Termination.Validate, h.store.Terminate,
		func(p *views.OfficeAgreementPage, f form.Termination) { p.Terminate = f })
}
