package handlers

import (
	"net/url"
	"strings"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views/i18n"
)

// Keys of the per-request values middleware puts on the Echo context; read them only
// through the getters below.
const (
	ctxLocale  = "derap.locale"
	ctxSession = "derap.session"
	ctxCSRF    = "derap.csrf"
	// ctxConflict holds the form.Conflict of a save refused as made on an older copy.
	ctxConflict = "derap.conflict"
)

// currentUser is the signed-in user, or nil for a visitor.
func currentUser(c echo.Context) *models.User {
	if s := currentSession(c); s != nil {
		return sessionUser(s)
	}
	return nil
}

// actor is the signed-in user acting, with the address and browser they act from.
func actor(c echo.Context) models.Actor {
	return models.UserActor(currentUser(c), c.RealIP(), c.Request().UserAgent())
}

// currentSession is the request's session (possibly new and empty).
func currentSession(c echo.Context) *sessions.Session {
	s, _ := c.Get(ctxSession).(*sessions.Session)
	return s
}

// currentLocale is the language of the page.
func currentLocale(c echo.Context) i18n.Locale {
	if l, ok := c.Get(ctxLocale).(i18n.Locale); ok {
		return l
	}
	return i18n.Default
}

// csrfToken is the token for the page's forms, when the CSRF middleware issued one.
func csrfToken(c echo.Context) string {
	s, _ := c.Get(ctxCSRF).(string)
	return s
}

// loggedPath is the path as logs may show it: with secret tokens replaced by the route's
// parameter name.
func loggedPath(c echo.Context, path string) string {
	if route := c.Path(); strings.Contains(route, ":token") {
		return route
	}
	return path
}

// selfURL is the page's own address for links to it (the language switch): rebuilt from
// its route and parameters and its query re-encoded, never copied from the raw request
// path, so that a path such as //other.example cannot become a link to another host. A
// page without a route of its own (not found) links to the home page.
func selfURL(c echo.Context) *url.URL {
	route := c.Path()
	if route == "" || !strings.HasPrefix(route, "/") || strings.Contains(route, "*") {
		return &url.URL{Path: "/"}
	}
	segments := strings.Split(route, "/")
	for i, seg := range segments {
		if name, ok := strings.CutPrefix(seg, ":"); ok {
			segments[i] = url.PathEscape(c.Param(name))
		}
	}
	u, err := url.Parse(strings.Join(segments, "/"))
	if err != nil || u.Host != "" || strings.HasPrefix(u.Path, "//") {
		return &url.URL{Path: "/"}
	}
	u.RawQuery = c.QueryParams().Encode()
	return u
}
