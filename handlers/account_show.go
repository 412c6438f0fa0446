package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// showAccount serves a user's own account page.
func (h *Handler) showAccount(c echo.Context) error {
	page, err := h.accountPage(c)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.AccountView(page))
}
