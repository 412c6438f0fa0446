package handlers

import (
	"github.com/labstack/echo/v4"

	"derap/views"
	"derap/views/form"
)

// changePassword sets the user's own new password; their other sessions end.
func (h *Handler) changePassword(c echo.Context) error {
	values, err := formValues(c)
	if err != nil {
		return err
	}
	f := form.ParsePassword(values)
	if err = f.Validate(); err == nil {
		err = h.store.ChangePassword(c.Request().Context(), actor(c), f.Current, f.Password, currentSession(c).ID)
	}
	if err == nil {
		return h.redirectDone(c, views.AccountURL(), "flash.password_changed")
	}
	return renderRefusal(h, c, err, func() (views.AccountPage, error) { return h.accountPage(c) },
		func(p *views.AccountPage, refused problem) { p.Alert, p.Errors = refused.alert, refused.fields }, views.AccountView)
}
