package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// showActivity serves an activity's page with its reports, for officials and the delegate
// of its region (the models refuse anyone else with a 404).
func (h *Handler) showActivity(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	act, a, err := h.store.ActivityFor(ctx, actor(c), id)
	if err != nil {
		return err
	}
	reports, err := h.store.ReportsOf(ctx, actor(c), &act)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.ActivityView(views.ActivityPage{Activity: act, Agreement: a, Reports: reports}))
}
