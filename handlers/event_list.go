package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// listEvents serves a page of the list of events; a page past the end is not found.
func (h *Handler) listEvents(c echo.Context) error {
	page, err := pageParam(c)
	if err != nil {
		return err
	}
	list, err := h.store.EventsPage(c.Request().Context(), page, h.cfg.PerPage)
	if err != nil {
		return err
	}
	if page > list.Pages() {
		return notFound
	}
	return h.render(c, http.StatusOK, views.EventsPage(views.EventListPage{List: list}))
}
