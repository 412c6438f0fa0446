package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// showInbox serves a delegate's start page: their region's agreements, what waits on them
// first, and what they have answered.
func (h *Handler) showInbox(c echo.Context) error {
	page, err := h.inboxPage(c)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.InboxView(page))
}

func (h *Handler) inboxPage(c echo.Context) (views.InboxPage, error) {
	inbox, err := h.store.DelegateInbox(c.Request().Context(), actor(c), 20)
	if err != nil {
		return views.InboxPage{}, err
	}
	acts, err := h.store.ActivitiesToReport(c.Request().Context(), actor(c))
	return views.InboxPage{Inbox: inbox, Activities: acts}, err
}
