package handlers

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// reportFormPage gathers a report's form around its input f: the activity and agreement
// reported on, and the regions its region fields suggest.
func (h *Handler) reportFormPage(c echo.Context, act models.Activity, a models.Agreement, id uint, f form.Report, reviewNote string) (views.ReportFormPage, error) {
	regions, err := h.store.Regions(c.Request().Context())
	if err != nil {
		return views.ReportFormPage{}, err
	}
	return views.ReportFormPage{Activity: act, Agreement: a, ID: id, Form: f, ReviewNote: reviewNote, Regions: regions}, nil
}

// reportable refuses the form of a report on an activity that takes none, by the models'
// rule (Activity.TakesReports).
func reportable(act models.Activity, a models.Agreement) error {
	if !act.TakesReports(&a) {
		return models.ErrNotReportable
	}
	return nil
}

// newReport serves the form of a new report on an activity, for officials and the
// delegate of the activity's region.
func (h *Handler) newReport(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	act, a, err := h.store.ActivityFor(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	if err := reportable(act, a); err != nil {
		return err
	}
	page, err := h.reportFormPage(c, act, a, 0, form.NewReport(act, models.RegionLabel(act.Region), decimalComma(c)), "")
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.ReportFormView(page))
}

// createReport handles the form of a new report: a row change shows it again; a submit
// stores the report, waiting for review, or shows the errors by their fields.
func (h *Handler) createReport(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	act, a, err := h.store.ActivityFor(ctx, actor(c), id)
	if err != nil {
		return err
	}
	return postRowForm(h, c, func(v url.Values) (form.Report, error) { return form.ParseReport(v, decimalComma(c)) },
		func(f form.Report) (views.ReportFormPage, error) { return h.reportFormPage(c, act, a, 0, f, "") },
		func(p *views.ReportFormPage, refused problem) { p.Alert, p.Errors = refused.alert, refused.fields },
		views.ReportFormView,
		func(in models.ReportInput) (uint, error) { return h.store.SubmitReport(ctx, actor(c), act.ID, 0, in) },
		func() (form.Report, error) { return form.Report{}, models.ErrNotFound }, // a new report has no stored copy
		views.ReportURL, "flash.report_submitted")
}

// correctable reads a report its reporter may correct, with its activity and agreement:
// one not accepted yet, on an activity the actor reports on.
func (h *Handler) correctable(c echo.Context, id uint) (models.ActivityReport, models.Activity, models.Agreement, error) {
	ctx := c.Request().Context()
	r, act, err := h.store.ReportFor(ctx, actor(c), id)
	if err != nil {
		return r, act, models.Agreement{}, err
	}
	act, a, err := h.store.ActivityFor(ctx, actor(c), act.ID)
	if err != nil {
		return r, act, a, err
	}
	if r.State == models.ReportAccepted {
		return r, act, a, models.ErrReportDecided
	}
	return r, act, a, reportable(act, a)
}

// regionLabels labels region codes as the report form's region fields hold them.
func (h *Handler) regionLabels(c echo.Context) (func(string) string, error) {
	regions, err := h.store.Regions(c.Request().Context())
	if err != nil {
		return nil, err
	}
	labels := make(map[string]string, len(regions))
	for _, r := range regions {
		labels[r.Code] = models.RegionLabel(r)
	}
	return func(code string) string {
		if l, ok := labels[code]; ok {
			return l
		}
		return code
	}, nil
}

// storedReportForm is the form of a stored report, as its corrector first sees it.
func (h *Handler) storedReportForm(c echo.Context, r models.ActivityReport) (form.Report, error) {
	label, err := h.regionLabels(c)
	if err != nil {
		return form.Report{}, err
	}
	return form.ReportOf(r, label, decimalComma(c)), nil
}

// editReport serves the form of a returned report, to correct it and submit it again.
func (h *Handler) editReport(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	r, act, a, err := h.correctable(c, id)
	if err != nil {
		return err
	}
	f, err := h.storedReportForm(c, r)
	if err != nil {
		return err
	}
	page, err := h.reportFormPage(c, act, a, id, f, r.ReviewNote)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.ReportFormView(page))
}

// resubmitReport handles the form of a corrected report: it is submitted again and waits
// for review; a save on a report changed since the form was loaded shows the differences.
func (h *Handler) resubmitReport(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	r, act, a, err := h.correctable(c, id)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	return postRowForm(h, c, func(v url.Values) (form.Report, error) { return form.ParseReport(v, decimalComma(c)) },
		func(f form.Report) (views.ReportFormPage, error) {
			return h.reportFormPage(c, act, a, id, f, r.ReviewNote)
		},
		func(p *views.ReportFormPage, refused problem) { p.Alert, p.Errors = refused.alert, refused.fields },
		views.ReportFormView,
		func(in models.ReportInput) (uint, error) { return h.store.SubmitReport(ctx, actor(c), act.ID, id, in) },
		func() (form.Report, error) {
			stored, _, err := h.store.ReportFor(ctx, actor(c), id)
			if err != nil {
				return form.Report{}, err
			}
			return h.storedReportForm(c, stored)
		},
		views.ReportURL, "flash.report_resubmitted")
}
