package handlers

import (
	"bytes"
	"sync"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
)

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render writes a page. It renders into a buffer first, so that a failure half-way
// becomes a clean error page rather than half a page with a 200.
func (h *Handler) render(c echo.Context, status int, page templ.Component) error {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := page.Render(c.Request().Context(), buf); err != nil {
		return err
	}
	// A page's language follows the cookie and Accept-Language.
	c.Response().Header().Add("Vary", "Cookie, Accept-Language")
	return c.HTMLBlob(status, buf.Bytes())
}
