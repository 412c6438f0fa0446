package handlers

import (
	"errors"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// A realisation report's evidence documents (delivery notes, minutes, attendance lists,
// photos), through the content-checked uploads every record uses (documents.go). The
// models decide who attaches and removes them: staff any time, the delegate of the
// report's region while the report is submitted or returned; and who reads them: staff,
// that delegate, and everyone once the report is accepted and its agreement published.

// reportEvidence is what a report's page shows of its evidence to the actor: the
// documents, and whether they may attach and remove (the models check again on each
// post). The report is as ReportFor returned it to the same actor.
func (h *Handler) reportEvidence(c echo.Context, r *models.ActivityReport) (views.ReportEvidence, error) {
	docs, err := h.store.Documents(c.Request().Context(), models.OwnerReport, r.ID)
	if err != nil {
		return views.ReportEvidence{}, err
	}
	who := actor(c)
	accepted := r.State == models.ReportAccepted
	mayChange := who.IsStaff() || (!accepted && who.DelegateRegion() != "" && who.DelegateRegion() == r.RegionCode)
	return views.ReportEvidence{ReportID: r.ID, Documents: docs, MayChange: mayChange, Accepted: accepted}, nil
}

// uploadReportDocument attaches an evidence document to a report and returns to its page;
// a refused upload shows the report's evidence again with the form as submitted and why.
func (h *Handler) uploadReportDocument(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	f, err := h.upload(c, models.OwnerReport, id)
	if err != nil {
		return h.reportDocumentsRefused(c, id, err, f)
	}
	return h.redirectDone(c, views.ReportURL(id), "flash.report_document_added")
}

// removeReportDocument detaches one of a report's evidence documents and returns to its
// page; a document the report no longer has (removed by someone else) says so.
func (h *Handler) removeReportDocument(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	document, err := uintParam(c, "document")
	if err != nil {
		return err
	}
	_, err = h.store.RemoveDocumentOf(c.Request().Context(), actor(c), models.OwnerReport, id, document)
	if errors.Is(err, models.ErrNotFound) {
		// The report itself may be gone from the actor's sight: then its page is not found.
		if _, _, rerr := h.store.ReportFor(c.Request().Context(), actor(c), id); rerr != nil {
			return rerr
		}
		return h.reportDocumentsRefused(c, id, errDocumentGone, form.Upload{})
	}
	if err != nil {
		return err
	}
	h.log.Info("document removed", "report", id, "document", document, "by", currentUser(c).ID)
	return h.redirectDone(c, views.ReportURL(id), "flash.report_document_removed")
}

// reportDocumentsRefused shows a report's evidence after a refused upload or removal, with
// the alert, the upload form as submitted and its errors. A refusal no page shows (a 403,
// a 404, a body too large) goes to the error page.
func (h *Handler) reportDocumentsRefused(c echo.Context, id uint, err error, f form.Upload) error {
	return renderRefusal(h, c, err, func() (views.ReportPage, error) {
		return h.reportPage(c, id)
	}, func(p *views.ReportPage, refused problem) {
		p.Alert = refused.alert
		p.Evidence.Upload = views.UploadState{Form: f, Errors: refused.fields}
	}, views.ReportView)
}
