package i18n

// Implementation monitoring (monev): the plan of an agreement, realisation reports, their
// review, the public progress and the programme's figures. Every key starts with
// "monitoring.", but the audit log's words for its steps ("audit.activity.", "audit.report.",
// "auditlog.obj.activity"), the units ("unit."), the activity kinds and statuses
// ("activity_kind.", "activity_status."), the report states ("report_state.") and the
// messages of its fields ("error.").
func init() { addMessages(monitoringCatalog, monitoringPlurals) }

var monitoringCatalog = map[string][2]string{
	"auditlog.obj.activity": {"Kegiatan pelaksanaan", "Implementation activity"},
	"audit.activity.create": {"Kegiatan ditambahkan ke rencana", "Activity added to the plan"},
	"audit.activity.update": {"Kegiatan diubah", "Activity edited"},
	"audit.activity.delete": {"Kegiatan dihapus dari rencana", "Activity removed from the plan"},
	"audit.report.submit":   {"Laporan realisasi dikirim", "Realisation report submitted"},
	"audit.report.resubmit": {"Laporan realisasi diperbaiki dan dikirim ulang", "Realisation report corrected and resubmitted"},
	"audit.report.accept":   {"Laporan realisasi diterima", "Realisation report accepted"},
	"audit.report.return":   {"Laporan realisasi dikembalikan dengan catatan", "Realisation report returned with a note"},

	"error.activity_sector":      {"Pilih salah satu bidang kesepakatan ini.", "Choose one of this agreement's sectors."},
	"error.not_a_party":          {"Pilih salah satu pihak kesepakatan ini.", "Choose one of this agreement's parties."},
	"error.quantity":             {"Isi angka lebih dari nol, dengan paling banyak tiga angka desimal.", "Enter a number above zero, with at most three decimals."},
	"error.due_outside_term":     {"Tenggat harus berada dalam jangka waktu kesepakatan.", "The due date must fall within the agreement's term."},
	"error.activity_has_reports": {"Kegiatan ini sudah dilaporkan; isian ini tidak dapat diubah lagi.", "This activity has reports; this field can no longer change."},
	"error.period_before_term":   {"Periode tidak boleh dimulai sebelum jangka waktu kesepakatan.", "The period cannot start before the agreement's term."},
	"error.date_order":           {"Tanggal akhir tidak boleh sebelum tanggal mulai.", "The end date cannot be before the start date."},
	"error.commodity_mismatch":   {"Komoditas harus sama dengan komoditas kegiatan.", "The commodity must be the activity's."},
	"error.unit_mismatch":        {"Satuan harus sama dengan satuan target kegiatan; satuan yang berbeda tidak dapat dijumlahkan.", "The unit must be the activity's target unit; different units cannot be added up."},
	"error.attendance_required":  {"Isi paling sedikit satu daerah peserta.", "Enter at least one participating region."},
	"error.too_many_rows":        {"Terlalu banyak baris.", "Too many rows."},
	"error.attendance_twice":     {"Setiap daerah cukup diisi satu kali.", "Enter each region once."},
	"error.attendance_counts":    {"Jumlah peserta harus lebih dari nol, dan yang lulus tidak lebih dari peserta.", "Participants must be above zero, and those who completed no more than the participants."},
	"error.participants":         {"Isi jumlah peserta yang wajar (0 sampai 100.000).", "Enter a sensible number of participants (0 to 100,000)."},
}

var monitoringPlurals = map[string][2][]string{}
