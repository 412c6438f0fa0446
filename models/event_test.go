package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

func TestEventByID(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	events, err := s.Events(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 {
		t.Fatalf("%d events", len(events))
	}
	e, err := s.EventByID(ctx, events[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if e.Title != "Derap Kerja Sama Daerah" || !e.AllDay || !e.StartsAt.Equal(models.Date(2025, time.October, 3)) {
		t.Errorf("event %+v", e)
	}
	if len(e.Speakers) != 2 || e.Speakers[0].Name != "Marulina Dewi" || e.Speakers[1].Name != "Agus Fatoni" {
		t.Errorf("speakers %+v", e.Speakers)
	}
	if len(e.Participants) != 6 || e.Participants[0].Region.Name == "" {
		t.Errorf("participants %+v", e.Participants)
	}
	// Only the published agreements signed there are listed.
	if len(e.Agreements) != 3 {
		t.Errorf("%d agreements", len(e.Agreements))
	}
	for _, a := range e.Agreements {
		if !a.Published || len(a.Parties) != 2 {
			t.Errorf("agreement %d: published %v, %d parties", a.ID, a.Published, len(a.Parties))
		}
	}
	if _, err := s.EventByID(ctx, 999); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("unknown event: %v", err)
	}
}
