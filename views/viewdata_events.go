package views

import (
	"github.com/a-h/templ"

	"derap/models"
)

// EventPage is the public record of one event.
type EventPage struct {
	models.Event
	Documents []models.Document
}

// EventListPage is a page of the public list of events.
type EventListPage struct {
	List models.EventList
}

// PageURL is page n of the events.
func (p EventListPage) PageURL(n int) templ.SafeURL { return numberedPageURL(EventsURL(), n) }
