package handlers

import (
	"bytes"
	"sync"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"derap/views"
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
	if s := currentSession(c); s != nil && req.User != nil {
		if _, ok := s.Values["_flash"]; ok {
			for _, f := range s.Flashes() {
				if key, ok := f.(string); ok {
					req.Flashes = append(req.Flashes, key)
				}
			}
			if err := s.Save(c.Request(), c.Response()); err != nil {
				return err
			}
		}
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

// flash keeps a one-time message (a catalog key) for the next page the user sees.
func (h *Handler) flash(c echo.Context, key string) error {
	s := currentSession(c)
	if s == nil || sessionUser(s) == nil {
		return nil
	}
	s.AddFlash(key)
	return s.Save(c.Request(), c.Response())
}
