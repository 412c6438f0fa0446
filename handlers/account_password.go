package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// passwordForm is a new password typed twice; current is the one it replaces, when asked.
type passwordForm struct {
	Current, Password, Confirm string
}

// Validate checks what the form alone can tell: the two new entries agree.
func (f passwordForm) Validate() views.FormErrors {
	errs := views.FormErrors{}
	if f.Password != f.Confirm {
		errs["confirm"] = "error.password_mismatch"
	}
	return errs
}

// changePassword sets the user's own new password; their other sessions end.
func (h *Handler) changePassword(c echo.Context) error {
	f := passwordForm{Current: c.FormValue("current"), Password: c.FormValue("password"), Confirm: c.FormValue("confirm")}
	errs := f.Validate()
	if len(errs) == 0 {
		err := h.store.ChangePassword(c.Request().Context(), actor(c), f.Current, f.Password, currentSession(c).ID)
		if errs, err = formErrors(err); err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		return h.render(c, http.StatusUnprocessableEntity, views.AccountView(views.AccountPage{Errors: errs}))
	}
	return h.redirectDone(c, "/account", "flash.password_changed")
}
