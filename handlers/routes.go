package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// routes is the site map: every URL the portal answers, in one place.
func (h *Handler) routes(e *echo.Echo) {
	// read registers a page for GET and HEAD.
	read := func(path string, handler echo.HandlerFunc) {
		e.Match([]string{http.MethodGet, http.MethodHead}, path, handler)
	}

	// Public pages
	read("/", h.showHome)
	read("/agreements", h.listAgreements)
	read("/agreements/:id", h.showAgreement)
	read("/regions", h.listRegions)
	read("/regions/:code", h.showRegion)
	read("/events", h.listEvents)
	read("/events/:id", h.showEvent)
	read("/about", h.showAbout)

	// Machinery
	read("/healthz", h.health)
	read("/static/*", h.serveStatic)
	read("/favicon.ico", h.favicon)
}
