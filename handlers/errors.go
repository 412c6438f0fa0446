package handlers

import (
	"context"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// statusOf maps an error to the HTTP status it means. This is the one place where model
// errors become status codes.
func statusOf(err error) int {
	var he *echo.HTTPError
	switch {
	case errors.Is(err, models.ErrNotFound):
		return http.StatusNotFound
	case errors.As(err, &he):
		return he.Code
	}
	return http.StatusInternalServerError
}

// handleError answers every failed request with the portal's own error page. Server
// errors are logged with their cause; the visitor sees no detail.
func (h *Handler) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status := statusOf(err)
	if status >= 500 {
		if errors.Is(err, context.Canceled) {
			return // the visitor went away; nothing to answer
		}
		h.log.Error("request failed", "method", c.Request().Method, "path", c.Request().URL.Path, "status", status, "err", err)
	}
	if rerr := h.render(c, status, views.ErrorPage(status)); rerr != nil {
		h.log.Error("error page failed", "err", rerr)
		_ = c.String(status, http.StatusText(status))
	}
}

// notFound is what an unknown id or a hidden record answers.
var notFound = echo.ErrNotFound

// badRequest is what malformed input in a URL answers.
func badRequest(err error) error {
	return echo.NewHTTPError(http.StatusBadRequest).SetInternal(err)
}
