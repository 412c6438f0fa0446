package handlers

import (
	"github.com/labstack/echo/v4"

	"derap/views"
)

// userAction runs an administrator's action on an account and returns to the list with
// a message.
func (h *Handler) userAction(c echo.Context, flash string, act func(userID uint) error) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := act(id); err != nil {
		return err
	}
	h.log.Info("user changed", "by", currentUser(c).ID, "user", id, "action", flash)
	return h.redirectDone(c, views.UsersURL(), flash)
}

// disableUser disables an account and ends its sessions.
func (h *Handler) disableUser(c echo.Context) error {
	return h.userAction(c, "flash.user_disabled", func(id uint) error {
		return h.store.SetUserActive(c.Request().Context(), actor(c), id, false)
	})
}

// enableUser enables an account again.
func (h *Handler) enableUser(c echo.Context) error {
	return h.userAction(c, "flash.user_enabled", func(id uint) error {
		return h.store.SetUserActive(c.Request().Context(), actor(c), id, true)
	})
}

// endUserSessions signs an account out everywhere.
func (h *Handler) endUserSessions(c echo.Context) error {
	return h.userAction(c, "flash.sessions_ended", func(id uint) error {
		return h.store.EndSessions(c.Request().Context(), actor(c), id)
	})
}

// reinviteUser issues a fresh invitation link for an account and shows it once.
func (h *Handler) reinviteUser(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	user, token, err := h.store.Reinvite(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	h.log.Info("invitation renewed", "by", currentUser(c).ID, "user", id)
	return h.showInvitationLink(c, user, token)
}
