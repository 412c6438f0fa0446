package i18n

// The audit checkpoints' page, JSON and feed. Every key starts with "checkpoints.", but the
// feed's title and subtitle ("feeds.checkpoints.").
func init() { addMessages(checkpointsCatalog, checkpointsPlurals) }

var checkpointsCatalog = map[string][2]string{
	"checkpoints.title": {"Titik periksa log audit", "Audit log checkpoints"},
	"checkpoints.lead": {
		"Setiap langkah di portal ini dicatat dalam log audit yang setiap entrinya memuat sidik (hash) entri sebelumnya. Sekali sehari portal menandatangani entri terakhir log itu dan menerbitkannya di sini, agar siapa pun dapat memastikan bahwa riwayatnya tidak ditulis ulang.",
		"Every step taken in this portal is recorded in an audit log in which each entry holds the fingerprint (hash) of the one before. Once a day the portal signs the log's latest entry and publishes it here, so that anyone can make sure its history has not been rewritten.",
	},
	"checkpoints.key_heading": {"Kunci publik penanda tangan", "The signing public key"},
	"checkpoints.key_body": {
		"Titik periksa ditandatangani dengan kunci Ed25519 portal. Simpan kunci publik ini bersama titik periksa yang Anda unduh: dengan kunci ini tanda tangan dapat diperiksa tanpa bergantung pada portal.",
		"The checkpoints are signed with the portal's Ed25519 key. Keep this public key with the checkpoints you download: with it their signatures can be checked without relying on the portal.",
	},
	"checkpoints.no_key":      {"Portal ini belum memiliki kunci untuk menandatangani titik periksa.", "This portal has no key to sign checkpoints yet."},
	"checkpoints.public_key":  {"Kunci publik (base64)", "Public key (base64)"},
	"checkpoints.key_id":      {"ID kunci", "Key ID"},
	"checkpoints.algorithm":   {"Algoritme", "Algorithm"},
	"checkpoints.see_list":    {"Lihat semua titik periksa log audit", "See every checkpoint of the audit log"},
	"checkpoints.how_heading": {"Cara memeriksa bahwa riwayat tidak ditulis ulang", "How to check that the history was not rewritten"},
	"checkpoints.how_what": {
		"Sebuah titik periksa menyatakan: “pada saat ini, entri terakhir log audit bernomor sekian dan sidiknya sekian”, dan portal menandatanganinya. Sidik sebuah entri bergantung pada seluruh entri sebelumnya, sehingga mengubah, menghapus atau menyisipkan satu entri lama saja akan mengubah sidik setiap entri sesudahnya.",
		"A checkpoint says: “at this moment the audit log's latest entry has this number and this fingerprint”, and the portal signs it. An entry's fingerprint depends on every entry before it, so changing, removing or inserting a single old entry changes the fingerprint of every entry after it.",
	},
	"checkpoints.how_save": {
		"Unduh dan simpan titik periksa (halaman ini, berkas JSON atau umpan Atom) beserta kunci publik di atas, di tempat yang tidak dikuasai portal.",
		"Download and keep the checkpoints (this page, the JSON file or the Atom feed) with the public key above, somewhere the portal does not control.",
	},
	"checkpoints.how_later": {
		"Kelak, misalnya saat pemeriksaan, minta pengelola portal menjalankan pemeriksaan log audit, atau minta salinan log audit dan sidik entri yang disebut titik periksa Anda.",
		"Later, for instance during an audit, ask the portal's operators to run the audit log check, or ask for a copy of the audit log and the fingerprints of the entries your checkpoints name.",
	},
	"checkpoints.how_compare": {
		"Bandingkan: entri yang disebut setiap titik periksa yang Anda simpan harus masih ada dengan sidik yang sama persis. Jika sidiknya berbeda, atau entrinya hilang, riwayat sampai entri itu telah diubah sesudah titik periksa dibuat — meskipun log yang baru tampak utuh.",
		"Compare: the entry each of your saved checkpoints names must still be there with exactly the same fingerprint. If the fingerprint differs, or the entry is gone, the history up to that entry was changed after the checkpoint was made — even if the new log looks whole.",
	},
	"checkpoints.how_signature": {
		"Periksa tanda tangan dengan kunci publik yang Anda simpan: tanda tangan yang sah membuktikan bahwa titik periksa itu dibuat oleh portal dan tidak diubah sejak itu.",
		"Check the signature with the public key you kept: a valid signature proves that the checkpoint was made by the portal and has not been changed since.",
	},
	"checkpoints.how_why": {
		"Karena Anda menyimpan salinannya sendiri, portal tidak dapat diam-diam menulis ulang riwayat lalu menerbitkan titik periksa baru yang cocok: titik periksa lama yang Anda pegang akan membongkarnya.",
		"Because you keep your own copies, the portal cannot quietly rewrite the history and then publish new checkpoints to match: the earlier checkpoints you hold would give it away.",
	},
	"checkpoints.how_limits": {
		"Titik periksa melindungi riwayat sampai entri yang disebutnya. Langkah sesudah titik periksa terakhir dilindungi oleh titik periksa berikutnya.",
		"A checkpoint protects the history up to the entry it names. Steps after the latest checkpoint are protected by the next one.",
	},
	"checkpoints.list_heading":     {"Titik periksa, terbaru lebih dulu", "Checkpoints, the newest first"},
	"checkpoints.none":             {"Belum ada titik periksa yang diterbitkan.", "No checkpoint has been published yet."},
	"checkpoints.recorded":         {"Dicatat (WIB)", "Recorded (WIB)"},
	"checkpoints.recorded_utc":     {"Dicatat (UTC)", "Recorded (UTC)"},
	"checkpoints.entry":            {"Entri", "Entry"},
	"checkpoints.hash":             {"Sidik entri (SHA-256)", "Entry fingerprint (SHA-256)"},
	"checkpoints.signature":        {"Tanda tangan (base64)", "Signature (base64)"},
	"checkpoints.signed_text":      {"Teks yang ditandatangani", "Signed text"},
	"checkpoints.machines_heading": {"Untuk mesin", "For machines"},
	"checkpoints.machines_json": {
		"— semua titik periksa dalam JSON, dapat dibaca skrip dari situs mana pun (CORS).",
		"— every checkpoint as JSON, readable by any site's scripts (CORS).",
	},
	"checkpoints.machines_feed": {"— umpan Atom titik periksa terbaru.", "— an Atom feed of the newest checkpoints."},
	"checkpoints.signed_text_lead": {
		"Tanda tangan Ed25519 mencakup tepat teks berikut, empat baris yang masing-masing diakhiri satu line feed (0x0A), dalam ASCII:",
		"The Ed25519 signature covers exactly this text, four lines each ended by one line feed (0x0A), in ASCII:",
	},
	"checkpoints.signed_text_rules": {
		"entry_id ditulis desimal tanpa nol di depan, entry_hash 64 digit heksadesimal huruf kecil, recorded_at menurut RFC 3339 dalam UTC sampai detik (misalnya 2026-11-26T03:00:00Z).",
		"entry_id is written in decimal without leading zeros, entry_hash as 64 lowercase hexadecimal digits, recorded_at in RFC 3339 in UTC to the second (for example 2026-11-26T03:00:00Z).",
	},
	"checkpoints.json_heading":     {"Isian JSON setiap titik periksa", "The JSON fields of each checkpoint"},
	"checkpoints.json.id":          {"nomor titik periksa di portal ini", "the checkpoint's number in this portal"},
	"checkpoints.json.entry_id":    {"nomor entri log audit yang menjadi entri terakhir saat itu", "the number of the audit log entry that was the latest at the time"},
	"checkpoints.json.entry_hash":  {"sidik SHA-256 entri itu, 64 digit heksadesimal", "that entry's SHA-256 fingerprint, 64 hexadecimal digits"},
	"checkpoints.json.recorded_at": {"kapan titik periksa dicatat, RFC 3339 dalam UTC", "when the checkpoint was recorded, RFC 3339 in UTC"},
	"checkpoints.json.key_id":      {"ID kunci penanda tangan: 16 digit heksadesimal pertama SHA-256 kunci publiknya", "the signing key's ID: the first 16 hexadecimal digits of the SHA-256 of its public key"},
	"checkpoints.json.public_key":  {"kunci publik Ed25519 penanda tangan, 32 byte dalam base64", "the signer's Ed25519 public key, 32 bytes in base64"},
	"checkpoints.json.signature":   {"tanda tangan Ed25519 atas signed_text, 64 byte dalam base64", "the Ed25519 signature over signed_text, 64 bytes in base64"},
	"checkpoints.json.signed_text": {"teks persis yang ditandatangani, disusun dari tiga isian di atas", "the exact text signed, made of the three fields above"},
	"checkpoints.json_pages": {
		"Berkas memuat juga public_key dan key_id portal saat ini, serta page, pages, total dan next (alamat halaman berikutnya bila ada) bila titik periksa melebihi satu halaman (parameter page).",
		"The file also holds the portal's current public_key and key_id, and page, pages, total and next (the next page's address, when there is one) for when the checkpoints fill more than one page (the page parameter).",
	},
	"checkpoints.feed_entry":     {"Titik periksa: entri %d, %s", "Checkpoint: entry %d, %s"},
	"checkpoints.feed_key":       {"Kunci publik (base64): %s, ID kunci %s.", "Public key (base64): %s, key ID %s."},
	"feeds.checkpoints.title":    {"Derap KSD: titik periksa log audit", "Derap KSD: audit log checkpoints"},
	"feeds.checkpoints.subtitle": {"Entri terakhir log audit portal, ditandatangani sekali sehari.", "The latest entry of the portal's audit log, signed once a day."},
}

var checkpointsPlurals = map[string][2][]string{
	"checkpoints.caption": {{"%s titik periksa"}, {"%s checkpoint", "%s checkpoints"}},
}
