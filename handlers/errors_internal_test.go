package handlers

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views/form"
	"derap/views/i18n"
)

// Every typed error, however deeply wrapped, maps to its status and alert through the one
// table; every alert is in the catalog; an error the table does not know is a 500.
func TestErrorTable(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("models: step 7: %w", err) }
	tests := []struct {
		err    error
		status int
		alert  string
	}{
		{models.ErrNotFound, http.StatusNotFound, ""},
		{models.ErrForbidden, http.StatusForbidden, ""},
		{fmt.Errorf("%w: page %q", form.ErrMalformed, "x"), http.StatusBadRequest, ""},
		{models.Invalid("title", "error.required"), http.StatusUnprocessableEntity, "form.has_errors"},
		{models.ErrInvalidCredentials, http.StatusUnauthorized, "login.failed"},
		{&models.ThrottledError{RetryAfter: 90 * time.Second}, http.StatusTooManyRequests, "login.throttled"},
		{models.ErrNotInReview, http.StatusConflict, "alert.not_in_review"},
		{models.ErrInvalidTransition, http.StatusConflict, "alert.invalid_transition"},
		{models.ErrStaleVersion, http.StatusConflict, "alert.stale_version"},
		{models.ErrAlreadyDecided, http.StatusConflict, "alert.already_answered"},
		{models.ErrInUse, http.StatusConflict, "alert.event_in_use"},
		{models.ErrTooLarge, http.StatusRequestEntityTooLarge, ""},
		{echo.ErrMethodNotAllowed, http.StatusMethodNotAllowed, ""},
		{errors.New("disk full"), http.StatusInternalServerError, ""},
	}
	for _, tt := range tests {
		p := problemOf(wrap(tt.err))
		if p.status != tt.status || p.alert.Key != tt.alert {
			t.Errorf("%v: %d %q, want %d %q", tt.err, p.status, p.alert.Key, tt.status, tt.alert)
		}
	}
	if p := problemOf(&models.ThrottledError{RetryAfter: 61 * time.Second}); len(p.alert.Args) != 1 || p.alert.Args[0] != 2 {
		t.Errorf("throttled alert arguments %v, want the minutes rounded up", p.alert.Args)
	}
	if p := problemOf(wrap(models.Invalid("title", "error.required"))); p.fields.For("title") != "error.required" {
		t.Errorf("field errors %v", p.fields)
	}
	for _, row := range errorTable {
		if row.alert != "" && !i18n.Has(row.alert) {
			t.Errorf("the catalog lacks the alert %q", row.alert)
		}
	}
}
