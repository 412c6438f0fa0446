package handlers

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/i18n"
)

// contentSecurityPolicy allows the portal's own files and nothing inline: the pages need
// no script, and every style is in the stylesheet.
const contentSecurityPolicy = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// securityHeaders sets the headers every response carries.
func (h *Handler) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		hdr := c.Response().Header()
		hdr.Set("Content-Security-Policy", contentSecurityPolicy)
		hdr.Set("X-Content-Type-Options", "nosniff")
		hdr.Set("X-Frame-Options", "DENY")
		hdr.Set("Referrer-Policy", "same-origin")
		hdr.Set("Cross-Origin-Opener-Policy", "same-origin")
		hdr.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if h.cfg.Secure() {
			hdr.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		return next(c)
	}
}

// langCookie remembers a language chosen with ?lang=.
const langCookie = "lang"

// loadRequest decides the page language and loads the session with its user. Pages of a
// signed-in user are never stored by any cache.
func (h *Handler) loadRequest(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Set(ctxLocale, h.locale(c))
		c.SetRequest(h.withRequestVersions(c.Request()))
		s, err := h.sessions.Get(c.Request(), h.cookie)
		if err != nil {
			return err
		}
		c.Set(ctxSession, s)
		if sessionUser(s) != nil {
			c.Response().Header().Set("Cache-Control", "no-store")
		}
		return next(c)
	}
}

// setLanguage remembers a language for this browser: chosen with ?lang= or in the
// account's settings.
func (h *Handler) setLanguage(c echo.Context, lang string) {
	c.SetCookie(&http.Cookie{
		Name: langCookie, Value: lang, Path: "/", Secure: h.cfg.Secure(),
		MaxAge: int((365 * 24 * time.Hour).Seconds()), HttpOnly: true, SameSite: http.SameSiteLaxMode,
	})
}

// langParam is the query parameter that picks a language (and is remembered).
const langParam = "lang"

// locale picks the language: ?lang= (and remember it), then the cookie, then
// Accept-Language.
func (h *Handler) locale(c echo.Context) i18n.Locale {
	if l, ok := i18n.Parse(c.QueryParam(langParam)); ok {
		h.setLanguage(c, string(l))
		return l
	}
	if ck, err := c.Cookie(langCookie); err == nil {
		if l, ok := i18n.Parse(ck.Value); ok {
			return l
		}
	}
	return i18n.FromAcceptLanguage(c.Request().Header.Get("Accept-Language"))
}

// formPages show a form to visitors who are not signed in, so they need a CSRF token.
var formPages = map[string]bool{"/login": true, "/invitations/:token": true, verifyPath: true}

// skipCSRF says a page read needs no token: a visitor's page without a form, which stays
// the same for every visitor (and can be cached) because it carries none.
func (h *Handler) skipCSRF(c echo.Context) bool {
	return currentUser(c) == nil && !formPages[c.Path()]
}

// requireRole lets through signed-in users with one of the roles (any role when none is
// given). A visitor is sent to sign in and brought back; a user with another role is
// refused.
func requireRole(roles ...models.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u := currentUser(c)
			if u == nil {
				return c.Redirect(http.StatusSeeOther, string(views.LoginThenURL(localPath(selfURL(c).RequestURI()))))
			}
			if len(roles) > 0 && !slices.Contains(roles, u.Role) {
				return echo.ErrForbidden
			}
			return next(c)
		}
	}
}

// noStore keeps pages with forms for visitors (signing in) out of every cache.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		return next(c)
	}
}

// formLimit is the most a form without files may send.
const formLimit = 1 << 20

// uploadRoutes are the only routes that take a multipart body (a file).
var uploadRoutes = map[string]bool{"/office/agreements/:id/documents": true, "/office/events/:id/documents": true, "/reports/:id/documents": true}

// limitBody refuses a request body larger than the portal takes, with 413, before anything
// reads it: a form up to 1 MiB, an upload up to the configured limit (and a little for the
// form around it), counted while it is read. Only the upload routes take a multipart body;
// elsewhere one is refused unread, so nothing is spooled to disk for a route that takes no
// file. Uploads are parsed here, spilling to temporary files past 1 MiB, so that the CSRF
// check after it finds the token in the parsed form.
func (h *Handler) limitBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Body == nil || r.Method == http.MethodGet || r.Method == http.MethodHead {
			return next(c)
		}
		multipart := strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/")
		if multipart && !uploadRoutes[c.Path()] && !streamedUploads[c.Path()] {
			return echo.NewHTTPError(http.StatusUnsupportedMediaType).SetInternal(errors.New("handlers: a multipart body on a route that takes no file"))
		}
		limit := int64(formLimit)
		if multipart {
			limit = h.cfg.MaxUpload + formLimit
		}
		if r.ContentLength > limit {
			return errTooLarge
		}
		r.Body = http.MaxBytesReader(c.Response(), r.Body, limit)
		if multipart && streamedUploads[c.Path()] {
			return next(c) // read part by part by its handler, never spooled (verify_upload.go)
		}
		var err error
		if multipart {
			err = r.ParseMultipartForm(formLimit)
		} else {
			err = r.ParseForm() // read here, so that a body over the limit is told as such
		}
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				return errTooLarge
			}
			return badRequest(err)
		}
		return next(c)
	}
}
