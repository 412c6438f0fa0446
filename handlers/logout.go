package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// logout ends the session on the server and clears its cookie.
func (h *Handler) logout(c echo.Context) error {
	s := currentSession(c)
	s.Options.MaxAge = -1
	h.forgetVisitor(c)
	if err := s.Save(c.Request(), c.Response()); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/")
}
