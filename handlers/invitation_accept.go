package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// acceptInvitation sets the invited user's password and signs them in.
func (h *Handler) acceptInvitation(c echo.Context) error {
	ctx := c.Request().Context()
	token := c.Param("token")
	invited, err := h.store.InvitedUser(ctx, token)
	if errors.Is(err, models.ErrNotFound) {
		return h.render(c, http.StatusNotFound, views.InvitationInvalidView())
	}
	if err != nil {
		return err
	}
	f := passwordForm{Password: c.FormValue("password"), Confirm: c.FormValue("confirm")}
	errs := f.Validate()
	var user models.User
	if len(errs) == 0 {
		user, err = h.store.AcceptInvitation(ctx, actor(c), token, f.Password)
		if errs, err = formErrors(err); err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		return h.render(c, http.StatusUnprocessableEntity, views.AcceptInvitationView(views.AcceptInvitationPage{User: invited, Token: token, Errors: errs}))
	}
	h.log.Info("invitation accepted", "user", user.ID)
	if err := h.startSession(c, &user); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, string(views.HomeOf(&user)))
}
