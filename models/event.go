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
