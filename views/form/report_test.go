package form_test

import (
	"net/url"
	"testing"

	"derap/models"
	"derap/views/form"
)

// A new report's form starts from its activity: the commodity and unit preset, the supply
// from the responsible region, a few empty participant rows for a training.
func TestNewReportForm(t *testing.T) {
	supply := form.NewReport(models.Activity{Kind: models.KindSupply, Commodity: "fish", Unit: models.UnitTonne}, "Provinsi Kalimantan Barat (61)", true)
	if supply.Commodity != "fish" || supply.Unit != "tonne" || supply.FromRegion != "Provinsi Kalimantan Barat (61)" || len(supply.Attendance) != 0 {
		t.Errorf("supply: %+v", supply)
	}
	training := form.NewReport(models.Activity{Kind: models.KindTraining, Unit: models.UnitParticipant}, "DKI Jakarta (31)", true)
	if training.FromRegion != "" || len(training.Attendance) != 3 {
		t.Errorf("training: %+v", training)
	}
}

// Participant rows: empty rows are dropped, labels become codes, a count that is no number
// is an error of the list, a row without its region an error of its own.
func TestReportFormAttendance(t *testing.T) {
	v := url.Values{
		form.FieldPeriodStart: {"2026-02-02"}, form.FieldPeriodEnd: {"2026-03-13"}, form.FieldTitle: {"PKP"},
		"attendance.region":    {"Kota Pariaman (13.77)", "", "14.71"},
		"attendance.enrolled":  {"20", "", "15"},
		"attendance.completed": {"19", "", ""},
	}
	f, err := form.ParseReport(v, true)
	if err != nil {
		t.Fatal(err)
	}
	in, err := f.Validate()
	if err != nil {
		t.Fatal(err)
	}
	want := []models.AttendanceInput{{RegionCode: "13.77", Enrolled: 20, Completed: 19}, {RegionCode: "14.71", Enrolled: 15, Completed: 0}}
	if len(in.Attendance) != 2 || in.Attendance[0] != want[0] || in.Attendance[1] != want[1] {
		t.Errorf("attendance: %+v", in.Attendance)
	}
	v.Set(form.FieldPeriodEnd, "kemarin")
	v["attendance.enrolled"] = []string{"dua puluh", "", "15"}
	v["attendance.region"] = []string{"Kota Pariaman (13.77)", "", ""}
	f, _ = form.ParseReport(v, true)
	_, err = f.Validate()
	errs := fieldsOf(t, err)
	if errs.For(form.FieldPeriodEnd) != "error.date_invalid" || errs.For(form.ListAttendance) != "error.attendance_counts" ||
		errs.Row(form.ListAttendance, 2, form.AttendanceRegion) != "error.required" {
		t.Errorf("errors: %v", errs)
	}
}

// Adding a row posts the form back with one more; a row change for another list is
// malformed.
func TestReportFormRows(t *testing.T) {
	f, _ := form.ParseReport(url.Values{form.FieldOp: {form.AddRow(form.ListAttendance).Value()}}, true)
	changed, err := f.ChangeRows()
	if !changed || err != nil || len(f.Attendance) != 1 {
		t.Errorf("add: %v %v %d", changed, err, len(f.Attendance))
	}
	f, _ = form.ParseReport(url.Values{form.FieldOp: {form.AddRow(form.ListSpeakers).Value()}}, true)
	if _, err := f.ChangeRows(); err == nil {
		t.Error("a row change of another list passed")
	}
}

// A stored report's form gives back its input: the quantity in the page's language, the
// region by its label.
func TestReportFormOfStored(t *testing.T) {
	from := "61.04"
	r := models.ActivityReport{
		Kind: models.KindSupply, PeriodStart: models.Date(2026, 9, 1), PeriodEnd: models.Date(2026, 9, 30), Commodity: "fish",
		Quantity: 40_500, Unit: models.UnitTonne, FromRegionCode: &from, Destination: "Muara Baru", Revision: 3,
	}
	label := func(code string) string { return "Kabupaten Ketapang (" + code + ")" }
	f := form.ReportOf(r, label, false)
	if f.Quantity != "40.5" || f.FromRegion != "Kabupaten Ketapang (61.04)" || f.Revision != "3" {
		t.Errorf("form: %+v", f)
	}
	in, err := f.Validate()
	if err != nil || in.FromRegionCode != "61.04" || in.QuantityText != "40.5" || in.DecimalComma || in.Revision != 3 {
		t.Errorf("input: %+v %v", in, err)
	}
}
