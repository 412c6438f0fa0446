package models_test

import (
	"context"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

// The summaries the database keeps of the register (migration 00013) stay equal to what
// they summarise through every step of the lifecycle and through writes made outside the
// portal: the counts per state against counting the agreements, each party's published
// flag against its agreement's.
func TestRegisterSummariesFollowEveryWrite(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	ids := map[modeltest.Stage]uint{}
	for _, stage := range []modeltest.Stage{modeltest.Draft, modeltest.InReview, modeltest.Agreed, modeltest.Signed, modeltest.Published} {
		ids[stage] = modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: stage, Partner: "13.77"})
		checkSummaries(t, s)
	}
	published := ids[modeltest.Published]
	steps := []struct {
		name string
		do   func() error
	}{
		{"unpublish", func() error { return s.Unpublish(ctx, models.System, published, models.AnyRevision) }},
		{"publish again", func() error { return s.Publish(ctx, models.System, published, models.AnyRevision) }},
		{"terminate a published agreement", func() error {
			return s.Terminate(ctx, models.System, published, models.TerminationInput{Date: models.Date(2026, time.January, 5), Reason: "uji", Revision: models.AnyRevision})
		}},
		{"withdraw one in review", func() error { return s.Withdraw(ctx, models.System, ids[modeltest.InReview], models.AnyRevision) }},
		{"publish the signed one", func() error { return s.Publish(ctx, models.System, ids[modeltest.Signed], models.AnyRevision) }},
		{"an operator unpublishes by hand", func() error {
			return s.ExecForTest(ctx, "UPDATE agreements SET published = ? WHERE id = ?", false, ids[modeltest.Signed])
		}},
		{"an operator adds a party to the published one by hand", func() error {
			return s.ExecForTest(ctx, "INSERT INTO parties (agreement_id, region_code, position, authority) VALUES (?, '32.73', 3, 'own_office')", published)
		}},
		{"an operator sets a party's flag against its agreement's", func() error {
			return s.ExecForTest(ctx, "UPDATE parties SET published = ? WHERE agreement_id = ?", false, published)
		}},
		{"an operator sets a party's signing day against its agreement's", func() error {
			return s.ExecForTest(ctx, "UPDATE parties SET signed_on = ? WHERE agreement_id = ?", models.Date(2020, time.May, 5), published)
		}},
		{"an operator corrects an agreement's signing day", func() error {
			return s.ExecForTest(ctx, "UPDATE agreements SET signed_on = ? WHERE id = ?", models.Date(2025, time.March, 2), published)
		}},
		{"an operator deletes a draft", func() error {
			for _, q := range []string{"DELETE FROM agreement_sectors WHERE agreement_id = ?", "DELETE FROM parties WHERE agreement_id = ?", "DELETE FROM agreements WHERE id = ?"} {
				if err := s.ExecForTest(ctx, q, ids[modeltest.Draft]); err != nil {
					return err
				}
			}
			return nil
		}},
	}
	for _, step := range steps {
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		t.Run(step.name, func(t *testing.T) { checkSummaries(t, s) })
	}
	// And what the pages read from them.
	counts, err := s.AgreementCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts[models.StatusTerminated] != 1 || counts[models.StatusSigned] != 1 || counts[models.StatusDraft] != 1 {
		t.Errorf("counts %v: one terminated, one signed, one draft (the withdrawn one) expected", counts)
	}
	home, err := s.HomePage(ctx, 5, 3)
	if err != nil {
		t.Fatal(err)
	}
	if home.Stats.PublishedAgreements != 1 {
		t.Errorf("home counts %d published agreements, want 1", home.Stats.PublishedAgreements)
	}
}

// checkSummaries compares the kept summaries with the register itself.
func checkSummaries(t *testing.T, s *models.Store) {
	t.Helper()
	db := s.DBForTest()
	type count struct {
		Status    string
		Published bool
		N         int64
	}
	var kept, counted []count
	if err := db.Raw("SELECT status, published, n FROM agreement_counts WHERE n <> 0 ORDER BY status, published").Scan(&kept).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Raw("SELECT status, published, count(*) AS n FROM agreements GROUP BY status, published ORDER BY status, published").Scan(&counted).Error; err != nil {
		t.Fatal(err)
	}
	if len(kept) != len(counted) {
		t.Fatalf("kept counts %+v, the agreements count %+v", kept, counted)
	}
	for i := range kept {
		if kept[i] != counted[i] {
			t.Errorf("kept counts %+v, the agreements count %+v", kept, counted)
			break
		}
	}
	var wrong int64
	err := db.Raw(`SELECT count(*) FROM parties JOIN agreements ON agreements.id = parties.agreement_id
		WHERE parties.published <> agreements.published
		OR (parties.signed_on IS NULL) <> (agreements.signed_on IS NULL) OR parties.signed_on <> agreements.signed_on`).Scan(&wrong).Error
	if err != nil {
		t.Fatal(err)
	}
	if wrong != 0 {
		t.Errorf("%d parties' published flag or signing day differs from their agreement's", wrong)
	}
}
