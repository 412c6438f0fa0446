package i18n

// The sign-off certificate's messages, on its page and in its PDF. Every key starts with
// "certificate.".
func init() { addMessages(certificateCatalog, nil) }

var certificateCatalog = map[string][2]string{
	"certificate.title":   {"Sertifikat persetujuan para pihak", "Sign-off certificate"},
	"certificate.link":    {"Sertifikat persetujuan para pihak (halaman cetak dan PDF)", "Sign-off certificate (printable page and PDF)"},
	"certificate.pdf":     {"Unduh sertifikat (PDF, A4)", "Download the certificate (PDF, A4)"},
	"certificate.back":    {"Kembali ke halaman kesepakatan", "Back to the agreement's page"},
	"certificate.heading": {"SERTIFIKAT PERSETUJUAN PARA PIHAK", "SIGN-OFF CERTIFICATE"},
	"certificate.lead": {
		"Portal Derap Kerja Sama Daerah menerangkan bahwa naskah kesepakatan di bawah ini telah dikonfirmasi oleh setiap pihak melalui akun delegasi daerahnya, kemudian ditandatangani dan diterbitkan. Setiap konfirmasi terikat pada sidik jari SHA-256 naskah yang tercantum.",
		"The Derap Kerja Sama Daerah portal certifies that every party confirmed the text of the agreement below through its regional delegate's account, and that it was then signed and published. Each confirmation is bound to the SHA-256 fingerprint of the text stated here.",
	},
	"certificate.agreement":      {"Kesepakatan", "Agreement"},
	"certificate.number":         {"Nomor", "Number"},
	"certificate.full_title":     {"Judul lengkap", "Full title"},
	"certificate.short_title":    {"Judul singkat", "Short title"},
	"certificate.doc_type":       {"Jenis dokumen", "Document type"},
	"certificate.signed":         {"Tanggal dan tempat penandatanganan", "Signing date and place"},
	"certificate.published":      {"Diterbitkan", "Published"},
	"certificate.version":        {"Naskah yang dikonfirmasi", "Confirmed text"},
	"certificate.version_number": {"Versi %d", "Version %d"},
	"certificate.version_hash":   {"SHA-256 naskah", "SHA-256 of the text"},
	"certificate.parties":        {"Para pihak dan konfirmasinya", "The parties and their confirmations"},
	"certificate.region":         {"Daerah", "Region"},
	"certificate.region_code":    {"kode Kemendagri %s", "Kemendagri code %s"},
	"certificate.signatory":      {"Penanda tangan", "Signatory"},
	"certificate.authority":      {"Dasar kewenangan", "Authority"},
	"certificate.party_number":   {"Nomor dokumen pihak", "The party's document number"},
	"certificate.confirmed_at":   {"Dikonfirmasi pada", "Confirmed on"},
	"certificate.confirmed_by":   {"Dikonfirmasi melalui", "Confirmed through"},
	"certificate.office":         {"akun delegasi daerah %s (%s)", "the regional delegate account of %s (%s)"},
	"certificate.not_confirmed":  {"Tidak ada konfirmasi tercatat untuk versi ini", "No confirmation of this version is recorded"},
	"certificate.zone":           {"WIB, UTC+07:00 (Asia/Jakarta)", "WIB, UTC+07:00 (Asia/Jakarta)"},
	"certificate.scans":          {"Pindaian naskah bertanda tangan", "Signed scan"},
	"certificate.scan_hash":      {"SHA-256 berkas", "SHA-256 of the file"},
	"certificate.no_scan":        {"Belum ada pindaian naskah bertanda tangan yang dilampirkan.", "No signed scan is attached yet."},
	"certificate.verify":         {"Verifikasi", "Verification"},
	"certificate.verify_text": {
		"Pindai kode QR atau buka alamat di bawahnya untuk memeriksa di portal bahwa naskah dengan sidik jari ini dikonfirmasi oleh semua pihak.",
		"Scan the QR code or open the address under it to check on the portal that the text with this fingerprint was confirmed by every party.",
	},
	"certificate.qr_alt": {"Kode QR menuju halaman verifikasi: %s", "QR code leading to the verification page: %s"},
	"certificate.issued": {
		"Sertifikat ini dibuat dari catatan portal dan isinya tetap selama catatan tersebut tidak berubah; sidik jari SHA-256 berkas PDF-nya pun tetap.",
		"This certificate is made from the portal's records and stays the same while they do; so does the SHA-256 fingerprint of its PDF file.",
	},
	"certificate.page_address": {"Alamat sertifikat: %s", "Certificate address: %s"},
	"certificate.page":         {"Halaman %d", "Page %d"},
	"certificate.demo":         {"DATA CONTOH — nama penanda tangan hanya ilustrasi", "DEMO DATA — signatories are illustrative"},
	"certificate.file_name":    {"sertifikat", "certificate"},
}
