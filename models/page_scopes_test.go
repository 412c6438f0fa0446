package models_test

import (
	"context"
	"slices"
	"testing"

	"derap/models"
	"derap/models/modeltest"
)

// A publication or its withdrawal records the pages it touched besides the lists: the
// agreement's, its parent's and implementing agreements', and its parties' regions'. Any
// other public change may have touched any page; a change no visitor sees records
// nothing. On both engines.
func TestChangesRecordThePagesTheyTouched(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	db := modeltest.OpenSQL(t, modeltest.DSN(t, s))
	changedBy := func(write func() error) []string {
		t.Helper()
		before, err := s.DataVersions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := write(); err != nil {
			t.Fatal(err)
		}
		after, err := s.DataVersions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		changes, err := s.ScopeChangesSince(ctx, before.Public)
		if err != nil {
			t.Fatal(err)
		}
		var scopes []string
		for _, c := range changes {
			if c.Version != after.Public {
				t.Errorf("%s recorded at %d, the change made %d", c.Scope, c.Version, after.Public)
			}
			scopes = append(scopes, c.Scope)
		}
		slices.Sort(scopes)
		return scopes
	}

	// A published memorandum and an implementing agreement under it.
	parent := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Memorandum", Partner: "61"})
	child := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Perjanjian Kerja Sama", Partner: "61.04", DocType: models.DocImplementing, Parent: &parent})
	rows, err := db.Query(`SELECT region_code FROM parties WHERE agreement_id = $1`, child)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{models.AgreementScope(child), models.AgreementScope(parent)}
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			t.Fatal(err)
		}
		want = append(want, models.RegionScope(code))
	}
	rows.Close()
	slices.Sort(want)
	if got := changedBy(func() error { return s.Unpublish(ctx, models.System, child, models.AnyRevision) }); !slices.Equal(got, want) {
		t.Errorf("unpublishing the implementing agreement touched %v, want %v", got, want)
	}
	if got := changedBy(func() error { return s.Publish(ctx, models.System, child, models.AnyRevision) }); !slices.Equal(got, want) {
		t.Errorf("publishing it again touched %v, want %v", got, want)
	}
	// The memorandum's own publication reaches its implementing agreements' pages.
	if got := changedBy(func() error { return s.Unpublish(ctx, models.System, parent, models.AnyRevision) }); !slices.Contains(got, models.AgreementScope(child)) {
		t.Errorf("unpublishing the memorandum touched %v, not its implementing agreement's page", got)
	}

	// Any other public change: any page.
	contact := models.ContactInput{Office: "Biro Kerja Sama", Address: "Jl. Medan Merdeka Selatan", Phone: "021-3822255", Email: "ksd@jakarta.go.id", Revision: models.AnyRevision}
	if got := changedBy(func() error { return s.SaveContact(ctx, models.System, "13.77", contact) }); !slices.Equal(got, []string{models.ScopeAnyPage}) {
		t.Errorf("a contact's edit touched %v, want any page", got)
	}
	// A draft is on no public page: nothing is recorded.
	draft := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.Draft})
	if got := changedBy(func() error {
		_, err := s.SendForConfirmation(ctx, models.System, draft, models.AnyRevision)
		return err
	}); len(got) > 0 {
		t.Errorf("sending a draft touched %v", got)
	}
}
