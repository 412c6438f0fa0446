package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
	"derap/views/form"
)

// listRegions serves the directory of regions.
func (h *Handler) listRegions(c echo.Context) error {
	filter, err := form.ParseRegionFilter(c.QueryParams()).Validate()
	if err != nil {
		return err
	}
	groups, err := h.regionDirectory(c.Request(), filter)
	if err != nil {
		return err
	}
	m, err := h.programmeMap(c.Request())
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.RegionsPage(views.RegionListPage{Filter: filter, Groups: groups, Map: m}))
}
