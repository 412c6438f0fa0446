package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// listEvents serves the list of events.
func (h *Handler) listEvents(c echo.Context) error {
	events, err := h.store.Events(c.Request().Context(), 0)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.EventsPage(events))
}
