package models_test

import (
	"context"
	"errors"
	"testing"

	"derap/models"
	"derap/models/modeltest"
)

func TestReferenceRegionsCounts(t *testing.T) {
	regions, err := models.ReferenceRegions()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[models.RegionKind]int{}
	for _, r := range regions {
		counts[r.Kind]++
		if r.Kind != models.KindProvince && r.ProvinceCode == "" {
			t.Errorf("%s %s has no province", r.Code, r.Name)
		}
	}
	want := map[models.RegionKind]int{models.KindProvince: 38, models.KindRegency: 416, models.KindCity: 98}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("%d %s, want %d", counts[k], k, n)
		}
	}
}

func TestLoadRegionsOnlyIntoAnEmptyTable(t *testing.T) {
	s := modeltest.NewStore(t) // loads once
	ctx := context.Background()
	added, err := s.LoadRegions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if added != 0 {
		t.Fatalf("second load added %d regions", added)
	}
	counts, err := s.CountRegions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts[models.KindProvince] != 38 || counts[models.KindRegency] != 416 || counts[models.KindCity] != 98 {
		t.Fatalf("counts %v", counts)
	}
	r, err := s.RegionByCode(ctx, "74.01")
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "Kabupaten Kolaka" || r.Kind != models.KindRegency || r.ProvinceCode != "74" {
		t.Fatalf("74.01 = %+v", r)
	}
	if _, err := s.RegionByCode(ctx, "99.99"); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("unknown code: %v", err)
	}
}

func TestRegionDirectory(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	count := func(groups []models.RegionGroup) (provinces, members int) {
		for _, g := range groups {
			if g.ProvinceMatches {
				provinces++
			}
			members += len(g.Members)
		}
		return
	}
	tests := []struct {
		name              string
		filter            models.RegionFilter
		provinces, others int
		groups            int
	}{
		{"everything", models.RegionFilter{}, 38, 514, 38},
		{"provinces", models.RegionFilter{Kind: models.KindProvince}, 38, 0, 38},
		{"cities", models.RegionFilter{Kind: models.KindCity}, 0, 98, -1},
		{"partners", models.RegionFilter{PartnersOnly: true}, 3, 4, 5}, // provinces 61, 53, 13; members under 74, 13, 14, 61
		{"name search any case", models.RegionFilter{Query: "pariaman"}, 0, 2, 1},
		{"search escapes LIKE wildcards", models.RegionFilter{Query: "%"}, 0, 0, 0},
		{"partner cities", models.RegionFilter{Kind: models.KindCity, PartnersOnly: true}, 0, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups, err := s.RegionDirectory(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			p, m := count(groups)
			if p != tt.provinces || m != tt.others {
				t.Errorf("%d provinces and %d others match, want %d and %d", p, m, tt.provinces, tt.others)
			}
			if tt.groups >= 0 && len(groups) != tt.groups {
				t.Errorf("%d groups, want %d", len(groups), tt.groups)
			}
		})
	}
}

func TestRegionPage(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()

	kalbar, err := s.RegionPageByCode(ctx, "61")
	if err != nil {
		t.Fatal(err)
	}
	if kalbar.Province != nil || len(kalbar.Members) != 14 {
		t.Errorf("province page: province %v, %d members", kalbar.Province, len(kalbar.Members))
	}
	if kalbar.Region.Profile == nil || !kalbar.Region.Partner {
		t.Errorf("Kalimantan Barat has no partner profile")
	}
	// Its signed memorandum is public; its draft implementing agreement is not.
	if len(kalbar.Agreements) != 1 || kalbar.Agreements[0].Status != models.StatusSigned {
		t.Errorf("Kalimantan Barat agreements: %d", len(kalbar.Agreements))
	}
	if len(kalbar.Events) != 1 {
		t.Errorf("Kalimantan Barat events: %d", len(kalbar.Events))
	}

	ketapang, err := s.RegionPageByCode(ctx, "61.04")
	if err != nil {
		t.Fatal(err)
	}
	if ketapang.Province == nil || ketapang.Province.Code != "61" {
		t.Errorf("Ketapang's province: %v", ketapang.Province)
	}
	if len(ketapang.Agreements) != 0 {
		t.Errorf("Ketapang's memorandum is in review but the page lists %d agreements", len(ketapang.Agreements))
	}

	jakarta, err := s.RegionPageByCode(ctx, models.JakartaCode)
	if err != nil {
		t.Fatal(err)
	}
	if len(jakarta.Agreements) != 3 || jakarta.Region.Partner {
		t.Errorf("Jakarta: %d agreements, partner %v", len(jakarta.Agreements), jakarta.Region.Partner)
	}
}

// A region's page lists its latest agreements and events and says when there are more,
// newest first, so that a region party to thousands costs what any other does.
func TestRegionPageListsTheLatest(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	const region = "13.77"
	n := models.RegionPageLength
	for i := range n {
		modeltest.CreateAgreement(t, s, modeltest.Agreement{Partner: region, Signed: models.Date(2024, 1, 1+i)})
		in := models.EventInput{Title: "Forum", StartDate: models.Date(2024, 2, 1+i), Place: "Padang", Regions: []string{region}}
		if _, err := s.SaveEvent(ctx, models.System, 0, in); err != nil {
			t.Fatal(err)
		}
	}
	page, err := s.RegionPageByCode(ctx, region)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Agreements) != n || len(page.Events) != n || page.MoreAgreements || page.MoreEvents {
		t.Fatalf("exactly %d: %d agreements (more %v), %d events (more %v)", n, len(page.Agreements), page.MoreAgreements, len(page.Events), page.MoreEvents)
	}
	newest := modeltest.CreateAgreement(t, s, modeltest.Agreement{Partner: region, Signed: models.Date(2025, 1, 1)})
	modeltest.CreateAgreement(t, s, modeltest.Agreement{Partner: region, Signed: models.Date(2025, 1, 2), Stage: modeltest.Signed}) // not public
	event, err := s.SaveEvent(ctx, models.System, 0, models.EventInput{Title: "Forum terbaru", StartDate: models.Date(2025, 3, 1), Place: "Padang", Regions: []string{region}})
	if err != nil {
		t.Fatal(err)
	}
	page, err = s.RegionPageByCode(ctx, region)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Agreements) != n || len(page.Events) != n || !page.MoreAgreements || !page.MoreEvents {
		t.Fatalf("one more: %d agreements (more %v), %d events (more %v)", len(page.Agreements), page.MoreAgreements, len(page.Events), page.MoreEvents)
	}
	if page.Agreements[0].ID != newest || page.Events[0].ID != event {
		t.Errorf("not newest first: agreement %d, event %d", page.Agreements[0].ID, page.Events[0].ID)
	}
	for _, a := range page.Agreements {
		if !a.Published {
			t.Errorf("agreement %d is not published", a.ID)
		}
	}
	// Jakarta, a party to every agreement, lists the register's newest published ones.
	other := modeltest.CreateAgreement(t, s, modeltest.Agreement{Partner: "74.01", Signed: models.Date(2025, 2, 1)})
	jakarta, err := s.RegionPageByCode(ctx, models.JakartaCode)
	if err != nil {
		t.Fatal(err)
	}
	if len(jakarta.Agreements) != n || !jakarta.MoreAgreements || jakarta.Agreements[0].ID != other || jakarta.Agreements[1].ID != newest {
		t.Fatalf("Jakarta's page: %d agreements (more %v)", len(jakarta.Agreements), jakarta.MoreAgreements)
	}
	for _, a := range jakarta.Agreements {
		if !a.Published {
			t.Errorf("Jakarta's page lists agreement %d, not published", a.ID)
		}
	}
}
