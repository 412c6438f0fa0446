package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// listOfficeEvents serves the officials' list of event records.
func (h *Handler) listOfficeEvents(c echo.Context) error {
	events, err := h.store.Events(c.Request().Context(), 0)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.OfficeEventListView(events))
}

// eventFormPage gathers the event form around its input: the agreements that may have
// been signed there, the regions to choose from and, once it exists, its documents.
func (h *Handler) eventFormPage(c echo.Context, id uint, f form.Event) (views.EventFormPage, error) {
	if id == 0 {
		return h.eventPage(c, f, nil)
	}
	stored, err := h.store.EventForEdit(c.Request().Context(), actor(c), id)
	if err != nil {
		return views.EventFormPage{}, err
	}
	return h.eventPage(c, f, &stored)
}

// storedEventPage gathers the form of a stored event.
func (h *Handler) storedEventPage(c echo.Context, id uint) (views.EventFormPage, error) {
	e, err := h.store.EventForEdit(c.Request().Context(), actor(c), id)
	if err != nil {
		return views.EventFormPage{}, err
	}
	return h.eventPage(c, form.EventOf(e), &e)
}

// eventPage gathers the event form around its input f; stored is the record as stored
// (nil while it is new), whose agreements, not the form's unsaved ticks, decide deletion.
func (h *Handler) eventPage(c echo.Context, f form.Event, stored *models.Event) (views.EventFormPage, error) {
	ctx := c.Request().Context()
	choices, err := h.store.EventAgreementChoices(ctx, actor(c))
	if err != nil {
		return views.EventFormPage{}, err
	}
	regions, err := h.store.Regions(ctx)
	if err != nil {
		return views.EventFormPage{}, err
	}
	page := views.EventFormPage{Form: f, Choices: choices, Regions: regions}
	if stored != nil {
		page.ID, page.SignedHere = stored.ID, len(stored.Agreements)
		if page.Documents, err = h.store.Documents(ctx, models.OwnerEvent, stored.ID); err != nil {
			return views.EventFormPage{}, err
		}
	}
	return page, nil
}

// newEvent serves an empty event form.
func (h *Handler) newEvent(c echo.Context) error {
	page, err := h.eventFormPage(c, 0, form.NewEvent())
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.EventFormView(page))
}

// editEvent serves the form of an event record.
func (h *Handler) editEvent(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	page, err := h.storedEventPage(c, id)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.EventFormView(page))
}

// saveEvent handles a post of the event form, new (id 0) or existing: a row change shows
// the form again; saving stores it or shows the errors by their fields, input kept.
func (h *Handler) saveEvent(c echo.Context, id uint) error {
	return postRowForm(h, c, form.ParseEvent,
		func(f form.Event) (views.EventFormPage, error) { return h.eventFormPage(c, id, f) },
		func(p *views.EventFormPage, refused problem) { p.Alert, p.Errors = refused.alert, refused.fields },
		views.EventFormView,
		func(in models.EventInput) (uint, error) {
			return h.store.SaveEvent(c.Request().Context(), actor(c), id, in)
		},
		func() (form.Event, error) {
			e, err := h.store.EventForEdit(c.Request().Context(), actor(c), id)
			return form.EventOf(e), err
		},
		views.OfficeEventURL, "flash.event_saved")
}

// createEvent handles the form of a new event.
func (h *Handler) createEvent(c echo.Context) error { return h.saveEvent(c, 0) }

// updateEvent handles the form of an existing event.
func (h *Handler) updateEvent(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	return h.saveEvent(c, id)
}

// deleteEvent removes an event record nothing links to; otherwise its form says why not.
func (h *Handler) deleteEvent(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := h.store.DeleteEvent(c.Request().Context(), actor(c), id, seen(c)); err != nil {
		return h.storedEventRefused(c, id, err, nil)
	}
	h.log.Info("event deleted", "event", id, "by", currentUser(c).ID)
	return h.redirectDone(c, views.OfficeEventsURL(), "flash.event_deleted")
}

// storedEventRefused shows a stored event's form after a refused action on it, with the
// alert and the errors (keep puts the input back on the page).
func (h *Handler) storedEventRefused(c echo.Context, id uint, err error, keep func(p *views.EventFormPage)) error {
	return renderRefusal(h, c, err, func() (views.EventFormPage, error) { return h.storedEventPage(c, id) },
		func(p *views.EventFormPage, refused problem) {
			p.Alert, p.Errors = refused.alert, refused.fields
			if keep != nil {
				keep(p)
			}
		}, views.EventFormView)
}
