package handlers

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// eventForm is the event form as posted, with the button pressed (see rowOp).
type eventForm struct {
	views.EventForm
	Op string
}

func newEventForm(c echo.Context) (eventForm, error) {
	v, err := c.FormParams()
	if err != nil {
		return eventForm{}, badRequest(err)
	}
	f := eventForm{Op: v.Get("op"), EventForm: views.EventForm{
		Title: v.Get("title"), StartDate: v.Get("start_date"), EndDate: v.Get("end_date"),
		StartTime: v.Get("start_time"), EndTime: v.Get("end_time"), Place: v.Get("place"), Organiser: v.Get("organiser"),
		Summary: v.Get("summary"), Minutes: v.Get("minutes"), Regions: v["region"], Agreements: v["agreements"],
	}}
	names := v["speaker_name"]
	if len(names) > maxRows || len(f.Regions) > maxRows {
		return eventForm{}, badRequest(errors.New("handlers: too many rows"))
	}
	at := func(name string, i int) string {
		if list := v[name]; i < len(list) {
			return list[i]
		}
		return ""
	}
	for i := range names {
		f.Speakers = append(f.Speakers, views.SpeakerForm{Name: names[i], Role: at("speaker_role", i), Organisation: at("speaker_org", i)})
	}
	return f, nil
}

// Validate turns the form into an event record for the models to check.
func (f eventForm) Validate() (models.EventInput, views.FormErrors) {
	errs := views.FormErrors{}
	in := models.EventInput{
		Title: f.Title, StartDate: parseDate(f.StartDate), EndDate: parseDate(f.EndDate),
		StartTime: f.StartTime, EndTime: f.EndTime, Place: f.Place, Organiser: f.Organiser,
		Summary: f.Summary, Minutes: f.Minutes, Regions: f.Regions,
	}
	if f.EndDate != "" && in.EndDate.IsZero() {
		errs["end_date"] = "error.date_invalid"
	}
	for _, s := range f.Speakers {
		in.Speakers = append(in.Speakers, models.SpeakerInput{Name: s.Name, Role: s.Role, Organisation: s.Organisation})
	}
	for _, a := range f.Agreements {
		id, err := strconv.ParseUint(a, 10, 32)
		if err != nil {
			errs["agreements"] = "error.choose_one"
			continue
		}
		in.AgreementIDs = append(in.AgreementIDs, uint(id))
	}
	return in, errs
}

// listEventWork serves the officials' list of event records.
func (h *Handler) listEventWork(c echo.Context) error {
	events, err := h.store.Events(c.Request().Context(), 0)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.EventsWorkView(events))
}

// eventFormPage gathers the event form around the given input.
func (h *Handler) eventFormPage(c echo.Context, id uint, form views.EventForm, errs views.FormErrors) (views.EventFormPage, error) {
	ctx := c.Request().Context()
	choices, err := h.store.EventAgreementChoices(ctx, actor(c))
	if err != nil {
		return views.EventFormPage{}, err
	}
	regions, err := h.store.Regions(ctx)
	if err != nil {
		return views.EventFormPage{}, err
	}
	page := views.EventFormPage{ID: id, Form: form, Errors: errs, Choices: choices, Regions: regions}
	if id != 0 {
		if page.Documents, err = h.store.Documents(ctx, models.OwnerEvent, id); err != nil {
			return views.EventFormPage{}, err
		}
	}
	return page, nil
}

// eventFormPageOf gathers the form of a stored event.
func (h *Handler) eventFormPageOf(c echo.Context, id uint) (views.EventFormPage, error) {
	e, err := h.store.EventForEdit(c.Request().Context(), actor(c), id)
	if err != nil {
		return views.EventFormPage{}, err
	}
	form := views.EventForm{
		Title: e.Title, Place: e.Place, Organiser: e.Organiser, Summary: e.Summary, Minutes: e.Minutes,
	}
	if e.AllDay {
		form.StartDate, form.EndDate = e.StartsAt.UTC().Format("2006-01-02"), e.EndsAt.UTC().Format("2006-01-02")
	} else {
		start, end := e.StartsAt.In(models.Jakarta), e.EndsAt.In(models.Jakarta)
		form.StartDate, form.EndDate = start.Format("2006-01-02"), end.Format("2006-01-02")
		form.StartTime, form.EndTime = start.Format("15:04"), end.Format("15:04")
	}
	for _, s := range e.Speakers {
		form.Speakers = append(form.Speakers, views.SpeakerForm{Name: s.Name, Role: s.Role, Organisation: s.Organisation})
	}
	for _, p := range e.Participants {
		form.Regions = append(form.Regions, models.RegionLabel(p.Region))
	}
	for _, a := range e.Agreements {
		form.Agreements = append(form.Agreements, strconv.FormatUint(uint64(a.ID), 10))
	}
	return h.eventFormPage(c, id, form, nil)
}

// newEvent serves an empty event form.
func (h *Handler) newEvent(c echo.Context) error {
	page, err := h.eventFormPage(c, 0, views.EventForm{
		Organiser: "Pemerintah Provinsi DKI Jakarta", Speakers: []views.SpeakerForm{{}}, Regions: []string{""},
	}, nil)
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
	page, err := h.eventFormPageOf(c, id)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.EventFormView(page))
}

// saveEvent handles a post of the event form, new (id 0) or existing: a row change shows
// the form again; saving stores it or shows the errors by their fields, input kept.
func (h *Handler) saveEvent(c echo.Context, id uint) error {
	f, err := newEventForm(c)
	if err != nil {
		return err
	}
	if op, ok, err := parseRowOp(f.Op); err != nil || ok {
		if err != nil {
			return err
		}
		switch op.list {
		case "speaker":
			f.Speakers = applyRows(f.Speakers, op, views.SpeakerForm{})
		case "region":
			f.Regions = applyRows(f.Regions, op, "")
		default:
			return badRequest(errors.New("handlers: unknown rows " + op.list))
		}
		page, err := h.eventFormPage(c, id, f.EventForm, nil)
		if err != nil {
			return err
		}
		return h.render(c, http.StatusOK, views.EventFormView(page))
	}
	in, errs := f.Validate()
	if len(errs) == 0 {
		id, err = h.store.SaveEvent(c.Request().Context(), actor(c), id, in)
		if err == nil {
			h.log.Info("event saved", "event", id, "by", currentUser(c).ID)
			return h.redirectDone(c, string(views.EventWorkURL(id)), "flash.event_saved")
		}
		if errs, err = formErrors(err); err != nil {
			return err
		}
	}
	page, err := h.eventFormPage(c, id, f.EventForm, errs)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusUnprocessableEntity, views.EventFormView(page))
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

// deleteEvent removes an event record nothing links to; otherwise it says why not.
func (h *Handler) deleteEvent(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	err = h.store.DeleteEvent(c.Request().Context(), actor(c), id)
	if errors.Is(err, models.ErrInUse) {
		page, err := h.eventFormPageOf(c, id)
		if err != nil {
			return err
		}
		page.Alert = "alert.event_in_use"
		return h.render(c, http.StatusConflict, views.EventFormView(page))
	}
	if err != nil {
		return err
	}
	h.log.Info("event deleted", "event", id, "by", currentUser(c).ID)
	return h.redirectDone(c, "/admin/events", "flash.event_deleted")
}
