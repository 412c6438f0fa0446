package models_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

func forumInput() models.EventInput {
	return models.EventInput{
		Title: "Rapat Monev Kerja Sama Pangan", StartDate: models.Date(2026, 3, 10), StartTime: "09:00", EndTime: "12:30",
		Place: "Balai Kota", Organiser: "Biro KSD", Minutes: "## Hasil\n\n<script>alert(1)</script>",
		Speakers: []models.SpeakerInput{{Name: "Marulina Dewi", Role: "Kepala Biro"}, {}, {Name: "Narasumber Dua"}},
		Regions:  []string{"31", "Kabupaten Kolaka (74.01)", ""},
	}
}

func TestEventValidation(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	draft := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.Draft})
	tests := []struct {
		name   string
		change func(*models.EventInput)
		field  string
		code   string
	}{
		{"no title", func(in *models.EventInput) { in.Title = "" }, "title", "error.required"},
		{"no start", func(in *models.EventInput) { in.StartDate = time.Time{} }, "start_date", "error.date_required"},
		{"end before start", func(in *models.EventInput) { in.EndDate = models.Date(2026, 3, 9) }, "end_date", "error.end_before_start"},
		{"bad time", func(in *models.EventInput) { in.StartTime = "25:00" }, "start_time", "error.time_invalid"},
		{"one time only", func(in *models.EventInput) { in.EndTime = "" }, "end_time", "error.time_invalid"},
		{"ends before it starts", func(in *models.EventInput) { in.EndTime = "08:00" }, "end_time", "error.end_before_start"},
		{"speaker without a name", func(in *models.EventInput) { in.Speakers[2] = models.SpeakerInput{Role: "Bupati"} }, "speakers.2.name", "error.required"},
		{"region twice", func(in *models.EventInput) { in.Regions[2] = "Daerah Khusus Ibukota Jakarta" }, "regions.2", "error.region_twice"},
		{"unknown region", func(in *models.EventInput) { in.Regions[1] = "Atlantis" }, "regions.1", "error.unknown_region"},
		{"a draft signed there", func(in *models.EventInput) { in.AgreementIDs = []uint{draft} }, "agreements", "error.choose_one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := forumInput()
			tt.change(&in)
			_, err := s.SaveEvent(ctx, models.System, 0, in)
			var v *models.ValidationError
			if !errors.As(err, &v) || v.For(tt.field) != tt.code {
				t.Fatalf("err = %v, want %s on %s", err, tt.code, tt.field)
			}
		})
	}
	if events, _ := s.Events(ctx, 0); len(events) != 0 {
		t.Fatal("an invalid event was written")
	}
}

func TestEventRecord(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	signed := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.Signed})
	in := forumInput()
	in.AgreementIDs = []uint{signed}
	for _, a := range []models.Actor{{}, modeltest.Delegate(t, s, "31")} {
		if _, err := s.SaveEvent(ctx, a, 0, in); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("%v saving an event: %v", a.User, err)
		}
	}
	id, err := s.SaveEvent(ctx, official, 0, in)
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.EventForEdit(ctx, official, id)
	if err != nil {
		t.Fatal(err)
	}
	if e.AllDay || !e.StartsAt.Equal(time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)) || !e.EndsAt.Equal(time.Date(2026, 3, 10, 5, 30, 0, 0, time.UTC)) {
		t.Errorf("times %s – %s", e.StartsAt, e.EndsAt)
	}
	if len(e.Speakers) != 2 || e.Speakers[1].Name != "Narasumber Dua" || e.Speakers[1].Position != 2 {
		t.Errorf("speakers %+v", e.Speakers)
	}
	if len(e.Participants) != 2 || e.Participants[1].RegionCode != "74.01" {
		t.Errorf("participants %+v", e.Participants)
	}
	if len(e.Agreements) != 1 || e.Agreements[0].ID != signed {
		t.Errorf("agreements %+v", e.Agreements)
	}
	// A linked event cannot be deleted; once unlinked it can.
	if err := s.DeleteEvent(ctx, official, id, models.AnyRevision); !errors.Is(err, models.ErrInUse) {
		t.Fatalf("deleting a linked event: %v", err)
	}
	in.AgreementIDs, in.Speakers = nil, in.Speakers[:1]
	if _, err := s.SaveEvent(ctx, official, id, in); err != nil {
		t.Fatal(err)
	}
	if e, _ := s.EventForEdit(ctx, official, id); len(e.Agreements) != 0 || len(e.Speakers) != 1 {
		t.Errorf("after the edit: %d agreements, %d speakers", len(e.Agreements), len(e.Speakers))
	}
	if err := s.DeleteEvent(ctx, modeltest.Delegate(t, s, "31"), id, models.AnyRevision); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("a delegate deleting: %v", err)
	}
	if err := s.DeleteEvent(ctx, official, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EventByID(ctx, id); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("deleted event: %v", err)
	}
	if _, err := s.VerifyAuditChain(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestProfiles(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	lat, lon := -0.63, 100.12
	good := models.ProfileInput{Partner: true, Summary: "Kota pesisir", Commodities: []string{"fish", "rice", "fish"},
		Latitude: &lat, Longitude: &lon, Contact: models.ContactInput{Office: "Bagian Kerja Sama", Phone: "+62 751 123456", Email: "ksd@pariamankota.go.id"}}
	if err := s.SaveProfile(ctx, official, "13.77", good); err != nil {
		t.Fatal(err)
	}
	r, _ := s.RegionByCode(ctx, "13.77")
	if !r.Partner || r.Profile == nil || r.Profile.Commodities != "rice,fish" || *r.Profile.Latitude != lat {
		t.Fatalf("profile %+v %+v", r, r.Profile)
	}
	far := 40.0
	tests := []struct {
		name   string
		change func(*models.ProfileInput)
		field  string
		code   string
	}{
		{"bad email", func(in *models.ProfileInput) { in.Contact.Email = "ksd at pariaman" }, "contact_email", "error.email_invalid"},
		{"bad phone", func(in *models.ProfileInput) { in.Contact.Phone = "call me" }, "contact_phone", "error.phone_invalid"},
		{"latitude alone", func(in *models.ProfileInput) { in.Longitude = nil }, "latitude", "error.coordinates_pair"},
		{"outside Indonesia", func(in *models.ProfileInput) { in.Latitude = &far }, "latitude", "error.coordinates_outside"},
		{"unknown commodity", func(in *models.ProfileInput) { in.Commodities = []string{"gold"} }, "commodities", "error.choose_one"},
	}
	for _, tt := range tests {
		in := good
		tt.change(&in)
		err := s.SaveProfile(ctx, official, "13.77", in)
		var v *models.ValidationError
		if !errors.As(err, &v) || v.For(tt.field) != tt.code {
			t.Errorf("%s: %v", tt.name, err)
		}
	}

	// Who edits what: officials everything; a delegate their own region's contact only.
	contact := models.ContactInput{Office: "Bagian Pemerintahan", Phone: "(0751) 91234"}
	roles := []struct {
		name                string
		actor               models.Actor
		profile, own, other bool
	}{
		{"visitor", models.Actor{}, false, false, false},
		{"Pariaman's delegate", modeltest.Delegate(t, s, "13.77"), false, true, false},
		{"Kolaka's delegate", modeltest.Delegate(t, s, "74.01"), false, false, true},
		{"official", official, true, true, true},
	}
	for _, r := range roles {
		if err := s.SaveProfile(ctx, r.actor, "13.77", good); (err == nil) != r.profile {
			t.Errorf("%s saving Pariaman's profile: %v", r.name, err)
		}
		if err := s.SaveContact(ctx, r.actor, "13.77", contact); (err == nil) != r.own {
			t.Errorf("%s saving Pariaman's contact: %v", r.name, err)
		}
		if err := s.SaveContact(ctx, r.actor, "74.01", contact); (err == nil) != r.other {
			t.Errorf("%s saving Kolaka's contact: %v", r.name, err)
		}
	}
	r, _ = s.RegionByCode(ctx, "13.77")
	if r.Profile.ContactOffice != "Bagian Pemerintahan" || r.Profile.Summary != "Kota pesisir" {
		t.Errorf("the contact edit touched more than the contact: %+v", r.Profile)
	}
}

// The events list's pages hold every event once, newest first (several on one day in
// the order of their IDs), whatever the page size; a far page is read like the first.
func TestEventsPagesWalkEveryEventOnce(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	for i := range 23 {
		// three events a day, so that the order within a day is tested too
		in := models.EventInput{Title: fmt.Sprintf("Forum %d", i), StartDate: models.Date(2025, time.March, 1+i/3), Place: "Jakarta"}
		if _, err := s.SaveEvent(ctx, models.System, 0, in); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.Events(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, perPage := range []int{1, 5, 10, 23, 50} {
		var walked []uint
		for page := 1; ; page++ {
			list, err := s.EventsPage(ctx, page, perPage)
			if err != nil {
				t.Fatal(err)
			}
			if list.Total != 23 || list.Pages() != (23+perPage-1)/perPage {
				t.Fatalf("per page %d: total %d, %d pages", perPage, list.Total, list.Pages())
			}
			for _, e := range list.Items {
				walked = append(walked, e.ID)
			}
			if page >= list.Pages() {
				break
			}
			if len(list.Items) != perPage {
				t.Fatalf("per page %d, page %d: %d events", perPage, page, len(list.Items))
			}
		}
		if len(walked) != len(all) {
			t.Fatalf("per page %d: %d events walked of %d", perPage, len(walked), len(all))
		}
		for i, e := range all {
			if walked[i] != e.ID {
				t.Fatalf("per page %d: event %d is %d, want %d", perPage, i, walked[i], e.ID)
			}
		}
	}
	past, err := s.EventsPage(ctx, 9, 5)
	if err != nil || len(past.Items) != 0 {
		t.Fatalf("a page past the end: %v %v", past.Items, err)
	}
}
