package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// showDashboard serves the officials' start page.
func (h *Handler) showDashboard(c echo.Context) error {
	ctx := c.Request().Context()
	counts, err := h.store.AgreementCounts(ctx)
	if err != nil {
		return err
	}
	inReview, err := h.store.AgreementsByStatus(ctx, models.StatusInReview)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.DashboardView(views.DashboardPage{Counts: counts, InReview: inReview}))
}
