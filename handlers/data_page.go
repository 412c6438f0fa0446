package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// showDataPage serves the open-data page, its examples naming the most recently published
// agreement.
func (h *Handler) showDataPage(c echo.Context) error {
	latest, err := h.store.RecentlyPublished(c.Request().Context(), 1)
	if err != nil {
		return err
	}
	page := views.DataPage{AuditKey: h.checkpointKey()}
	if len(latest) > 0 {
		page.ExampleAgreement = latest[0].ID
	}
	return h.render(c, http.StatusOK, views.OpenDataPage(page))
}
