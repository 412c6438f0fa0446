package models

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// The demo's implementation record: plans for the three published memoranda and a year of
// reports on them. The figures are illustrative (the ribbon on every page says the portal
// holds demo data), shaped like the programme's reporting: monthly rice from Kalimantan
// Barat, sea fish landed at Ketapang, beef from Kolaka, two BPSDM training packages with
// participants from Pariaman and Pekanbaru, one culture exchange; one report returned
// with a note, one milestone overdue.

// demoActivity is an activity of the demo's plans and what is reported on it.
type demoActivity struct {
	agreement int // index in demoAgreements
	in        ActivityInput
	reports   []demoReport
}

// demoReport is a report of the demo, submitted and reviewed on its days.
type demoReport struct {
	in        ReportInput
	submitted time.Time
	reviewed  time.Time
	returned  string // the official's note; empty means accepted
	pending   bool   // left waiting for review
}

// demoMonthly writes a monthly supply report for each month from first for n months:
// quantity(i) tonnes of a commodity, from a region to a destination, each submitted on the
// 5th of the next month and accepted on the 8th.
func demoMonthly(first time.Time, n int, commodity, from, destination string, quantity func(i int) string) []demoReport {
	out := make([]demoReport, n)
	for i := range n {
		start := first.AddDate(0, i, 0)
		end := start.AddDate(0, 1, -1)
		next := start.AddDate(0, 1, 0)
		out[i] = demoReport{
			in: ReportInput{
				PeriodStart: start, PeriodEnd: end, Commodity: commodity, QuantityText: quantity(i), Unit: UnitTonne,
				FromRegionCode: from, Destination: destination,
				Note: "Pengiriman bulanan sesuai jadwal; berita acara serah terima terlampir pada arsip daerah.",
			},
			submitted: at(next.Year(), next.Month(), 5, 10),
			reviewed:  at(next.Year(), next.Month(), 8, 14),
		}
	}
	return out
}

// demoActivities are the demo's plans, in the order they are added.
func demoActivities() []demoActivity {
	month := func(y int, m time.Month) time.Time { return Date(y, m, 1) }
	rice := demoMonthly(month(2025, time.November), 11, "rice", "61", "PT Food Station Tjipinang Jaya, Pasar Induk Beras Cipinang",
		func(i int) string { return fmt.Sprintf("%d,5", 420+(i*37)%160) })
	fish := demoMonthly(month(2025, time.November), 10, "fish", "61.04", "Perumda Pasar Jaya, Pasar Ikan Modern Muara Baru",
		func(i int) string { return fmt.Sprintf("%d", 36+(i*11)%25) })
	beef := demoMonthly(month(2025, time.December), 10, "beef", "74.01", "Perumda Dharma Jaya",
		func(i int) string { return fmt.Sprintf("%d,25", 14+(i*5)%9) })
	// The last month of beef was returned: the volume did not match the receiving records.
	beef[len(beef)-1].returned = "Volume berbeda dengan berita acara penerimaan Perumda Dharma Jaya (17,5 ton). Mohon periksa kembali dan lampirkan berita acara serah terima."
	// Rice for the latest month still waits for review.
	rice[len(rice)-1].pending = true
	return []demoActivity{
		{agreement: 0, in: ActivityInput{Kind: KindSupply, Title: "Pasokan beras medium dan premium ke Jakarta", Sector: "food", RegionCode: "61", Commodity: "rice", Unit: UnitTonne, TargetText: "12000", DueDate: Date(2027, time.December, 31)}, reports: rice},
		{agreement: 0, in: ActivityInput{Kind: KindSupply, Title: "Pasokan ikan laut melalui Pelabuhan Ketapang", Sector: "food", RegionCode: "61", Commodity: "fish", Unit: UnitTonne, TargetText: "1200", DueDate: Date(2027, time.December, 31)}, reports: fish},
		{agreement: 0, in: ActivityInput{Kind: KindExchange, Title: "Pertukaran budaya: pentas seni dan pameran Kalimantan Barat di Jakarta", Sector: "culture", RegionCode: "61", TargetText: "1", DueDate: Date(2026, time.August, 31)}, reports: []demoReport{{
			in: ReportInput{
				PeriodStart: Date(2026, time.May, 16), PeriodEnd: Date(2026, time.May, 17), Title: "Pentas seni Dayak dan Melayu serta pameran kerajinan Kalimantan Barat",
				Place: "Anjungan Kalimantan Barat, Taman Mini Indonesia Indah, Jakarta", Participants: 120,
				Note: "Dua hari pentas dan pameran; 120 seniman dan perajin dari Kalimantan Barat.",
			},
			submitted: at(2026, time.May, 25, 10), reviewed: at(2026, time.May, 27, 9),
		}}},
		{agreement: 1, in: ActivityInput{Kind: KindSupply, Title: "Pasokan daging sapi dari Kolaka", Sector: "food", RegionCode: "74.01", Commodity: "beef", Unit: UnitTonne, TargetText: "480", DueDate: Date(2027, time.December, 31)}, reports: beef},
		{agreement: 1, in: ActivityInput{Kind: KindMilestone, Title: "Kajian bersama rantai pasok sapi Kolaka–Jakarta", Sector: "food", RegionCode: "74.01", DueDate: Date(2026, time.June, 30)}},
		{agreement: 2, in: ActivityInput{Kind: KindTraining, Title: "Pelatihan Kepemimpinan Pengawas (PKP) oleh BPSDM Provinsi DKI Jakarta", Sector: "civil_service_training", RegionCode: JakartaCode, TargetText: "30", DueDate: Date(2026, time.March, 31)}, reports: []demoReport{{
			in: ReportInput{
				PeriodStart: Date(2026, time.February, 2), PeriodEnd: Date(2026, time.March, 13), Title: "Pelatihan Kepemimpinan Pengawas (PKP) Angkatan I",
				Attendance: []AttendanceInput{{RegionCode: "13.77", Enrolled: 20, Completed: 19}, {RegionCode: "14.71", Enrolled: 15, Completed: 14}},
				Note:       "Pelatihan klasikal dan daring di kampus BPSDM Provinsi DKI Jakarta; satu peserta dari setiap daerah tidak menyelesaikan proyek perubahan.",
			},
			submitted: at(2026, time.March, 20, 10), reviewed: at(2026, time.March, 24, 11),
		}}},
		{agreement: 2, in: ActivityInput{Kind: KindTraining, Title: "Pelatihan pelayanan publik digital oleh BPSDM Provinsi DKI Jakarta", Sector: "civil_service_training", RegionCode: JakartaCode, TargetText: "28", DueDate: Date(2026, time.October, 31)}, reports: []demoReport{{
			in: ReportInput{
				PeriodStart: Date(2026, time.August, 10), PeriodEnd: Date(2026, time.August, 21), Title: "Pelatihan Teknis Pelayanan Publik Berbasis Elektronik",
				Attendance: []AttendanceInput{{RegionCode: "13.77", Enrolled: 18, Completed: 18}, {RegionCode: "14.71", Enrolled: 12, Completed: 11}},
				Note:       "Termasuk praktik aplikasi layanan publik Jakarta yang dibagikan kepada Kota Pariaman.",
			},
			submitted: at(2026, time.August, 28, 10), reviewed: at(2026, time.September, 2, 10),
		}}},
	}
}

// loadDemoMonitoring adds the plans (as of the day after publication) and the reports (each
// on its own days) to the published memoranda, by the demo official and the delegates.
func (tx *Store) loadDemoMonitoring(ctx context.Context, as func(time.Time) *Store, staff Actor, delegates map[string]*User, ids []uint) error {
	for _, d := range demoActivities() {
		pub := demoAgreements[d.agreement].publish
		id, err := as(pub.AddDate(0, 0, 7)).SaveActivity(ctx, staff, ids[d.agreement], 0, withStatus(d.in))
		if err != nil {
			return fmt.Errorf("demo activity %q: %w", d.in.Title, err)
		}
		reporter := Actor{User: delegates[d.in.RegionCode], UserAgent: "demo loader"}
		for _, r := range d.reports {
			in := r.in
			in.DecimalComma = strings.Contains(in.QuantityText, ",")
			rid, err := as(r.submitted).SubmitReport(ctx, reporter, id, 0, in)
			if err != nil {
				return fmt.Errorf("demo report on %q: %w", d.in.Title, err)
			}
			switch {
			case r.pending:
			case r.returned != "":
				err = as(r.reviewed).ReturnReport(ctx, staff, rid, AnyRevision, r.returned)
			default:
				err = as(r.reviewed).AcceptReport(ctx, staff, rid, AnyRevision)
			}
			if err != nil {
				return fmt.Errorf("demo review on %q: %w", d.in.Title, err)
			}
		}
	}
	return nil
}

// withStatus gives a new activity its first status.
func withStatus(in ActivityInput) ActivityInput {
	in.Status = ActivityPlanned
	return in
}
