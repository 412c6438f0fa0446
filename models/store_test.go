package models_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"derap/models"
	"derap/models/modeltest"
)

func TestOpenSetsPragmasForAWebServer(t *testing.T) {
	s, err := models.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Pragmas(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"journal_mode": "wal", "foreign_keys": "1", "synchronous": "2", "busy_timeout": "10000"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("PRAGMA %s = %q, want %q", k, got[k], v)
		}
	}
}

// Many goroutines write and read at once; none may see "database is locked".
func TestConcurrentReadsAndWritesNeverLock(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	const writers, readers, each = 8, 8, 15
	var wg sync.WaitGroup
	errs := make(chan error, (writers+readers)*each)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				id, err := s.CreateDraft(ctx, models.System, models.AgreementInput{
					Title: fmt.Sprintf("Konkuren %d-%d", w, i), DocType: models.DocMemorandum,
					Kind: models.CooperationRegional, Sectors: []string{"food"},
					StartDate: models.Date(2025, 1, 1), EndDate: models.Date(2026, 1, 1),
					Parties: []models.PartyInput{
						{Region: models.JakartaCode, Authority: models.AuthorityOwnOffice},
						{Region: "61", Authority: models.AuthorityOwnOffice},
					},
				})
				if err == nil {
					_, err = s.SendForConfirmation(ctx, models.System, id, models.AnyRevision)
				}
				errs <- err
			}
		})
	}
	for range readers {
		wg.Go(func() {
			for range each {
				_, err := s.AgreementsByStatus(ctx, models.StatusInReview)
				if err == nil {
					_, err = s.HomePage(ctx, 5, 3)
				}
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	inReview, err := s.AgreementsByStatus(ctx, models.StatusInReview)
	if err != nil {
		t.Fatal(err)
	}
	if len(inReview) != writers*each {
		t.Fatalf("%d agreements in review, want %d: a write was lost", len(inReview), writers*each)
	}
}
