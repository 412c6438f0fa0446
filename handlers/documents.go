package handlers

import (
	"errors"
	"fmt"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// serveDocument sends a document's file to whoever may read its owner: with its type, a
// safe file name, no sniffing, and a strong ETag from its SHA-256.
func (h *Handler) serveDocument(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	d, f, err := h.store.DocumentFor(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	hdr := c.Response().Header()
	etag := `"` + d.SHA256 + `"`
	hdr.Set("ETag", etag)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.FileName}))
	if currentUser(c) != nil {
		hdr.Set("Cache-Control", "private, no-store")
	} else {
		// Any cache asks again each time (a 304 while nothing changed): once the record
		// is unpublished, nobody gets the file from a cache.
		hdr.Set("Cache-Control", "no-cache")
	}
	if etagMatches(c.Request().Header.Get("If-None-Match"), etag) {
		return c.NoContent(http.StatusNotModified)
	}
	hdr.Set("Content-Length", fmt.Sprint(d.Size))
	return c.Stream(http.StatusOK, d.ContentType, f)
}

// upload attaches the posted file to a record, and returns the upload form as submitted
// with the error that refused it, if any.
func (h *Handler) upload(c echo.Context, owner models.OwnerType, ownerID uint) (form.Upload, error) {
	f := form.Upload{Title: c.FormValue(form.FieldDocumentTitle)}
	fh, err := c.FormFile(form.FieldFile)
	if err != nil && !errors.Is(err, http.ErrMissingFile) {
		return f, badRequest(err)
	}
	f.HasFile = fh != nil
	if err := f.Validate(); err != nil {
		return f, err
	}
	file, err := fh.Open()
	if err != nil {
		return f, err
	}
	defer file.Close()
	d, err := h.store.AddDocument(c.Request().Context(), actor(c), owner, ownerID, f.Title, fh.Filename, file, h.cfg.MaxUpload)
	if err != nil {
		return f, err
	}
	h.log.Info("document added", "owner", owner, "id", ownerID, "document", d.ID, "sha256", d.SHA256, "by", currentUser(c).ID)
	return f, nil
}

// uploadAgreementDocument attaches a signed scan to an agreement.
func (h *Handler) uploadAgreementDocument(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	f, err := h.upload(c, models.OwnerAgreement, id)
	if err != nil {
		return h.officeAgreementRefused(c, id, err, func(p *views.OfficeAgreementPage) {
			p.Upload, p.Errors = views.UploadState{Form: f, Errors: p.Errors}, nil
		})
	}
	return h.redirectDone(c, views.OfficeAgreementURL(id), "flash.document_added")
}

// uploadEventDocument attaches a programme or a photo to an event. The event's page posts
// its whole form with the file (the upload's fields and button belong to the event form):
// the form comes back as posted, saved or not, so attaching a file never loses an edit. A
// post of the file alone returns to the event's page.
func (h *Handler) uploadEventDocument(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	kept, posted, err := postedEventForm(c)
	if err != nil {
		return err
	}
	f, err := h.upload(c, models.OwnerEvent, id)
	keepUpload := func(p *views.EventFormPage) { p.Upload, p.Errors = views.UploadState{Form: f, Errors: p.Errors}, nil }
	switch {
	case posted:
		return h.eventFormAfterDocument(c, id, kept, err, "officeevent.document_added", keepUpload)
	case err != nil:
		return h.storedEventRefused(c, id, err, keepUpload)
	}
	return h.redirectDone(c, views.OfficeEventURL(id), "flash.document_added")
}

// removeEventDocument detaches one of an event's documents, posted by a remove button of
// the event form: the form comes back as posted, its unsaved input kept. A document that
// is gone already (another official removed it) is said so on the form.
func (h *Handler) removeEventDocument(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	document, err := uintParam(c, "document")
	if err != nil {
		return err
	}
	kept, posted, err := postedEventForm(c)
	if err != nil {
		return err
	}
	_, err = h.store.RemoveDocumentOf(c.Request().Context(), actor(c), models.OwnerEvent, id, document)
	switch {
	case err == nil:
		h.log.Info("document removed", "document", document, "by", currentUser(c).ID)
	case errors.Is(err, models.ErrNotFound):
		err = errDocumentGone // or the event is: then its form is not found either
	}
	if !posted {
		if err != nil {
			return err
		}
		return h.redirectDone(c, views.OfficeEventURL(id), "flash.document_removed")
	}
	return h.eventFormAfterDocument(c, id, kept, err, "officeevent.document_removed", nil)
}

// errDocumentGone is a removal of a document that its record no longer has.
var errDocumentGone = fmt.Errorf("handlers: the document is not attached: %w", models.ErrNotFound)

// postedEventForm reads the event form posted around a document action, or reports that
// the post carried none (the form always posts its start date, a required field).
func postedEventForm(c echo.Context) (form.Event, bool, error) {
	values, err := formValues(c)
	if err != nil || !values.Has(form.FieldStartDate) {
		return form.Event{}, false, err
	}
	f, err := form.ParseEvent(values)
	if err != nil {
		return form.Event{}, false, err
	}
	return f, true, nil
}

// eventFormAfterDocument shows the event form as it was posted around a document action,
// unsaved input kept, with what the action did (notice) or why it was refused (err; keep
// puts the refused input back on the page).
func (h *Handler) eventFormAfterDocument(c echo.Context, id uint, kept form.Event, err error, notice string, keep func(p *views.EventFormPage)) error {
	gather := func() (views.EventFormPage, error) { return h.eventFormPage(c, id, kept) }
	if err != nil {
		return renderRefusal(h, c, err, gather, func(p *views.EventFormPage, refused problem) {
			p.Alert, p.Errors = refused.alert, refused.fields
			if keep != nil {
				keep(p)
			}
		}, views.EventFormView)
	}
	page, err := gather()
	if err != nil {
		return err
	}
	page.Notice = notice
	return h.render(c, http.StatusOK, views.EventFormView(page))
}

// removeDocument detaches a document and returns to its owner's page.
func (h *Handler) removeDocument(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	d, err := h.store.RemoveDocument(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	h.log.Info("document removed", "document", id, "by", currentUser(c).ID)
	back := views.OfficeAgreementURL(d.OwnerID)
	if d.OwnerType == models.OwnerEvent {
		back = views.OfficeEventURL(d.OwnerID)
	}
	return h.redirectDone(c, back, "flash.document_removed")
}
