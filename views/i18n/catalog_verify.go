package i18n

// The verification page's messages. Every key starts with "verify.".
func init() { addMessages(verifyCatalog, verifyPlurals) }

var verifyCatalog = map[string][2]string{
	"verify.title":  {"Verifikasi dokumen", "Verify a document"},
	"verify.footer": {"Verifikasi dokumen", "Verify a document"},
	"verify.lead": {
		"Periksa apakah berkas atau naskah yang Anda terima terdaftar di portal ini: dokumen kesepakatan yang telah diterbitkan atau dokumen acara, atau naskah kesepakatan yang dikonfirmasi oleh semua pihak. Pemeriksaan memakai sidik jari SHA-256 berkas tersebut.",
		"Check whether a file or a text you were given is registered on this portal: a document of a published agreement or of an event, or the text of an agreement that every party confirmed. The check uses the file's SHA-256 fingerprint.",
	},
	"verify.upload_heading": {"Periksa sebuah berkas", "Check a file"},
	"verify.file":           {"Berkas", "File"},
	"verify.file_hint": {
		"Berkas apa pun hingga %d MB. Berkas dibaca untuk menghitung sidik jarinya lalu dibuang: portal tidak menyimpannya.",
		"Any file up to %d MB. It is read to compute its fingerprint and then discarded: the portal does not keep it.",
	},
	"verify.upload_submit": {"Periksa berkas", "Check the file"},
	"verify.hash_heading":  {"Atau tempel sidik jari SHA-256", "Or paste a SHA-256 fingerprint"},
	"verify.sha256":        {"SHA-256", "SHA-256"},
	"verify.sha256_hint": {
		"64 karakter heksadesimal (0–9, a–f), misalnya dari sertifikat persetujuan atau halaman kesepakatan. Huruf besar dan spasi di awal atau akhir tidak masalah.",
		"64 hexadecimal characters (0–9, a–f), for example from a sign-off certificate or an agreement's page. Capitals and spaces around it do not matter.",
	},
	"verify.hash_submit":    {"Periksa sidik jari", "Check the fingerprint"},
	"verify.sha256_invalid": {"Sidik jari SHA-256 terdiri atas tepat 64 karakter 0–9 atau a–f.", "A SHA-256 fingerprint is exactly 64 characters 0–9 or a–f."},
	"verify.file_required":  {"Pilih berkas yang akan diperiksa.", "Choose the file to check."},
	"verify.file_too_large": {
		"Berkas ini lebih besar dari %d MB, batas pemeriksaan di sini. Hitung SHA-256-nya di komputer Anda (misalnya dengan perintah sha256sum) dan tempelkan di bawah.",
		"This file is larger than %d MB, the limit for checks here. Compute its SHA-256 on your computer (for example with the command sha256sum) and paste it below.",
	},
	"verify.throttled": {
		"Terlalu banyak pemeriksaan dari alamat Anda. Coba lagi dalam %d menit.",
		"Too many checks from your address. Try again in %d minutes.",
	},
	"verify.result_label":   {"Hasil pemeriksaan", "Result of the check"},
	"verify.checked":        {"SHA-256 yang diperiksa", "SHA-256 checked"},
	"verify.checked_file":   {"Berkas yang diperiksa", "File checked"},
	"verify.not_registered": {"Tidak terdaftar di sini", "Not registered here"},
	"verify.not_registered_body": {
		"Portal ini tidak memuat dokumen terbit maupun naskah terkonfirmasi dengan sidik jari ini. Berkas yang berubah satu bita saja mempunyai sidik jari lain; salinan hasil pindai ulang atau cetak ulang juga berbeda dari berkas yang terdaftar.",
		"This portal holds no published document or confirmed text with this fingerprint. A file changed by a single byte has another fingerprint; a new scan or print of a document also differs from the registered file.",
	},
	"verify.registered":          {"Terdaftar di portal ini", "Registered on this portal"},
	"verify.document_heading":    {"Dokumen terdaftar: %s", "Registered document: %s"},
	"verify.document_agreement":  {"Dilampirkan pada kesepakatan", "Attached to the agreement"},
	"verify.document_event":      {"Dilampirkan pada acara", "Attached to the event"},
	"verify.attached_at":         {"Dilampirkan pada", "Attached on"},
	"verify.attached_by":         {"Dilampirkan oleh", "Attached by"},
	"verify.office.bureau":       {"Biro Kerja Sama Daerah, Sekretariat Daerah Provinsi DKI Jakarta", "Biro Kerja Sama Daerah (Regional Cooperation Bureau), Provincial Secretariat of DKI Jakarta"},
	"verify.file_name":           {"Nama berkas", "File name"},
	"verify.version_heading":     {"Naskah terkonfirmasi, versi %d", "Confirmed text, version %d"},
	"verify.version_agreement":   {"Naskah kesepakatan", "Text of the agreement"},
	"verify.version_sent":        {"Dikirim untuk konfirmasi pada", "Sent for confirmation on"},
	"verify.version_current":     {"Ini naskah yang dikonfirmasi oleh semua pihak dan berlaku untuk kesepakatan yang diterbitkan.", "This is the text every party confirmed, the one of the published agreement."},
	"verify.earlier_heading":     {"Versi terdahulu (versi %d)", "An earlier version (version %d)"},
	"verify.earlier_body":        {"Ini versi terdahulu, yang digantikan oleh versi %d pada %s. Naskah yang dikonfirmasi oleh semua pihak adalah versi %d.", "This is an earlier version, replaced by version %d on %s. The text every party confirmed is version %d."},
	"verify.confirmations":       {"Konfirmasi para pihak", "The parties' confirmations"},
	"verify.party":               {"Pihak", "Party"},
	"verify.region":              {"Daerah", "Region"},
	"verify.confirmed_at":        {"Dikonfirmasi pada", "Confirmed on"},
	"verify.bound":               {"Mengikat naskah ini", "Bound to this text"},
	"verify.bound_exact":         {"Ya, tepat SHA-256 ini", "Yes, exactly this SHA-256"},
	"verify.bound_other":         {"Tidak", "No"},
	"verify.key_heading":         {"Kunci publik titik periksa audit", "Public key of the audit checkpoints"},
	"verify.key_body":            {"Titik periksa log audit portal ini, yang diterbitkan di /audit/checkpoints, ditandatangani dengan kunci Ed25519 berikut (base64). Simpan kunci ini untuk memeriksa titik periksa yang Anda unduh.", "The checkpoints of this portal's audit log, published at /audit/checkpoints, are signed with the following Ed25519 key (base64). Keep it to check the checkpoints you download."},
	"verify.key_link":            {"Lihat titik periksa log audit yang ditandatangani", "See the audit log's signed checkpoints"},
	"verify.how_heading":         {"Cara kerja pemeriksaan", "How the check works"},
	"verify.how_body":            {"SHA-256 adalah sidik jari sebuah berkas: setiap perubahan, sekecil apa pun, menghasilkan sidik jari lain. Portal mencatat sidik jari setiap dokumen yang dilampirkan dan setiap naskah yang dikirim kepada para pihak; konfirmasi setiap pihak terikat pada sidik jari naskah yang dikonfirmasinya.", "SHA-256 is a file's fingerprint: any change, however small, gives another fingerprint. The portal records the fingerprint of every document attached and of every text sent to the parties; each party's confirmation is bound to the fingerprint of the text it confirmed."},
	"verify.limit_note":          {"Pemeriksaan dibatasi %d kali per %d menit untuk setiap alamat.", "Checks are limited to %d per %d minutes from each address."},
	"verify.agreement_link_text": {"%s — %s", "%s — %s"},
}

var verifyPlurals = map[string][2][]string{}
