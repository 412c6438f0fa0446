package handlers

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// errorTable is the one place where errors become HTTP statuses and what a page says of
// them: every typed error of the models (and the forms' malformed requests), the status it
// answers with, and the catalog key of the alert a page shows when the action was refused
// on a page the user can go on from. The first entry that matches wins, so a specific
// error stands before the one it wraps. An error without an alert, or one missing from the
// table, is answered with the error page of its status (500 for anything unknown).
var errorTable = []struct {
	is     func(error) bool
	status int
	alert  string
}{
	{is(models.ErrUnavailable), http.StatusServiceUnavailable, ""},
	{is(errDocumentGone), http.StatusConflict, "officeevent.document_gone"},
	{is(models.ErrNotFound), http.StatusNotFound, ""},
	{is(models.ErrForbidden), http.StatusForbidden, ""},
	{is(form.ErrMalformed), http.StatusBadRequest, ""},
	{is(form.ErrNotUnderstood), http.StatusUnprocessableEntity, "alert.not_understood"},
	{is(models.ErrUnitMismatch), http.StatusUnprocessableEntity, "report.alert_unit_mismatch"},
	{as[*models.ValidationError], http.StatusUnprocessableEntity, "form.has_errors"},
	{is(models.ErrInvalidCredentials), http.StatusUnauthorized, "login.failed"},
	{is(models.ErrTooManyChecks), http.StatusTooManyRequests, "verify.throttled"},
	{as[*models.ThrottledError], http.StatusTooManyRequests, "login.throttled"},
	{is(models.ErrNotInReview), http.StatusConflict, "alert.not_in_review"},
	{is(models.ErrInvalidTransition), http.StatusConflict, "alert.invalid_transition"},
	{is(models.ErrStaleVersion), http.StatusConflict, "alert.stale_version"},
	{is(models.ErrAlreadyDecided), http.StatusConflict, "alert.already_answered"},
	{is(errChangedForm), http.StatusConflict, "alert.changed_form"},
	{is(models.ErrChanged), http.StatusConflict, "alert.changed"},
	{is(errActivityReported), http.StatusConflict, "plan.alert_has_reports"},
	{is(models.ErrReportDecided), http.StatusConflict, "report.alert_decided"},
	{is(models.ErrNotReportable), http.StatusConflict, "plan.alert_not_reportable"},
	{is(models.ErrInUse), http.StatusConflict, "alert.event_in_use"},
	{is(models.ErrTooLarge), http.StatusRequestEntityTooLarge, ""},
	{as[*echo.HTTPError], 0, ""}, // the web layer's own: their code
}

func is(target error) func(error) bool { return func(err error) bool { return errors.Is(err, target) } }

func as[T error](err error) bool {
	var target T
	return errors.As(err, &target)
}

// problem is how the portal answers an error: the status, and, for a refusal a page shows,
// the alert and the errors by field.
type problem struct {
	status int
	alert  views.Alert
	fields form.Errors
}

// shown reports whether a page shows the problem (and the user goes on from there), rather
// than the error page.
func (p problem) shown() bool { return p.alert.Key != "" }

// problemOf looks an error up in the table.
func problemOf(err error) problem {
	for _, row := range errorTable {
		if !row.is(err) {
			continue
		}
		p := problem{status: row.status, alert: views.Alert{Key: row.alert}}
		var he *echo.HTTPError
		if errors.As(err, &he) {
			p.status = he.Code
		}
		var throttled *models.ThrottledError
		if errors.As(err, &throttled) {
			p.alert.Args = []any{int(math.Ceil(throttled.RetryAfter.Minutes()))}
		}
		p.fields, _ = form.ErrorsOf(err)
		return p
	}
	return problem{status: http.StatusInternalServerError}
}

// refusal is the problem a page shows for a refused action; any other error comes back,
// for the error page. A throttled request also says when to try again.
func refusal(c echo.Context, err error) (problem, error) {
	p := problemOf(err)
	if !p.shown() {
		return p, err
	}
	var throttled *models.ThrottledError
	if errors.As(err, &throttled) {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(throttled.RetryAfter.Seconds()))))
	}
	return p, nil
}

// handleError answers every failed request with the portal's own error page. Server
// errors are logged with their cause; the visitor sees no detail.
func (h *Handler) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status := problemOf(err).status
	switch {
	case status == http.StatusServiceUnavailable:
		// A cause outside the portal (a full disk, say): said once a minute, not once per
		// request of a storm; the user is asked to try again shortly.
		c.Response().Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds))
		h.logUnavailable(err)
	case status >= 500:
		if errors.Is(err, context.Canceled) {
			return // the visitor went away; nothing to answer
		}
		h.log.Error("request failed", "method", c.Request().Method, "path", loggedPath(c, c.Request().URL.Path), "status", status, "err", err)
	}
	detail := ""
	if status == http.StatusRequestEntityTooLarge {
		detail = currentLocale(c).T("error.413.limit", h.cfg.MaxUpload>>20)
	}
	if rerr := h.render(c, status, views.ErrorPage(status, detail)); rerr != nil {
		h.log.Error("error page failed", "err", rerr)
		_ = c.String(status, http.StatusText(status))
	}
}

// retryAfterSeconds is when a user is asked to try a write again after a 503.
const retryAfterSeconds = 30

// logUnavailable logs that the database cannot save, with its cause, at most once a
// minute.
func (h *Handler) logUnavailable(err error) {
	now := time.Now().UnixNano()
	last := h.unavailableLogged.Load()
	if now-last < int64(time.Minute) || !h.unavailableLogged.CompareAndSwap(last, now) {
		return
	}
	cause := ""
	var u *models.UnavailableError
	if errors.As(err, &u) {
		cause = u.Cause
	}
	h.log.Error("the database cannot save; users are told to try again (logged once a minute)", "cause", cause, "err", err)
}

// notFound is what an unknown path parameter answers: it names no record.
var notFound = echo.ErrNotFound

// errTooLarge answers a body over the limit, before anything reads it.
var errTooLarge = echo.NewHTTPError(http.StatusRequestEntityTooLarge)

// badRequest is a request body the portal cannot read at all.
func badRequest(err error) error {
	return echo.NewHTTPError(http.StatusBadRequest).SetInternal(err)
}
