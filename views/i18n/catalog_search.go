package i18n

// The search page's messages. Every key starts with "search.".
func init() { addMessages(searchCatalog, searchPlurals) }

var searchCatalog = map[string][2]string{
	"search.title":          {"Pencarian", "Search"},
	"search.title_for":      {"“%s” · %s", "“%s” · %s"},
	"search.office_title":   {"Pencarian kantor", "Office search"},
	"search.lead":           {"Cari kesepakatan yang telah diterbitkan, daerah dan acara program Derap Kerja Sama Daerah.", "Search the published agreements, the regions and the events of the Derap Kerja Sama Daerah programme."},
	"search.office_lead":    {"Mencari semua kesepakatan, termasuk draf dan yang belum diterbitkan, serta daerah dan acara.", "Searches every agreement, drafts and unpublished ones included, and the regions and events."},
	"search.label":          {"Pencarian", "Search"},
	"search.field":          {"Kata yang dicari", "Words to search for"},
	"search.hint":           {"Misalnya: beras Kalimantan Barat, Kab. Kolaka, 74.01, BPSDM", "For example: beras Kalimantan Barat, Kab. Kolaka, 74.01, BPSDM"},
	"search.office_field":   {"Cari semua kesepakatan, termasuk draf", "Search every agreement, drafts included"},
	"search.submit":         {"Cari", "Search"},
	"search.no_words":       {"Pencarian Anda tidak memuat kata atau angka yang dapat dicari.", "Your search holds no word or number that can be searched for."},
	"search.none":           {"Tidak ada yang ditemukan untuk “%s”.", "Nothing was found for “%s”."},
	"search.none_of_kind":   {"Tidak ada hasil jenis ini.", "No results of this kind."},
	"search.any_word":       {"Tidak ada yang memuat semua kata Anda; berikut hasil yang memuat sebagian kata tersebut.", "Nothing holds all of your words; these results hold some of them."},
	"search.help_title":     {"Cara mencari", "How to search"},
	"search.help_what":      {"Pencarian mencakup judul, nomor, ruang lingkup dan ringkasan kesepakatan serta nama dan nomor para pihak; nama, kode dan profil daerah; judul, tempat, ringkasan, notula dan narasumber acara.", "The search covers agreements' titles, numbers, scope and summary and their parties' names and numbers; regions' names, codes and profiles; events' titles, places, summaries, minutes and speakers."},
	"search.help_words":     {"Ketik awal kata sudah cukup (“kab” menemukan “Kabupaten”); huruf besar-kecil dan tanda diakritik diabaikan. Hasil memuat semua kata Anda.", "The beginning of a word is enough (“kab” finds “Kabupaten”); case and diacritics do not matter. Results hold all of your words."},
	"search.help_codes":     {"Kode wilayah Kemendagri dapat ditulis dengan atau tanpa titik (“74.01” atau “7401”); singkatan umum seperti DKI, NTT atau Kalbar juga dikenali.", "Kemendagri region codes can be typed with or without their dot (“74.01” or “7401”); common abbreviations such as DKI, NTT or Kalbar are understood too."},
	"search.help_browse":    {"Atau telusuri daftar:", "Or browse the lists:"},
	"search.kinds_label":    {"Jenis hasil", "Kinds of results"},
	"search.all_kinds":      {"Semua", "All"},
	"search.kind.agreement": {"Kesepakatan", "Agreements"},
	"search.kind.region":    {"Daerah", "Regions"},
	"search.kind.event":     {"Acara", "Events"},
	"search.unpublished":    {"Belum diterbitkan", "Not published"},
}

var searchPlurals = map[string][2][]string{
	"search.count":                {{"%[1]s hasil untuk “%[2]s”"}, {"%[1]s result for “%[2]s”", "%[1]s results for “%[2]s”"}},
	"search.kind_count.agreement": {{"Kesepakatan (%s)"}, {"Agreements (%s)", "Agreements (%s)"}},
	"search.kind_count.region":    {{"Daerah (%s)"}, {"Regions (%s)", "Regions (%s)"}},
	"search.kind_count.event":     {{"Acara (%s)"}, {"Events (%s)", "Events (%s)"}},
	"search.see_all.agreement":    {{"Lihat semua %s kesepakatan"}, {"See the %s agreement", "See all %s agreements"}},
	"search.see_all.region":       {{"Lihat semua %s daerah"}, {"See the %s region", "See all %s regions"}},
	"search.see_all.event":        {{"Lihat semua %s acara"}, {"See the %s event", "See all %s events"}},
}
