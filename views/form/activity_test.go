package form_test

import (
	"net/url"
	"testing"

	"derap/models"
	"derap/views/form"
)

// A target is written back into its field the way models.ParseQuantity reads it, in
// either language, and a stored activity's form gives back the same input.
func TestActivityFormRoundTrip(t *testing.T) {
	for _, q := range []models.Quantity{0, 1, 500, 1000, 1_250_500, 12_000_000, 420_125} {
		for _, comma := range []bool{true, false} {
			s := form.FormatQuantityInput(q, comma)
			back, ok := models.ParseQuantity(s, comma)
			if !ok || back != q {
				t.Errorf("%d (comma %v) is written %q and read back as %d, %v", q, comma, s, back, ok)
			}
		}
	}
	if got := form.FormatQuantityInput(1_250_500, true); got != "1250,5" {
		t.Errorf("Indonesian: %q", got)
	}
	if got := form.FormatQuantityInput(1_250_500, false); got != "1250.5" {
		t.Errorf("English: %q", got)
	}
	act := models.Activity{
		Kind: models.KindSupply, Title: "Pasokan beras", Sector: "food", RegionCode: "61", Commodity: "rice",
		Unit: models.UnitTonne, Target: 12_000_500, DueDate: models.Date(2027, 12, 31), Status: models.ActivityPlanned, Revision: 4,
	}
	f := form.ActivityOf(act, true)
	parsed := form.ParseActivity(f.Values(), true)
	in, err := parsed.Validate()
	if err != nil {
		t.Fatal(err)
	}
	q, ok := models.ParseQuantity(in.TargetText, in.DecimalComma)
	if !ok || q != act.Target || in.Kind != act.Kind || in.RegionCode != "61" || !in.DueDate.Equal(act.DueDate) || in.Revision != 4 {
		t.Errorf("round trip: %+v, target %d", in, q)
	}
	if form.ActivityOf(models.Activity{Kind: models.KindMilestone}, true).Target != "" {
		t.Error("a milestone's form shows a target")
	}
}

// A due date that is no date is an error by its field; text over a field's limit too.
func TestActivityFormErrors(t *testing.T) {
	f := form.ParseActivity(url.Values{form.FieldDueDate: {"31 Desember"}, form.FieldCancelReason: {string(make([]byte, models.MaxReasonLength+1))}}, true)
	_, err := f.Validate()
	errs := fieldsOf(t, err)
	if errs.For(form.FieldDueDate) != "error.date_invalid" {
		t.Errorf("due date: %q", errs.For(form.FieldDueDate))
	}
	if errs.For(form.FieldCancelReason) == "" {
		t.Error("an over-long reason passed")
	}
}

// A region is read from its code or from its label ending with the code.
func TestRegionCode(t *testing.T) {
	for in, want := range map[string]string{
		"61.04": "61.04", " 13.77 ": "13.77", "Kota Pariaman (13.77)": "13.77", "Provinsi Kalimantan Barat (61)": "61",
		"Pariaman": "Pariaman", "": "",
	} {
		if got := form.RegionCode(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
