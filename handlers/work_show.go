package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// workPage gathers an agreement's page for officials; edit adjusts it (a form's input and
// errors, an alert) before it is shown.
func (h *Handler) workPage(c echo.Context, id uint) (views.WorkAgreementPage, error) {
	ctx := c.Request().Context()
	base, err := h.agreementPage(c, id)
	if err != nil {
		return views.WorkAgreementPage{}, err
	}
	versions, err := h.store.AgreementVersions(ctx, actor(c), id)
	if err != nil {
		return views.WorkAgreementPage{}, err
	}
	events, err := h.store.Events(ctx, 0)
	if err != nil {
		return views.WorkAgreementPage{}, err
	}
	today := h.store.Today().Format("2006-01-02")
	return views.WorkAgreementPage{
		AgreementPage: base, Versions: versions, Events: events,
		Sign: views.SignForm{Date: today, Place: "Jakarta"}, Terminate: views.TerminateForm{Date: today},
	}, nil
}

// showWork serves an agreement's page for officials, with the actions its state allows.
func (h *Handler) showWork(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	page, err := h.workPage(c, id)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.WorkAgreementView(page))
}
