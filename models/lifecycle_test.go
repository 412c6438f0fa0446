package models_test

import (
	"context"
	"errors"
	"testing"

	"derap/models"
	"derap/models/modeltest"
)

func validInput() models.AgreementInput {
	return models.AgreementInput{
		Number: "001/KSB/2026", Title: "Kesepakatan Bersama", DocType: models.DocMemorandum,
		Kind: models.CooperationRegional, Sectors: []string{"food"},
		StartDate: models.Date(2026, 1, 1), EndDate: models.Date(2030, 12, 31),
		Parties: []models.PartyInput{
			{RegionCode: models.JakartaCode, Authority: models.AuthorityOwnOffice},
			{RegionCode: "61", Authority: models.AuthorityOwnOffice},
		},
	}
}

func TestCreateDraftValidation(t *testing.T) {
	tests := []struct {
		name   string
		change func(*models.AgreementInput)
		field  string
		code   string
	}{
		{"no title", func(in *models.AgreementInput) { in.Title = "  " }, "title", "error.required"},
		{"unknown type", func(in *models.AgreementInput) { in.DocType = "treaty" }, "doc_type", "error.choose_one"},
		{"implementing without parent", func(in *models.AgreementInput) { in.DocType = models.DocImplementing }, "parent_id", "error.parent_required"},
		{"unknown parent", func(in *models.AgreementInput) { in.DocType = models.DocImplementing; p := uint(999); in.ParentID = &p }, "parent_id", "error.parent_invalid"},
		{"no sector", func(in *models.AgreementInput) { in.Sectors = nil }, "sectors", "error.sector_required"},
		{"unknown sector", func(in *models.AgreementInput) { in.Sectors = []string{"space"} }, "sectors", "error.choose_one"},
		{"end before start", func(in *models.AgreementInput) { in.EndDate = models.Date(2025, 12, 31) }, "end_date", "error.end_before_start"},
		{"end on start", func(in *models.AgreementInput) { in.EndDate = in.StartDate }, "end_date", "error.end_before_start"},
		{"term over 25 years", func(in *models.AgreementInput) { in.EndDate = models.Date(2051, 1, 2) }, "end_date", "error.term_too_long"},
		{"one party", func(in *models.AgreementInput) { in.Parties = in.Parties[:1] }, "parties", "error.two_parties"},
		{"region twice", func(in *models.AgreementInput) { in.Parties[1].RegionCode = models.JakartaCode }, "parties.1.region", "error.region_twice"},
		{"no Jakarta", func(in *models.AgreementInput) { in.Parties[0].RegionCode = "13" }, "parties", "error.jakarta_required"},
		{"unknown region", func(in *models.AgreementInput) { in.Parties[1].RegionCode = "99.99" }, "parties.1.region", "error.unknown_region"},
		{"bad authority", func(in *models.AgreementInput) { in.Parties[1].Authority = "" }, "parties.1.authority", "error.choose_one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := modeltest.NewStore(t)
			in := validInput()
			tt.change(&in)
			_, err := s.CreateDraft(context.Background(), in)
			var v *models.ValidationError
			if !errors.As(err, &v) {
				t.Fatalf("err = %v, want a ValidationError", err)
			}
			if got := v.For(tt.field); got != tt.code {
				t.Fatalf("%s: %q, want %q (all: %v)", tt.field, got, tt.code, v)
			}
			if list, _ := s.AgreementsByStatus(context.Background(), models.StatusDraft); len(list) != 0 {
				t.Fatal("an invalid draft was written")
			}
		})
	}
	t.Run("valid, at 25 years", func(t *testing.T) {
		s := modeltest.NewStore(t)
		in := validInput()
		in.EndDate = models.Date(2051, 1, 1)
		if _, err := s.CreateDraft(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	})
}

func TestSignOffLifecycle(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	id, err := s.CreateDraft(ctx, validInput())
	if err != nil {
		t.Fatal(err)
	}
	parties := modeltest.Parties(t, s, id)
	if err := s.ConfirmParty(ctx, id, parties[0].ID, "", ""); !errors.Is(err, models.ErrInvalidTransition) {
		t.Fatalf("confirming a draft: %v", err)
	}
	if err := s.RecordSigning(ctx, id, models.SigningInput{Date: models.Date(2026, 1, 1), Place: "Jakarta"}); !errors.Is(err, models.ErrInvalidTransition) {
		t.Fatalf("signing a draft: %v", err)
	}
	ver, err := s.SendForConfirmation(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if ver.Number != 1 || len(ver.ContentHash) != 64 {
		t.Fatalf("version %+v", ver)
	}
	content, _ := models.CanonicalContent(&models.Agreement{})
	if models.ContentHash([]byte(ver.Content)) != ver.ContentHash || ver.Content == string(content) {
		t.Fatal("the hash does not cover the frozen content")
	}
	if _, err := s.SendForConfirmation(ctx, id); !errors.Is(err, models.ErrInvalidTransition) {
		t.Fatalf("sending twice: %v", err)
	}
	if err := s.ConfirmParty(ctx, id, parties[0].ID, "stale", ""); !errors.Is(err, models.ErrStaleVersion) {
		t.Fatalf("a stale hash: %v", err)
	}
	if err := s.ConfirmParty(ctx, id, 9999, ver.ContentHash, ""); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("a party of another agreement: %v", err)
	}
	if err := s.DeclineParty(ctx, id, parties[1].ID, ver.ContentHash, " "); err == nil {
		t.Fatal("declined without a reason")
	}
	if err := s.ConfirmParty(ctx, id, parties[0].ID, ver.ContentHash, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.ConfirmParty(ctx, id, parties[0].ID, ver.ContentHash, ""); !errors.Is(err, models.ErrAlreadyDecided) {
		t.Fatalf("confirming twice: %v", err)
	}
	if list, _ := s.AgreementsByStatus(ctx, models.StatusInReview); len(list) != 1 {
		t.Fatal("one confirmation of two should leave it in review")
	}
	if err := s.ConfirmParty(ctx, id, parties[1].ID, ver.ContentHash, "Setuju"); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.AgreementsByStatus(ctx, models.StatusAgreed); len(list) != 1 {
		t.Fatal("every party confirmed but the agreement is not agreed")
	}
	if err := s.Publish(ctx, id); !errors.Is(err, models.ErrInvalidTransition) {
		t.Fatalf("publishing before signing: %v", err)
	}
	var v *models.ValidationError
	if err := s.RecordSigning(ctx, id, models.SigningInput{}); !errors.As(err, &v) || v.For("signed_place") == "" {
		t.Fatalf("signing without date and place: %v", err)
	}
	if err := s.RecordSigning(ctx, id, models.SigningInput{Date: models.Date(2026, 1, 5), Place: "Jakarta"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Publish(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := s.Publish(ctx, id); !errors.Is(err, models.ErrInvalidTransition) {
		t.Fatalf("publishing twice: %v", err)
	}
	if _, err := s.PublishedAgreement(ctx, id); err != nil {
		t.Fatal(err)
	}
}

func TestDeclineKeepsItInReviewWithTheReason(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.InReview})
	parties := modeltest.Parties(t, s, id)
	list, _ := s.AgreementsByStatus(ctx, models.StatusInReview)
	ver, _ := models.CanonicalContent(&list[0])
	hash := models.ContentHash(ver)
	if err := s.DeclineParty(ctx, id, parties[1].ID, hash, "Jangka waktu terlalu panjang"); err != nil {
		t.Fatal(err)
	}
	parties = modeltest.Parties(t, s, id)
	if parties[1].Status != models.SignOffDeclined || parties[1].Note != "Jangka waktu terlalu panjang" || parties[1].ConfirmedHash != "" {
		t.Fatalf("party after decline: %+v", parties[1])
	}
	if list, _ := s.AgreementsByStatus(ctx, models.StatusInReview); len(list) != 1 {
		t.Fatal("a decline moved the agreement out of review")
	}
}
