package i18n

// plurals are the messages whose words change with a number. Each language lists its
// forms in the order of its plural categories (CLDR): Indonesian words do not change with
// number, so it has one form (other); English has two (one for 1, other for the rest).
var plurals = map[string][2][]string{
	"agreements.count":     {{"%s kesepakatan"}, {"%s agreement", "%s agreements"}},
	"regions.count":        {{"%s daerah"}, {"%s region", "%s regions"}},
	"home.stat_partners":   {{"daerah mitra"}, {"partner region", "partner regions"}},
	"home.stat_agreements": {{"kesepakatan diterbitkan"}, {"published agreement", "published agreements"}},
	"home.stat_events":     {{"acara"}, {"event", "events"}},
	"dashboard.sent_days":  {{"Dikirim %s (%d hari lalu)"}, {"Sent %s (%d day ago)", "Sent %s (%d days ago)"}},
	"login.throttled": {
		{"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %d menit."},
		{"Too many failed sign-in attempts. Try again in %d minute.", "Too many failed sign-in attempts. Try again in %d minutes."},
	},
	"officeevent.delete_blocked_agreements": {{"%d kesepakatan tercatat ditandatangani di acara ini."}, {"%d agreement is recorded as signed at this event.", "%d agreements are recorded as signed at this event."}},
	"officeevent.delete_blocked_documents":  {{"%d dokumen terlampir pada acara ini."}, {"%d document is attached to this event.", "%d documents are attached to this event."}},
	"outbox.digest_items":                   {{"%d pemberitahuan"}, {"%d notification", "%d notifications"}},
	"dashboard.failed_messages":             {{"%d email pemberitahuan gagal dikirim."}, {"%d notification email could not be sent.", "%d notification emails could not be sent."}},
	"signoff.summary":                       {{"%d dari %d pihak telah mengonfirmasi"}, {"%d of %d party confirmed", "%d of %d parties confirmed"}},
}

// N returns the plural message key in this language in its form for the number n,
// formatted with args like T. A missing key shows as itself.
func (l Locale) N(key string, n int64, args ...any) string {
	forms, ok := plurals[key]
	if !ok {
		return key
	}
	f := forms[l.index()]
	msg := f[len(f)-1] // other
	if l == EN && n == 1 {
		msg = f[0] // one
	}
	return format(msg, args)
}

// IsPlural reports whether key is a plural message, to be given with N.
func IsPlural(key string) bool {
	_, ok := plurals[key]
	return ok
}
