package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
	"derap/views/form"
)

// listOfficeAgreements serves the officials' list of every agreement.
func (h *Handler) listOfficeAgreements(c echo.Context) error {
	ctx := c.Request().Context()
	filter, err := form.ParseOfficeFilter(c.QueryParams()).Validate()
	if err != nil {
		return err
	}
	result, err := h.store.OfficeAgreements(ctx, actor(c), filter, h.cfg.PerPage)
	if err != nil {
		return err
	}
	if filter.Page > result.Pages() {
		return notFound
	}
	regions, err := h.store.PartyRegions(ctx)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.OfficeAgreementListView(views.OfficeAgreementListPage{
		Filter: filter, Result: result, Regions: regions, Query: c.QueryParams(),
	}))
}
