package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// showEvent serves the record of one event.
func (h *Handler) showEvent(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	event, err := h.store.EventByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.EventDetailPage(event))
}
