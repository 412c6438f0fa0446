package models_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"derap/models"
	"derap/models/modeltest"
)

// Two people save the same record at once, both from the copy they loaded: exactly one
// save holds, the other is refused as made on a changed record, and the record is the
// one saved; a save from the new revision holds again. For every kind of record a form
// edits, with real goroutines.
func TestConcurrentEditsOfOneRecord(t *testing.T) {
	ctx := context.Background()
	type record struct {
		revision func(t *testing.T) uint64
		save     func(seen uint64, which int) error
		saved    func(t *testing.T) int // which save the record holds
	}
	kinds := map[string]func(t *testing.T, s *models.Store) record{
		"agreement draft": func(t *testing.T, s *models.Store) record {
			id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.Draft})
			titles := []string{"Judul Meja Satu", "Judul Meja Dua"}
			load := func(t *testing.T) models.AgreementView {
				v, err := s.AgreementFor(ctx, models.System, id)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			return record{
				revision: func(t *testing.T) uint64 { return load(t).Revision },
				save: func(seen uint64, which int) error {
					in := validInput()
					in.Title, in.Revision = titles[which], seen
					return s.UpdateDraft(ctx, models.System, id, in)
				},
				saved: func(t *testing.T) int { return slices.Index(titles, load(t).Title) },
			}
		},
		"event": func(t *testing.T, s *models.Store) record {
			titles := []string{"Forum Meja Satu", "Forum Meja Dua"}
			in := models.EventInput{Title: "Forum", StartDate: models.Date(2026, 3, 1)}
			id, err := s.SaveEvent(ctx, models.System, 0, in)
			if err != nil {
				t.Fatal(err)
			}
			load := func(t *testing.T) models.Event {
				e, err := s.EventByID(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				return e
			}
			return record{
				revision: func(t *testing.T) uint64 { return load(t).Revision },
				save: func(seen uint64, which int) error {
					edit := in // each desk's own copy
					edit.Title, edit.Revision = titles[which], seen
					_, err := s.SaveEvent(ctx, models.System, id, edit)
					return err
				},
				saved: func(t *testing.T) int { return slices.Index(titles, load(t).Title) },
			}
		},
		"region profile": func(t *testing.T, s *models.Store) record {
			offices := []string{"Kantor meja satu", "Kantor meja dua"}
			if err := s.SaveProfile(ctx, models.System, "13.77", models.ProfileInput{Partner: true, Summary: "awal"}); err != nil {
				t.Fatal(err)
			}
			load := func(t *testing.T) *models.RegionProfile {
				r, err := s.RegionByCode(ctx, "13.77")
				if err != nil || r.Profile == nil {
					t.Fatal(err)
				}
				return r.Profile
			}
			return record{
				revision: func(t *testing.T) uint64 { return load(t).Revision },
				save: func(seen uint64, which int) error {
					if which == 0 {
						in := models.ProfileInput{Partner: true, Summary: "diubah", Contact: models.ContactInput{Office: offices[0]}, Revision: seen}
						return s.SaveProfile(ctx, models.System, "13.77", in)
					}
					// The region's delegate edits the contact alone, on the same profile.
					return s.SaveContact(ctx, models.System, "13.77", models.ContactInput{Office: offices[1], Revision: seen})
				},
				saved: func(t *testing.T) int { return slices.Index(offices, load(t).ContactOffice) },
			}
		},
		"account": func(t *testing.T, s *models.Store) record {
			u := modeltest.CreateUser(t, s, models.RoleDelegate, "61")
			load := func(t *testing.T) models.User {
				got, err := s.UserByID(ctx, u.ID)
				if err != nil {
					t.Fatal(err)
				}
				return got
			}
			return record{
				revision: func(t *testing.T) uint64 { return load(t).Revision },
				save: func(seen uint64, which int) error { // 0 disables, 1 enables
					return s.SetUserActive(ctx, models.System, u.ID, which == 1, seen)
				},
				saved: func(t *testing.T) int {
					if load(t).Active {
						return 1
					}
					return 0
				},
			}
		},
	}
	for name, kind := range kinds {
		t.Run(name, func(t *testing.T) {
			for round := range 5 {
				s := modeltest.NewStore(t)
				r := kind(t, s)
				seen := r.revision(t)
				errs := make([]error, 2)
				var wg sync.WaitGroup
				for which := range 2 {
					wg.Go(func() { errs[which] = r.save(seen, which) })
				}
				wg.Wait()
				won := -1
				for which, err := range errs {
					switch {
					case err == nil:
						if won >= 0 {
							t.Fatalf("round %d: both saves held, one silently lost", round)
						}
						won = which
					case !errors.Is(err, models.ErrChanged):
						t.Fatalf("round %d: save %d: %v", round, which, err)
					}
				}
				if won < 0 {
					t.Fatalf("round %d: neither save held", round)
				}
				if got := r.saved(t); got != won {
					t.Fatalf("round %d: the record holds save %d, the one that held was %d", round, got, won)
				}
				if now := r.revision(t); now != seen+1 {
					t.Fatalf("round %d: revision %d after one save from %d", round, now, seen)
				}
				// The loser, shown the record as it is, saves again from its revision.
				if err := r.save(r.revision(t), 1-won); err != nil {
					t.Fatalf("round %d: a save from the current revision: %v", round, err)
				}
				if got := r.saved(t); got != 1-won {
					t.Fatalf("round %d: the second save did not hold", round)
				}
			}
		})
	}
}

// A step an official takes from a page that showed an agreement in review is refused
// once the last party has confirmed it: the agreement stays agreed, its confirmations
// kept. Withdrawing from the page that shows it agreed works.
func TestStepOnAnOlderPageIsRefused(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.InReview})
	shown, _ := s.AgreementFor(ctx, official, id) // the official's page, in review
	for _, p := range shown.Parties {
		delegate := modeltest.Delegate(t, s, p.RegionCode)
		if err := s.ConfirmParty(ctx, delegate, id, p.ID, shown.Version.ContentHash, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Withdraw(ctx, official, id, shown.Revision); !errors.Is(err, models.ErrChanged) {
		t.Fatalf("a withdrawal from a page older than the last confirmation: %v", err)
	}
	now, _ := s.AgreementFor(ctx, official, id)
	if now.Status != models.StatusAgreed || now.ConfirmedParties() != len(now.Parties) {
		t.Fatalf("the agreement is %s with %d confirmations", now.Status, now.ConfirmedParties())
	}
	for _, step := range []func(seen uint64) error{
		func(seen uint64) error { return s.Publish(ctx, official, id, seen) },
		func(seen uint64) error { return s.Unpublish(ctx, official, id, seen) },
		func(seen uint64) error {
			return s.RecordSigning(ctx, official, id, models.SigningInput{Date: s.Today(), Place: "Jakarta", Revision: seen})
		},
		func(seen uint64) error {
			return s.Terminate(ctx, official, id, models.TerminationInput{Date: s.Today(), Reason: "uji", Revision: seen})
		},
		func(seen uint64) error { _, err := s.SendForConfirmation(ctx, official, id, seen); return err },
	} {
		if err := step(shown.Revision); !errors.Is(err, models.ErrChanged) {
			t.Errorf("a step from the older page: %v", err)
		}
	}
	if err := s.Withdraw(ctx, official, id, now.Revision); err != nil {
		t.Fatalf("a withdrawal from the current page: %v", err)
	}
}
