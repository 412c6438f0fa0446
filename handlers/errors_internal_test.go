package handlers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
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

// Whole-register files are built no more at once than the limit allows: the next waits
// for one to finish, and a request whose client gives up while waiting leaves the queue.
func TestWholeRegisterFilesWaitTheirTurn(t *testing.T) {
	h := &Handler{files: make(chan struct{}, 1)}
	e := echo.New()
	started, release := make(chan string, 3), make(chan struct{})
	slow := h.wholeRegister(func(c echo.Context) error {
		started <- c.Request().URL.Path
		<-release
		return nil
	})
	serve := func(ctx context.Context, path string) <-chan error {
		done := make(chan error, 1)
		go func() {
			req := httptest.NewRequest(http.MethodGet, path, nil).WithContext(ctx)
			done <- slow(e.NewContext(req, httptest.NewRecorder()))
		}()
		return done
	}
	first := serve(context.Background(), "/first")
	if got := <-started; got != "/first" {
		t.Fatalf("started %s", got)
	}
	second := serve(context.Background(), "/second")
	gone, cancel := context.WithCancel(context.Background())
	third := serve(gone, "/third")
	select {
	case got := <-started:
		t.Fatalf("%s started while /first was being built", got)
	case <-time.After(100 * time.Millisecond):
	}
	cancel()
	if err := <-third; !errors.Is(err, context.Canceled) {
		t.Fatalf("a request given up while waiting: %v", err)
	}
	release <- struct{}{}
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if got := <-started; got != "/second" {
		t.Fatalf("started %s after /first", got)
	}
	release <- struct{}{}
	if err := <-second; err != nil {
		t.Fatal(err)
	}
}
