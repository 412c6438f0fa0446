package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
	"derap/views/i18n"
)

// decimalComma says the page's language writes decimals with a comma (Indonesian), as
// quantities are typed and read back.
func decimalComma(c echo.Context) bool { return currentLocale(c) == i18n.ID }

// activityFormPage gathers the form of an activity around its input f: the agreement
// (whose sectors and parties it offers) and, for a stored activity, how many reports it has.
func (h *Handler) activityFormPage(c echo.Context, agreementID, id uint, f form.Activity) (views.ActivityFormPage, error) {
	ctx := c.Request().Context()
	page := views.ActivityFormPage{ID: id, Form: f}
	if id == 0 {
		a, err := h.store.AgreementFor(ctx, actor(c), agreementID)
		if err != nil {
			return page, err
		}
		page.Agreement = a.Agreement
		return page, nil
	}
	act, a, err := h.store.ActivityFor(ctx, actor(c), id)
	if err != nil {
		return page, err
	}
	reports, err := h.store.ReportsOf(ctx, actor(c), &act)
	if err != nil {
		return page, err
	}
	page.Agreement, page.Reports = a, len(reports)
	return page, nil
}

// newActivity serves the form of a new activity of a signed agreement's plan.
func (h *Handler) newActivity(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	page, err := h.activityFormPage(c, id, 0, form.Activity{})
	if err != nil {
		return err
	}
	if page.Agreement.Status != models.StatusSigned {
		return models.ErrNotReportable
	}
	page.Form = form.NewActivity(page.Agreement, decimalComma(c))
	return h.render(c, http.StatusOK, views.ActivityFormView(page))
}

// editActivity serves the form of a stored activity.
func (h *Handler) editActivity(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	act, _, err := h.store.ActivityFor(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	page, err := h.activityFormPage(c, act.AgreementID, id, form.ActivityOf(act, decimalComma(c)))
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.ActivityFormView(page))
}

// createActivity handles the form of a new activity.
func (h *Handler) createActivity(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	return h.saveActivity(c, id, 0)
}

// updateActivity handles the form of a stored activity.
func (h *Handler) updateActivity(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	act, _, err := h.store.ActivityFor(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return h.saveActivity(c, act.AgreementID, id)
}

// saveActivity stores the activity form, new (id 0) or stored, and returns to the
// agreement's page; a refusal shows the form again with the errors by their fields and
// the input kept, and a save on an activity changed since the form was loaded shows the
// stored activity's differences.
func (h *Handler) saveActivity(c echo.Context, agreementID, id uint) error {
	values, err := formValues(c)
	if err != nil {
		return err
	}
	f := form.ParseActivity(values, decimalComma(c))
	gather := func() (views.ActivityFormPage, error) { return h.activityFormPage(c, agreementID, id, f) }
	fill := func(p *views.ActivityFormPage, refused problem) { p.Alert, p.Errors = refused.alert, refused.fields }
	in, err := f.Validate()
	if err == nil {
		_, err = h.store.SaveActivity(c.Request().Context(), actor(c), agreementID, id, in)
	}
	if id != 0 && errors.Is(err, models.ErrChanged) {
		stored, _, err := h.store.ActivityFor(c.Request().Context(), actor(c), id)
		if err != nil {
			return err
		}
		theirs := form.ActivityOf(stored, decimalComma(c))
		formConflict(c, &f, &theirs)
		return renderRefusal(h, c, errChangedForm, gather, fill, views.ActivityFormView)
	}
	if err != nil {
		return renderRefusal(h, c, err, gather, fill, views.ActivityFormView)
	}
	h.log.Info("activity saved", "agreement", agreementID, "activity", id, "by", currentUser(c).ID)
	return h.redirectDone(c, views.OfficeAgreementURL(agreementID)+"#h-plan", "flash.activity_saved")
}
