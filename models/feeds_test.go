package models_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

// The feed's agreements are the published ones, the most recently published first, with
// their parties' regions and sectors; a limit keeps the newest.
func TestRecentlyPublished(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	clock := modeltest.NewClock(s)
	// Signed in the opposite order of publication: the feed follows publication.
	older := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Diterbitkan dahulu", Signed: models.Date(2025, time.June, 1)})
	clock.Advance(time.Hour)
	newer := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Diterbitkan kemudian", Partner: "74.01", Sectors: []string{"food", "culture"}, Signed: models.Date(2024, time.June, 1)})
	clock.Advance(time.Hour)
	draft := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.Draft})
	signed := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.Signed})
	withdrawn := modeltest.CreateAgreement(t, s, modeltest.Agreement{})
	if err := s.Unpublish(ctx, models.System, withdrawn, models.AnyRevision); err != nil {
		t.Fatal(err)
	}

	items, err := s.RecentlyPublished(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var ids []uint
	for _, a := range items {
		ids = append(ids, a.ID)
	}
	if !slices.Equal(ids, []uint{newer, older}) {
		t.Fatalf("agreements %v, want %v (not %d, %d, %d)", ids, []uint{newer, older}, draft, signed, withdrawn)
	}
	a := items[0]
	if a.PublishedAt == nil || len(a.Parties) != 2 || a.Parties[1].Region.Name != "Kabupaten Kolaka" || !slices.Equal(a.SectorKeys(), []string{"food", "culture"}) {
		t.Errorf("agreement %+v", a)
	}
	if items, err = s.RecentlyPublished(ctx, 1); err != nil || len(items) != 1 || items[0].ID != newer {
		t.Errorf("limit 1: %v %v", items, err)
	}
}

// The sitemap's pages: every published agreement, every region with its profile's last
// change where it has one, and every event; nothing unpublished.
func TestPublicPages(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	draft := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.Draft})
	fresh := modeltest.CreateAgreement(t, s, modeltest.Agreement{})
	p, err := s.PublicPages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	published, err := s.PublishedAgreements(ctx, models.AgreementFilter{}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var want, got []uint
	for _, a := range published.Items {
		want = append(want, a.ID)
	}
	for _, a := range p.Agreements {
		got = append(got, a.ID)
		if a.UpdatedAt.IsZero() {
			t.Errorf("agreement %d without its last change", a.ID)
		}
	}
	slices.Sort(want)
	if !slices.Equal(got, want) || !slices.Contains(got, fresh) || slices.Contains(got, draft) {
		t.Errorf("agreements %v, want %v", got, want)
	}
	if len(p.Regions) != 552 {
		t.Errorf("%d regions", len(p.Regions))
	}
	profiles := 0
	for _, r := range p.Regions {
		if r.UpdatedAt != nil {
			profiles++
		}
		if r.Code == "61" && r.UpdatedAt == nil {
			t.Error("Kalimantan Barat's profile has no last change")
		}
	}
	if profiles == 0 || profiles == len(p.Regions) {
		t.Errorf("%d regions with a profile's last change", profiles)
	}
	events, err := s.Events(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Events) != len(events) || p.Events[0].UpdatedAt.IsZero() {
		t.Errorf("events %+v", p.Events)
	}
}
