package handlers

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"derap/views"
	"derap/views/i18n"
)

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render writes a page. It renders into a buffer first, so that a failure half-way
// becomes a clean error page rather than half a page with a 200.
func (h *Handler) render(c echo.Context, status int, page templ.Component) error {
	req := views.Request{
		Locale:    currentLocale(c),
		URL:       c.Request().URL,
		Today:     h.store.Today(),
		User:      currentUser(c),
		CSRFToken: csrfToken(c),
	}
	if done := c.QueryParam(doneParam); req.User != nil && done != "" && i18n.Has("flash."+done) {
		req.Flashes = []string{"flash." + done}
	}
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := page.Render(views.WithRequest(c.Request().Context(), req), buf); err != nil {
		return err
	}
	// A page's language follows the cookie and Accept-Language.
	c.Response().Header().Add("Vary", "Cookie, Accept-Language")
	return c.HTMLBlob(status, buf.Bytes())
}

// redirectDone sends the user on after an action, with the message that says it is done
// (a "flash." catalog key): the message travels in the URL, so that no action costs a
// second write to keep it.
func (h *Handler) redirectDone(c echo.Context, target templ.SafeURL, flashKey string) error {
	u, err := url.Parse(string(target))
	if err != nil {
		return err
	}
	q := u.Query()
	q.Set(doneParam, strings.TrimPrefix(flashKey, "flash."))
	u.RawQuery = q.Encode()
	return c.Redirect(http.StatusSeeOther, u.String())
}

// doneParam carries the message of the action just done on the page it leads to.
const doneParam = "done"

// absoluteURL is a path of the portal as people reach it from outside, for a link shown
// to be copied (an invitation).
func (h *Handler) absoluteURL(path templ.SafeURL) string {
	ref, err := url.Parse(string(path))
	if err != nil {
		return string(path)
	}
	return h.cfg.BaseURL.ResolveReference(ref).String()
}
