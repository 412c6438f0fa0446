package handlers

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"derap/views"
	"derap/views/i18n"
)

// contentSecurityPolicy allows nothing but the portal's own styles, images and forms:
// the pages need no script at all.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// securityHeaders sets the headers every response carries.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		return next(c)
	}
}

// langCookie remembers a language chosen with ?lang=.
const langCookie = "lang"

// requestContext decides the page language and puts the per-request view values in the
// request's context, where views read them.
func (h *Handler) requestContext(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		loc := h.locale(c)
		ctx := views.WithRequest(r.Context(), views.Request{Locale: loc, URL: r.URL, Today: h.store.Today()})
		c.SetRequest(r.WithContext(ctx))
		return next(c)
	}
}

// locale picks the language: ?lang= (and remember it), then the cookie, then
// Accept-Language.
func (h *Handler) locale(c echo.Context) i18n.Locale {
	if l, ok := i18n.Parse(c.QueryParam("lang")); ok {
		c.SetCookie(&http.Cookie{
			Name: langCookie, Value: string(l), Path: "/",
			MaxAge: int((365 * 24 * time.Hour).Seconds()), HttpOnly: true, SameSite: http.SameSiteLaxMode,
		})
		return l
	}
	if ck, err := c.Cookie(langCookie); err == nil {
		if l, ok := i18n.Parse(ck.Value); ok {
			return l
		}
	}
	return i18n.FromAcceptLanguage(c.Request().Header.Get("Accept-Language"))
}
