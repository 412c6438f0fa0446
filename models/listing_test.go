package models_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

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
	// The officials' lists carry each party whole, and the sectors; the public lists what
	// they show of a party (its region, name, place and answer) and no sectors.
	lists := map[string]struct {
		items  []models.Agreement
		public bool
	}{
		"published": {published.Items, true}, "region page": {region.Agreements, true},
		"in review": {inReview, false}, "one agreement": {[]models.Agreement{one.Agreement}, false},
	}
	for name, list := range lists {
		t.Run(name, func(t *testing.T) {
			if len(list.items) == 0 {
				t.Fatal("nothing listed")
			}
			for _, got := range list.items {
				var want models.Agreement
				err := s.DBForTest().Preload("Parties", func(db *gorm.DB) *gorm.DB { return db.Order("position") }).
					Preload("Parties.Region").Preload("Sectors", func(db *gorm.DB) *gorm.DB { return db.Order("sector") }).Where("id = ?", got.ID).First(&want).Error
				if err != nil {
					t.Fatal(err)
				}
				if list.public {
					want.Sectors = nil
					for i, p := range want.Parties {
						want.Parties[i] = models.Party{AgreementID: p.AgreementID, RegionCode: p.RegionCode, Position: p.Position,
							Status: p.Status, Region: models.Region{Code: p.Region.Code, Name: p.Region.Name}}
					}
					if got.Title != want.Title || got.DocType != want.DocType || got.Status != want.Status || !got.EndDate.Equal(want.EndDate) {
						t.Errorf("agreement %d: %+v, want %+v", got.ID, got, want)
					}
				}
				if len(got.Parties) < 2 || len(want.Parties) != len(got.Parties) || (!list.public && len(got.Sectors) == 0) {
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

// The lists read an agreement's columns by hand: every column GORM reads is read, into
// the same field, on both engines (a column added to Agreement and not to the scan would
// be left empty on every list).
func TestAgreementsReadByHandMatchGORM(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ended := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Diakhiri"})
	in := models.TerminationInput{Date: s.Today(), Reason: "Tidak dilanjutkan", Revision: models.AnyRevision}
	if err := s.Terminate(context.Background(), models.System, ended, in); err != nil {
		t.Fatal(err)
	}
	var want []models.Agreement
	if err := s.DBForTest().Order("id").Find(&want).Error; err != nil {
		t.Fatal(err)
	}
	got, err := s.FindAgreementsForTest()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(want) < 5 {
		t.Fatalf("%d agreements read by hand, %d by GORM", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("agreement %d:\nby hand %+v\nby GORM %+v", want[i].ID, got[i], want[i])
		}
	}
	fields := reflect.TypeOf(models.Agreement{}).NumField()
	if fields != 28 {
		t.Errorf("Agreement has %d fields: add the new column to agreementColumns and findAgreements' scan, then update this count", fields)
	}
}

// Every page of the public list holds the rows the whole list has at its place, in every
// order, whether the page is read from the list's start or (in its second half) from its
// end; a page past the end holds none. On both engines.
func TestListPagesReadFromEitherEnd(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	for i, title := range []string{"Beras Sambas", "Ayam Pariaman", "Sagu Padang", "Jagung Kupang"} {
		modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: title, Signed: models.Date(2024, time.Month(3+i), 1)})
	}
	ids := func(items []models.Agreement) []uint {
		out := make([]uint, len(items))
		for i, a := range items {
			out[i] = a.ID
		}
		return out
	}
	for _, sort := range []models.AgreementSort{models.SortNewest, models.SortSigned, models.SortEnds, models.SortTitle} {
		for _, sector := range []string{"", "food"} {
			f := models.AgreementFilter{Sort: sort, Sector: sector}
			whole, err := s.PublishedAgreements(ctx, f, 1000)
			if err != nil {
				t.Fatal(err)
			}
			if whole.Total < 7 {
				t.Fatalf("%s %q: only %d agreements", sort, sector, whole.Total)
			}
			for _, perPage := range []int{2, 3} {
				var paged []models.Agreement
				pages := int(whole.Total+int64(perPage)-1) / perPage
				for page := 1; page <= pages+1; page++ {
					f.Page = page
					got, err := s.PublishedAgreements(ctx, f, perPage)
					if err != nil {
						t.Fatal(err)
					}
					if page > pages && len(got.Items) != 0 {
						t.Errorf("%s %q: page %d past the end holds %d", sort, sector, page, len(got.Items))
					}
					paged = append(paged, got.Items...)
				}
				if !slices.Equal(ids(paged), ids(whole.Items)) {
					t.Errorf("%s %q, %d a page: the pages hold\n%v\nthe whole list\n%v", sort, sector, perPage, ids(paged), ids(whole.Items))
				}
			}
		}
	}
}
