package models

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// EventInput is an event record as an official writes it.
type EventInput struct {
	Title     string
	StartDate time.Time // a calendar day
	EndDate   time.Time // zero: the same day
	// StartTime and EndTime are "15:04" in Jakarta time; both empty makes an all-day event.
	StartTime, EndTime string
	Place              string
	Organiser          string
	Summary            string
	Minutes            string // Markdown
	Speakers           []SpeakerInput
	Regions            []string // participating regions: codes, labels or names
	AgreementIDs       []uint   // the agreements signed there
	// Revision is the event's revision the form was loaded at (AnyRevision: none).
	Revision uint64
}

// SpeakerInput is one speaker row; an entirely empty row is ignored.
type SpeakerInput struct {
	Name, Role, Organisation string
}

func (s SpeakerInput) empty() bool {
	return strings.TrimSpace(s.Name+s.Role+s.Organisation) == ""
}

// ClockLayout is how an event's times of day are written: "09:30", in Jakarta time.
const ClockLayout = "15:04"

// clock reads a ClockLayout time of day.
func clock(s string) (time.Duration, bool) {
	t, err := time.Parse(ClockLayout, strings.TrimSpace(s))
	if err != nil {
		return 0, false
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, true
}

// checkEvent checks an event record and turns it into the row to store; self is the event
// being edited (0 for a new one).
func (tx *Store) checkEvent(in EventInput, self uint) (Event, []string, *ValidationError, error) {
	v := &ValidationError{}
	e := Event{
		ID: self, Title: strings.TrimSpace(in.Title), Place: strings.TrimSpace(in.Place), Organiser: strings.TrimSpace(in.Organiser),
		Summary: strings.TrimSpace(in.Summary), Minutes: in.Minutes,
	}
	if e.Title == "" {
		v.Add("title", "error.required")
	}
	end := in.EndDate
	if end.IsZero() {
		end = in.StartDate
	}
	switch {
	case in.StartDate.IsZero():
		v.Add("start_date", "error.date_required")
	case end.Before(in.StartDate):
		v.Add("end_date", "error.end_before_start")
	}
	startClock, okStart := clock(in.StartTime)
	endClock, okEnd := clock(in.EndTime)
	switch {
	case in.StartTime == "" && in.EndTime == "":
		e.AllDay, e.StartsAt, e.EndsAt = true, in.StartDate, end
	case !okStart:
		v.Add("start_time", "error.time_invalid")
	case !okEnd:
		v.Add("end_time", "error.time_invalid")
	default:
		y, m, d := in.StartDate.Date()
		e.StartsAt = time.Date(y, m, d, 0, 0, 0, 0, Jakarta).Add(startClock).UTC()
		y, m, d = end.Date()
		e.EndsAt = time.Date(y, m, d, 0, 0, 0, 0, Jakarta).Add(endClock).UTC()
		if !e.EndsAt.After(e.StartsAt) && v.For("end_date") == "" {
			v.Add("end_time", "error.end_before_start")
		}
	}
	position := 0
	for i, s := range in.Speakers {
		if s.empty() {
			continue
		}
		if strings.TrimSpace(s.Name) == "" {
			v.Add(fmt.Sprintf("speakers.%d.name", i), "error.required")
		}
		position++
		e.Speakers = append(e.Speakers, EventSpeaker{
			Position: position, Name: strings.TrimSpace(s.Name), Role: strings.TrimSpace(s.Role), Organisation: strings.TrimSpace(s.Organisation),
		})
	}
	var codes []string
	for i, text := range in.Regions {
		if strings.TrimSpace(text) == "" {
			continue
		}
		code, problem, err := tx.resolveRegion(text)
		if err != nil {
			return e, nil, nil, err
		}
		switch {
		case problem != "":
			v.Add(fmt.Sprintf("regions.%d", i), problem)
		case slices.Contains(codes, code):
			v.Add(fmt.Sprintf("regions.%d", i), "error.region_twice")
		default:
			codes = append(codes, code)
			e.Participants = append(e.Participants, EventParticipant{RegionCode: code})
		}
	}
	if len(in.AgreementIDs) > 0 {
		var n int64
		err := tx.db.Model(&Agreement{}).Where("id IN ? AND status IN ?", in.AgreementIDs, []Status{StatusAgreed, StatusSigned, StatusTerminated}).Count(&n).Error
		if err != nil {
			return e, nil, nil, err
		}
		if int(n) != len(in.AgreementIDs) {
			v.Add("agreements", "error.choose_one")
		}
	}
	return e, codes, v, nil
}

// eventState is what the audit log records of an event.
type eventState struct {
	Title      string    `json:"title"`
	StartsAt   time.Time `json:"starts_at"`
	EndsAt     time.Time `json:"ends_at"`
	AllDay     bool      `json:"all_day"`
	Speakers   int       `json:"speakers"`
	Regions    []string  `json:"regions"`
	Agreements []uint    `json:"agreements"`
}

func (tx *Store) eventState(id uint) (eventState, error) {
	var e Event
	if err := tx.db.Preload("Speakers").Preload("Participants").Where("id = ?", id).Limit(1).Find(&e).Error; err != nil {
		return eventState{}, err
	}
	if e.ID == 0 {
		return eventState{}, ErrNotFound
	}
	st := eventState{Title: e.Title, StartsAt: e.StartsAt, EndsAt: e.EndsAt, AllDay: e.AllDay, Speakers: len(e.Speakers)}
	for _, p := range e.Participants {
		st.Regions = append(st.Regions, p.RegionCode)
	}
	if err := tx.db.Model(&Agreement{}).Where("event_id = ?", id).Order("id").Pluck("id", &st.Agreements).Error; err != nil {
		return eventState{}, err
	}
	return st, nil
}

// SaveEvent creates (id 0) or replaces an event record with its speakers, participating
// regions and the agreements signed there, and returns its ID. Officials only.
func (s *Store) SaveEvent(ctx context.Context, actor Actor, id uint, in EventInput) (uint, error) {
	if !actor.IsStaff() {
		return 0, fmt.Errorf("models: save event: %w", ErrForbidden)
	}
	requested := id
	err := s.write(ctx, func(tx *Store) error {
		id = requested // a retried transaction starts again from the caller's id (engine_errors.go)
		var before any
		if id != 0 {
			st, err := tx.eventState(id)
			if err != nil {
				return err
			}
			before = st
			if err := tx.claimRevision(&Event{}, in.Revision, "id = ?", id); err != nil {
				return err
			}
		}
		e, _, v, err := tx.checkEvent(in, id)
		if err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		speakers, participants := e.Speakers, e.Participants
		e.Speakers, e.Participants = nil, nil
		if id == 0 {
			if err := tx.w.Create(&e).Error; err != nil {
				return err
			}
			id = e.ID
		} else {
			err := tx.w.Model(&Event{ID: id}).Select("title", "starts_at", "ends_at", "all_day", "place", "organiser", "summary", "minutes").Updates(&e).Error
			if err != nil {
				return err
			}
			for _, table := range []any{&EventSpeaker{}, &EventParticipant{}} {
				if err := tx.w.Where("event_id = ?", id).Delete(table).Error; err != nil {
					return err
				}
			}
			if err := tx.w.Model(&Agreement{}).Where("event_id = ?", id).Update("event_id", nil).Error; err != nil {
				return err
			}
		}
		for i := range speakers {
			speakers[i].EventID = id
		}
		for i := range participants {
			participants[i].EventID = id
		}
		if len(speakers) > 0 {
			if err := tx.w.Create(&speakers).Error; err != nil {
				return err
			}
		}
		if len(participants) > 0 {
			if err := tx.w.Create(&participants).Error; err != nil {
				return err
			}
		}
		if len(in.AgreementIDs) > 0 {
			if err := tx.w.Model(&Agreement{}).Where("id IN ?", in.AgreementIDs).Update("event_id", id).Error; err != nil {
				return err
			}
		}
		after, err := tx.eventState(id)
		if err != nil {
			return err
		}
		action := "event.update"
		if before == nil {
			action = "event.create"
		}
		return tx.audit(actor, auditStep{action: action, objectType: "event", objectID: id, before: before, after: after})
	})
	if err != nil {
		return 0, fmt.Errorf("models: save event %d: %w", id, err)
	}
	return id, nil
}

// DeleteEvent removes an event record that nothing links to: no agreement signed there and
// no document attached. Officials only.
func (s *Store) DeleteEvent(ctx context.Context, actor Actor, id uint, seen uint64) error {
	if !actor.IsStaff() {
		return fmt.Errorf("models: delete event: %w", ErrForbidden)
	}
	err := s.write(ctx, func(tx *Store) error {
		before, err := tx.eventState(id)
		if err != nil {
			return err
		}
		var docs int64
		if err := tx.db.Model(&Document{}).Where("owner_type = ? AND owner_id = ?", OwnerEvent, id).Count(&docs).Error; err != nil {
			return err
		}
		if err := tx.claimRevision(&Event{}, seen, "id = ?", id); err != nil {
			return err
		}
		if len(before.Agreements) > 0 || docs > 0 {
			return ErrInUse
		}
		if err := tx.w.Delete(&Event{}, id).Error; err != nil {
			return err
		}
		return tx.audit(actor, auditStep{action: "event.delete", objectType: "event", objectID: id, before: before})
	})
	if err != nil {
		return fmt.Errorf("models: delete event %d: %w", id, err)
	}
	return nil
}

// EventAgreementChoices lists the agreements an event record may name as signed there:
// those agreed, signed or terminated, newest first. Officials only.
func (s *Store) EventAgreementChoices(ctx context.Context, actor Actor) ([]Agreement, error) {
	if !actor.IsStaff() {
		return nil, fmt.Errorf("models: event agreement choices: %w", ErrForbidden)
	}
	var out []Agreement
	err := s.db.WithContext(ctx).Select("id, number, title, short_title, status, event_id").
		Where("status IN ?", []Status{StatusAgreed, StatusSigned, StatusTerminated}).Order("id DESC").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("models: event agreement choices: %w", err)
	}
	return out, nil
}

// EventForEdit returns an event with everything its form shows, the agreements signed there
// whatever their state included. Officials only.
func (s *Store) EventForEdit(ctx context.Context, actor Actor, id uint) (Event, error) {
	if !actor.IsStaff() {
		return Event{}, fmt.Errorf("models: event %d: %w", id, ErrForbidden)
	}
	e, err := s.EventByID(ctx, id)
	if err != nil {
		return Event{}, err
	}
	if err := s.db.WithContext(ctx).Select("id, number, title, short_title, status").Where("event_id = ?", id).Order("id").Find(&e.Agreements).Error; err != nil {
		return Event{}, fmt.Errorf("models: event %d: %w", id, err)
	}
	return e, nil
}
