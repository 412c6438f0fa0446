package handlers

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// idParam reads a numeric id from the path; anything else names no record.
func idParam(c echo.Context) (uint, error) {
	id, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil || id == 0 {
		return 0, notFound
	}
	return uint(id), nil
}

// showAgreement serves the public page of a published agreement.
func (h *Handler) showAgreement(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	a, err := h.store.PublishedAgreement(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.AgreementDetailPage(views.AgreementPage{
		AgreementView: a, Term: a.TermState(h.store.Today()),
	}))
}
