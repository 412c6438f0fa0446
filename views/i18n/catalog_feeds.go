package i18n

// The messages of the public record for machines and for sharing: the header's search
// box, the Atom feeds, the pages' share previews and the open-data page, kept apart from
// the pages' own. Keys start with "header.search.", "feeds.", "meta." or "opendata.".
func init() { addMessages(feedsCatalog, nil) }

var feedsCatalog = map[string][2]string{
	// The header's search box, on every page
	"header.search.label":       {"Cari di portal", "Search the portal"},
	"header.search.placeholder": {"Kesepakatan, daerah, acara", "Agreements, regions, events"},
	"header.search.submit":      {"Cari", "Search"},

	// The Atom feeds
	"feeds.agreements.title":    {"Derap KSD: kesepakatan yang baru diterbitkan", "Derap KSD: newly published agreements"},
	"feeds.agreements.subtitle": {"Kesepakatan kerja sama Pemerintah Provinsi DKI Jakarta dengan daerah mitra, yang terakhir diterbitkan lebih dahulu.", "Cooperation agreements of the Jakarta provincial government with its partner regions, the most recently published first."},
	"feeds.events.title":        {"Derap KSD: acara", "Derap KSD: events"},
	"feeds.events.subtitle":     {"Acara program Derap Kerja Sama Daerah, yang terbaru lebih dahulu.", "Events of the Derap Kerja Sama Daerah programme, the newest first."},
	"feeds.author":              {"Biro Kerja Sama Daerah Provinsi DKI Jakarta", "Biro Kerja Sama Daerah Provinsi DKI Jakarta (Bureau of Regional Cooperation)"},
	"feeds.rights":              {"Register kesepakatan: CC BY 4.0, Biro Kerja Sama Daerah Provinsi DKI Jakarta, portal Derap KSD. Data wilayah: ODbL 1.0.", "Register of agreements: CC BY 4.0, Biro Kerja Sama Daerah Provinsi DKI Jakarta, portal Derap KSD. Region data: ODbL 1.0."},
	"feeds.number":              {"Nomor: %s", "Number: %s"},
	"feeds.parties":             {"Para pihak: %s", "Parties: %s"},
	"feeds.term":                {"Jangka waktu: %s", "Term: %s"},
	"feeds.when":                {"Waktu: %s", "When: %s"},
	"feeds.place":               {"Tempat: %s", "Where: %s"},
	"feeds.organiser":           {"Penyelenggara: %s", "Organiser: %s"},

	// Share previews of pages without a summary of their own
	"meta.region":    {"%s (kode Kemendagri %s): kerja sama daerah dengan Provinsi DKI Jakarta di portal Derap KSD.", "%s (Kemendagri code %s): regional cooperation with DKI Jakarta Province on the Derap KSD portal."},
	"meta.region_in": {"%s, Provinsi %s (kode Kemendagri %s): kerja sama daerah dengan Provinsi DKI Jakarta di portal Derap KSD.", "%s, %s Province (Kemendagri code %s): regional cooperation with DKI Jakarta Province on the Derap KSD portal."},

	// The open-data page
	"opendata.footer":     {"Data terbuka", "Open data"},
	"opendata.about_link": {"Register kesepakatan, data wilayah dan acara dapat diunduh sebagai data terbuka: lihat halaman Data terbuka.", "The register of agreements, the region data and the events can be downloaded as open data: see the Open data page."},
	"opendata.title":      {"Data terbuka", "Open data"},
	"opendata.lead":       {"Register kesepakatan kerja sama Provinsi DKI Jakarta, daftar daerah dan catatan acara tersedia dalam format yang dapat dibaca mesin, tanpa pendaftaran dan tanpa kunci akses. Hanya kesepakatan yang telah diterbitkan yang ada di dalamnya.", "The register of DKI Jakarta Province's cooperation agreements, the list of regions and the event records are available in machine-readable formats, without registration or an access key. Only published agreements are in them."},
	"opendata.files":      {"Berkas yang tersedia", "The files"},
	"opendata.file":       {"Alamat", "Address"},
	"opendata.holds":      {"Isi", "What it holds"},
	"opendata.format":     {"Format", "Format"},
	"opendata.agreements_csv": {
		"Register kesepakatan: satu baris per kesepakatan yang diterbitkan. CSV UTF-8 dengan BOM, sehingga Excel membukanya dengan benar.",
		"The register: one row per published agreement. CSV in UTF-8 with a BOM, so that Excel opens it right.",
	},
	"opendata.parties_csv": {
		"Para pihak: satu baris per pihak dari setiap kesepakatan dalam register, dengan kode Kemendagri daerahnya. Dihubungkan ke register melalui pengenal kesepakatan.",
		"The parties: one row per party of each agreement in the register, with its region's Kemendagri code. Linked to the register by the agreement's identifier.",
	},
	"opendata.agreements_xlsx": {
		"Register dan para pihak sebagai satu buku kerja Excel: lembar kesepakatan dan lembar para pihak, tanggal sebagai sel tanggal, baris judul dibekukan.",
		"The register and its parties as one Excel workbook: an agreements sheet and a parties sheet, dates as date cells, the header row frozen.",
	},
	"opendata.agreements_json": {
		"Register dalam format JSON yang terdokumentasi, terinspirasi Open Contracting Data Standard: pengenal tetap, para pihak dengan kode Kemendagri, bidang dengan kodenya, jangka waktu, status, penandatanganan, tanggal terbit, dokumen dengan SHA-256 dan alamatnya, serta hash versi naskah.",
		"The register in the documented JSON format, inspired by the Open Contracting Data Standard: stable identifiers, parties with Kemendagri codes, sectors with their codes, term, status, signing, publication date, documents with their SHA-256 and address, and the text version's hash.",
	},
	"opendata.agreement_json":   {"Satu kesepakatan dalam format JSON yang sama; {id} adalah nomor kesepakatan di alamat halamannya.", "One agreement in the same JSON format; {id} is the agreement's number in the address of its page."},
	"opendata.regions_json":     {"Semua provinsi, kabupaten dan kota dengan kode Kemendagri dan provinsinya, serta profil daerah mitra program.", "Every province, regency and city with its Kemendagri code and province, and the programme's partner profiles."},
	"opendata.events_json":      {"Acara program: waktu, tempat, penyelenggara, ringkasan, pembicara, daerah peserta dan kesepakatan yang ditandatangani.", "The programme's events: time, place, organiser, summary, speakers, participating regions and the agreements signed there."},
	"opendata.schema":           {"JSON Schema (draft 2020-12) dari format register: setiap JSON di atas sesuai dengannya.", "The JSON Schema (draft 2020-12) of the register's format: every JSON above conforms to it."},
	"opendata.feed_agreements":  {"Umpan Atom kesepakatan yang baru diterbitkan (50 terakhir), untuk pembaca umpan.", "Atom feed of newly published agreements (the latest 50), for feed readers."},
	"opendata.feed_events":      {"Umpan Atom acara, yang terbaru lebih dahulu.", "Atom feed of events, the newest first."},
	"opendata.sitemap":          {"Peta situs: alamat setiap halaman publik, untuk mesin pencari.", "Sitemap: the address of every public page, for search engines."},
	"opendata.checkpoints_json": {"Titik periksa log audit yang ditandatangani, dengan kunci publiknya: simpan untuk memeriksa kelak bahwa riwayat tidak ditulis ulang.", "The audit log's signed checkpoints, with their public key: keep them to check later that the history was not rewritten."},
	"opendata.checkpoints_feed": {"Umpan Atom titik periksa log audit, yang terbaru lebih dahulu.", "Atom feed of the audit log's checkpoints, the newest first."},
	"opendata.example_id":       {"Contoh: %s", "Example: %s"},

	"opendata.filters":      {"Menyaring dan mengurutkan", "Filtering and sorting"},
	"opendata.filters_lead": {"Unduhan register (CSV, Excel dan JSON) selalu sesuai dengan saringan daftar kesepakatan: tautan unduhan di halaman daftar membawa saringan yang sedang dipakai. Parameter yang sama dapat ditambahkan ke alamat berkas:", "The register's downloads (CSV, Excel and JSON) always match the filters of the list of agreements: the download links on the list page carry the filters in use. The same parameters can be added to a file's address:"},
	"opendata.param.sector": {"bidang kerja sama, dengan kodenya (misalnya food untuk pangan, culture, tourism);", "a sector of cooperation, by its code (for instance food, culture, tourism);"},
	"opendata.param.region": {"kode Kemendagri daerah yang menjadi pihak (misalnya 74.01 untuk Kabupaten Kolaka);", "the Kemendagri code of a region that is a party (for instance 74.01 for Kabupaten Kolaka);"},
	"opendata.param.type":   {"jenis dokumen: memorandum (Kesepakatan Bersama), implementing (Perjanjian Kerja Sama) atau amendment (adendum);", "the document type: memorandum (Kesepakatan Bersama), implementing (Perjanjian Kerja Sama) or amendment;"},
	"opendata.param.year":   {"tahun penandatanganan, misalnya 2025;", "the year of signing, for instance 2025;"},
	"opendata.param.state":  {"keberlakuan: active (berlaku), upcoming (belum mulai), ended (jangka waktunya berakhir) atau terminated (diakhiri lebih awal);", "whether in force: active, upcoming (not yet started), ended (its term ran out) or terminated (ended early);"},
	"opendata.param.sort":   {"urutan: newest (penandatanganan terbaru lebih dahulu, bawaan), signed (penandatanganan terlama lebih dahulu), ends (yang paling cepat berakhir lebih dahulu) atau title (judul, A–Z).", "the order: newest (latest signing first, the default), signed (earliest signing first), ends (the soonest to end first) or title (by title, A–Z)."},

	"opendata.columns":                    {"Kolom dan isian", "Columns and fields"},
	"opendata.columns_tables":             {"Berkas CSV dan lembar buku kerja Excel memiliki kolom berikut, dalam urutan ini, dengan nama kolom pada baris pertama. Sel kosong berarti tidak ada nilai. Di CSV, tanggal ditulis YYYY-MM-DD dan waktu menurut RFC 3339 dalam UTC; di buku kerja keduanya berupa sel tanggal (waktu dalam UTC).", "The CSV files and the sheets of the Excel workbook have these columns, in this order, with the columns' names in the first row. An empty cell means no value. In CSV, dates are written YYYY-MM-DD and times in RFC 3339, in UTC; in the workbook both are date cells (times in UTC)."},
	"opendata.columns_agreements_heading": {"Tabel kesepakatan", "The agreements table"},
	"opendata.columns_parties_heading":    {"Tabel para pihak", "The parties table"},
	"opendata.columns_agreements_caption": {"Kesepakatan: /agreements.csv dan lembar agreements di /agreements.xlsx, satu baris per kesepakatan", "Agreements: /agreements.csv and the agreements sheet of /agreements.xlsx, one row per agreement"},
	"opendata.columns_parties_caption":    {"Para pihak: /agreements/parties.csv dan lembar parties di /agreements.xlsx, satu baris per pihak, menurut urutan kesepakatan lalu urutan penandatanganan", "Parties: /agreements/parties.csv and the parties sheet of /agreements.xlsx, one row per party, in the agreements' order and then in signing order"},
	"opendata.column":                     {"Kolom", "Column"},
	"opendata.column_type":                {"Jenis isian", "Type"},
	"opendata.column_meaning":             {"Keterangan", "Description"},
	"opendata.columns_json_heading":       {"Berkas JSON", "The JSON files"},
	"opendata.columns_json":               {"Berkas JSON (/agreements.json, /agreements/{id}.json, /regions.json dan /events.json) memuat catatan yang lebih lengkap daripada tabel di atas, termasuk dokumen beserta SHA-256-nya, profil daerah mitra, serta pembicara dan peserta acara. Acuan yang mengikat untuk setiap isiannya adalah JSON Schema:", "The JSON files (/agreements.json, /agreements/{id}.json, /regions.json and /events.json) hold fuller records than the tables above, among them the documents with their SHA-256, the partner regions' profiles, and the events' speakers and participants. The binding reference for every field is the JSON Schema:"},
	"opendata.columns_json_shape":         {"Setiap berkas JSON adalah satu objek: isian paket berikut, lalu satu isian yang memuat catatannya.", "Every JSON file is one object: the package fields below, then one field that holds its records."},

	"opendata.ids":            {"Pengenal", "Identifiers"},
	"opendata.ids_regions":    {"Daerah dikenali dengan kode wilayah Kemendagri: dua angka untuk provinsi (31 untuk DKI Jakarta, 61 untuk Kalimantan Barat), empat angka bertitik untuk kabupaten dan kota (74.01 untuk Kabupaten Kolaka, 13.77 untuk Kota Pariaman).", "Regions are identified by their Kemendagri codes: two digits for a province (31 for DKI Jakarta, 61 for Kalimantan Barat), four digits with a dot for a regency or city (74.01 for Kabupaten Kolaka, 13.77 for Kota Pariaman)."},
	"opendata.ids_agreements": {"Kesepakatan dikenali sebagai derap-ksd-a-{id}, dengan {id} nomor yang sama seperti di alamat halamannya (/agreements/{id}). Pengenal ini tetap: tidak berubah ketika kesepakatan direvisi, diadendum atau diakhiri.", "Agreements are identified as derap-ksd-a-{id}, where {id} is the number in the address of its page (/agreements/{id}). The identifier is stable: it does not change when the agreement is revised, amended or ended."},

	"opendata.licence":          {"Lisensi", "Licence"},
	"opendata.licence_register": {"Register kesepakatan, para pihak dan catatan acara diterbitkan di bawah lisensi Creative Commons Atribusi 4.0 Internasional (CC BY 4.0): Anda bebas menyalin, menyebarluaskan, mengolah dan menggunakannya untuk tujuan apa pun, termasuk komersial, dengan mencantumkan atribusi berikut:", "The register of agreements, its parties and the event records are published under the Creative Commons Attribution 4.0 International licence (CC BY 4.0): you may copy, redistribute, adapt and use them for any purpose, commercial ones included, giving this attribution:"},
	"opendata.attribution":      {"Biro Kerja Sama Daerah Provinsi DKI Jakarta, portal Derap KSD", "Biro Kerja Sama Daerah Provinsi DKI Jakarta, portal Derap KSD"},
	"opendata.licence_regions":  {"Daftar daerah dengan kode Kemendagri berasal dari idn-area-data 4.0.1 dan berada di bawah Open Database License (ODbL) 1.0, yang terbawa ke basis data turunannya: basis data yang Anda bangun dari data wilayah ini dan Anda sebarluaskan harus tetap terbuka di bawah ODbL, dengan atribusi sumbernya.", "The list of regions with their Kemendagri codes comes from idn-area-data 4.0.1 and is under the Open Database License (ODbL) 1.0, which it carries into derived databases: a database you build from this region data and distribute must stay open under the ODbL, with its source attributed."},
	"opendata.licence_cc":       {"Teks lisensi CC BY 4.0", "The CC BY 4.0 licence"},
	"opendata.licence_odbl":     {"Atribusi dan teks lengkap ODbL", "The ODbL attribution and full text"},

	"opendata.freshness":      {"Kemutakhiran", "How current it is"},
	"opendata.freshness_text": {"Langsung: setiap berkas dibuat dari basis data pada saat diminta, sehingga selalu mencerminkan keadaan register saat itu. Tidak ada salinan harian; kesepakatan yang diterbitkan muncul pada permintaan berikutnya, dan yang ditarik dari publikasi langsung hilang.", "Live: every file is made from the database at the moment it is requested, so it always reflects the register as it stands. There is no daily copy; an agreement that is published appears on the next request, and one taken off publication is gone at once."},
	"opendata.access":         {"Akses dari aplikasi lain", "Use from other applications"},
	"opendata.access_text":    {"Berkas JSON dapat diambil langsung dari peramban di situs lain: CORS terbuka untuk GET (Access-Control-Allow-Origin: *). Setiap berkas membawa ETag, sehingga permintaan ulang dengan If-None-Match dijawab 304 bila tidak ada yang berubah.", "The JSON files can be fetched straight from a browser on another site: CORS is open for GET (Access-Control-Allow-Origin: *). Every file carries an ETag, so a repeated request with If-None-Match is answered 304 when nothing changed."},

	"opendata.examples":          {"Contoh dengan curl", "Examples with curl"},
	"opendata.example_csv":       {"Register kesepakatan pangan yang masih berlaku, sebagai CSV:", "The register of food agreements still in force, as CSV:"},
	"opendata.example_xlsx":      {"Kesepakatan dengan Kabupaten Kolaka yang ditandatangani pada 2025, sebagai buku kerja Excel:", "The agreements with Kabupaten Kolaka signed in 2025, as an Excel workbook:"},
	"opendata.example_json":      {"Register sebagai JSON, yang paling cepat berakhir lebih dahulu:", "The register as JSON, the soonest to end first:"},
	"opendata.example_agreement": {"Satu kesepakatan sebagai JSON:", "One agreement as JSON:"},
	"opendata.example_etag":      {"Hanya bila berubah sejak unduhan terakhir (ganti ETag dengan yang diterima sebelumnya):", "Only when it changed since the last download (put the ETag received before):"},
	"opendata.example_feed":      {"Umpan Atom dalam bahasa Inggris:", "The Atom feed in English:"},
}
