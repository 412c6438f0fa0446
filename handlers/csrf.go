package handlers

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"derap/views"
	"derap/views/form"
)

// Cross-site request forgery. Every form carries a token that is an HMAC of what the
// request is bound to: the server-side session of a signed-in user, or, for a visitor
// signing in or accepting an invitation, a random visitor ID in a cookie of its own. A
// token is therefore good for one session only; it changes at sign-in (a new session) and
// at sign-out (the visitor ID is dropped), and nobody can make one for another person's
// session without the server's key. Every state-changing request needs it, whatever its
// headers say; a browser that says the request comes from another site is refused even
// with a token.

// errCSRF is a state-changing request without the token of its session.
var errCSRF = errors.New("handlers: missing or wrong csrf token")

// csrfHeader is where scripts send the token instead of the form field.
const csrfHeader = "X-CSRF-Token"

// visitorIDBytes is the length of a visitor ID, as random bytes.
const visitorIDBytes = 32

// csrfGuard is the CSRF middleware. It runs after loadRequest, which found the session.
func (h *Handler) csrfGuard(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Method == http.MethodOptions || r.Method == http.MethodTrace {
			return next(c) // no route answers them, and they change nothing
		}
		safe := r.Method == http.MethodGet || r.Method == http.MethodHead
		if !safe && c.Path() == unsubscribePath {
			return next(c) // the link's signed token is its proof; a mail program sends no other
		}
		if safe && h.skipCSRF(c) {
			return next(c)
		}
		if !safe && r.Header.Get("Sec-Fetch-Site") == "cross-site" {
			return echo.NewHTTPError(http.StatusForbidden).SetInternal(errCSRF)
		}
		binding := h.csrfBinding(c, safe)
		want := h.csrfTokenFor(binding)
		if !safe {
			sent := r.Header.Get(csrfHeader)
			if sent == "" && streamedUploads[c.Path()] && isMultipart(r) {
				sent = streamedCSRF(c) // the first part of a body read as it comes (verify_upload.go)
			} else if sent == "" {
				sent = c.FormValue(form.FieldCSRF)
			}
			if binding == "" || !hmac.Equal([]byte(sent), []byte(want)) {
				return h.refuseForgery(c)
			}
		}
		c.Set(ctxCSRF, want)
		return next(c)
	}
}

// refuseForgery answers a state-changing request without its session's token: 403, or,
// when the request came with a session that has ended (its form was made for that
// session), the sign-in page and then the page the form was on. Nothing is done either way.
func (h *Handler) refuseForgery(c echo.Context) error {
	if _, err := c.Cookie(h.cookie); err == nil && currentUser(c) == nil {
		back := ""
		if ref, err := url.Parse(c.Request().Referer()); err == nil && ref.Host == c.Request().Host {
			back = localPath(ref.RequestURI())
		}
		return c.Redirect(http.StatusSeeOther, string(views.LoginThenURL(back)))
	}
	return echo.NewHTTPError(http.StatusForbidden).SetInternal(errCSRF)
}

// csrfBinding is what the request's token stands for: its session when a user is signed
// in, else the visitor ID of its cookie. A page with a form for a visitor without one gets
// a new visitor ID (create); a state-changing request without either has no binding, and
// no token can match it.
func (h *Handler) csrfBinding(c echo.Context, create bool) string {
	if s := currentSession(c); s != nil && s.ID != "" && sessionUser(s) != nil {
		return "session " + s.ID
	}
	if ck, err := c.Cookie(h.visitorCookie()); err == nil && len(ck.Value) >= base64.RawURLEncoding.EncodedLen(visitorIDBytes) {
		return "visitor " + ck.Value
	}
	if !create {
		return ""
	}
	id := make([]byte, visitorIDBytes)
	_, _ = rand.Read(id)
	value := base64.RawURLEncoding.EncodeToString(id)
	c.SetCookie(h.visitorCookieWith(value, 0))
	return "visitor " + value
}

// csrfTokenFor is the token of a binding.
func (h *Handler) csrfTokenFor(binding string) string {
	mac := hmac.New(sha256.New, h.csrfKey)
	mac.Write([]byte(binding))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// visitorCookie is the name of the visitor ID's cookie: under HTTPS with the __Host-
// prefix, which binds it to this host so that no neighbouring site can plant one.
func (h *Handler) visitorCookie() string {
	if h.cfg.Secure() {
		return "__Host-derap_visitor"
	}
	return "derap_visitor"
}

// visitorCookieWith is the visitor cookie with a value; maxAge -1 removes it.
func (h *Handler) visitorCookieWith(value string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name: h.visitorCookie(), Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: h.cfg.Secure(), SameSite: http.SameSiteLaxMode,
	}
}

// forgetVisitor drops the visitor ID at sign-in and sign-out, so that a token seen before
// either is worth nothing after it.
func (h *Handler) forgetVisitor(c echo.Context) {
	if _, err := c.Cookie(h.visitorCookie()); err == nil {
		c.SetCookie(h.visitorCookieWith("", -1))
	}
}
