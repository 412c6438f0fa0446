package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// showInbox serves a delegate's start page: their region's agreements.
func (h *Handler) showInbox(c echo.Context) error {
	items, err := h.store.AgreementsForDelegate(c.Request().Context(), currentUser(c))
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.InboxView(views.InboxPage{Agreements: items}))
}
