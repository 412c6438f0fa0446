package views

import "derap/models"

// EventPage is the public record of one event.
type EventPage struct {
	models.Event
	Documents []models.Document
}
