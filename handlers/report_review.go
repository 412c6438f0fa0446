package handlers

import (
	"github.com/labstack/echo/v4"

	"derap/views"
	"derap/views/form"
)

// acceptReport accepts a report waiting for review: from now on it counts in its
// activity's progress and, once its agreement is published, in the public figures.
func (h *Handler) acceptReport(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := h.store.AcceptReport(c.Request().Context(), actor(c), id, seen(c)); err != nil {
		return h.reportRefused(c, id, err, form.Review{})
	}
	h.log.Info("report accepted", "report", id, "by", currentUser(c).ID)
	return h.redirectDone(c, views.ReportURL(id), "flash.report_accepted")
}

// returnReport sends a report back to its reporter with a note saying what to correct.
func (h *Handler) returnReport(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	review := form.Review{Note: c.FormValue(form.FieldReviewNote)}
	err = review.Validate()
	if err == nil {
		err = h.store.ReturnReport(c.Request().Context(), actor(c), id, seen(c), review.Note)
	}
	if err != nil {
		return h.reportRefused(c, id, err, review)
	}
	h.log.Info("report returned", "report", id, "by", currentUser(c).ID)
	return h.redirectDone(c, views.ReportURL(id), "flash.report_returned")
}
