package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// showInbox serves a delegate's start page: their region's agreements, what waits on them
// first, and what they have answered.
func (h *Handler) showInbox(c echo.Context) error {
	inbox, err := h.store.DelegateInbox(c.Request().Context(), actor(c), 20)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.InboxView(views.InboxPage{Inbox: inbox}))
}
