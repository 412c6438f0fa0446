package handlers

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views/form"
)

// A file to verify is hashed as it arrives and never kept: its multipart body is not
// parsed before the handler runs (limitBody lets it through under its size limit, where
// an official's upload is parsed and spooled), and the handler reads it part by part. The
// CSRF token is the body's first part, as the form puts it first; csrfGuard reads it from
// there (streamedCSRF) and leaves the rest for the handler.

// verifyPath is the route of the verification page.
const verifyPath = "/verify"

// streamedUploads are the routes whose multipart body is read as it arrives.
var streamedUploads = map[string]bool{verifyPath: true}

// ctxMultipart holds a streamed body's reader once its first part has been read.
const ctxMultipart = "derap.multipart"

// isMultipart reports whether a request's body is multipart.
func isMultipart(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/")
}

// streamedCSRF reads the CSRF token from the first part of a streamed multipart body and
// keeps the reader for the handler; "" when the first part is anything else.
func streamedCSRF(c echo.Context) string {
	mr, err := c.Request().MultipartReader()
	if err != nil {
		return ""
	}
	c.Set(ctxMultipart, mr)
	part, err := mr.NextPart()
	if err != nil {
		return ""
	}
	defer part.Close()
	if part.FormName() != form.FieldCSRF || part.FileName() != "" {
		return ""
	}
	limit := int64(form.MaxLength(form.FieldCSRF))
	token, err := io.ReadAll(io.LimitReader(part, limit+1))
	if err != nil || int64(len(token)) > limit {
		return ""
	}
	return string(token)
}

// errVerifyTooLarge is a file to verify over the upload limit: said by the file field, with
// 413.
var errVerifyTooLarge = models.Invalid(form.FieldFile, "verify.file_too_large")

// hashUpload reads the file of a streamed verification upload and returns its name and
// SHA-256, hashing it as it arrives: memory holds one buffer of it at a time, and nothing
// is written anywhere. count is called once a file is there, before its content is read
// (the check is counted before anything costs); its error is returned as it is. No file is
// a message by the field, and so is a file over the upload limit.
func (h *Handler) hashUpload(c echo.Context, count func() error) (name, sum string, err error) {
	mr, _ := c.Get(ctxMultipart).(*multipart.Reader)
	if mr == nil { // the token came in a header
		if mr, err = c.Request().MultipartReader(); err != nil {
			return "", "", badRequest(err)
		}
	}
	for {
		part, err := mr.NextPart()
		switch {
		case errors.Is(err, io.EOF):
			return "", "", models.Invalid(form.FieldFile, "verify.file_required")
		case err != nil:
			return "", "", uploadReadError(err)
		}
		if part.FormName() != form.FieldFile {
			continue // NextPart skips what is left of it
		}
		if part.FileName() == "" {
			return "", "", models.Invalid(form.FieldFile, "verify.file_required")
		}
		name = shortName(part.FileName())
		if err := count(); err != nil {
			return name, "", err
		}
		hash := sha256.New()
		n, err := io.Copy(hash, io.LimitReader(part, h.cfg.MaxUpload+1))
		if err != nil {
			return name, "", uploadReadError(err)
		}
		if n > h.cfg.MaxUpload {
			return name, "", errVerifyTooLarge
		}
		return name, hex.EncodeToString(hash.Sum(nil)), nil
	}
}

// uploadReadError is a streamed body that could not be read: over the body's limit, a file
// too large; anything else, a request the portal cannot read.
func uploadReadError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return errVerifyTooLarge
	}
	return badRequest(err)
}

// shortName is a file name as a browser sent it, cut to a length a page shows.
func shortName(name string) string {
	if r := []rune(name); len(r) > 200 {
		return string(r[:200]) + "…"
	}
	return name
}
