package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Event is a record of a programme event, such as the Derap Kerja Sama Daerah forum.
type Event struct {
	ID    uint   `gorm:"primaryKey"`
	Title string `gorm:"not null"`
	// StartsAt and EndsAt are instants; for an all-day event they are the first and last
	// day at midnight UTC, read as calendar dates.
	StartsAt  time.Time `gorm:"not null;index"`
	EndsAt    time.Time `gorm:"not null"`
	AllDay    bool      `gorm:"not null"`
	Place     string    `gorm:"not null;default:''"`
	Organiser string    `gorm:"not null;default:''"`
	Summary   string    `gorm:"not null;default:''"`
	Minutes   string    `gorm:"not null;default:''"` // Markdown

	Speakers     []EventSpeaker     `gorm:"foreignKey:EventID;constraint:OnDelete:CASCADE"`
	Participants []EventParticipant `gorm:"foreignKey:EventID;constraint:OnDelete:CASCADE"`
	Agreements   []Agreement        `gorm:"foreignKey:EventID"` // signed at this event

	// Revision moves on with every save (revision.go).
	Revision uint64 `gorm:"not null;default:1"`

	CreatedAt time.Time
	UpdatedAt time.Time
}

// EventSpeaker is one speaker of an event, in the order of the programme.
type EventSpeaker struct {
	ID           uint   `gorm:"primaryKey"`
	EventID      uint   `gorm:"not null;index"`
	Position     int    `gorm:"not null"` // order on the programme
	Name         string `gorm:"not null"`
	Role         string `gorm:"not null;default:''"` // the speaker's office, e.g. Kepala Biro
	Organisation string `gorm:"not null;default:''"`
}

// EventParticipant records that a region took part in an event.
type EventParticipant struct {
	EventID    uint   `gorm:"primaryKey"`
	RegionCode string `gorm:"primaryKey;index"`
	Region     Region `gorm:"foreignKey:RegionCode;references:Code"`
}

// MultiDay reports whether the event spans more than one calendar day in Jakarta.
func (e *Event) MultiDay() bool {
	loc := Jakarta
	if e.AllDay {
		loc = time.UTC
	}
	y1, m1, d1 := e.StartsAt.In(loc).Date()
	y2, m2, d2 := e.EndsAt.In(loc).Date()
	return y1 != y2 || m1 != m2 || d1 != d2
}

// Events returns every event, newest first; limit 0 means all.
func (s *Store) Events(ctx context.Context, limit int) ([]Event, error) {
	q := s.db.WithContext(ctx).Order("starts_at DESC, id DESC")
	if limit > 0 {
		q = q.Limit(limit)
	}
	var events []Event
	if err := q.Find(&events).Error; err != nil {
		return nil, fmt.Errorf("models: list events: %w", err)
	}
	return events, nil
}

// EventList is one page of the programme's events, newest first.
type EventList struct {
	Items   []Event
	Total   int64
	Page    int
	PerPage int
}

// Pages is the number of pages the events fill (1 when there are none).
func (l EventList) Pages() int { return pageCount(l.Total, l.PerPage) }

// EventsPage reads page (from 1) of the events, newest first. The page's events are
// chosen from the start-time index alone (the rows skipped are never read), so a far page
// costs about what the first does.
func (s *Store) EventsPage(ctx context.Context, page, perPage int) (EventList, error) {
	out := EventList{Page: max(page, 1), PerPage: max(perPage, 1)}
	db := s.db.WithContext(ctx)
	if err := db.Model(&Event{}).Count(&out.Total).Error; err != nil {
		return EventList{}, fmt.Errorf("models: list events: %w", err)
	}
	ids := db.Model(&Event{}).Select("id").Order("starts_at DESC, id DESC").Limit(out.PerPage).Offset((out.Page - 1) * out.PerPage)
	if err := db.Where("id IN (?)", ids).Order("starts_at DESC, id DESC").Find(&out.Items).Error; err != nil {
		return EventList{}, fmt.Errorf("models: list events: %w", err)
	}
	return out, nil
}

// EventByID returns an event with its speakers, participating regions and the published
// agreements signed there.
func (s *Store) EventByID(ctx context.Context, id uint) (Event, error) {
	var e Event
	err := s.db.WithContext(ctx).
		Preload("Speakers", func(db *gorm.DB) *gorm.DB { return db.Order("position") }). // the programme's order
		Preload("Participants", func(db *gorm.DB) *gorm.DB { return db.Order("region_code") }).
		Preload("Participants.Region").
		Where("id = ?", id).Limit(1).Find(&e).Error
	if err != nil {
		return Event{}, fmt.Errorf("models: event %d: %w", id, err)
	}
	if e.ID == 0 {
		return Event{}, fmt.Errorf("models: event %d: %w", id, ErrNotFound)
	}
	e.Agreements, err = s.publishedAgreementsWhere(ctx, 0, "agreements.event_id = ?", id)
	if err != nil {
		return Event{}, err
	}
	return e, nil
}
