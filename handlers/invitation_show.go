package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// showInvitation serves the form where an invited user chooses a password; a used or
// expired link says so.
func (h *Handler) showInvitation(c echo.Context) error {
	token := c.Param("token")
	user, err := h.store.InvitedUser(c.Request().Context(), token)
	if errors.Is(err, models.ErrNotFound) {
		return h.render(c, http.StatusNotFound, views.InvitationInvalidView())
	}
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.AcceptInvitationView(views.AcceptInvitationPage{User: user, Token: token}))
}
