package i18n

// The public side of implementation monitoring: an agreement's progress on its page and
// the programme page /monitoring with its charts, tables and files. Every key starts with
// "monpub.", but the navigation's entry ("nav.monitoring").
func init() { addMessages(monitoringPublicCatalog, monitoringPublicPlurals) }

var monitoringPublicCatalog = map[string][2]string{
	"nav.monitoring": {"Pemantauan", "Monitoring"},

	// Units as an axis or a column names them, and the kinds and statuses of activities.
	"monpub.unit.tonne":         {"ton", "tonnes"},
	"monpub.unit.head":          {"ekor", "head"},
	"monpub.unit.participant":   {"peserta", "participants"},
	"monpub.unit.event":         {"kegiatan", "events"},
	"monpub.status.planned":     {"Direncanakan", "Planned"},
	"monpub.status.in_progress": {"Berjalan", "In progress"},
	"monpub.status.done":        {"Selesai", "Done"},
	"monpub.status.cancelled":   {"Dibatalkan", "Cancelled"},
	"monpub.overdue":            {"Lewat tenggat", "Overdue"},

	// The agreement page's section.
	"monpub.section":            {"Pelaksanaan", "Implementation"},
	"monpub.section_lead":       {"Rencana pelaksanaan kesepakatan ini dan realisasinya. Hanya laporan yang telah diterima pejabat Biro Kerja Sama Daerah yang dihitung.", "This agreement's implementation plan and what it has delivered. Only reports accepted by officials of the Cooperation Bureau count."},
	"monpub.activities_caption": {"Kegiatan, target dan realisasi yang diterima", "Activities, targets and accepted realisation"},
	"monpub.col.activity":       {"Kegiatan", "Activity"},
	"monpub.col.responsible":    {"Penanggung jawab", "Responsible"},
	"monpub.col.target":         {"Target", "Target"},
	"monpub.col.accepted":       {"Realisasi diterima", "Accepted realisation"},
	"monpub.col.progress":       {"Capaian", "Progress"},
	"monpub.col.status":         {"Status", "Status"},
	"monpub.col.due":            {"Tenggat", "Due"},
	"monpub.col.last":           {"Terakhir dilaporkan", "Last reported"},
	"monpub.col.kind":           {"Jenis", "Kind"},
	"monpub.col.commodity":      {"Komoditas", "Commodity"},
	"monpub.progress_of":        {"%s dari %s", "%s of %s"},
	"monpub.percent":            {"%d%%", "%d%%"},
	"monpub.not_reported":       {"Belum ada", "Not yet"},
	"monpub.cancel_reason":      {"Alasan: %s", "Reason: %s"},
	"monpub.totals_caption":     {"Jumlah per jenis, komoditas dan satuan", "Totals by kind, commodity and unit"},
	"monpub.totals_note":        {"Jumlah dihitung per satuan; satuan yang berbeda tidak pernah dijumlahkan.", "Totals are per unit; different units are never added together."},
	"monpub.last_reported":      {"Laporan terakhir yang diterima mencakup periode sampai %s.", "The latest accepted report covers the period up to %s."},
	"monpub.see_programme":      {"Lihat capaian seluruh program di halaman Pemantauan", "See the whole programme's results on the Monitoring page"},

	// The programme page.
	"monpub.title": {"Pemantauan pelaksanaan kerja sama", "Monitoring what the cooperation delivers"},
	"monpub.lead": {
		"Apa yang telah dihasilkan kesepakatan yang diterbitkan: pangan yang dipasok ke Jakarta, ASN daerah mitra yang dilatih BPSDM Provinsi DKI Jakarta, dan pertukaran budaya yang diselenggarakan. Angka berasal dari laporan realisasi daerah yang telah diterima pejabat Biro Kerja Sama Daerah; laporan yang masih ditinjau atau dikembalikan tidak dihitung.",
		"What the published agreements have delivered: food supplied to Jakarta, partner regions' civil servants trained by the BPSDM of DKI Jakarta, and culture exchanges held. The figures come from the regions' realisation reports accepted by officials of the Cooperation Bureau; reports still under review or returned do not count.",
	},
	"monpub.units_note":         {"Setiap jumlah dinyatakan dalam satuannya sendiri (ton, ekor, peserta); satuan yang berbeda tidak pernah dijumlahkan.", "Each amount is given in its own unit (tonnes, head, participants); different units are never added together."},
	"monpub.supply":             {"Pasokan pangan ke Jakarta", "Food supplied to Jakarta"},
	"monpub.supply_lead":        {"Volume yang diterima di Jakarta per bulan, menurut komoditas, dan jumlahnya per daerah pemasok.", "Volumes received in Jakarta each month, by commodity, and their totals per supplying region."},
	"monpub.supply_month":       {"Pasokan per bulan menurut komoditas", "Supply per month by commodity"},
	"monpub.supply_month_desc":  {"Grafik garis: satu garis per komoditas, %s sampai %s, volume dalam %s. Angka lengkapnya ada di tabel sesudah grafik.", "Line chart: one line per commodity, %s to %s, volume in %s. The full figures are in the table after the chart."},
	"monpub.supply_region":      {"Jumlah pasokan per daerah dan komoditas", "Total supply per region and commodity"},
	"monpub.supply_region_desc": {"Grafik batang: satu kelompok per daerah pemasok, satu batang per komoditas, volume dalam %s. Angka lengkapnya ada di tabel sesudah grafik.", "Bar chart: one group per supplying region, one bar per commodity, volume in %s. The full figures are in the table after the chart."},
	"monpub.month":              {"Bulan", "Month"},
	"monpub.region":             {"Daerah", "Region"},
	"monpub.training":           {"ASN yang dilatih", "Civil servants trained"},
	"monpub.training_lead":      {"Peserta pelatihan BPSDM Provinsi DKI Jakarta dari daerah mitra: yang mengikuti dan yang lulus.", "Participants from partner regions in the BPSDM of DKI Jakarta's training: those enrolled and those who completed."},
	"monpub.training_chart":     {"ASN dilatih per daerah", "Civil servants trained per region"},
	"monpub.training_desc":      {"Grafik batang: satu kelompok per daerah, batang untuk peserta yang lulus dan yang mengikuti. Angka lengkapnya ada di tabel sesudah grafik.", "Bar chart: one group per region, bars for participants who completed and who enrolled. The full figures are in the table after the chart."},
	"monpub.completed":          {"Lulus", "Completed"},
	"monpub.enrolled":           {"Mengikuti", "Enrolled"},
	"monpub.exchanges":          {"Pertukaran yang diselenggarakan", "Exchanges held"},
	"monpub.exchanges_caption":  {"Pertukaran budaya dan pariwisata, terbaru lebih dulu", "Culture and tourism exchanges, the newest first"},
	"monpub.col.date":           {"Tanggal", "Date"},
	"monpub.col.what":           {"Kegiatan", "What"},
	"monpub.col.place":          {"Tempat", "Place"},
	"monpub.col.participants":   {"Peserta", "Participants"},
	"monpub.col.agreement":      {"Kesepakatan", "Agreement"},
	"monpub.no_data":            {"Belum ada data.", "No data yet."},
	"monpub.download":           {"Unduh angka ini (CSV)", "Download these figures (CSV)"},
	"monpub.files":              {"Angka di halaman ini juga tersedia sebagai berkas CSV (UTF-8, titik sebagai pemisah desimal, satu kolom satuan) di halaman Data terbuka.", "The figures on this page are also available as CSV files (UTF-8, a point as the decimal separator, a unit column) on the Open data page."},
	"monpub.as_of":              {"Angka per %s.", "Figures as of %s."},

	// The open-data page's list of files.
	"opendata.monitoring_supply_csv":    {"Pasokan pangan ke Jakarta dari laporan yang diterima: satu baris per bulan, komoditas, daerah asal dan satuan.", "Food supplied to Jakarta from accepted reports: one row per month, commodity, region of origin and unit."},
	"opendata.monitoring_training_csv":  {"ASN yang dilatih dari laporan yang diterima: satu baris per daerah, dengan peserta yang mengikuti dan yang lulus.", "Civil servants trained from accepted reports: one row per region, with participants enrolled and completed."},
	"opendata.monitoring_exchanges_csv": {"Pertukaran yang diselenggarakan dari laporan yang diterima: satu baris per pertukaran, dengan kesepakatannya.", "Exchanges held from accepted reports: one row per exchange, with its agreement."},
}

var monitoringPublicPlurals = map[string][2][]string{
	"monpub.qty.tonne":       {{"%s ton"}, {"%s tonne", "%s tonnes"}},
	"monpub.qty.head":        {{"%s ekor"}, {"%s head", "%s head"}},
	"monpub.qty.participant": {{"%s peserta"}, {"%s participant", "%s participants"}},
	"monpub.qty.event":       {{"%s kegiatan"}, {"%s event", "%s events"}},
	"monpub.waiting":         {{"%s menunggu tinjauan"}, {"%s waiting for review", "%s waiting for review"}},
	"monpub.returned":        {{"%s dikembalikan"}, {"%s returned", "%s returned"}},
	"monpub.reports":         {{"%s laporan diterima"}, {"%s accepted report", "%s accepted reports"}},
	"monpub.exchange_count":  {{"%s pertukaran diselenggarakan"}, {"%s exchange held", "%s exchanges held"}},
	"monpub.activities":      {{"%s kegiatan"}, {"%s activity", "%s activities"}},
}
