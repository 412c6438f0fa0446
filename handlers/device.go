package handlers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"derap/models"
)

// A known device is a browser that has signed in to an account before: it carries a
// cookie with an HMAC of the account's email. Its sign-ins do not count against the
// account-wide ceiling of failures, so strangers guessing from many addresses cannot lock
// the owner out of the browser they use (models.SignIn).

// deviceCookieAge is how long a browser stays known after its last sign-in.
const deviceCookieAge = 180 * 24 * time.Hour

func (h *Handler) deviceCookie() string {
	if h.cfg.Secure() {
		return "__Host-derap_device"
	}
	return "derap_device"
}

// deviceMark is the cookie's value for an account.
func (h *Handler) deviceMark(email string) string {
	mac := hmac.New(sha256.New, h.deviceKey)
	mac.Write([]byte(models.NormalizeEmail(email)))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// knownDevice says the browser signed in to the account of email before.
func (h *Handler) knownDevice(c echo.Context, email string) bool {
	ck, err := c.Cookie(h.deviceCookie())
	return err == nil && hmac.Equal([]byte(ck.Value), []byte(h.deviceMark(email)))
}

// rememberDevice marks the browser as known to the account it signed in to.
func (h *Handler) rememberDevice(c echo.Context, email string) {
	c.SetCookie(&http.Cookie{
		Name: h.deviceCookie(), Value: h.deviceMark(email), Path: "/", MaxAge: int(deviceCookieAge.Seconds()),
		HttpOnly: true, Secure: h.cfg.Secure(), SameSite: http.SameSiteLaxMode,
	})
}
