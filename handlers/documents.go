package handlers

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
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
	defer f.Close()
	hdr := c.Response().Header()
	etag := `"` + d.SHA256 + `"`
	hdr.Set("ETag", etag)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.FileName}))
	if currentUser(c) != nil {
		hdr.Set("Cache-Control", "private, no-store")
	} else {
		hdr.Set("Cache-Control", "public, max-age=3600")
	}
	if etagMatches(c.Request().Header.Get("If-None-Match"), etag) {
		return c.NoContent(http.StatusNotModified)
	}
	hdr.Set("Content-Length", fmt.Sprint(d.Size))
	return c.Stream(http.StatusOK, d.ContentType, f)
}

// upload reads the upload form: the file and its title.
func (h *Handler) upload(c echo.Context, owner models.OwnerType, ownerID uint) (models.Document, views.UploadState, error) {
	state := views.UploadState{Title: c.FormValue("title")}
	fh, err := c.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) {
		state.Errors = views.FormErrors{"file": "error.file_missing"}
		if state.Title == "" {
			state.Errors["title"] = "error.required"
		}
		return models.Document{}, state, nil
	}
	if err != nil {
		return models.Document{}, state, badRequest(err)
	}
	f, err := fh.Open()
	if err != nil {
		return models.Document{}, state, err
	}
	defer f.Close()
	d, err := h.store.AddDocument(c.Request().Context(), actor(c), owner, ownerID, state.Title, fh.Filename, io.Reader(f), h.cfg.MaxUpload)
	if err == nil {
		h.log.Info("document added", "owner", owner, "id", ownerID, "document", d.ID, "sha256", d.SHA256, "by", currentUser(c).ID)
		return d, state, nil
	}
	state.Errors, err = formErrors(err)
	return d, state, err
}

// uploadAgreementDocument attaches a signed scan to an agreement.
func (h *Handler) uploadAgreementDocument(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	_, state, err := h.upload(c, models.OwnerAgreement, id)
	if err != nil {
		return err
	}
	if len(state.Errors) > 0 {
		return h.workRefused(c, id, nil, func(p *views.WorkAgreementPage) { p.Upload = state })
	}
	return h.redirectDone(c, string(views.WorkURL(id)), "flash.document_added")
}

// uploadEventDocument attaches a programme or a photo to an event.
func (h *Handler) uploadEventDocument(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	_, state, err := h.upload(c, models.OwnerEvent, id)
	if err != nil {
		return err
	}
	if len(state.Errors) > 0 {
		page, err := h.eventFormPageOf(c, id)
		if err != nil {
			return err
		}
		page.Upload = state
		return h.render(c, http.StatusUnprocessableEntity, views.EventFormView(page))
	}
	return h.redirectDone(c, string(views.EventWorkURL(id)), "flash.document_added")
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
	back := views.WorkURL(d.OwnerID)
	if d.OwnerType == models.OwnerEvent {
		back = views.EventWorkURL(d.OwnerID)
	}
	return h.redirectDone(c, string(back), "flash.document_removed")
}
