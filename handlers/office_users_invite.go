package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// inviteUser creates an account without a password and shows, once, the link with which
// its owner sets one.
func (h *Handler) inviteUser(c echo.Context) error {
	values, err := formValues(c)
	if err != nil {
		return err
	}
	f := form.ParseInvite(values)
	var user models.User
	var token string
	in, err := f.Validate()
	if err == nil {
		user, token, err = h.store.CreateUser(c.Request().Context(), actor(c), in)
	}
	if err != nil {
		return renderRefusal(h, c, err, func() (views.UsersPage, error) { return h.usersPage(c, f) },
			func(p *views.UsersPage, refused problem) { p.Alert, p.Errors = refused.alert, refused.fields }, views.UsersView)
	}
	h.log.Info("user invited", "by", currentUser(c).ID, "user", user.ID, "role", user.Role)
	return h.showInvitationLink(c, user, token)
}

// showInvitationLink shows a fresh invitation link; it is never stored, so this is the
// only time anyone sees it.
func (h *Handler) showInvitationLink(c echo.Context, user models.User, token string) error {
	link := h.absoluteURL(views.InvitationURL(token))
	return h.render(c, http.StatusOK, views.InvitationLinkView(views.InvitationLinkPage{User: user, Link: link}))
}
