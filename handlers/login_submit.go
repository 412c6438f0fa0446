package handlers

import (
	"errors"
	"math"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// loginForm is the sign-in form as submitted.
type loginForm struct {
	Email, Password, Next string
}

// Validate checks that both fields were filled in.
func (f loginForm) Validate() views.FormErrors {
	errs := views.FormErrors{}
	if strings.TrimSpace(f.Email) == "" {
		errs["email"] = "error.required"
	}
	if f.Password == "" {
		errs["password"] = "error.required"
	}
	return errs
}

// submitLogin signs a user in: a new session with a new ID, then their start page or the
// page they came for.
func (h *Handler) submitLogin(c echo.Context) error {
	f := loginForm{Email: c.FormValue("email"), Password: c.FormValue("password"), Next: localPath(c.FormValue("next"))}
	page := views.LoginPage{Email: f.Email, Next: f.Next, Errors: f.Validate()}
	if len(page.Errors) > 0 {
		return h.render(c, http.StatusUnprocessableEntity, views.LoginPageView(page))
	}
	user, err := h.store.Authenticate(c.Request().Context(), f.Email, f.Password, c.RealIP())
	var throttled *models.ThrottledError
	switch {
	case errors.As(err, &throttled):
		h.log.Warn("sign-in throttled", "ip", c.RealIP())
		setRetryAfter(c, err)
		page.Alert, page.AlertArgs = "login.throttled", []any{int(math.Ceil(throttled.RetryAfter.Minutes()))}
		return h.render(c, http.StatusTooManyRequests, views.LoginPageView(page))
	case errors.Is(err, models.ErrInvalidCredentials):
		h.log.Warn("sign-in failed", "ip", c.RealIP())
		page.Alert = "login.failed"
		return h.render(c, http.StatusUnauthorized, views.LoginPageView(page))
	case err != nil:
		return err
	}

	if err := h.startSession(c, &user); err != nil {
		return err
	}
	h.log.Info("signed in", "user", user.ID, "role", user.Role)
	target := f.Next
	if target == "" {
		target = string(views.HomeOf(&user))
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
	return s.Save(c.Request(), c.Response())
}
