package models_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"derap/models"
	"derap/models/modeltest"
)

// keysOf lists the keys of a search's hits of one kind, in their order.
func hitKeys(r models.SearchResults, k models.SearchKind) []string {
	var out []string
	for _, h := range r.HitsOf(k) {
		out = append(out, h.Key)
	}
	return out
}

func searchFor(t *testing.T, s *models.Store, actor models.Actor, q models.SearchQuery) models.SearchResults {
	t.Helper()
	if q.PerKind == 0 {
		q.PerKind = 50
	}
	if q.PerPage == 0 {
		q.PerPage = 50
	}
	r, err := s.Search(context.Background(), actor, q)
	if err != nil {
		t.Fatalf("search %q: %v", q.Text, err)
	}
	return r
}

func idKey(n uint) string { return strconv.FormatUint(uint64(n), 10) }

// The demo's words find what they name, on the first line of each kind: region codes
// with or without their dot, abbreviations of region names, the beginning of a word,
// any case and any diacritics.
func TestSearchFindsDemoThings(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	published := map[string]bool{}
	list, err := s.AgreementsByStatus(context.Background(), models.StatusSigned)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		published[idKey(a.ID)] = a.Published
	}
	tests := []struct {
		query             string
		firstRegion       string   // the best region found ("" when none may be)
		regions, events   int      // how many are found, -1 for any number
		agreementsWith    []string // regions every agreement found has as a party
		minimumAgreements int
	}{
		{query: "beras", firstRegion: "", regions: -1, events: 1, minimumAgreements: 3},
		{query: "Kolaka", firstRegion: "74.01", regions: 3, events: 1, agreementsWith: []string{"74.01"}, minimumAgreements: 1},
		{query: "74.01", firstRegion: "74.01", regions: 1, events: 1, agreementsWith: []string{"74.01"}, minimumAgreements: 1},
		{query: "7401", firstRegion: "74.01", regions: 1, events: 1, agreementsWith: []string{"74.01"}, minimumAgreements: 1},
		{query: "Kab. Kolaka", firstRegion: "74.01", regions: 3, events: 1, agreementsWith: []string{"74.01"}, minimumAgreements: 1},
		{query: "KOLÁKA", firstRegion: "74.01", regions: 3, events: 1, agreementsWith: []string{"74.01"}, minimumAgreements: 1},
		{query: "DKI", firstRegion: "31", regions: -1, events: 1, agreementsWith: []string{"31"}, minimumAgreements: 3},
		{query: "NTT", firstRegion: "53", regions: -1, events: 0},
		{query: "Kalbar", firstRegion: "61", regions: -1, events: 1, agreementsWith: []string{"61"}, minimumAgreements: 1},
		{query: "BPSDM", firstRegion: "74.01", regions: 1, events: 1, minimumAgreements: 3},
		{query: "Marulina", regions: 0, events: 1},
		{query: "beras Kalimantan Barat", firstRegion: "61", regions: -1, events: 1, agreementsWith: []string{"61"}, minimumAgreements: 1},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := searchFor(t, s, models.Actor{}, models.SearchQuery{Text: tt.query})
			if r.AnyWord {
				t.Errorf("no thing held every word")
			}
			regions := hitKeys(r, models.SearchRegion)
			if tt.regions >= 0 && len(regions) != tt.regions {
				t.Errorf("regions %v, want %d", regions, tt.regions)
			}
			if tt.firstRegion != "" && (len(regions) == 0 || regions[0] != tt.firstRegion) {
				t.Errorf("regions %v, want %s first", regions, tt.firstRegion)
			}
			if got := len(hitKeys(r, models.SearchEvent)); got != tt.events {
				t.Errorf("%d events, want %d", got, tt.events)
			}
			agreements := hitKeys(r, models.SearchAgreement)
			if len(agreements) < tt.minimumAgreements {
				t.Errorf("agreements %v, want at least %d", agreements, tt.minimumAgreements)
			}
			for _, a := range agreements {
				if !published[a] {
					t.Errorf("agreement %s is not published, yet the public found it", a)
				}
				n, _ := strconv.ParseUint(a, 10, 64)
				for _, code := range tt.agreementsWith {
					if !slices.ContainsFunc(modeltest.Parties(t, s, uint(n)), func(p models.Party) bool { return p.RegionCode == code }) {
						t.Errorf("agreement %s found, but %s is not a party to it", a, code)
					}
				}
			}
			if int64(len(r.Hits)) != r.Total() {
				t.Errorf("%d hits shown of %d counted", len(r.Hits), r.Total())
			}
		})
	}
}

// What the words find is ranked: a word in the title before the same word in a name or
// number, and that before the rest of the text.
func TestSearchRanking(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	day := models.Date(2026, 5, 4)
	save := func(title, place, minutes string) uint {
		id, err := s.SaveEvent(ctx, official, 0, models.EventInput{
			Title: title, StartDate: day, Place: place, Minutes: minutes, Organiser: "Biro KSD",
		})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	inMinutes := save("Rapat koordinasi", "Balai Kota", "Pembahasan *tenun* songket.")
	inTitle := save("Pameran tenun daerah", "Balai Kota", "")
	inPlace := save("Rapat teknis", "Galeri Tenun Nusantara", "")
	save("Rapat lain", "Balai Kota", "Tidak ada yang dicari.")

	r := searchFor(t, s, models.Actor{}, models.SearchQuery{Text: "tenun"})
	want := []string{idKey(inTitle), idKey(inPlace), idKey(inMinutes)}
	if got := hitKeys(r, models.SearchEvent); !slices.Equal(got, want) {
		t.Errorf("events %v, want %v (title, place, minutes)", got, want)
	}
	// One kind a page at a time, in the same order.
	for page, want := range [][]string{{idKey(inTitle), idKey(inPlace)}, {idKey(inMinutes)}} {
		r := searchFor(t, s, models.Actor{}, models.SearchQuery{Text: "tenun", Kind: models.SearchEvent, Page: page + 1, PerPage: 2})
		if got := hitKeys(r, models.SearchEvent); !slices.Equal(got, want) || r.Pages() != 2 || r.Counts[models.SearchEvent] != 3 {
			t.Errorf("page %d: %v of %d pages, want %v of 2", page+1, got, r.Pages(), want)
		}
	}
	// Agreements alike: the title, then a party's signatory, then the summary.
	inSummary := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Perjanjian pertama", Stage: modeltest.Draft})
	bySignatory := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Perjanjian kedua", Stage: modeltest.Draft})
	byTitle := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Perjanjian gaharu", Stage: modeltest.Draft})
	for id, change := range map[uint]func(*models.AgreementInput){
		inSummary:   func(in *models.AgreementInput) { in.Summary = "Budidaya gaharu di daerah mitra." },
		bySignatory: func(in *models.AgreementInput) { in.Parties[1].SignatoryName = "Gaharudin" },
	} {
		a, err := s.AgreementFor(ctx, official, id)
		if err != nil {
			t.Fatal(err)
		}
		in := models.InputOf(&a.Agreement)
		change(&in)
		if err := s.UpdateDraft(ctx, official, id, in); err != nil {
			t.Fatal(err)
		}
	}
	agreements := hitKeys(searchFor(t, s, official, models.SearchQuery{Text: "gaharu", Unpublished: true}), models.SearchAgreement)
	if want := []string{idKey(byTitle), idKey(bySignatory), idKey(inSummary)}; !slices.Equal(agreements, want) {
		t.Errorf("agreements %v, want %v (title, signatory, summary)", agreements, want)
	}

	// The words found are marked, as written, in the title and the excerpt.
	hit := r.HitsOf(models.SearchEvent)[2]
	if !slices.Contains(hit.Excerpt, models.HighlightPart{Text: "tenun", Match: true}) || hit.Excerpt.Matched() != true {
		t.Errorf("excerpt %v does not mark the word", hit.Excerpt)
	}
	if got := r.HitsOf(models.SearchEvent)[0].Title; !slices.Equal(got, models.Highlight{{Text: "Pameran "}, {Text: "tenun", Match: true}, {Text: " daerah"}}) {
		t.Errorf("title %v", got)
	}
}

// The public never finds an agreement that is not published, by any of its words;
// officials do, in the office's search; nobody else may ask for it.
func TestSearchHidesUnpublished(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	stages := map[modeltest.Stage]string{
		modeltest.Draft: "Zamrud", modeltest.InReview: "Safir", modeltest.Agreed: "Mutiara",
		modeltest.Signed: "Delima", modeltest.Published: "Intan",
	}
	ids := map[string]uint{}
	for stage, word := range stages {
		ids[word] = modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Perjanjian " + word, Stage: stage})
	}
	official := modeltest.Official(t, s)
	for _, word := range stages {
		public := hitKeys(searchFor(t, s, models.Actor{}, models.SearchQuery{Text: word}), models.SearchAgreement)
		if want := word == "Intan"; (len(public) == 1) != want {
			t.Errorf("%s: the public found %v", word, public)
		}
		office := hitKeys(searchFor(t, s, official, models.SearchQuery{Text: word, Unpublished: true}), models.SearchAgreement)
		if !slices.Equal(office, []string{idKey(ids[word])}) {
			t.Errorf("%s: the office found %v, want %d", word, office, ids[word])
		}
	}
	for name, actor := range map[string]models.Actor{"visitor": {}, "delegate": modeltest.Delegate(t, s, "13.77")} {
		if _, err := s.Search(ctx, actor, models.SearchQuery{Text: "Zamrud", Unpublished: true}); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("%s searched unpublished agreements: %v", name, err)
		}
	}
	// Unpublishing takes it out of the public's results in the same transaction.
	if err := s.Unpublish(ctx, official, ids["Intan"], models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if r := searchFor(t, s, models.Actor{}, models.SearchQuery{Text: "Intan"}); r.Counts[models.SearchAgreement] != 0 {
		t.Errorf("an unpublished agreement is still found: %v", r.Counts)
	}
}

// Every write that changes searchable text changes the index before it commits, whoever
// makes it; a write behind the portal's back is taken in by the next one.
func TestSearchFollowsWrites(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	found := func(text string, k models.SearchKind) []string {
		return hitKeys(searchFor(t, s, official, models.SearchQuery{Text: text, Unpublished: true}), k)
	}

	draft := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Perjanjian Kenari", Stage: modeltest.Draft})
	a, err := s.AgreementFor(ctx, official, draft)
	if err != nil {
		t.Fatal(err)
	}
	in := models.InputOf(&a.Agreement)
	in.Title, in.Parties[1].SignatoryName = "Perjanjian Cendana", "Wiratmoko Sasongko"
	if err := s.UpdateDraft(ctx, official, draft, in); err != nil {
		t.Fatal(err)
	}
	if got := found("Kenari", models.SearchAgreement); len(got) != 0 {
		t.Errorf("the old title is still found: %v", got)
	}
	for _, word := range []string{"Cendana", "Wiratmoko"} {
		if got := found(word, models.SearchAgreement); !slices.Equal(got, []string{idKey(draft)}) {
			t.Errorf("%s: found %v, want %d", word, got, draft)
		}
	}

	event, err := s.SaveEvent(ctx, official, 0, models.EventInput{
		Title: "Lokakarya", StartDate: models.Date(2026, 6, 1), Regions: []string{"74.01"},
		Speakers: []models.SpeakerInput{{Name: "Sulastri Wongsodiharjo"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, word := range []string{"Sulastri", "Kolaka", "7401"} {
		if got := found(word, models.SearchEvent); !slices.Equal(got, []string{idKey(event)}) {
			t.Errorf("%s: events %v, want %d", word, got, event)
		}
	}
	if err := s.DeleteEvent(ctx, official, event, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if got := found("Sulastri", models.SearchEvent); len(got) != 0 {
		t.Errorf("a deleted event is still found: %v", got)
	}

	if err := s.SaveProfile(ctx, official, "61.04", models.ProfileInput{Partner: true, Summary: "Sentra lada putih."}); err != nil {
		t.Fatal(err)
	}
	if got := found("lada", models.SearchRegion); !slices.Equal(got, []string{"61.04"}) {
		t.Errorf("profile: regions %v", got)
	}

	// Behind the portal's back (the derap command, a repair by hand), then any write.
	modeltest.Exec(t, s, "INSERT INTO events (title, starts_at, ends_at, all_day, place, organiser, summary, minutes, revision) VALUES ('Gelar budaya', '2026-07-01 00:00:00', '2026-07-01 00:00:00', true, '', '', '', '', 1)")
	modeltest.Exec(t, s, "INSERT INTO events (title, starts_at, ends_at, all_day, place, organiser, summary, minutes, revision) VALUES ('Rapat', '2026-07-02 00:00:00', '2026-07-02 00:00:00', true, '', '', '', '', 1)")
	if err := s.RefreshSearch(ctx); err != nil {
		t.Fatal(err)
	}
	modeltest.Exec(t, s, "UPDATE events SET title = 'Temu wicara' WHERE title = 'Rapat'")
	if err := s.RefreshSearch(ctx); err != nil {
		t.Fatal(err)
	}
	if got := found("budaya", models.SearchEvent); len(got) != 1 {
		t.Errorf("an event written by hand is not found after the refresh: %v", got)
	}
	if got := found("wicara", models.SearchEvent); len(got) != 1 {
		t.Errorf("an event renamed by hand is not found after the refresh: %v", got)
	}
}

func TestParseSearchTerms(t *testing.T) {
	tests := []struct {
		query string
		want  []models.SearchTerm
	}{
		{"", nil},
		{"  %%% ### ", nil},
		{"Kab. Kolaka", []models.SearchTerm{{Text: "kab"}, {Text: "kolaka"}}},
		{"74.01", []models.SearchTerm{{Text: "7401", Whole: true}}},
		{"Sulawesi 74", []models.SearchTerm{{Text: "sulawesi"}, {Text: "74", Whole: true}}},
		{"Pásokan BERAS beras", []models.SearchTerm{{Text: "pasokan"}, {Text: "beras"}}},
		{"kerja sama dengan Kalbar", []models.SearchTerm{{Text: "kerja"}, {Text: "sama"}, {Text: "kalbar"}}},
		{"dan", []models.SearchTerm{{Text: "dan"}}},
		{"e-0118/KSB/2025", []models.SearchTerm{{Text: "e"}, {Text: "0118", Whole: true}, {Text: "ksb"}, {Text: "2025", Whole: true}}},
		{"a b c d e f g h i j", []models.SearchTerm{{Text: "b"}, {Text: "c"}, {Text: "d"}, {Text: "e"}, {Text: "f"}, {Text: "g"}, {Text: "h"}, {Text: "i"}}},
		{"kesepakatan bersama antara pemerintah provinsi dki jakarta dan kota pekanbaru tentang pangan",
			[]models.SearchTerm{{Text: "kesepakatan"}, {Text: "bersama"}, {Text: "pemerintah"}, {Text: "provinsi"}, {Text: "jakarta"}, {Text: "kota"}, {Text: "pekanbaru"}, {Text: "pangan"}}},
		{strings.Repeat("x", 41) + " kolaka", []models.SearchTerm{{Text: "kolaka"}}},
	}
	for _, tt := range tests {
		if got := models.ParseSearchTerms(tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("%q: %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestHighlight(t *testing.T) {
	terms := models.ParseSearchTerms("kab 74.01 pasokan")
	got := models.HighlightText("Kabupaten Kolaka (74.01): pasokan béras; kabinet 74.011", terms)
	want := models.Highlight{
		{Text: "Kabupaten", Match: true}, {Text: " Kolaka ("}, {Text: "74.01", Match: true}, {Text: "): "},
		{Text: "pasokan", Match: true}, {Text: " béras; "}, {Text: "kabinet", Match: true}, {Text: " 74.011"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("highlight %v, want %v", got, want)
	}
	long := strings.Repeat("awal ", 40) + "pasokan beras " + strings.Repeat("akhir ", 40)
	snippet := models.SnippetText(long, terms)
	var text strings.Builder
	for _, p := range snippet {
		text.WriteString(p.Text)
	}
	if !snippet.Matched() || !strings.HasPrefix(text.String(), "… awal") || !strings.HasSuffix(text.String(), "akhir …") {
		t.Errorf("snippet %q", text.String())
	}
	if n := len(strings.Fields(text.String())); n > 32 {
		t.Errorf("snippet of %d words", n)
	}
}
