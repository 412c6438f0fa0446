package handlers

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"derap/views"
	"derap/views/form"
)

// localPath accepts only a path on this site to return to after signing in, so that a
// crafted link cannot send someone elsewhere.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return ""
	}
	return next
}

// showLogin serves the sign-in form; a signed-in user goes straight to their start page.
func (h *Handler) showLogin(c echo.Context) error {
	if u := currentUser(c); u != nil {
		return c.Redirect(http.StatusSeeOther, string(views.StartURL(u)))
	}
	f := form.Login{Next: localPath(c.QueryParam(form.FieldNext))}
	return h.render(c, http.StatusOK, views.LoginPageView(views.LoginPage{Form: f}))
}
