package i18n

// Implementation monitoring's notifications, reports' evidence documents and the open
// data of plans and realisations. The notifications' keys start with "notify.kind." (their
// names on the account and outbox pages) and "mail." (the messages); the evidence's with
// "reportdocs.", but the file type's error ("error.file_type_report"), the audit log's
// name of a report ("auditlog.obj.report") and the flashes ("flash."); the open data's
// with "opendata.".
func init() { addMessages(monitoringDataCatalog, monitoringDataPlurals) }

var monitoringDataCatalog = map[string][2]string{
	// The notifications, as the account page offers them and the outbox lists them
	"notify.kind.report.submitted": {"Laporan realisasi menunggu pemeriksaan", "A realisation report awaits review"},
	"notify.kind.report.returned":  {"Laporan realisasi daerah Anda dikembalikan dengan catatan", "Your region's realisation report returned with a note"},
	"notify.kind.activity.due":     {"Pengingat kegiatan yang jatuh tempo dalam 2 minggu atau lewat tenggat", "Reminders of activities due within 2 weeks or overdue"},

	// What every message of monitoring shows
	"mail.fact.activity":    {"Kegiatan", "Activity"},
	"mail.fact.period":      {"Periode", "Period"},
	"mail.fact.due_on":      {"Tenggat", "Due on"},
	"mail.fact.review_note": {"Catatan pemeriksa", "Reviewer's note"},
	"mail.period":           {"%s – %s", "%s – %s"},

	// A report submitted, to the officials
	"mail.report.submitted.subject":   {"Laporan realisasi dari %s menunggu pemeriksaan: %s", "A realisation report from %s awaits review: %s"},
	"mail.report.resubmitted.subject": {"Laporan realisasi dari %s diperbaiki dan dikirim ulang: %s", "A realisation report from %s was corrected and resubmitted: %s"},
	"mail.report.submitted.lead": {
		"%s telah mengirim laporan realisasi untuk kegiatan berikut. Laporan ini baru dihitung dalam angka publik setelah diterima.",
		"%s has submitted a realisation report on the activity below. It counts in the public figures only once accepted.",
	},
	"mail.report.resubmitted.lead": {
		"%s telah memperbaiki laporan realisasi yang dikembalikan untuk kegiatan berikut dan mengirimnya ulang.",
		"%s has corrected the returned realisation report on the activity below and submitted it again.",
	},
	"mail.report.submitted.next":   {"Periksa laporan beserta dokumen buktinya, lalu terima laporan itu atau kembalikan dengan catatan.", "Check the report and its evidence documents, then accept it or return it with a note."},
	"mail.report.submitted.action": {"Periksa laporan:", "Review the report:"},
	"mail.button.report.submitted": {"Buka laporan", "Open the report"},

	// A report returned, to the reporting region's delegates
	"mail.report.returned.subject": {"Laporan realisasi dikembalikan: %s", "Realisation report returned: %s"},
	"mail.report.returned.lead": {
		"Biro Kerja Sama Daerah mengembalikan laporan realisasi %s untuk kegiatan berikut, dengan catatan di bawah.",
		"The Bureau of Regional Cooperation has returned the realisation report of %s on the activity below, with the note below.",
	},
	"mail.report.returned.next":   {"Perbaiki laporan sesuai catatan lalu kirim ulang; laporan baru dihitung dalam angka publik setelah diterima.", "Correct the report as the note asks and submit it again; it counts in the public figures only once accepted."},
	"mail.report.returned.action": {"Perbaiki laporan:", "Correct the report:"},
	"mail.button.report.returned": {"Buka laporan", "Open the report"},

	// An activity due soon or overdue, to its region's delegates
	"mail.activity.due_today.subject": {"Kegiatan jatuh tempo hari ini: %s", "Activity due today: %s"},
	"mail.activity.due.lead": {
		"Kegiatan berikut, yang menjadi tanggung jawab %s, jatuh tempo pada %s dan belum selesai.",
		"The activity below, for which %s is responsible, is due on %s and is not done yet.",
	},
	"mail.activity.overdue.lead": {
		"Kegiatan berikut, yang menjadi tanggung jawab %s, telah melewati tenggatnya pada %s dan belum selesai.",
		"The activity below, for which %s is responsible, was due on %s and is not done yet.",
	},
	"mail.activity.due.next":   {"Laporkan realisasinya di portal, dengan dokumen bukti bila ada. Bila kegiatan tertunda, hubungi Biro Kerja Sama Daerah. Pengingat ini dikirim paling banyak sekali seminggu.", "Report what was delivered on the portal, with evidence documents if you have them. If the activity is delayed, contact the Bureau of Regional Cooperation. This reminder comes at most once a week."},
	"mail.activity.due.action": {"Laporkan realisasi:", "Report what was delivered:"},
	"mail.button.activity.due": {"Buat laporan", "Write a report"},

	// A report's evidence documents
	"auditlog.obj.report":         {"Laporan realisasi", "Realisation report"},
	"reportdocs.heading":          {"Dokumen bukti", "Evidence documents"},
	"reportdocs.lead":             {"Surat jalan, berita acara, daftar hadir atau foto yang mendukung laporan ini.", "Delivery notes, minutes, attendance lists or photos that support this report."},
	"reportdocs.none":             {"Belum ada dokumen bukti.", "No evidence documents yet."},
	"reportdocs.public":           {"Dokumen bukti laporan yang diterima dapat diunduh siapa pun bila kesepakatannya diterbitkan.", "Once the report is accepted, anyone may download its evidence documents if its agreement is published."},
	"reportdocs.closed":           {"Laporan ini sudah diterima; dokumen buktinya hanya dapat diubah oleh Biro Kerja Sama Daerah.", "This report has been accepted; only the Bureau of Regional Cooperation can change its evidence documents."},
	"reportdocs.size":             {"Ukuran", "Size"},
	"documents.hint_report":       {"PDF, PNG atau JPEG, paling besar 20 MiB. Siapa pun dapat mengunduhnya setelah laporan diterima.", "PDF, PNG or JPEG, at most 20 MiB. Anyone may download it once the report is accepted."},
	"error.file_type_report":      {"Dokumen bukti harus berupa PDF, PNG atau JPEG; isi berkas ini bukan salah satunya.", "An evidence document must be a PDF, PNG or JPEG; this file's content is none of these."},
	"flash.report_document_added": {"Dokumen bukti telah dilampirkan pada laporan.", "The evidence document has been attached to the report."},
	"flash.report_document_removed": {
		"Dokumen bukti telah dihapus dari laporan; penghapusannya tercatat dalam riwayat.",
		"The evidence document has been removed from the report; the removal is in the history.",
	},

	// The open-data page: the plan and its accepted reports in the JSON files
	"opendata.type.decimal":            {"bilangan desimal, paling banyak tiga angka di belakang titik", "decimal number, at most three decimals"},
	"opendata.type.objects":            {"daftar objek", "list of objects"},
	"opendata.json_activities_heading": {"Rencana pelaksanaan dan realisasinya", "Implementation plans and their realisation"},
	"opendata.json_activities": {
		"Setiap kesepakatan dalam berkas JSON memuat activities: kegiatan rencana pelaksanaannya, masing-masing dengan reports, yaitu laporan realisasi yang telah diterima Biro Kerja Sama Daerah. Laporan yang masih diperiksa atau dikembalikan tidak diterbitkan. Jumlah selalu dalam satuan kegiatannya sendiri; satuan yang berbeda tidak pernah dijumlahkan.",
		"Every agreement in the JSON files holds activities: the activities of its implementation plan, each with reports, the realisation reports the Bureau of Regional Cooperation has accepted. Reports under review or returned are not published. Quantities are always in the activity's own unit; different units are never added up.",
	},
	"opendata.json_activities_caption":         {"Unsur setiap kegiatan (activities)", "The members of each activity (activities)"},
	"opendata.json_reports_caption":            {"Unsur setiap laporan realisasi yang diterima (reports)", "The members of each accepted realisation report (reports)"},
	"opendata.json.activity.id":                {"pengenal tetap kegiatan, mis. derap-ksd-act-7.", "the activity's stable identifier, e.g. derap-ksd-act-7."},
	"opendata.json.activity.position":          {"urutan dalam rencana, mulai 1.", "its place in the plan, from 1."},
	"opendata.json.activity.kind":              {"jenis: supply (pasokan pangan ke Jakarta), training (pelatihan BPSDM), exchange (pertukaran budaya atau pariwisata), milestone (tahapan tanpa jumlah).", "the kind: supply (food supplied to Jakarta), training (a BPSDM training package), exchange (a culture or tourism exchange), milestone (a step with no quantity)."},
	"opendata.json.activity.title":             {"nama kegiatan.", "the activity's name."},
	"opendata.json.activity.sector":            {"bidang kesepakatan yang menaunginya, dengan kode tetap portal.", "the agreement's sector it falls under, by the portal's fixed code."},
	"opendata.json.activity.responsibleRegion": {"kode Kemendagri daerah pihak yang melaksanakan dan melaporkannya.", "the Kemendagri code of the party that delivers it and reports on it."},
	"opendata.json.activity.commodity":         {"komoditas pasokan (rice, beef, fish, ...); hanya untuk supply.", "the supply's commodity (rice, beef, fish, ...); supply only."},
	"opendata.json.activity.unit":              {"satuan target dan laporannya: tonne, head (ekor ternak), participant (peserta), event (acara); tidak ada untuk milestone.", "the unit of its target and reports: tonne, head (live animals), participant, event; none for a milestone."},
	"opendata.json.activity.target":            {"jumlah yang direncanakan, dalam satuannya.", "the quantity planned, in its unit."},
	"opendata.json.activity.accepted":          {"jumlah seluruh laporan yang diterima, dalam satuannya.", "the total of its accepted reports, in its unit."},
	"opendata.json.activity.dueDate":           {"tenggat kegiatan.", "the activity's due date."},
	"opendata.json.activity.status":            {"status: planned, in_progress, done atau cancelled.", "the status: planned, in_progress, done or cancelled."},
	"opendata.json.activity.cancelReason":      {"alasan pembatalan, bila dibatalkan.", "why it was cancelled, when it was."},
	"opendata.json.activity.reports":           {"laporan realisasi yang diterima, menurut periodenya.", "its accepted realisation reports, by period."},
	"opendata.json.report.id":                  {"pengenal tetap laporan, mis. derap-ksd-rep-31.", "the report's stable identifier, e.g. derap-ksd-rep-31."},
	"opendata.json.report.periodStart":         {"awal periode yang dilaporkan.", "the start of the period reported."},
	"opendata.json.report.periodEnd":           {"akhir periode yang dilaporkan.", "the end of the period reported."},
	"opendata.json.report.quantity":            {"jumlah dalam satuan kegiatan: volume pasokan, peserta yang lulus pelatihan, atau 1 untuk satu pertukaran.", "the quantity in the activity's unit: the volume supplied, the participants who completed a training, or 1 for an exchange."},
	"opendata.json.report.unit":                {"satuan jumlah, sama dengan satuan kegiatannya.", "the quantity's unit, the activity's own."},
	"opendata.json.report.commodity":           {"komoditas yang dipasok.", "the commodity supplied."},
	"opendata.json.report.fromRegion":          {"kode daerah asal pasokan.", "the code of the region the supply came from."},
	"opendata.json.report.destination":         {"penerima di Jakarta (BUMD atau pasar).", "the receiver in Jakarta (a BUMD or a market)."},
	"opendata.json.report.title":               {"judul paket pelatihan, atau apa pertukaran itu.", "the training package's title, or what the exchange was."},
	"opendata.json.report.place":               {"tempat pertukaran.", "where the exchange took place."},
	"opendata.json.report.participants":        {"jumlah peserta pertukaran.", "how many took part in the exchange."},
	"opendata.json.report.attendance":          {"peserta pelatihan per daerah: objek dengan region (kode), enrolled (peserta) dan completed (yang lulus).", "a training's participants by region: objects with region (the code), enrolled and completed."},
	"opendata.json.report.note":                {"uraian pelapor.", "the reporter's account."},
	"opendata.json.report.acceptedDate":        {"kapan laporan diterima, RFC 3339 dalam UTC.", "when the report was accepted, RFC 3339 in UTC."},
}

var monitoringDataPlurals = map[string][2][]string{
	"mail.activity.due.subject": {
		{"Kegiatan jatuh tempo dalam %[2]d hari: %[1]s"},
		{"Activity due in %[2]d day: %[1]s", "Activity due in %[2]d days: %[1]s"},
	},
	"mail.activity.overdue.subject": {
		{"Kegiatan lewat tenggat %[2]d hari: %[1]s"},
		{"Activity %[2]d day overdue: %[1]s", "Activity %[2]d days overdue: %[1]s"},
	},
}
