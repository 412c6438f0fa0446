package handlers

import (
	"crypto/ed25519"
	"encoding/base64"
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// The audit chain's published checkpoints: a page, JSON and an Atom feed, public to all.
// Each checkpoint is read from the database; the public key shown is this server's, from
// its data dir (handlers.Config.AuditPublicKey).

// Checkpoints per page of the list, and per page of the JSON.
const (
	checkpointsPerPage     = 30
	checkpointsJSONPerPage = 1000
)

// checkpointKey is the public key the portal signs checkpoints with, as views show it.
func (h *Handler) checkpointKey() views.CheckpointKey {
	if len(h.cfg.AuditPublicKey) != ed25519.PublicKeySize {
		return views.CheckpointKey{}
	}
	return views.CheckpointKey{
		PublicKey: base64.StdEncoding.EncodeToString(h.cfg.AuditPublicKey),
		KeyID:     models.CheckpointKeyID(h.cfg.AuditPublicKey),
	}
}

// checkpoints reads the page of checkpoints asked for; a page past the end is not found.
func (h *Handler) checkpoints(c echo.Context, perPage int) (models.CheckpointList, error) {
	page, err := pageParam(c)
	if err != nil {
		return models.CheckpointList{}, err
	}
	list, err := h.store.AuditCheckpoints(c.Request().Context(), page, perPage)
	if err != nil {
		return list, err
	}
	if page > list.Pages() {
		return list, notFound
	}
	return list, nil
}

// listCheckpoints serves the public page of checkpoints, the newest first.
func (h *Handler) listCheckpoints(c echo.Context) error {
	list, err := h.checkpoints(c, checkpointsPerPage)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.CheckpointsView(views.CheckpointsPage{Key: h.checkpointKey(), List: list}))
}

// checkpointsJSON serves the checkpoints as JSON, for any site's scripts.
func (h *Handler) checkpointsJSON(c echo.Context) error {
	openToAll(c)
	list, err := h.checkpoints(c, checkpointsJSONPerPage)
	if err != nil {
		return err
	}
	body, err := views.CheckpointsJSON(list, h.checkpointKey(), h.cfg.BaseURL)
	if err != nil {
		return err
	}
	return sendOpenData(c, mimeJSON, "", body)
}

// checkpointsFeed serves the Atom feed of the newest checkpoints.
func (h *Handler) checkpointsFeed(c echo.Context) error {
	list, err := h.store.AuditCheckpoints(c.Request().Context(), 1, views.FeedLength)
	if err != nil {
		return err
	}
	body, err := views.CheckpointsFeed(list.Items, h.checkpointKey(), h.cfg.BaseURL, currentLocale(c), h.store.Today())
	if err != nil {
		return err
	}
	return sendFeed(c, body)
}
