package handlers

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// activityListPage gathers the activities the actor reports on, with the notes of their
// returned reports.
func (h *Handler) activityListPage(ctx context.Context, who models.Actor) (views.ActivityListPage, error) {
	acts, err := h.store.ActivitiesToReport(ctx, who)
	if err != nil {
		return views.ActivityListPage{}, err
	}
	page := views.ActivityListPage{Activities: acts, Returned: map[uint][]models.ActivityReport{}, RegionNames: map[string]string{}}
	for _, a := range acts {
		page.RegionNames[a.RegionCode] = a.Region.Name
		if len(a.ReturnedReports) > 0 {
			page.Returned[a.ID] = a.ReturnedReports
		}
	}
	return page, nil
}

// listActivitiesToReport serves a delegate's list of their region's activities: what to
// report on, what waits for review, and what came back with a note.
func (h *Handler) listActivitiesToReport(c echo.Context) error {
	page, err := h.activityListPage(c.Request().Context(), actor(c))
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.ActivityListView(page))
}
