package views

import (
	"context"
	"io"
	"net/url"
	"testing"

	"derap/models"
	"derap/views/i18n"
)

// Rendering the public list of agreements: twenty rows, each with its parties.
func BenchmarkRenderAgreementsPage(b *testing.B) {
	items := make([]models.Agreement, 20)
	for i := range items {
		a := sampleAgreement().Agreement
		a.ID = uint(i + 1)
		items[i] = a
	}
	page := AgreementListPage{
		Result: models.AgreementResults{Items: items, Total: 2000, Page: 3, PerPage: 20},
		Facets: models.AgreementFacets{Years: []int{2026, 2025, 2024}, Regions: []models.Region{{Code: "61", Name: "Kalimantan Barat"}}},
		Query:  url.Values{"page": {"3"}},
	}
	u, _ := url.Parse("/agreements?page=3")
	ctx := WithRequest(context.Background(), Request{Locale: i18n.ID, URL: u})
	b.ReportAllocs()
	for b.Loop() {
		if err := AgreementsPage(page).Render(ctx, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
