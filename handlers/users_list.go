package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// usersPage gathers the administrators' list of accounts around an invitation form.
func (h *Handler) usersPage(c echo.Context, form views.InviteForm, errs views.FormErrors) (views.UsersPage, error) {
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
	return views.UsersPage{Users: users, Sessions: sessions, Form: form, Errors: errs, Regions: regions}, nil
}

// listUsers serves the administrators' list of accounts.
func (h *Handler) listUsers(c echo.Context) error {
	page, err := h.usersPage(c, views.InviteForm{Role: string(models.RoleDelegate)}, nil)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.UsersView(page))
}
