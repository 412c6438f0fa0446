package handlers

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// statusOf maps an error to the HTTP status it means. This is the one place where model
// errors become status codes.
func statusOf(err error) int {
	var he *echo.HTTPError
	var throttled *models.ThrottledError
	var invalid *models.ValidationError
	switch {
	case errors.Is(err, models.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, models.ErrForbidden):
		return http.StatusForbidden
	case errors.As(err, &throttled):
		return http.StatusTooManyRequests
	case errors.As(err, &invalid):
		return http.StatusUnprocessableEntity
	case errors.Is(err, models.ErrInvalidTransition), errors.Is(err, models.ErrStaleVersion), errors.Is(err, models.ErrAlreadyDecided), errors.Is(err, models.ErrInUse):
		return http.StatusConflict
	case errors.Is(err, models.ErrTooLarge):
		return http.StatusRequestEntityTooLarge
	case errors.As(err, &he):
		return he.Code
	}
	return http.StatusInternalServerError
}

// setRetryAfter tells the client when a throttled request may be tried again.
func setRetryAfter(c echo.Context, err error) {
	var throttled *models.ThrottledError
	if errors.As(err, &throttled) {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(throttled.RetryAfter.Seconds()))))
	}
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
		h.log.Error("request failed", "method", c.Request().Method, "path", loggedPath(c, c.Request().URL.Path), "status", status, "err", err)
	}
	setRetryAfter(c, err)
	detail := ""
	if status == http.StatusRequestEntityTooLarge {
		detail = currentLocale(c).T("error.413.limit", h.cfg.MaxUpload>>20)
	}
	if rerr := h.render(c, status, views.ErrorPage(status, detail)); rerr != nil {
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

// formErrors turns a model's validation error into the errors a form shows by its fields;
// any other error is returned for the error page.
func formErrors(err error) (views.FormErrors, error) {
	var v *models.ValidationError
	if !errors.As(err, &v) {
		return nil, err
	}
	out := views.FormErrors{}
	for _, f := range v.Fields {
		if _, seen := out[f.Field]; !seen {
			out[f.Field] = f.Code
		}
	}
	return out, nil
}
