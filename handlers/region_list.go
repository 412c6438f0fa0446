package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// regionFilterForm is the region directory's filter as it arrives in the URL.
type regionFilterForm struct {
	Kind, Partners, Query string
}

func newRegionFilterForm(q url.Values) regionFilterForm {
	return regionFilterForm{q.Get("kind"), q.Get("partners"), q.Get("q")}
}

// Validate turns the form into a filter.
func (f regionFilterForm) Validate() (models.RegionFilter, error) {
	out := models.RegionFilter{Kind: models.RegionKind(f.Kind), Query: strings.TrimSpace(f.Query)}
	if f.Kind != "" && !out.Kind.Valid() {
		return out, fmt.Errorf("handlers: unknown region kind %q", f.Kind)
	}
	switch f.Partners {
	case "":
	case "1", "on", "true":
		out.PartnersOnly = true
	default:
		return out, fmt.Errorf("handlers: bad partners flag %q", f.Partners)
	}
	if utf8.RuneCountInString(out.Query) > 100 {
		return out, fmt.Errorf("handlers: search text too long")
	}
	return out, nil
}

// listRegions serves the directory of regions.
func (h *Handler) listRegions(c echo.Context) error {
	filter, err := newRegionFilterForm(c.QueryParams()).Validate()
	if err != nil {
		return badRequest(err)
	}
	ctx := c.Request().Context()
	groups, err := h.store.RegionDirectory(ctx, filter)
	if err != nil {
		return err
	}
	m, err := h.store.ProgrammeMapData(ctx)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.RegionsPage(views.RegionListPage{Filter: filter, Groups: groups, Map: m}))
}
