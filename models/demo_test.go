package models_test

import (
	"context"
	"testing"

	"derap/models"
	"derap/models/modeltest"
)

func TestLoadDemoIsIdempotent(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	before, err := s.HomePage(ctx, 100, 100)
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.LoadDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 0 {
		t.Fatal("second LoadDemo created accounts")
	}
	after, err := s.HomePage(ctx, 100, 100)
	if err != nil {
		t.Fatal(err)
	}
	if before.Stats != after.Stats {
		t.Fatalf("second load changed the figures: %+v, then %+v", before.Stats, after.Stats)
	}
	for _, status := range models.Statuses {
		list, err := s.AgreementsByStatus(ctx, status)
		if err != nil {
			t.Fatal(err)
		}
		want := map[models.Status]int{models.StatusSigned: 3, models.StatusInReview: 2, models.StatusDraft: 1}[status]
		if len(list) != want {
			t.Errorf("%d agreements %s, want %d", len(list), status, want)
		}
	}
}

// The demo follows the lifecycle: the states the issue asks for, each with its sign-offs.
func TestDemoStatesFollowTheLifecycle(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	home, err := s.HomePage(ctx, 10, 10)
	if err != nil {
		t.Fatal(err)
	}
	if home.Stats != (models.HomeStats{Partners: 7, PublishedAgreements: 3, Events: 1}) {
		t.Errorf("figures %+v", home.Stats)
	}
	for _, a := range home.Agreements {
		if a.ConfirmedParties() != len(a.Parties) || a.EventID == nil || a.SignedOn == nil {
			t.Errorf("published %q: %d of %d confirmed, event %v", a.Title, a.ConfirmedParties(), len(a.Parties), a.EventID)
		}
	}

	inReview, err := s.AgreementsByStatus(ctx, models.StatusInReview)
	if err != nil {
		t.Fatal(err)
	}
	var pending, declined int
	for _, a := range inReview {
		if a.Parties[0].RegionCode != models.JakartaCode || a.Parties[0].Status != models.SignOffConfirmed {
			t.Errorf("%q: DKI Jakarta has not confirmed", a.Title)
		}
		switch p := a.Parties[1]; p.Status {
		case models.SignOffPending:
			pending++
		case models.SignOffDeclined:
			declined++
			if p.Note == "" {
				t.Errorf("%q: declined without a reason", a.Title)
			}
		}
	}
	if pending != 1 || declined != 1 {
		t.Errorf("in review: %d with the partner pending, %d declined; want 1 and 1", pending, declined)
	}

	drafts, err := s.AgreementsByStatus(ctx, models.StatusDraft)
	if err != nil {
		t.Fatal(err)
	}
	if len(drafts) != 1 || drafts[0].Published || drafts[0].ParentID == nil {
		t.Errorf("drafts: %+v", drafts)
	}
}
