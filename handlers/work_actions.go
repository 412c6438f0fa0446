package handlers

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// workAction runs one step on an agreement for an official and returns to its page: with
// a message on success; with the page, its alert, and the form's input and errors when
// refused.
func (h *Handler) workAction(c echo.Context, flash string, do func(id uint) error, keep func(p *views.WorkAgreementPage)) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	err = do(id)
	if err == nil {
		h.log.Info("agreement changed", "agreement", id, "by", currentUser(c).ID, "step", flash)
		return h.redirectDone(c, string(views.WorkURL(id)), flash)
	}
	return h.workRefused(c, id, err, keep)
}

// workRefused shows an agreement's page for officials after a refused step: the reason
// as an alert when the state does not allow it, the form's errors when its input was bad.
func (h *Handler) workRefused(c echo.Context, id uint, err error, keep func(p *views.WorkAgreementPage)) error {
	status := http.StatusUnprocessableEntity
	var errs views.FormErrors
	alert := ""
	if errors.Is(err, models.ErrInvalidTransition) {
		status, alert = http.StatusConflict, "alert.invalid_transition"
	} else if errs, err = formErrors(err); err != nil {
		return err
	}
	page, perr := h.workPage(c, id)
	if perr != nil {
		return perr
	}
	page.Alert, page.Errors = alert, errs
	if keep != nil {
		keep(&page)
	}
	return h.render(c, status, views.WorkAgreementView(page))
}

// parseDate reads a date field; an empty or malformed one is the zero time.
func parseDate(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// sendAgreement freezes a draft and asks every party to confirm it.
func (h *Handler) sendAgreement(c echo.Context) error {
	return h.workAction(c, "flash.sent", func(id uint) error {
		_, err := h.store.SendForConfirmation(c.Request().Context(), actor(c), id)
		return err
	}, nil)
}

// withdrawAgreement takes an agreement back to draft for revision.
func (h *Handler) withdrawAgreement(c echo.Context) error {
	return h.workAction(c, "flash.withdrawn", func(id uint) error {
		return h.store.Withdraw(c.Request().Context(), actor(c), id)
	}, nil)
}

// signAgreement records the signing of an agreed agreement.
func (h *Handler) signAgreement(c echo.Context) error {
	form := views.SignForm{Date: c.FormValue("signed_on"), Place: c.FormValue("signed_place"), EventID: c.FormValue("event_id")}
	return h.workAction(c, "flash.signed", func(id uint) error {
		in := models.SigningInput{Date: parseDate(form.Date), Place: form.Place}
		if form.EventID != "" {
			e, err := strconv.ParseUint(form.EventID, 10, 32)
			if err != nil {
				return badRequest(err)
			}
			eid := uint(e)
			in.EventID = &eid
		}
		return h.store.RecordSigning(c.Request().Context(), actor(c), id, in)
	}, func(p *views.WorkAgreementPage) { p.Sign = form })
}

// publishAgreement puts a signed agreement on the public pages.
func (h *Handler) publishAgreement(c echo.Context) error {
	return h.workAction(c, "flash.published", func(id uint) error {
		return h.store.Publish(c.Request().Context(), actor(c), id)
	}, nil)
}

// unpublishAgreement takes an agreement off the public pages.
func (h *Handler) unpublishAgreement(c echo.Context) error {
	return h.workAction(c, "flash.unpublished", func(id uint) error {
		return h.store.Unpublish(c.Request().Context(), actor(c), id)
	}, nil)
}

// terminateAgreement ends a signed agreement early, with a reason.
func (h *Handler) terminateAgreement(c echo.Context) error {
	form := views.TerminateForm{Date: c.FormValue("terminated_on"), Reason: c.FormValue("reason")}
	return h.workAction(c, "flash.terminated", func(id uint) error {
		return h.store.Terminate(c.Request().Context(), actor(c), id, models.TerminationInput{Date: parseDate(form.Date), Reason: form.Reason})
	}, func(p *views.WorkAgreementPage) { p.Terminate = form })
}
