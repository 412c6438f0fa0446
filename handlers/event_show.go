package handlers

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// showEvent serves the record of one event, or with ".ics" after its id its calendar file.
func (h *Handler) showEvent(c echo.Context) error {
	if id, ok := strings.CutSuffix(c.Param("id"), ".ics"); ok {
		c.SetParamValues(id)
		return h.eventCalendar(c)
	}
	id, err := idParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	event, err := h.store.EventByID(ctx, id)
	if err != nil {
		return err
	}
	docs, err := h.store.Documents(ctx, models.OwnerEvent, id)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.EventDetailPage(views.EventPage{Event: event, Documents: docs}))
}

// calendar serves every event as one iCalendar file.
func (h *Handler) calendar(c echo.Context) error {
	events, err := h.store.Events(c.Request().Context(), 0)
	if err != nil {
		return err
	}
	return h.sendCalendar(c, events, "derap-ksd.ics")
}

// eventCalendar serves one event as an iCalendar file.
func (h *Handler) eventCalendar(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	event, err := h.store.EventByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return h.sendCalendar(c, []models.Event{event}, "derap-ksd-acara-"+c.Param("id")+".ics")
}

func (h *Handler) sendCalendar(c echo.Context, events []models.Event, name string) error {
	c.Response().Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", views.Calendar(events, h.cfg.BaseURL, currentLocale(c)))
}
