package i18n

// The messages of the public list's in-force filter, order and downloads of the register,
// kept apart from the pages' own, whose keys start with "register."; and the open-data
// page's documentation of the files' columns and fields, whose keys start with
// "opendata.col." (one per column of each table, by its name), "opendata.type." (how
// a kind of cell is written) and "opendata.json." (the JSON files' top-level fields).
func init() {
	addMessages(registerCatalog, nil)
	addMessages(columnsCatalog, nil)
}

var registerCatalog = map[string][2]string{
	// The list's in-force filter (its choices are the "term." messages) and order
	"register.state":       {"Status berlaku", "In force"},
	"register.all_states":  {"Semua status", "Any status"},
	"register.sort":        {"Urutan", "Order"},
	"register.sort.newest": {"Terbaru ditandatangani", "Newest signed first"},
	"register.sort.signed": {"Tanggal penandatanganan, terlama dahulu", "Signing date, oldest first"},
	"register.sort.ends":   {"Tanggal berakhir, terdekat dahulu", "End date, soonest first"},
	"register.sort.title":  {"Judul, A–Z", "Title, A–Z"},

	// Each row of the list
	"register.row.term":    {"Status berlaku", "In force"},
	"register.row.term_to": {"Jangka waktu hingga", "Term until"},

	// The downloads under the list, which carry its filters and order
	"register.download":         {"Unduh", "Download"},
	"register.download.label":   {"Unduh daftar ini sebagai data terbuka", "Download this list as open data"},
	"register.download.csv":     {"CSV", "CSV"},
	"register.download.xlsx":    {"Excel", "Excel"},
	"register.download.json":    {"JSON", "JSON"},
	"register.download.parties": {"CSV para pihak", "Parties CSV"},
	"register.download.note":    {"Berkas memuat semua kesepakatan yang sesuai dengan filter dan urutan ini, bukan hanya halaman ini.", "The files hold every agreement matching these filters, in this order, not just this page."},
}

var columnsCatalog = map[string][2]string{
	// How a kind of cell is written
	"opendata.type.text":     {"teks", "text"},
	"opendata.type.integer":  {"bilangan bulat", "integer"},
	"opendata.type.date":     {"tanggal, YYYY-MM-DD", "date, YYYY-MM-DD"},
	"opendata.type.datetime": {"tanggal dan waktu, RFC 3339 dalam UTC", "date-time, RFC 3339 in UTC"},
	"opendata.type.list":     {"daftar, dipisahkan titik koma (;)", "list, separated by semicolons (;)"},
	"opendata.type.url":      {"URL", "URL"},

	// The agreements table: /agreements.csv and the workbook's agreements sheet
	"opendata.col.agreement.id":                 {"Nomor kesepakatan di portal, sama seperti di alamat halamannya (/agreements/{id}).", "The agreement's number in the portal, as in the address of its page (/agreements/{id})."},
	"opendata.col.agreement.identifier":         {"Pengenal tetap kesepakatan: derap-ksd-a-{id}, misalnya derap-ksd-a-12. Tidak berubah ketika kesepakatan direvisi, diadendum atau diakhiri.", "The agreement's stable identifier: derap-ksd-a-{id}, for instance derap-ksd-a-12. It does not change when the agreement is revised, amended or ended."},
	"opendata.col.agreement.number":             {"Nomor register yang tertera pada dokumen; nomor dokumen masing-masing pihak ada di berkas para pihak (document_number).", "The register number written on the document; each party's own number for it is in the parties file (document_number)."},
	"opendata.col.agreement.title":              {"Judul lengkap kesepakatan, yaitu namanya menurut hukum.", "The agreement's full title, its legal name."},
	"opendata.col.agreement.short_title":        {"Judul singkat untuk judul halaman dan daftar; kosong bila tidak ada (halaman lalu memakai judul lengkap).", "A short title for headings and lists; empty when it has none (the pages then use the full title)."},
	"opendata.col.agreement.document_type":      {"Jenis dokumen: memorandum (Kesepakatan Bersama, kerangka antar kepala daerah), implementing (Perjanjian Kerja Sama, di bawah sebuah Kesepakatan Bersama, dengan hak, kewajiban dan pendanaannya) atau amendment (adendum yang mengubah salah satunya).", "The document type: memorandum (Kesepakatan Bersama, the framework between heads of regions), implementing (Perjanjian Kerja Sama, under a memorandum, with the rights, obligations and funding) or amendment (an addendum that changes either)."},
	"opendata.col.agreement.cooperation_kind":   {"Jenis kerja sama menurut PP 28/2018: region_to_region (kerja sama daerah dengan daerah lain, KSDD) atau third_party (kerja sama daerah dengan pihak ketiga, KSDPK).", "The kind of cooperation under PP 28/2018: region_to_region (with other regions, KSDD) or third_party (with a third party, KSDPK)."},
	"opendata.col.agreement.parent_identifier":  {"Untuk perjanjian kerja sama atau adendum: pengenal (derap-ksd-a-{id}) kesepakatan induknya. Kosong untuk Kesepakatan Bersama, atau bila induknya tidak diterbitkan.", "For an implementing agreement or an amendment: the identifier (derap-ksd-a-{id}) of the agreement it hangs under. Empty for a memorandum, or when that agreement is not published."},
	"opendata.col.agreement.status":             {"Tahap dalam siklusnya: signed (ditandatangani) atau terminated (diakhiri sebelum jangka waktunya berakhir). Hanya kesepakatan yang telah ditandatangani yang diterbitkan.", "Its stage in the lifecycle: signed, or terminated (ended before its term ran out). Only signed agreements are published."},
	"opendata.col.agreement.term_state":         {"Keberlakuan pada hari ini menurut waktu Jakarta (WIB), saat berkas dibuat: active (berlaku), upcoming (belum mulai), ended (jangka waktunya telah lewat) atau terminated (diakhiri, sejak tanggal pengakhirannya).", "Whether in force today in Jakarta (WIB), when the file is made: active, upcoming (not started yet), ended (its term ran out) or terminated (ended early, from its termination date on)."},
	"opendata.col.agreement.start_date":         {"Hari pertama jangka waktu kesepakatan.", "The first day of the agreement's term."},
	"opendata.col.agreement.end_date":           {"Hari terakhir jangka waktu kesepakatan; keesokan harinya ia tidak berlaku lagi.", "The last day of the agreement's term; it is no longer in force the day after."},
	"opendata.col.agreement.signed_on":          {"Tanggal penandatanganan.", "The day it was signed."},
	"opendata.col.agreement.signed_place":       {"Tempat penandatanganan.", "Where it was signed."},
	"opendata.col.agreement.event_identifier":   {"Pengenal acara tempat kesepakatan ditandatangani, derap-ksd-e-{id}, seperti di /events.json; kosong bila tidak ditandatangani pada acara program.", "The identifier of the event at which it was signed, derap-ksd-e-{id}, as in /events.json; empty when it was not signed at an event of the programme."},
	"opendata.col.agreement.published_at":       {"Saat kesepakatan diterbitkan di portal.", "When the agreement was published on the portal."},
	"opendata.col.agreement.terminated_on":      {"Tanggal pengakhiran berlaku; kosong kecuali status bernilai terminated.", "The day the termination takes effect; empty unless status is terminated."},
	"opendata.col.agreement.termination_reason": {"Alasan kesepakatan diakhiri lebih awal, sebagaimana dicatat; kosong bila tidak diakhiri.", "Why the agreement was ended early, as recorded; empty when it was not."},
	"opendata.col.agreement.sectors":            {"Bidang kerja sama, dengan kodenya (misalnya food;tourism), dalam urutan bidang di portal; kodenya sama dengan parameter sector.", "The sectors of cooperation, by code (for instance food;tourism), in the portal's order of sectors; the codes are those of the sector parameter."},
	"opendata.col.agreement.party_region_codes": {"Kode Kemendagri daerah para pihak, dalam urutan penandatanganan (Pihak Kesatu lebih dahulu), misalnya 31;74.01.", "The Kemendagri codes of the parties' regions, in signing order (the first party first), for instance 31;74.01."},
	"opendata.col.agreement.party_region_names": {"Nama daerah para pihak, dalam urutan yang sama seperti party_region_codes.", "The names of the parties' regions, in the same order as party_region_codes."},
	"opendata.col.agreement.version_number":     {"Nomor versi naskah yang berlaku (1, 2, ...): versi yang dikonfirmasi para pihak. Setiap revisi setelah naskah dikirim membuat versi baru.", "The number of the current text version (1, 2, ...): the version the parties confirmed. Every revision after the text was sent makes a new version."},
	"opendata.col.agreement.version_sha256":     {"SHA-256 (64 angka heksadesimal) dari naskah kanonik versi tersebut, yang dikonfirmasi para pihak: nomor, judul, jenis, induk, jenis kerja sama, bidang, ruang lingkup, ringkasan, jangka waktu, pendanaan dan para pihak dalam satu bentuk JSON kanonik. Siapa pun yang memegang isi yang sama dapat menghitung hash yang sama.", "The SHA-256 (64 hexadecimal digits) of that version's canonical text, which the parties confirmed: the number, title, type, parent, kind of cooperation, sectors, scope, summary, term, funding and parties in one canonical JSON form. Anyone holding the same content can compute the same hash."},
	"opendata.col.agreement.scope":              {"Ruang lingkup kerja sama, sebagaimana dalam naskah.", "The scope of the cooperation, as in the text."},
	"opendata.col.agreement.summary":            {"Ringkasan kesepakatan.", "A summary of the agreement."},
	"opendata.col.agreement.funding_note":       {"Catatan pendanaan kerja sama; kosong bila tidak ada.", "A note on how the cooperation is funded; empty when there is none."},
	"opendata.col.agreement.url":                {"Alamat lengkap halaman kesepakatan di portal.", "The full address of the agreement's page on the portal."},

	// The parties table: /agreements/parties.csv and the workbook's parties sheet
	"opendata.col.party.agreement_id":         {"Nomor kesepakatan di portal: kolom id di berkas kesepakatan.", "The agreement's number in the portal: the id column of the agreements file."},
	"opendata.col.party.agreement_identifier": {"Pengenal kesepakatan, derap-ksd-a-{id}: kolom identifier di berkas kesepakatan, untuk menghubungkan kedua berkas.", "The agreement's identifier, derap-ksd-a-{id}: the identifier column of the agreements file, to join the two files."},
	"opendata.col.party.agreement_number":     {"Nomor register kesepakatan: kolom number di berkas kesepakatan.", "The agreement's register number: the number column of the agreements file."},
	"opendata.col.party.position":             {"Urutan pihak dalam penandatanganan: 1 untuk Pihak Kesatu, 2 untuk Pihak Kedua, dan seterusnya.", "The party's place in the signing order: 1 for the first party (Pihak Kesatu), 2 for the second, and so on."},
	"opendata.col.party.region_code":          {"Kode Kemendagri daerah pihak, misalnya 31 untuk DKI Jakarta, 74.01 untuk Kabupaten Kolaka.", "The Kemendagri code of the party's region, for instance 31 for DKI Jakarta, 74.01 for Kabupaten Kolaka."},
	"opendata.col.party.region_name":          {"Nama daerah pihak.", "The name of the party's region."},
	"opendata.col.party.region_kind":          {"Jenis daerah: province (provinsi), regency (kabupaten) atau city (kota).", "The kind of region: province, regency (kabupaten) or city (kota)."},
	"opendata.col.party.document_number":      {"Nomor dokumen menurut pihak itu sendiri: nomor yang diberikan delegasinya saat mengonfirmasi, atau bila tidak ada, nomor dalam rancangan; kosong bila tidak ada keduanya.", "The party's own number for the document: the one its delegate gave when confirming, else the one in the draft; empty when there is neither."},
	"opendata.col.party.signatory_name":       {"Nama penanda tangan untuk pihak ini.", "The name of who signs for the party."},
	"opendata.col.party.signatory_position":   {"Jabatan penanda tangan.", "The signatory's position."},
	"opendata.col.party.authority":            {"Dasar kewenangan penanda tangan: own_office (karena jabatannya sendiri) atau power_of_attorney (berdasarkan surat kuasa).", "On what footing the signatory signs: own_office (by their own office) or power_of_attorney (by a power of attorney, kuasa)."},
	"opendata.col.party.confirmation_status":  {"Jawaban pihak atas versi naskah yang berlaku: pending (belum menjawab), confirmed (mengonfirmasi) atau declined (menolak).", "The party's answer to the current text version: pending (not answered yet), confirmed or declined."},
	"opendata.col.party.confirmed_at":         {"Saat pihak mengonfirmasi naskah; kosong kecuali confirmation_status bernilai confirmed.", "When the party confirmed the text; empty unless confirmation_status is confirmed."},
	"opendata.col.party.confirmed_sha256":     {"SHA-256 naskah yang dikonfirmasi pihak, sama dengan version_sha256 kesepakatannya bila yang dikonfirmasi adalah versi yang berlaku; kosong kecuali confirmation_status bernilai confirmed.", "The SHA-256 of the text the party confirmed, equal to its agreement's version_sha256 when that is the current version; empty unless confirmation_status is confirmed."},

	// The JSON files' top-level fields
	"opendata.json.schema":         {"alamat JSON Schema yang diikuti berkas ini.", "the address of the JSON Schema the file follows."},
	"opendata.json.uri":            {"alamat berkas ini sendiri, dengan saringannya.", "the file's own address, with its filters."},
	"opendata.json.published_date": {"kapan isi berkas terakhir berubah (perubahan terakhir catatannya, atau awal hari ini bila tidak ada), RFC 3339 dalam UTC.", "when the file's content last changed (its records' latest change, or the start of today when it holds none), RFC 3339 in UTC."},
	"opendata.json.publisher":      {"penerbit: objek dengan name (nama biro) dan uri (alamat portal).", "the publisher: an object with name (the bureau's name) and uri (the portal's address)."},
	"opendata.json.license":        {"alamat lisensi data: https://creativecommons.org/licenses/by/4.0/.", "the address of the data's licence: https://creativecommons.org/licenses/by/4.0/."},
	"opendata.json.license_name":   {"nama lisensi: CC BY 4.0.", "the licence's name: CC BY 4.0."},
	"opendata.json.agreements":     {"di /agreements.json: daftar kesepakatan yang diterbitkan, dalam urutan daftar dan menurut saringannya.", "in /agreements.json: the published agreements, in the list's order and as its filters select."},
	"opendata.json.agreement":      {"di /agreements/{id}.json: satu kesepakatan, dalam bentuk yang sama dengan setiap unsur agreements.", "in /agreements/{id}.json: one agreement, in the same form as each item of agreements."},
	"opendata.json.regions":        {"di /regions.json: semua provinsi, kabupaten dan kota, dengan profil daerah mitra program.", "in /regions.json: every province, regency and city, with the programme's partner profiles."},
	"opendata.json.events":         {"di /events.json: acara program, dengan pembicara, daerah peserta dan kesepakatan yang ditandatangani.", "in /events.json: the programme's events, with speakers, participating regions and the agreements signed there."},
}
