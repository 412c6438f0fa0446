package models_test

import (
	"context"
	"reflect"
	"testing"

	"gorm.io/gorm"

	"derap/models"
	"derap/models/modeltest"
)

// The lists' agreements carry the same parties (in signing order, with their regions) and
// sectors (in the order of their keys, on both engines) as GORM's preloading reads, on
// every page that lists agreements.
func TestListedAgreementsCarryPartiesAndSectors(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	for i, partner := range []string{"13.77", "61", "32.73"} {
		modeltest.CreateAgreement(t, s, modeltest.Agreement{Partner: partner, Sectors: []string{"food", "tourism", "education"}[i:]})
	}
	review := modeltest.CreateAgreement(t, s, modeltest.Agreement{Partner: "61", Stage: modeltest.InReview})
	parties := modeltest.Parties(t, s, review)
	jakarta := modeltest.Delegate(t, s, models.JakartaCode)
	v, err := s.AgreementFor(ctx, jakarta, review)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ConfirmParty(ctx, jakarta, review, parties[0].ID, v.Version.ContentHash, "NO-31/2026", "setuju"); err != nil {
		t.Fatal(err)
	}
	published, err := s.PublishedAgreements(ctx, models.AgreementFilter{}, 20)
	if err != nil {
		t.Fatal(err)
	}
	region, err := s.RegionPageByCode(ctx, "61")
	if err != nil {
		t.Fatal(err)
	}
	inReview, err := s.AgreementsByStatus(ctx, models.StatusInReview)
	if err != nil {
		t.Fatal(err)
	}
	one, err := s.AgreementFor(ctx, jakarta, review)
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string][]models.Agreement{
		"published": published.Items, "region page": region.Agreements, "in review": inReview, "one agreement": {one.Agreement},
	}
	for name, items := range lists {
		t.Run(name, func(t *testing.T) {
			if len(items) == 0 {
				t.Fatal("nothing listed")
			}
			for _, got := range items {
				var want models.Agreement
				err := s.DBForTest().Preload("Parties", func(db *gorm.DB) *gorm.DB { return db.Order("position") }).
					Preload("Parties.Region").Preload("Sectors", func(db *gorm.DB) *gorm.DB { return db.Order("sector") }).Where("id = ?", got.ID).First(&want).Error
				if err != nil {
					t.Fatal(err)
				}
				if len(got.Parties) == 0 || len(got.Sectors) == 0 {
					t.Fatalf("agreement %d: %d parties, %d sectors", got.ID, len(got.Parties), len(got.Sectors))
				}
				if !reflect.DeepEqual(got.Parties, want.Parties) {
					t.Errorf("agreement %d: parties\n%+v\nwant\n%+v", got.ID, got.Parties, want.Parties)
				}
				if !reflect.DeepEqual(got.Sectors, want.Sectors) {
					t.Errorf("agreement %d: sectors %+v, want %+v", got.ID, got.Sectors, want.Sectors)
				}
			}
		})
	}
}
