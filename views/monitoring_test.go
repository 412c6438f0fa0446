package views

import (
	"context"
	"strings"
	"testing"

	"derap/models"
	"derap/views/i18n"
)

// Amounts are written with the language's separators, at most three decimals, and the
// unit's label in its plural form.
func TestFormatQuantity(t *testing.T) {
	for _, tt := range []struct {
		q      models.Quantity
		u      models.Unit
		id, en string
	}{
		{1000, models.UnitTonne, "1 ton", "1 tonne"},
		{12500, models.UnitTonne, "12,5 ton", "12.5 tonnes"},
		{1250500, models.UnitTonne, "1.250,5 ton", "1,250.5 tonnes"},
		{12000000, models.UnitTonne, "12.000 ton", "12,000 tonnes"},
		{420125, models.UnitTonne, "420,125 ton", "420.125 tonnes"},
		{0, models.UnitTonne, "0 ton", "0 tonnes"},
		{30000, models.UnitParticipant, "30 peserta", "30 participants"},
		{1000, models.UnitParticipant, "1 peserta", "1 participant"},
		{1000, models.UnitEvent, "1 kegiatan", "1 event"},
		{150000, models.UnitHead, "150 ekor", "150 head"},
		{2500, models.UnitNone, "2,5", "2.5"},
	} {
		for l, want := range map[i18n.Locale]string{i18n.ID: tt.id, i18n.EN: tt.en} {
			ctx := WithRequest(context.Background(), Request{Locale: l})
			if got := FormatQuantity(ctx, tt.q, tt.u); got != want {
				t.Errorf("%s %d %s: %q, want %q", l, tt.q, tt.u, got, want)
			}
		}
		if got := csvQuantity(tt.q); strings.ContainsAny(got, ", ") {
			t.Errorf("csv %d: %q", tt.q, got)
		}
	}
	if got := csvQuantity(1250500); got != "1250.5" {
		t.Errorf("csv: %q", got)
	}
}

// The supply charts keep units apart, fill the months between the first and the last,
// and sum one commodity over regions exactly.
func TestSupplyCharts(t *testing.T) {
	ctx := WithRequest(context.Background(), Request{Locale: i18n.ID})
	figures := []models.SupplyFigure{
		{Month: "2025-11", Commodity: "rice", FromRegionCode: "61", FromRegionName: "Kalimantan Barat", Unit: models.UnitTonne, Quantity: 420500},
		{Month: "2025-11", Commodity: "rice", FromRegionCode: "61.04", FromRegionName: "Kabupaten Ketapang", Unit: models.UnitTonne, Quantity: 100250},
		{Month: "2026-01", Commodity: "fish", FromRegionCode: "61.04", FromRegionName: "Kabupaten Ketapang", Unit: models.UnitTonne, Quantity: 36000},
		{Month: "2026-01", Commodity: "cattle", FromRegionCode: "74.01", FromRegionName: "Kabupaten Kolaka", Unit: models.UnitHead, Quantity: 150000},
	}
	sets := supplyCharts(ctx, figures)
	if len(sets) != 2 || sets[0].Unit != models.UnitTonne || sets[1].Unit != models.UnitHead {
		t.Fatalf("%d sets", len(sets))
	}
	tonnes := sets[0].ByMonth
	if len(tonnes.Categories) != 3 || tonnes.Categories[1].Label != "Desember 2025" || tonnes.Categories[1].Short != "Des 2025" {
		t.Errorf("months %+v", tonnes.Categories)
	}
	if len(tonnes.Series) != 2 || tonnes.Series[0].Key != "rice" || tonnes.Series[0].Values[0].Text != "520,75" || tonnes.Series[0].Values[1].OK {
		t.Errorf("rice %+v", tonnes.Series)
	}
	if len(sets[1].ByMonth.Series) != 1 || sets[1].ByMonth.Series[0].Key != "cattle" || sets[1].ByMonth.Unit != "ekor" {
		t.Errorf("head %+v", sets[1].ByMonth)
	}
	regions := sets[0].ByRegion
	if len(regions.Categories) != 2 || regions.Categories[0].Label != "Kalimantan Barat" || regions.Series[1].Values[1].Text != "36" {
		t.Errorf("regions %+v", regions)
	}
}
