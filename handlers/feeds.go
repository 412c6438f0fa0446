package handlers

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// The Atom feeds: newly published agreements and events, in the visitor's language, with
// absolute addresses from the configured base URL.

// agreementsFeed serves the feed of the most recently published agreements.
func (h *Handler) agreementsFeed(c echo.Context) error {
	items, err := h.store.RecentlyPublished(c.Request().Context(), views.FeedLength)
	if err != nil {
		return err
	}
	body, err := views.AgreementsFeed(items, h.cfg.BaseURL, currentLocale(c), h.store.Today())
	if err != nil {
		return err
	}
	return sendFeed(c, body)
}

// eventsFeed serves the feed of events, the newest first.
func (h *Handler) eventsFeed(c echo.Context) error {
	events, err := h.store.Events(c.Request().Context(), views.FeedLength)
	if err != nil {
		return err
	}
	body, err := views.EventsFeed(events, h.cfg.BaseURL, currentLocale(c), h.store.Today())
	if err != nil {
		return err
	}
	return sendFeed(c, body)
}

func sendFeed(c echo.Context, body []byte) error {
	// A feed's language follows the cookie and Accept-Language, as a page's does.
	return sendMachineText(c, views.AtomContentType, body, "Cookie, Accept-Language, Accept-Encoding")
}

// sendMachineText writes a text file for machines (a feed, the sitemap, robots.txt).
func sendMachineText(c echo.Context, contentType string, body []byte, vary string) error {
	return sendMachineFile(c, contentType, body, vary, true)
}

// sendMachineFile writes a file made for machines with a strong ETag of its content, so
// that a reader polling it gets a 304 while nothing changed, gzipped when compress allows
// and the client takes that. A file the page cache is taking goes to it plain, as a page
// does (sendHTML): the cache compresses it once for every later reader.
func sendMachineFile(c echo.Context, contentType string, body []byte, vary string, compress bool) error {
	h := c.Response().Header()
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	h.Set("ETag", etag)
	h.Set("Cache-Control", "no-cache")
	h.Set("Vary", vary)
	if etagMatches(c.Request().Header.Get("If-None-Match"), etag) {
		return c.NoContent(http.StatusNotModified)
	}
	buffered, caching := c.Response().Writer.(*bufferedResponse)
	if caching && buffered.buf.Len() == 0 {
		// The page cache takes the file as it is, not a copy of it (the register's JSON is
		// 5 MB): nothing else holds the body, and the cache clones what it keeps plain.
		buffered.buf = *bytes.NewBuffer(body)
		err := c.Blob(http.StatusOK, contentType, nil)
		c.Response().Size = int64(len(body))
		return err
	}
	if compress && !caching && acceptsGzip(c.Request()) {
		h.Set("Content-Encoding", "gzip")
		body = gzipped(body)
	}
	return c.Blob(http.StatusOK, contentType, body)
}
