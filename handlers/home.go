package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// showHome serves the home page: the programme, its figures, the latest records.
func (h *Handler) showHome(c echo.Context) error {
	home, err := h.store.HomePage(c.Request().Context(), 5, 3)
	if err != nil {
		return err
	}
	if home.Map, err = h.programmeMap(c.Request()); err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.HomePage(home))
}
