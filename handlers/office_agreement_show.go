package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// officeAgreementPage gathers an agreement's page for officials, with the step forms as
// they first appear.
func (h *Handler) officeAgreementPage(c echo.Context, id uint) (views.OfficeAgreementPage, error) {
	ctx := c.Request().Context()
	base, err := h.agreementPage(c, id)
	if err != nil {
		return views.OfficeAgreementPage{}, err
	}
	versions, err := h.store.AgreementVersions(ctx, actor(c), id)
	if err != nil {
		return views.OfficeAgreementPage{}, err
	}
	// The events are the signing form's choices: read only when that form is shown.
	var events []models.Event
	if base.Status == models.StatusAgreed {
		if events, err = h.store.Events(ctx, 0); err != nil {
			return views.OfficeAgreementPage{}, err
		}
	}
	today := form.FormatDate(h.store.Today())
	return views.OfficeAgreementPage{
		AgreementPage: base, Versions: versions, Events: events,
		Sign: form.NewSigning(today), Terminate: form.Termination{},
	}, nil
}

// showOfficeAgreement serves an agreement's page for officials, with the steps its state
// allows.
func (h *Handler) showOfficeAgreement(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	page, err := h.officeAgreementPage(c, id)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.OfficeAgreementView(page))
}

// officeAgreementRefused shows an agreement's page for officials after a refused step:
// the reason as an alert, the form's errors by its fields, and (keep) the forms as they
// were submitted.
func (h *Handler) officeAgreementRefused(c echo.Context, id uint, err error, keep func(p *views.OfficeAgreementPage)) error {
	return renderRefusal(h, c, err, func() (views.OfficeAgreementPage, error) { return h.officeAgreementPage(c, id) },
		func(p *views.OfficeAgreementPage, refused problem) {
			p.Alert, p.Errors = refused.alert, refused.fields
			if keep != nil {
				keep(p)
			}
		}, views.OfficeAgreementView)
}
