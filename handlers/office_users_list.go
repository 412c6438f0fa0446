package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// usersPage gathers the administrators' list of accounts around an invitation form.
func (h *Handler) usersPage(c echo.Context, f form.Invite) (views.UsersPage, error) {
	ctx := c.Request().Context()
	users, err := h.store.Users(ctx, actor(c))
	if err != nil {
		return views.UsersPage{}, err
	}
	sessions, err := h.store.ActiveSessions(ctx, actor(c), h.cfg.SessionIdle)
	if err != nil {
		return views.UsersPage{}, err
	}
	regions, err := h.store.RegionDirectory(ctx, models.RegionFilter{})
	if err != nil {
		return views.UsersPage{}, err
	}
	return views.UsersPage{Users: users, Sessions: sessions, Form: f, Regions: regions}, nil
}

// listUsers serves the administrators' list of accounts.
func (h *Handler) listUsers(c echo.Context) error {
	page, err := h.usersPage(c, form.NewInvite())
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.UsersView(page))
}
