package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// acceptInvitation sets the invited user's password and signs them in. The token is
// checked by the models under the sign-in throttle, so a wrong one counts as a failed try.
func (h *Handler) acceptInvitation(c echo.Context) error {
	ctx := c.Request().Context()
	token := c.Param("token")
	values, err := formValues(c)
	if err != nil {
		return err
	}
	f := form.ParsePassword(values)
	var user models.User
	if err = f.Validate(); err == nil {
		user, err = h.store.AcceptInvitation(ctx, actor(c), token, f.Password)
	}
	if err != nil {
		invited, ierr := h.store.InvitedUser(ctx, token)
		if errors.Is(ierr, models.ErrNotFound) {
			return h.render(c, http.StatusNotFound, views.InvitationInvalidView())
		}
		if ierr != nil {
			return ierr
		}
		return renderRefusal(h, c, err, func() (views.AcceptInvitationPage, error) {
			return views.AcceptInvitationPage{User: invited, Token: token}, nil
		},
			func(p *views.AcceptInvitationPage, refused problem) {
				p.Alert, p.Errors = refused.alert, refused.fields
			}, views.AcceptInvitationView)
	}
	h.log.Info("invitation accepted", "user", user.ID)
	if err := h.startSession(c, &user); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, string(views.StartURL(&user)))
}
