package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// workFilterForm is the officials' list filter as it arrives in the URL.
type workFilterForm struct {
	Status, Sector, Region, Page string
}

func newWorkFilterForm(q url.Values) workFilterForm {
	return workFilterForm{q.Get("status"), q.Get("sector"), q.Get("region"), q.Get("page")}
}

// Validate turns the form into a filter.
func (f workFilterForm) Validate() (models.OfficeFilter, error) {
	out := models.OfficeFilter{Status: models.Status(f.Status), Sector: f.Sector, Region: f.Region}
	if f.Status != "" && !slices.Contains(models.Statuses, out.Status) {
		return out, fmt.Errorf("handlers: unknown status %q", f.Status)
	}
	var err error
	out.Page, err = checkListParams(f.Sector, f.Region, f.Page)
	return out, err
}

// listWork serves the officials' list of every agreement.
func (h *Handler) listWork(c echo.Context) error {
	ctx := c.Request().Context()
	filter, err := newWorkFilterForm(c.QueryParams()).Validate()
	if err != nil {
		return badRequest(err)
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
	return h.render(c, http.StatusOK, views.WorkListView(views.WorkListPage{Filter: filter, Result: result, Regions: regions, Query: c.QueryParams()}))
}
