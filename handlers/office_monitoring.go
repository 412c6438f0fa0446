package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
)

// monitoringWaitingShown is how many waiting reports the officials' monitoring page lists.
const monitoringWaitingShown = 50

// showOfficeMonitoring serves the officials' monitoring: the reports waiting for review
// first, then every region's activities with their returned reports' notes.
func (h *Handler) showOfficeMonitoring(c echo.Context) error {
	ctx := c.Request().Context()
	page, err := h.activityListPage(ctx, actor(c))
	if err != nil {
		return err
	}
	q, err := h.store.MonitoringQueueFor(ctx, actor(c), monitoringWaitingShown)
	if err != nil {
		return err
	}
	page.Waiting, page.WaitingTotal, page.Office = q.Waiting, q.WaitingTotal, true
	return h.render(c, http.StatusOK, views.ActivityListView(page))
}
