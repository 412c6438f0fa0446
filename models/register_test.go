package models_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

// termFixture builds published agreements whose terms and terminations straddle the days
// termDays names, and two that are not published.
func termFixture(t *testing.T, s *models.Store) (hidden []uint) {
	t.Helper()
	ctx := context.Background()
	signed := func(day time.Time) uint {
		return modeltest.CreateAgreement(t, s, modeltest.Agreement{Signed: day}) // its term: day to day+5y-1d
	}
	signed(models.Date(2020, 1, 1))   // ends 2024-12-31
	signed(models.Date(2025, 3, 1))   // ends 2030-02-28
	signed(models.Date(2026, 11, 26)) // starts on the test's today
	for _, tc := range []struct{ signed, ends time.Time }{
		{models.Date(2024, 6, 1), models.Date(2025, 6, 1)},    // terminated long ago
		{models.Date(2025, 1, 10), models.Date(2026, 12, 15)}, // terminated ahead of today
		{models.Date(2021, 12, 1), models.Date(2026, 11, 28)}, // its term ends on 30 November
	} {
		id := signed(tc.signed)
		if err := s.Terminate(ctx, models.System, id, models.TerminationInput{Date: tc.ends, Reason: "Uji", Revision: models.AnyRevision}); err != nil {
			t.Fatal(err)
		}
	}
	hidden = append(hidden,
		modeltest.CreateAgreement(t, s, modeltest.Agreement{Signed: models.Date(2025, 3, 1), Stage: modeltest.Signed}),
		modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.Draft}))
	unpublished := signed(models.Date(2025, 3, 1))
	if err := s.Unpublish(ctx, models.System, unpublished, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	return append(hidden, unpublished)
}

// termDays are the days the term filter is checked on: each side of every boundary.
var termDays = []time.Time{
	models.Date(2019, 12, 31), models.Date(2020, 1, 1), models.Date(2024, 12, 31), models.Date(2025, 1, 1),
	models.Date(2025, 5, 31), models.Date(2025, 6, 1), models.Date(2026, 11, 25), models.Date(2026, 11, 26),
	models.Date(2026, 11, 27), models.Date(2026, 11, 28), models.Date(2026, 11, 30), models.Date(2026, 12, 1),
	models.Date(2026, 12, 14), models.Date(2026, 12, 15), models.Date(2030, 2, 28), models.Date(2030, 3, 1),
}

// The in-force filter selects, on whatever day the store's clock reads, exactly the
// published agreements whose TermState that day is the state asked for, in the list and
// in the register alike.
func TestTermFilterFollowsTermState(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	hidden := termFixture(t, s)
	all, err := s.PublishedAgreements(ctx, models.AgreementFilter{}, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Items) != 6 {
		t.Fatalf("%d published agreements, want 6", len(all.Items))
	}
	seen := map[models.TermState]int{}
	for _, day := range termDays {
		s.SetClock(func() time.Time { return time.Date(day.Year(), day.Month(), day.Day(), 23, 30, 0, 0, models.Jakarta) })
		if !s.Today().Equal(day) {
			t.Fatalf("the store's today is %s, want %s", s.Today(), day)
		}
		for _, state := range models.TermStates {
			var want []uint
			for _, a := range all.Items {
				if a.TermState(day) == state {
					want = append(want, a.ID)
				}
			}
			slices.Sort(want)
			seen[state] += len(want)
			filter := models.AgreementFilter{Term: state}
			page, err := s.PublishedAgreements(ctx, filter, 100)
			if err != nil {
				t.Fatal(err)
			}
			reg, err := s.PublishedRegister(ctx, filter)
			if err != nil {
				t.Fatal(err)
			}
			for what, got := range map[string][]uint{"list": ids(page.Items), "register": ids(reg.Agreements)} {
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("%s, %s %s: %v, want %v", day.Format(time.DateOnly), what, state, got, want)
				}
				for _, id := range hidden {
					if slices.Contains(got, id) {
						t.Errorf("%s %s shows unpublished agreement %d", what, state, id)
					}
				}
			}
			if page.Total != int64(len(want)) {
				t.Errorf("%s, %s: total %d, want %d", day.Format(time.DateOnly), state, page.Total, len(want))
			}
		}
	}
	for _, state := range models.TermStates {
		if seen[state] == 0 {
			t.Errorf("no day has an agreement %s: the fixture does not test it", state)
		}
	}
}

// Every order of the list is total and the same in the list's pages and in the register,
// on both engines: the one its definition gives, computed here in Go.
func TestAgreementSorts(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	for _, a := range []struct {
		title, short string
		signed       time.Time
	}{
		{"beta", "", models.Date(2025, 3, 1)},
		{"Zulu", "aardvark", models.Date(2024, 1, 5)},
		{"alpha", "", models.Date(2025, 3, 1)},
		{"Gamma", "", models.Date(2023, 7, 9)},
		{"Alpha", "", models.Date(2026, 2, 1)},
		{"delta", "Epsilon", models.Date(2022, 2, 2)},
	} {
		id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: a.title, Signed: a.signed})
		if a.short != "" {
			modeltest.Exec(t, s, "UPDATE agreements SET short_title = $1 WHERE id = $2", a.short, id)
		}
	}
	modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "aaa draft", Stage: modeltest.Draft})
	all, err := s.PublishedAgreements(ctx, models.AgreementFilter{}, 100)
	if err != nil {
		t.Fatal(err)
	}
	byID := func(a, b models.Agreement) int { return int(a.ID) - int(b.ID) }
	want := map[models.AgreementSort]func(a, b models.Agreement) int{
		models.SortNewest: func(a, b models.Agreement) int {
			return cmpOr(b.SignedOn.Compare(*a.SignedOn), byID(b, a))
		},
		models.SortSigned: func(a, b models.Agreement) int { return cmpOr(a.SignedOn.Compare(*b.SignedOn), byID(a, b)) },
		models.SortEnds:   func(a, b models.Agreement) int { return cmpOr(a.EndDate.Compare(b.EndDate), byID(a, b)) },
		models.SortTitle: func(a, b models.Agreement) int {
			return cmpOr(strings.Compare(strings.ToLower(a.DisplayTitle()), strings.ToLower(b.DisplayTitle())), byID(a, b))
		},
	}
	for _, sort := range append([]models.AgreementSort{""}, models.AgreementSorts...) {
		cmp := want[sort]
		if sort == "" {
			cmp = want[models.SortNewest]
		}
		expected := slices.Clone(all.Items)
		slices.SortFunc(expected, cmp)
		var paged []uint
		for page := 1; page <= 3; page++ {
			p, err := s.PublishedAgreements(ctx, models.AgreementFilter{Sort: sort, Page: page}, 2)
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, ids(p.Items)...)
		}
		reg, err := s.PublishedRegister(ctx, models.AgreementFilter{Sort: sort, Page: 2})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(paged, ids(expected)) || !slices.Equal(ids(reg.Agreements), ids(expected)) {
			t.Errorf("sort %q: pages %v, register %v, want %v (%s)", sort, paged, ids(reg.Agreements), ids(expected), titles(expected))
		}
	}
}

// The register holds what its files show of each published agreement, loaded apart and
// hung on the right agreement: parties in order with their regions, sectors, the current
// version's hash and the documents. Nothing unpublished comes out, not even as a parent.
func TestPublishedRegister(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	child := modeltest.CreateAgreement(t, s, modeltest.Agreement{Partner: "61", DocType: models.DocImplementing, Sectors: []string{"tourism", "food"}})
	hidden := termFixture(t, s)
	doc, err := s.AddDocument(ctx, modeltest.Official(t, s), models.OwnerAgreement, child, "Naskah", "naskah.pdf", bytes.NewReader([]byte("%PDF-1.4 uji")), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddDocument(ctx, modeltest.Official(t, s), models.OwnerAgreement, hidden[0], "Rahasia", "r.pdf", bytes.NewReader([]byte("%PDF-1.4 r")), 1<<20); err != nil {
		t.Fatal(err)
	}
	reg, err := s.PublishedRegister(ctx, models.AgreementFilter{})
	if err != nil {
		t.Fatal(err)
	}
	page, err := s.PublishedAgreements(ctx, models.AgreementFilter{}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(reg.Agreements), ids(page.Items)) {
		t.Fatalf("register %v, list %v", ids(reg.Agreements), ids(page.Items))
	}
	for i, a := range reg.Agreements {
		listed := page.Items[i]
		if len(a.Parties) != len(listed.Parties) || len(a.Parties) < 2 {
			t.Fatalf("agreement %d: %d parties, the list has %d", a.ID, len(a.Parties), len(listed.Parties))
		}
		for j, p := range a.Parties {
			if p.RegionCode != listed.Parties[j].RegionCode || p.Position != j+1 || p.Region.Name == "" || p.Region.Name != listed.Parties[j].Region.Name {
				t.Errorf("agreement %d party %d: %+v", a.ID, j, p)
			}
		}
		if len(a.SectorKeys()) == 0 || (a.ID == child && !slices.Equal(a.SectorKeys(), []string{"food", "tourism"})) {
			t.Errorf("agreement %d sectors %v", a.ID, a.SectorKeys())
		}
		v, ok := reg.Versions[a.ID]
		if !ok || a.CurrentVersionID == nil || v.ID != *a.CurrentVersionID || len(v.ContentHash) != 64 || v.Number < 1 || v.Content != "" {
			t.Errorf("agreement %d version %+v", a.ID, v)
		}
		if slices.Contains(hidden, a.ID) || !a.Published {
			t.Errorf("the register holds unpublished agreement %d", a.ID)
		}
		if a.ID == child && a.ParentID != nil {
			t.Errorf("agreement %d names its unpublished parent %d", a.ID, *a.ParentID)
		}
	}
	if docs := reg.Documents[child]; len(docs) != 1 || docs[0].ID != doc.ID || docs[0].SHA256 != doc.SHA256 {
		t.Errorf("documents of %d: %+v", child, docs)
	}
	for id := range reg.Documents {
		if slices.Contains(hidden, id) {
			t.Errorf("the register holds the documents of unpublished agreement %d", id)
		}
	}
	if !reg.Today.Equal(s.Today()) {
		t.Errorf("today %s", reg.Today)
	}

	one, err := s.PublishedRecord(ctx, child)
	if err != nil || len(one.Agreements) != 1 || one.Agreements[0].ID != child || len(one.Documents[child]) != 1 || len(one.Agreements[0].Parties) != 2 {
		t.Fatalf("record %d: %v, %+v", child, err, one)
	}
	for _, id := range append(hidden, 999999) {
		if _, err := s.PublishedRecord(ctx, id); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("record of unpublished %d: %v, want ErrNotFound", id, err)
		}
	}
}

// The events' records name only the published agreements signed there.
func TestEventRecords(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	events, docs, err := s.EventRecords(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) == 0 || len(events[0].Speakers) == 0 || len(events[0].Participants) == 0 || len(events[0].Agreements) == 0 {
		t.Fatalf("events %+v", events)
	}
	signedThere := events[0].Agreements
	if err := s.Unpublish(ctx, models.System, signedThere[0].ID, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	again, _, err := s.EventRecords(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(again[0].Agreements) != len(signedThere)-1 || slices.Contains(ids(again[0].Agreements), signedThere[0].ID) {
		t.Errorf("an unpublished agreement is still named by its event: %v", ids(again[0].Agreements))
	}
	for id := range docs {
		if !slices.ContainsFunc(events, func(e models.Event) bool { return e.ID == id }) {
			t.Errorf("documents of unknown event %d", id)
		}
	}
	regions, err := s.RegionRecords(ctx)
	if err != nil {
		t.Fatal(err)
	}
	profiles := 0
	for _, r := range regions {
		if r.Profile != nil {
			profiles++
		}
	}
	if len(regions) != 552 || profiles == 0 {
		t.Errorf("%d regions, %d profiles", len(regions), profiles)
	}
}

func ids(items []models.Agreement) []uint {
	out := make([]uint, 0, len(items))
	for _, a := range items {
		out = append(out, a.ID)
	}
	return out
}

func titles(items []models.Agreement) string {
	var out []string
	for _, a := range items {
		out = append(out, a.DisplayTitle())
	}
	return strings.Join(out, ", ")
}

func cmpOr(c ...int) int {
	for _, x := range c {
		if x != 0 {
			return x
		}
	}
	return 0
}
