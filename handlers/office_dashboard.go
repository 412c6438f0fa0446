package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// showDashboard serves the officials' start page.
func (h *Handler) showDashboard(c echo.Context) error {
	today := h.store.Today()
	d, err := h.store.DashboardFor(c.Request().Context(), actor(c), today, 10)
	if err != nil {
		return err
	}
	monitoring, err := h.store.MonitoringQueueFor(c.Request().Context(), actor(c), 10)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.DashboardView(views.DashboardPage{Dashboard: d, Today: today, Monitoring: monitoring}))
}
