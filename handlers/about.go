package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// showAbout serves the page about the portal, its data sources and their licence.
func (h *Handler) showAbout(c echo.Context) error {
	return h.render(c, http.StatusOK, views.AboutPage(models.RegionDataLicense))
}
