package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// inviteUser creates an account without a password and shows, once, the link with which
// its owner sets one.
func (h *Handler) inviteUser(c echo.Context) error {
	form := views.InviteForm{Email: c.FormValue("email"), Name: c.FormValue("name"), Role: c.FormValue("role"), Region: c.FormValue("region")}
	user, token, err := h.store.CreateUser(c.Request().Context(), actor(c), models.UserInput{
		Email: form.Email, Name: form.Name, Role: models.Role(form.Role), RegionCode: form.Region,
	})
	if err != nil {
		errs, err := formErrors(err)
		if err != nil {
			return err
		}
		page, err := h.usersPage(c, form, errs)
		if err != nil {
			return err
		}
		return h.render(c, http.StatusUnprocessableEntity, views.UsersView(page))
	}
	h.log.Info("user invited", "by", currentUser(c).ID, "user", user.ID, "role", user.Role)
	return h.showInvitationLink(c, user, token)
}

// showInvitationLink shows a fresh invitation link; it is never stored, so this is the
// only time anyone sees it.
func (h *Handler) showInvitationLink(c echo.Context, user models.User, token string) error {
	link := h.cfg.BaseURL.JoinPath("invitations", token).String()
	return h.render(c, http.StatusOK, views.InvitationLinkView(views.InvitationLinkPage{User: user, Link: link}))
}
