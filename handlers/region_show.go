package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// showRegion serves the page of one region, by its Kemendagri code.
func (h *Handler) showRegion(c echo.Context) error {
	code, err := regionParam(c)
	if err != nil {
		return err
	}
	page, err := h.store.RegionPageByCode(c.Request().Context(), code)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.RegionDetailPage(views.RegionPage{
		RegionPage: page, CanEdit: actor(c).MayEditContact(code),
	}))
}
