package handlers

import (
	"github.com/labstack/echo/v4"

	"derap/views"
)

// showSitemap serves the sitemap of every public page, for search engines.
func (h *Handler) showSitemap(c echo.Context) error {
	pages, err := h.store.PublicPages(c.Request().Context())
	if err != nil {
		return err
	}
	body, err := views.Sitemap(pages, h.cfg.BaseURL)
	if err != nil {
		return err
	}
	return sendMachineText(c, views.SitemapContentType, body, "Accept-Encoding")
}

// showRobots serves robots.txt: what crawlers may read, and where the sitemap is.
func (h *Handler) showRobots(c echo.Context) error {
	return sendMachineText(c, "text/plain; charset=utf-8", views.Robots(h.cfg.BaseURL), "Accept-Encoding")
}
