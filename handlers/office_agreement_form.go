package handlers

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// agreementFormPage gathers the draft form around its input, alert and errors. The parent
// is a typed reference (the form shows the one found), never a list of the register.
func (h *Handler) agreementFormPage(c echo.Context, id uint, f form.Agreement) (views.AgreementFormPage, error) {
	regions, err := h.store.Regions(c.Request().Context())
	if err != nil {
		return views.AgreementFormPage{}, err
	}
	return views.AgreementFormPage{ID: id, Form: f, Regions: regions}, nil
}

// parseAgreement reads a post of the draft form of the draft id (0 for a new one) and
// looks up the parent it names, by number or identifier.
func (h *Handler) parseAgreement(c echo.Context, id uint) func(url.Values) (form.Agreement, error) {
	return func(v url.Values) (form.Agreement, error) {
		f, err := form.ParseAgreement(v)
		if err != nil {
			return f, err
		}
		return f, f.ResolveParent(id, func(ref form.ParentReference) (models.Agreement, error) {
			return h.store.ParentByReference(c.Request().Context(), actor(c), ref.Number, ref.ID)
		})
	}
}

// storedAgreementForm is the form of a stored draft, its parent named as the form names it.
func storedAgreementForm(a models.AgreementView) form.Agreement {
	f := form.AgreementOf(models.InputOf(&a.Agreement))
	f.SetParent(a.Parent)
	return f
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
	return h.render(c, http.StatusOK, views.AgreementFormView(page))
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
	page, err := h.agreementFormPage(c, id, storedAgreementForm(a))
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.AgreementFormView(page))
}

// saveAgreement handles a post of the draft form, new (id 0) or existing: a change to the
// party rows shows the form again; saving checks and stores it, or shows it with the
// errors by their fields and the input kept.
func (h *Handler) saveAgreement(c echo.Context, id uint) error {
	return postRowForm(h, c, h.parseAgreement(c, id),
		func(f form.Agreement) (views.AgreementFormPage, error) { return h.agreementFormPage(c, id, f) },
		func(p *views.AgreementFormPage, refused problem) { p.Alert, p.Errors = refused.alert, refused.fields },
		views.AgreementFormView,
		func(in models.AgreementInput) (uint, error) {
			if id == 0 {
				return h.store.CreateDraft(c.Request().Context(), actor(c), in)
			}
			return id, h.store.UpdateDraft(c.Request().Context(), actor(c), id, in)
		},
		func() (form.Agreement, error) {
			a, err := h.store.AgreementFor(c.Request().Context(), actor(c), id)
			return storedAgreementForm(a), err
		},
		views.OfficeAgreementURL, "flash.draft_saved")
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
