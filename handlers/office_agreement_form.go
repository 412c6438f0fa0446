package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// agreementFormPage gathers the draft form around its input, alert and errors.
func (h *Handler) agreementFormPage(c echo.Context, id uint, f form.Agreement) (views.AgreementFormPage, error) {
	ctx := c.Request().Context()
	parents, err := h.store.ParentChoices(ctx, actor(c))
	if err != nil {
		return views.AgreementFormPage{}, err
	}
	regions, err := h.store.Regions(ctx)
	if err != nil {
		return views.AgreementFormPage{}, err
	}
	return views.AgreementFormPage{ID: id, Form: f, Parents: parents, Regions: regions}, nil
}

// showAgreementForm renders the draft form with a status.
func (h *Handler) showAgreementForm(c echo.Context, status int, page views.AgreementFormPage) error {
	return h.render(c, status, views.AgreementFormView(page))
}

// newAgreement serves an empty draft form: DKI Jakarta as the first party, one more row.
func (h *Handler) newAgreement(c echo.Context) error {
	jakarta := models.JakartaCode
	if r, err := h.store.RegionByCode(c.Request().Context(), models.JakartaCode); err == nil {
		jakarta = models.RegionLabel(r)
	}
	page, err := h.agreementFormPage(c, 0, form.NewAgreement(jakarta))
	if err != nil {
		return err
	}
	return h.showAgreementForm(c, http.StatusOK, page)
}

// editAgreement serves the form of a draft; an agreement past draft says it cannot be
// edited.
func (h *Handler) editAgreement(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	a, err := h.store.AgreementFor(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	if a.Status != models.StatusDraft {
		return h.officeAgreementRefused(c, id, models.ErrInvalidTransition, nil)
	}
	page, err := h.agreementFormPage(c, id, form.AgreementOf(models.InputOf(&a.Agreement)))
	if err != nil {
		return err
	}
	return h.showAgreementForm(c, http.StatusOK, page)
}

// saveAgreement handles a post of the draft form, new (id 0) or existing: a change to the
// party rows shows the form again; saving checks and stores it, or shows it with the
// errors by their fields and the input kept.
func (h *Handler) saveAgreement(c echo.Context, id uint) error {
	values, err := formValues(c)
	if err != nil {
		return err
	}
	f, err := form.ParseAgreement(values)
	if err != nil {
		return err
	}
	if changed, err := f.ChangeRows(); err != nil || changed {
		if err != nil {
			return err
		}
		page, err := h.agreementFormPage(c, id, f)
		if err != nil {
			return err
		}
		return h.showAgreementForm(c, http.StatusOK, page)
	}
	in, err := f.Validate()
	if err == nil {
		ctx := c.Request().Context()
		if id == 0 {
			id, err = h.store.CreateDraft(ctx, actor(c), in)
		} else {
			err = h.store.UpdateDraft(ctx, actor(c), id, in)
		}
	}
	if err == nil {
		h.log.Info("draft saved", "agreement", id, "by", currentUser(c).ID)
		return h.redirectDone(c, views.OfficeAgreementURL(id), "flash.draft_saved")
	}
	refused, err := refusal(c, err)
	if err != nil {
		return err
	}
	page, err := h.agreementFormPage(c, id, f)
	if err != nil {
		return err
	}
	page.Alert, page.Errors = refused.alert, refused.fields
	return h.showAgreementForm(c, refused.status, page)
}

// createAgreement handles the form of a new draft.
func (h *Handler) createAgreement(c echo.Context) error { return h.saveAgreement(c, 0) }

// updateAgreement handles the form of an existing draft.
func (h *Handler) updateAgreement(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	return h.saveAgreement(c, id)
}
