package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// submitLogin signs a user in: a new session with a new ID, then their start page or the
// page they came for. A refusal (a wrong password, too many attempts) shows the form again
// with the email kept.
func (h *Handler) submitLogin(c echo.Context) error {
	values, err := formValues(c)
	if err != nil {
		return err
	}
	f := form.ParseLogin(values)
	f.Next = localPath(f.Next)
	var user models.User
	if err = f.Validate(); err == nil {
		user, err = h.store.SignIn(c.Request().Context(), f.Email, f.Password, c.RealIP(), h.knownDevice(c, f.Email))
	}
	if err != nil {
		var throttled *models.ThrottledError
		if errors.Is(err, models.ErrInvalidCredentials) || errors.As(err, &throttled) {
			h.log.Warn("sign-in refused", "ip", c.RealIP(), "throttled", throttled != nil)
			if throttled != nil {
				h.cfg.Metrics.signIn("throttled")
			} else {
				h.cfg.Metrics.signIn("refused")
			}
		}
		f.Password = ""
		return renderRefusal(h, c, err, func() (views.LoginPage, error) { return views.LoginPage{Form: f}, nil },
			func(p *views.LoginPage, refused problem) { p.Alert, p.Errors = refused.alert, refused.fields }, views.LoginPageView)
	}
	if err := h.startSession(c, &user); err != nil {
		return err
	}
	h.log.Info("signed in", "user", user.ID, "role", user.Role)
	h.cfg.Metrics.signIn("ok")
	target := f.Next
	if target == "" {
		target = string(views.StartURL(&user))
	}
	return c.Redirect(http.StatusSeeOther, target)
}

// startSession signs user in with a new session ID: the old session, if any, ends, so an
// ID planted before sign-in cannot ride along.
func (h *Handler) startSession(c echo.Context, user *models.User) error {
	s := currentSession(c)
	if s.ID != "" {
		if err := h.store.DeleteSession(c.Request().Context(), s.ID); err != nil {
			return err
		}
	}
	s.ID = ""
	s.Values = map[any]any{userKey{}: user}
	h.forgetVisitor(c) // the session's own token replaces the visitor's
	h.rememberDevice(c, user.Email)
	return s.Save(c.Request(), c.Response())
}
