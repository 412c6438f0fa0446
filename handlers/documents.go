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
	f := form.Upload{Title: c.FormValue(form.FieldTitle)}
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

// uploadEventDocument attaches a programme or a photo to an event.
func (h *Handler) uploadEventDocument(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	f, err := h.upload(c, models.OwnerEvent, id)
	if err != nil {
		return h.storedEventRefused(c, id, err, func(p *views.EventFormPage) {
			p.Upload, p.Errors = views.UploadState{Form: f, Errors: p.Errors}, nil
		})
	}
	return h.redirectDone(c, views.OfficeEventURL(id), "flash.document_added")
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
