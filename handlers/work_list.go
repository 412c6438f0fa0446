package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"

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
func (f workFilterForm) Validate() (models.WorkFilter, error) {
	out := models.WorkFilter{Status: models.Status(f.Status), Sector: f.Sector, Region: f.Region, Page: 1}
	if f.Status != "" && !slices.Contains(models.Statuses, out.Status) {
		return out, fmt.Errorf("handlers: unknown status %q", f.Status)
	}
	if f.Sector != "" && !models.ValidSector(f.Sector) {
		return out, fmt.Errorf("handlers: unknown sector %q", f.Sector)
	}
	if f.Region != "" && !regionCode.MatchString(f.Region) {
		return out, fmt.Errorf("handlers: malformed region code %q", f.Region)
	}
	if f.Page != "" {
		p, err := strconv.Atoi(f.Page)
		if err != nil || p < 1 {
			return out, fmt.Errorf("handlers: bad page %q", f.Page)
		}
		out.Page = p
	}
	return out, nil
}

// listWork serves the officials' list of every agreement.
func (h *Handler) listWork(c echo.Context) error {
	ctx := c.Request().Context()
	filter, err := newWorkFilterForm(c.QueryParams()).Validate()
	if err != nil {
		return badRequest(err)
	}
	result, err := h.store.WorkAgreements(ctx, actor(c), filter, h.cfg.PerPage)
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
