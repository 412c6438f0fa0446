package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
	"derap/views/form"
)

// reportPage gathers a report's page as the actor may see it: the models decide who reads
// it (officials, the delegate of its region, anyone once accepted and published).
func (h *Handler) reportPage(c echo.Context, id uint) (views.ReportPage, error) {
	ctx := c.Request().Context()
	who := actor(c)
	r, act, err := h.store.ReportFor(ctx, who, id)
	if err != nil {
		return views.ReportPage{}, err
	}
	a, err := h.store.AgreementFor(ctx, who, act.AgreementID)
	if err != nil {
		return views.ReportPage{}, err
	}
	ev, err := h.reportEvidence(c, &r)
	if err != nil {
		return views.ReportPage{}, err
	}
	return views.ReportPage{
		Report: r, Activity: act, Agreement: a.Agreement, Staff: who.IsStaff(), Evidence: ev,
		Reporter: who.IsStaff() || (who.DelegateRegion() != "" && who.DelegateRegion() == act.RegionCode),
	}, nil
}

// showReport serves a realisation report's page: its details, state and review note, and
// for officials while it waits the forms to accept or return it.
func (h *Handler) showReport(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	page, err := h.reportPage(c, id)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.ReportView(page))
}

// reportRefused shows a report's page after a refused review, with the alert, the
// errors by field and (keep) the return form as submitted.
func (h *Handler) reportRefused(c echo.Context, id uint, err error, review form.Review) error {
	return renderRefusal(h, c, err, func() (views.ReportPage, error) { return h.reportPage(c, id) },
		func(p *views.ReportPage, refused problem) {
			p.Alert, p.Errors, p.Review = refused.alert, refused.fields, review
		}, views.ReportView)
}
