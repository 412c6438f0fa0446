package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// seen is the revision of the record the page that posted the request showed.
func seen(c echo.Context) uint64 { return form.ParseRevision(c.FormValue(form.FieldRevision)) }

// userAction runs an administrator's action on an account and returns to the list with
// a message.
func (h *Handler) userAction(c echo.Context, flash string, act func(userID uint) error) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := act(id); err != nil {
		switch {
		case errors.Is(err, models.ErrChanged):
			return h.usersRefused(c, http.StatusConflict, "alert.changed")
		case errors.Is(err, form.ErrNotUnderstood):
			return h.usersRefused(c, http.StatusUnprocessableEntity, "alert.not_understood")
		}
		return err
	}
	h.log.Info("user changed", "by", currentUser(c).ID, "user", id, "action", flash)
	return h.redirectDone(c, views.UsersURL(), flash)
}

// disableUser disables an account and ends its sessions.
func (h *Handler) disableUser(c echo.Context) error {
	return h.userAction(c, "flash.user_disabled", func(id uint) error {
		values, err := formValues(c)
		if err != nil {
			return err
		}
		if err := form.Understood(values); err != nil {
			return err
		}
		return h.store.SetUserActive(c.Request().Context(), actor(c), id, false, seen(c))
	})
}

// enableUser enables an account again.
func (h *Handler) enableUser(c echo.Context) error {
	return h.userAction(c, "flash.user_enabled", func(id uint) error {
		return h.store.SetUserActive(c.Request().Context(), actor(c), id, true, seen(c))
	})
}

// endUserSessions signs an account out everywhere.
func (h *Handler) endUserSessions(c echo.Context) error {
	return h.userAction(c, "flash.sessions_ended", func(id uint) error {
		return h.store.EndSessions(c.Request().Context(), actor(c), id, seen(c))
	})
}

// reinviteUser issues a fresh invitation link for an account and shows it once.
func (h *Handler) reinviteUser(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	user, token, err := h.store.Reinvite(c.Request().Context(), actor(c), id, seen(c))
	if errors.Is(err, models.ErrChanged) {
		return h.usersRefused(c, http.StatusConflict, "alert.changed")
	}
	if err != nil {
		return err
	}
	h.log.Info("invitation renewed", "by", currentUser(c).ID, "user", id)
	return h.showInvitationLink(c, user, token)
}

// usersRefused shows the list of accounts as it is now, with the alert that says why an
// action on an account was not done: someone else had changed the account since the list
// was loaded, or a step hard to undo was not confirmed.
func (h *Handler) usersRefused(c echo.Context, status int, alert string) error {
	page, err := h.usersPage(c, form.NewInvite())
	if err != nil {
		return err
	}
	page.Alert = views.Alert{Key: alert}
	return h.render(c, status, views.UsersView(page))
}
