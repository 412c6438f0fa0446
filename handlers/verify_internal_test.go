package handlers

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"derap/models"
)

// Too many verification checks is a 429 with its own message, the minutes to wait as its
// argument, not the sign-in's.
func TestVerifyThrottleProblem(t *testing.T) {
	err := fmt.Errorf("models: count verification: %w", fmt.Errorf("%w: %w", models.ErrTooManyChecks, &models.ThrottledError{RetryAfter: 61 * time.Second}))
	p := problemOf(err)
	if p.status != http.StatusTooManyRequests || p.alert.Key != "verify.throttled" || len(p.alert.Args) != 1 || p.alert.Args[0] != 2 {
		t.Errorf("%d %q %v", p.status, p.alert.Key, p.alert.Args)
	}
	if p := problemOf(&models.ThrottledError{RetryAfter: time.Minute}); p.alert.Key != "login.throttled" {
		t.Errorf("a sign-in throttle became %q", p.alert.Key)
	}
	if errVerifyTooLarge.For("file") != "verify.file_too_large" {
		t.Error("the too-large error lost its field")
	}
}
