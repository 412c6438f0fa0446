package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
	"derap/views/form"
)

// listAgreements serves the public list of published agreements.
func (h *Handler) listAgreements(c echo.Context) error {
	ctx := c.Request().Context()
	filter, err := form.ParseAgreementFilter(c.QueryParams()).Validate()
	if err != nil {
		return err
	}
	result, err := h.store.PublishedAgreements(ctx, filter, h.cfg.PerPage)
	if err != nil {
		return err
	}
	if filter.Page > result.Pages() {
		return notFound
	}
	facets, err := h.agreementFacets(c.Request())
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.AgreementsPage(views.AgreementListPage{
		Filter: filter, Result: result, Facets: facets, Query: c.QueryParams(),
	}))
}
