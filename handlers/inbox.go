package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// showInbox serves a delegate's start page: their region's agreements, what waits on them
// first, and what they have answered.
func (h *Handler) showInbox(c echo.Context) error {
	ctx := c.Request().Context()
	items, err := h.store.AgreementsForDelegate(ctx, currentUser(c))
	if err != nil {
		return err
	}
	history, err := h.store.DelegateHistory(ctx, currentUser(c))
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.InboxView(views.InboxPage{Agreements: items, History: history}))
}
