package i18n

// The notification mails' messages, kept apart from the pages' so that the two grow
// separately. Every key starts with "mail.".
func init() { addMessages(mailCatalog, mailPlurals) }

var mailCatalog = map[string][2]string{
	// Every message
	"mail.greeting":           {"Yth. Bapak/Ibu %s,", "Dear %s,"},
	"mail.greeting_anonymous": {"Yth. Bapak/Ibu,", "Dear Sir or Madam,"},
	"mail.quoted":             {"“%s”", "“%s”"},
	"mail.your_region":        {"daerah Anda", "your region"},
	"mail.fact.number":        {"Nomor", "Number"},
	"mail.fact.title":         {"Judul", "Title"},
	"mail.fact.version":       {"Versi naskah", "Text version"},
	"mail.fact.hash":          {"SHA-256", "SHA-256"},
	"mail.fact.region":        {"Daerah", "Region"},
	"mail.fact.reason":        {"Alasan", "Reason"},
	"mail.fact.ends_on":       {"Berakhir pada", "Ends on"},
	"mail.button.agreement":   {"Buka kesepakatan", "Open the agreement"},
	"mail.button.login":       {"Masuk ke portal", "Sign in to the portal"},
	"mail.action.answer":      {"Baca naskahnya di portal, lalu konfirmasi atau tolak atas nama daerah Anda:", "Read the text on the portal, then confirm or decline it on behalf of your region:"},
	"mail.action.login":       {"Masuk ke portal Derap KSD:", "Sign in to the Derap KSD portal:"},
	"mail.hash_note":          {"Kode SHA-256 dihitung dari naskah, para pihak dan jangka waktunya. Konfirmasi Anda berlaku hanya untuk naskah versi ini: bila naskah direvisi, Anda akan diminta mengonfirmasinya kembali.", "The SHA-256 code is computed from the text, the parties and the term. Your confirmation holds for this version of the text only: if the text is revised, you will be asked to confirm it again."},

	// Sent for confirmation, to the delegates of every party
	"mail.sent.subject": {"Mohon konfirmasi: %s", "Please confirm: %s"},
	"mail.sent.lead":    {"Biro Kerja Sama Daerah Provinsi DKI Jakarta mengirimkan naskah kesepakatan berikut kepada daerah Anda untuk dikonfirmasi.", "The Bureau of Regional Cooperation of DKI Jakarta Province has sent your region the following agreement for confirmation."},

	// Declined by a party, to the officials
	"mail.declined.subject": {"%s menolak %s", "%s declined %s"},
	"mail.declined.lead":    {"%s menolak kesepakatan berikut dengan alasan yang dikutip di bawah ini.", "%s declined the following agreement, for the reason quoted below."},
	"mail.declined.next":    {"Kesepakatan tetap dalam tahap konfirmasi. Pertimbangkan untuk merevisi naskahnya sesuai alasan tersebut, lalu mengirimkannya kembali kepada para pihak; revisi mengatur ulang konfirmasi semua pihak.", "The agreement stays in review. Consider revising its text to address the reason, then sending it to the parties again; a revision resets every party's confirmation."},
	"mail.declined.action":  {"Lihat kesepakatan dan status konfirmasi para pihak:", "See the agreement and its parties' confirmation status:"},

	// Confirmed by every party, to the officials
	"mail.agreed.subject": {"Semua pihak telah mengonfirmasi %s", "Every party has confirmed %s"},
	"mail.agreed.lead":    {"Semua pihak telah mengonfirmasi naskah kesepakatan berikut.", "Every party has confirmed the text of the following agreement."},
	"mail.agreed.next":    {"Langkah berikutnya adalah penandatanganan. Setelah kesepakatan ditandatangani, catat tanggal, tempat dan penanda tangannya di portal, lalu terbitkan.", "The next step is signing. Once the agreement is signed, record its date, place and signatories on the portal, then publish it."},
	"mail.agreed.action":  {"Buka halaman kesepakatan untuk mencatat penandatanganannya:", "Open the agreement's page to record its signing:"},

	// Signed and published, to the delegates of every party
	"mail.published.subject": {"%s telah ditandatangani dan diterbitkan", "%s has been signed and published"},
	"mail.published.lead":    {"Kesepakatan berikut telah ditandatangani dan kini diterbitkan di portal Derap KSD, terbuka untuk publik.", "The following agreement has been signed and is now published on the Derap KSD portal, open to the public."},
	"mail.published.action":  {"Lihat kesepakatan yang diterbitkan beserta status konfirmasi para pihak:", "See the published agreement and its parties' confirmations:"},

	// A reminder, to the delegates of a region whose answer is pending
	"mail.reminder.next": {"Bila daerah Anda tidak menyetujui naskah ini, tolaklah dengan menyampaikan alasannya agar Biro Kerja Sama Daerah dapat merevisinya.", "If your region does not agree with this text, decline it and give your reason, so that the Bureau of Regional Cooperation can revise it."},

	// An agreement about to end, to the officials
	"mail.ending.next":   {"Bila kerja sama ini perlu dilanjutkan, mulailah menyiapkan perpanjangannya atau kesepakatan baru bersama para pihak.", "If the cooperation is to continue, start preparing its extension or a new agreement with the parties."},
	"mail.ending.action": {"Lihat kesepakatan:", "See the agreement:"},

	// An invitation to a new account
	"mail.invitation.subject":       {"Undangan ke portal Derap KSD", "Your invitation to the Derap KSD portal"},
	"mail.invitation.lead":          {"Akun untuk Anda telah dibuat di portal Derap KSD, portal kerja sama daerah Pemerintah Provinsi DKI Jakarta. Anda akan masuk dengan alamat surel %s.", "An account has been created for you on the Derap KSD portal, the regional cooperation portal of the Jakarta provincial government. You will sign in with the email address %s."},
	"mail.invitation.action":        {"Untuk mulai menggunakannya, buat kata sandi Anda:", "To start using it, set your password:"},
	"mail.invitation.button":        {"Buat kata sandi", "Set your password"},
	"mail.invitation.expires":       {"Tautan ini berlaku %s, hingga %s. Setelah itu, mintalah undangan baru kepada administrator portal.", "This link works for %s, until %s. After that, ask the portal's administrator for a new invitation."},
	"mail.invitation.expires_short": {"Tautan ini berlaku %s. Setelah itu, mintalah undangan baru kepada administrator portal.", "This link works for %s. After that, ask the portal's administrator for a new invitation."},
	"mail.invitation.ignore":        {"Bila Anda tidak mengharapkan undangan ini, abaikan pesan ini: tanpa kata sandi, akun tersebut tidak dapat dipakai.", "If you did not expect this invitation, ignore this message: without a password, the account cannot be used."},

	// The account's password was changed
	"mail.password.subject": {"Kata sandi akun Derap KSD Anda telah diubah", "Your Derap KSD password has been changed"},
	"mail.password.lead":    {"Kata sandi akun Anda (%s) di portal Derap KSD diubah pada %s.", "The password of your account (%s) on the Derap KSD portal was changed on %s."},
	"mail.password.next":    {"Bila Anda sendiri yang mengubahnya, tidak ada yang perlu dilakukan. Bila bukan Anda, segera hubungi Biro Kerja Sama Daerah: orang lain mungkin mengetahui kata sandi Anda.", "If you changed it yourself, there is nothing to do. If this was not you, contact the Bureau of Regional Cooperation at once: someone else may know your password."},

	// The account was signed out everywhere
	"mail.sessions.subject": {"Anda telah dikeluarkan dari semua perangkat", "You have been signed out on all devices"},
	"mail.sessions.lead":    {"Pada %s, administrator portal Derap KSD mengeluarkan akun Anda (%s) dari semua perangkat dan peramban.", "On %s, an administrator of the Derap KSD portal signed your account (%s) out on every device and browser."},
	"mail.sessions.next":    {"Untuk melanjutkan, masuk kembali dengan kata sandi Anda. Bila Anda tidak mengharapkan hal ini atau tidak mengetahui alasannya, hubungi Biro Kerja Sama Daerah.", "To go on, sign in again with your password. If you did not expect this or do not know why it was done, contact the Bureau of Regional Cooperation."},

	// The daily digest
	"mail.digest.lead": {"Berikut pemberitahuan dari portal Derap KSD yang Anda pilih untuk diterima dalam ringkasan harian:", "Here are the notifications from the Derap KSD portal that you chose to receive in a daily digest:"},

	// The footer
	"mail.footer.auto":        {"Pesan ini dikirim otomatis oleh portal Derap KSD.", "This message was sent automatically by the Derap KSD portal."},
	"mail.footer.contact":     {"Pertanyaan dapat disampaikan kepada:", "For questions, contact:"},
	"mail.footer.unsubscribe": {"Berhenti menerima pemberitahuan jenis ini", "Stop receiving this kind of notification"},
	"mail.footer.preferences": {"Atur pemberitahuan yang Anda terima", "Choose the notifications you receive"},
}

var mailPlurals = map[string][2][]string{
	"mail.duration.days":  {{"%d hari"}, {"%d day", "%d days"}},
	"mail.duration.hours": {{"%d jam"}, {"%d hour", "%d hours"}},
	"mail.reminder.subject": {
		{"Pengingat: konfirmasi %s untuk %s masih ditunggu (%d hari)"},
		{"Reminder: the confirmation from %s for %s is still pending (%d day)", "Reminder: the confirmation from %s for %s is still pending (%d days)"},
	},
	"mail.reminder.lead": {
		{"Kesepakatan berikut telah menunggu konfirmasi dari %s selama %d hari."},
		{"The following agreement has been waiting for the confirmation from %s for %d day.", "The following agreement has been waiting for the confirmation from %s for %d days."},
	},
	"mail.ending.subject": {{"%s berakhir dalam %d bulan"}, {"%s ends in %d month", "%s ends in %d months"}},
	"mail.ending.lead": {
		{"Jangka waktu kesepakatan berikut berakhir dalam %d bulan."},
		{"The term of the following agreement ends in %d month.", "The term of the following agreement ends in %d months."},
	},
	"mail.digest.subject": {{"Ringkasan harian Derap KSD: %d pemberitahuan"}, {"Derap KSD daily digest: %d notification", "Derap KSD daily digest: %d notifications"}},
}
