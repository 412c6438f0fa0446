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
	regions, err := h.store.Regions(ctx)
	if err != nil {
		return views.ActivityListPage{}, err
	}
	page := views.ActivityListPage{Activities: acts, Returned: map[uint][]models.ActivityReport{}, RegionNames: map[string]string{}}
	for _, r := range regions {
		page.RegionNames[r.Code] = r.Name
	}
	for i := range acts {
		if acts[i].Returned == 0 {
			continue
		}
		reports, err := h.store.ReportsOf(ctx, who, &acts[i].Activity)
		if err != nil {
			return page, err
		}
		for _, r := range reports {
			if r.State == models.ReportReturned {
				page.Returned[r.ActivityID] = append(page.Returned[r.ActivityID], r)
			}
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
