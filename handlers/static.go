package handlers

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"derap/static"
)

// serveStatic serves an embedded file by its hashed URL, cacheable for a year.
func (h *Handler) serveStatic(c echo.Context) error {
	a, ok := static.Lookup(c.Request().URL.Path)
	if !ok {
		return notFound
	}
	hdr := c.Response().Header()
	hdr.Set("Cache-Control", "public, max-age=31536000, immutable")
	hdr.Set("ETag", a.ETag)
	if a.Gzip != nil {
		hdr.Set("Vary", "Accept-Encoding")
	}
	if etagMatches(c.Request().Header.Get("If-None-Match"), a.ETag) {
		return c.NoContent(http.StatusNotModified)
	}
	body := a.Data
	if a.Gzip != nil && acceptsGzip(c.Request()) {
		hdr.Set("Content-Encoding", "gzip")
		body = a.Gzip
	}
	hdr.Set("Content-Length", strconv.Itoa(len(body)))
	return c.Blob(http.StatusOK, a.ContentType, body)
}

// favicon points browsers that ask for /favicon.ico at the portal's icon.
func (h *Handler) favicon(c echo.Context) error {
	return c.Redirect(http.StatusMovedPermanently, static.Path("img/logo.svg"))
}

// etagMatches reports whether an If-None-Match header names the entity tag.
func etagMatches(header, etag string) bool {
	for _, candidate := range strings.Split(header, ",") {
		candidate = strings.TrimSpace(candidate)
		if candidate == etag || candidate == "*" || candidate == "W/"+etag {
			return true
		}
	}
	return false
}
