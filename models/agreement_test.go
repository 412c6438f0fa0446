package models_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

// Whatever the stage, only published agreements come out of the public queries.
func TestPublicQueriesNeverShowUnpublished(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	hidden := map[uint]bool{}
	for _, stage := range []modeltest.Stage{modeltest.Draft, modeltest.InReview, modeltest.Agreed, modeltest.Signed} {
		hidden[modeltest.CreateAgreement(t, s, modeltest.Agreement{Partner: "61", Stage: stage})] = true
	}
	for _, status := range []models.Status{models.StatusDraft, models.StatusInReview} {
		list, _ := s.AgreementsByStatus(ctx, status)
		for _, a := range list {
			hidden[a.ID] = true
		}
	}
	check := func(where string, list []models.Agreement) {
		t.Helper()
		for _, a := range list {
			if hidden[a.ID] || !a.Published {
				t.Errorf("%s shows unpublished agreement %d (%s)", where, a.ID, a.Status)
			}
		}
	}
	for id := range hidden {
		if _, err := s.AgreementFor(ctx, models.Actor{}, id); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("AgreementFor(visitor, %d): %v, want ErrNotFound", id, err)
		}
	}
	page, err := s.PublishedAgreements(ctx, models.AgreementFilter{}, 100)
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 3 {
		t.Errorf("%d published, want 3", page.Total)
	}
	check("list", page.Items)
	home, _ := s.HomePage(ctx, 100, 100)
	check("home", home.Agreements)
	for _, code := range []string{"31", "61", "61.04", "14.71"} {
		rp, err := s.RegionPageByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		check("region "+code, rp.Agreements)
	}
	facets, _ := s.PublishedAgreementFacets(ctx)
	for _, r := range facets.Regions {
		if r.Code == "61.04" || r.Code == "14.71" {
			t.Errorf("facets offer %s, which has no published agreement", r.Code)
		}
	}
}

func TestPublishedAgreementsFilters(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	modeltest.CreateAgreement(t, s, modeltest.Agreement{Partner: "61", Sectors: []string{"food", "tourism"}, Signed: models.Date(2024, 5, 2)})
	modeltest.CreateAgreement(t, s, modeltest.Agreement{Partner: "74.01", Sectors: []string{"food"}, Signed: models.Date(2025, 1, 1)})
	modeltest.CreateAgreement(t, s, modeltest.Agreement{Partner: "74.01", Sectors: []string{"culture"}, Signed: models.Date(2025, 12, 31), DocType: models.DocImplementing})
	tests := []struct {
		name   string
		filter models.AgreementFilter
		want   int64
	}{
		{"none", models.AgreementFilter{}, 3},
		{"sector", models.AgreementFilter{Sector: "food"}, 2},
		{"region", models.AgreementFilter{Region: "74.01"}, 2},
		{"jakarta is in all", models.AgreementFilter{Region: "31"}, 3},
		{"doc type", models.AgreementFilter{DocType: models.DocImplementing}, 1},
		{"year, first and last day", models.AgreementFilter{Year: 2025}, 2},
		{"year", models.AgreementFilter{Year: 2024}, 1},
		{"combined", models.AgreementFilter{Sector: "food", Region: "74.01", Year: 2025}, 1},
		{"combined, nothing", models.AgreementFilter{Sector: "tourism", Region: "74.01"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := s.PublishedAgreements(ctx, tt.filter, 10)
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != tt.want || int64(len(page.Items)) != tt.want {
				t.Errorf("total %d, %d items, want %d", page.Total, len(page.Items), tt.want)
			}
		})
	}
	facets, err := s.PublishedAgreementFacets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(facets.Years) != 2 || facets.Years[0] != 2025 || facets.Years[1] != 2024 {
		t.Errorf("years %v", facets.Years)
	}
	if len(facets.Regions) != 3 {
		t.Errorf("regions %v", facets.Regions)
	}
}

func TestPublishedAgreementsPagination(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	for i := range 5 {
		modeltest.CreateAgreement(t, s, modeltest.Agreement{Signed: models.Date(2025, 1, 1+i)})
	}
	seen := map[uint]bool{}
	for page := 1; page <= 3; page++ {
		p, err := s.PublishedAgreements(ctx, models.AgreementFilter{Page: page}, 2)
		if err != nil {
			t.Fatal(err)
		}
		if p.Pages() != 3 {
			t.Fatalf("pages %d", p.Pages())
		}
		for _, a := range p.Items {
			if seen[a.ID] {
				t.Fatalf("agreement %d repeats on page %d", a.ID, page)
			}
			seen[a.ID] = true
		}
	}
	if len(seen) != 5 {
		t.Fatalf("pages held %d rows, want 5", len(seen))
	}
	past, err := s.PublishedAgreements(ctx, models.AgreementFilter{Page: 4}, 2)
	if err != nil || len(past.Items) != 0 {
		t.Fatalf("page past the end: %v, %d items", err, len(past.Items))
	}
}

func TestPublishedAgreementPage(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	home, _ := s.HomePage(ctx, 1, 1)
	v, err := s.AgreementFor(ctx, models.Actor{}, home.Agreements[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if v.Event == nil || v.Version == nil || len(v.Version.ContentHash) != 64 {
		t.Fatalf("event %v, version %v", v.Event, v.Version)
	}
	for _, p := range v.Parties {
		if p.ConfirmedHash != v.Version.ContentHash || p.Region.Name == "" || p.DecidedAt == nil {
			t.Errorf("party %s: hash %q, region %q", p.RegionCode, p.ConfirmedHash, p.Region.Name)
		}
	}
	if got := v.TermState(models.Date(2026, 11, 26)); got != models.TermActive {
		t.Errorf("term state %s", got)
	}
}

func TestTermState(t *testing.T) {
	a := models.Agreement{StartDate: models.Date(2025, 10, 3), EndDate: models.Date(2030, 10, 2), Status: models.StatusSigned}
	tests := []struct {
		today time.Time
		want  models.TermState
	}{
		{models.Date(2025, 10, 2), models.TermUpcoming},
		{models.Date(2025, 10, 3), models.TermActive},
		{models.Date(2030, 10, 2), models.TermActive},
		{models.Date(2030, 10, 3), models.TermExpired},
	}
	for _, tt := range tests {
		if got := a.TermState(tt.today); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.today.Format(time.DateOnly), got, tt.want)
		}
	}
	a.Status = models.StatusTerminated
	ends := models.Date(2026, 1, 1)
	a.TerminatedOn = &ends
	if got := a.TermState(models.Date(2025, 12, 31)); got != models.TermActive {
		t.Errorf("before its termination takes effect: %s", got)
	}
	if got := a.TermState(models.Date(2026, 1, 1)); got != models.TermTerminated {
		t.Errorf("terminated: %s", got)
	}
}

// The year filter offers every year with a published signing, newest first, with the
// days either side of New Year in their own years and unpublished agreements left out.
func TestFacetYearsAtTheYearsEdges(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	for _, day := range []time.Time{models.Date(2021, 12, 31), models.Date(2022, 1, 1), models.Date(2022, 12, 31), models.Date(2024, 6, 1), models.Date(2024, 6, 2)} {
		modeltest.CreateAgreement(t, s, modeltest.Agreement{Signed: day})
	}
	modeltest.CreateAgreement(t, s, modeltest.Agreement{Signed: models.Date(2019, 5, 5), Stage: modeltest.Signed})
	facets, err := s.PublishedAgreementFacets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{2024, 2022, 2021}; !slices.Equal(facets.Years, want) {
		t.Errorf("years %v, want %v", facets.Years, want)
	}
}
