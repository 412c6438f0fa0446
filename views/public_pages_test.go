package views

import (
	"strings"
	"testing"
	"time"

	"derap/models"
	"derap/views/form"
	"derap/views/i18n"
)

func sampleEvent() models.Event {
	return models.Event{
		ID: 1, Title: "Derap Kerja Sama Daerah", AllDay: true, StartsAt: models.Date(2025, 10, 3), EndsAt: models.Date(2025, 10, 3),
		Place: "Jakarta", Organiser: "Pemprov DKI Jakarta", Summary: "Forum kerja sama", Minutes: "## Hasil\n\n- pasokan beras aman\n\n<script>x</script>",
		Speakers:     []models.EventSpeaker{{Position: 1, Name: "Marulina Dewi", Role: "Kepala Biro", Organisation: "Pemprov DKI"}},
		Participants: []models.EventParticipant{{RegionCode: "13.77", Region: models.Region{Code: "13.77", Name: "Kota Pariaman", Partner: true}}},
		Agreements:   []models.Agreement{sampleAgreement().Agreement},
	}
}

func sampleMap() models.ProgrammeMap {
	lat, lon := -0.63, 100.12
	jlat, jlon := -6.21, 106.85
	return models.ProgrammeMap{
		Host:     &models.MapRegion{Region: models.Region{Code: "31", Name: "DKI Jakarta", Profile: &models.RegionProfile{Latitude: &jlat, Longitude: &jlon}}},
		Partners: []models.MapRegion{{Region: models.Region{Code: "13.77", Name: "Kota Pariaman", Partner: true, Profile: &models.RegionProfile{Latitude: &lat, Longitude: &lon}}, Published: true}},
	}
}

// The home page shows the figures, the latest records and the map, each linked.
func TestHomePage(t *testing.T) {
	h := models.Home{
		Stats:      models.HomeStats{Partners: 5, PublishedAgreements: 3, Events: 1},
		Agreements: []models.Agreement{sampleAgreement().Agreement}, Events: []models.Event{sampleEvent()}, Map: sampleMap(),
	}
	doc := render(t, HomePage(h), i18n.ID, "/")
	for _, u := range []string{string(PartnerRegionsURL()), string(AgreementsURL()), string(EventsURL()), string(AgreementURL(7)), string(EventURL(1)), string(RegionURL("13.77"))} {
		if doc.Find(`main a[href="`+u+`"]`).Length() == 0 {
			t.Errorf("no link to %s", u)
		}
	}
	if doc.Find(`[data-testid="map-marker"][data-code="13.77"]`).Length() != 1 {
		t.Error("the partner is not on the map")
	}
	if doc.Find(`.site-nav a[aria-current="page"]`).AttrOr("href", "") != string(HomeURL()) {
		t.Error("the navigation does not mark the home page")
	}
}

// The events list and an event's record: the speakers, regions, agreements and minutes,
// with raw HTML in the minutes shown as text.
func TestEventPages(t *testing.T) {
	e := sampleEvent()
	list := render(t, EventsPage(EventListPage{List: models.EventList{Items: []models.Event{e}, Total: 1, Page: 1, PerPage: 20}}), i18n.EN, string(EventsURL()))
	if list.Find(`a[href="`+string(CalendarURL())+`"]`).Length() != 1 || list.Find(`a[href="`+string(EventURL(1))+`"]`).Length() != 1 {
		t.Error("the events list")
	}
	if list.Find(`nav.pager`).Length() != 0 {
		t.Error("a list of one page has a pager")
	}
	// Page 2 of 3 links to the first page by the list's own address and to the third.
	second := render(t, EventsPage(EventListPage{List: models.EventList{Items: []models.Event{e}, Total: 41, Page: 2, PerPage: 20}}), i18n.EN, string(EventsURL())+"?page=2")
	if second.Find(`a[href="`+string(EventsURL())+`"]`).Length() == 0 || second.Find(`a[href="`+string(EventsURL())+`?page=3"][rel="next"]`).Length() != 1 {
		t.Errorf("the pager of page 2: %s", text(second.Find("main")))
	}
	doc := render(t, EventDetailPage(EventPage{Event: e, Documents: []models.Document{{ID: 3, Title: "Program", FileName: "program.pdf", ContentType: "application/pdf", Size: 3 << 20, SHA256: strings.Repeat("f", 64)}}}), i18n.ID, string(EventURL(1)))
	if !strings.Contains(text(doc.Find(`[data-testid="speakers"]`)), "Marulina Dewi") || doc.Find(`[data-testid="participants"] a[href="`+string(RegionURL("13.77"))+`"]`).Length() != 1 {
		t.Error("speakers or participants")
	}
	minutes := doc.Find(`[data-testid="minutes"]`)
	if minutes.Find("li").Text() != "pasokan beras aman" || minutes.Find("script").Length() != 0 || !strings.Contains(minutes.Text(), "<script>x</script>") {
		t.Errorf("minutes: %s", minutes.Text())
	}
	if doc.Find(`a[href="`+string(DocumentURL(3))+`"]`).Length() != 1 || !strings.Contains(text(doc.Find(`[data-testid="document"]`)), "3,0 MiB") {
		t.Errorf("documents: %s", text(doc.Find(`[data-testid="document"]`)))
	}
	if doc.Find(`.breadcrumb a[href="`+string(EventsURL())+`"]`).Length() != 1 {
		t.Error("the breadcrumb")
	}
}

// The region directory groups by province, keeps the filter and counts the matches.
func TestRegionsPage(t *testing.T) {
	page := RegionListPage{
		Filter: models.RegionFilter{Kind: models.KindCity, PartnersOnly: true, Query: "pariaman"},
		Groups: []models.RegionGroup{{Province: models.Region{Code: "13", Name: "Sumatera Barat"}, Members: []models.Region{{Code: "13.77", Name: "Kota Pariaman", Partner: true, Kind: models.KindCity}}}},
		Map:    sampleMap(),
	}
	doc := render(t, RegionsPage(page), i18n.ID, "/regions?kind=city&partners=1&q=pariaman")
	if doc.Find(`#f-q`).AttrOr("value", "") != "pariaman" || doc.Find(`#f-kind option[value="city"][selected]`).Length() != 1 || doc.Find(`#f-partners[checked]`).Length() != 1 {
		t.Error("the filter is not kept")
	}
	if doc.Find(`input[name="`+form.FieldQuery+`"]`).AttrOr("maxlength", "") != "100" {
		t.Error("the search box's limit")
	}
	if page.Matches() != 1 || !page.Filtered() || doc.Find(`[data-testid="region"] a.partner[href="`+string(RegionURL("13.77"))+`"]`).Length() != 1 {
		t.Error("the matches")
	}
	if doc.Find(`.filter-actions a[href="`+string(RegionsURL())+`"]`).Length() != 1 {
		t.Error("no way to clear the filter")
	}
}

// A delegate whose region is a party sees the answer forms, posting to their own party;
// a stale answer's alert and the input are kept.
func TestAnswerBox(t *testing.T) {
	a := sampleAgreement()
	a.Status = models.StatusInReview
	a.Parties[1].RegionCode, a.Parties[1].ID = kolaka, 12
	page := AgreementPage{
		AgreementView: a, OwnParty: &a.Parties[1], Alert: Alert{Key: "alert.stale_version"},
		Answer:       form.Answer{Reason: "Volume belum sesuai"},
		AnswerErrors: form.Errors{form.FieldNote: "error.too_long"},
		History: []models.AuditEntry{
			{At: time.Date(2025, 9, 1, 3, 0, 0, 0, time.UTC), Action: "agreement.send", ActorName: "Pejabat"},
			{At: time.Date(2025, 9, 2, 3, 0, 0, 0, time.UTC), Action: "party.decline", RegionCode: kolaka, ActorName: "Delegasi", Note: "Belum"},
		},
	}
	doc := renderAs(t, AgreementDetailPage(page), delegate, string(AgreementURL(7)))
	got := actions(doc)
	if !has(got, ConfirmPartyURL(7, 12)) || !has(got, DeclinePartyURL(7, 12)) {
		t.Errorf("answer forms %v", got)
	}
	if doc.Find(`input[name="`+form.FieldHash+`"]`).First().AttrOr("value", "") != a.Version.ContentHash {
		t.Error("the answer does not carry the version's hash")
	}
	if doc.Find("#reason").Text() != "Volume belum sesuai" || text(doc.Find("#note-error")) != i18n.ID.T("error.too_long_max", "2.000") {
		t.Error("the answer's input or error")
	}
	if text(doc.Find(`[data-testid="form-alert"]`)) != i18n.ID.T("alert.stale_version") {
		t.Error("the alert")
	}
	if items := doc.Find(`[data-testid="history"] li`); items.Length() != 2 || !strings.Contains(text(items.Last()), "Belum") {
		t.Errorf("history: %s", text(doc.Find(`[data-testid="history"]`)))
	}
	everyPostFormCarriesCSRF(t, doc)
	about := render(t, AboutPage("ODbL"), i18n.EN, string(AboutURL()))
	if about.Find("#data").Length() != 1 {
		t.Error("the about page has no data section for the licence link")
	}
}

// A delegate reads before answering: the page says at its top that an answer is awaited
// and links to the box, which comes after the text; afterwards it says what the region
// answered, when, and with what note; the way back leads to the inbox.
func TestDelegateReadsThenAnswers(t *testing.T) {
	a := sampleAgreement()
	a.Status = models.StatusInReview
	a.Parties[1].RegionCode, a.Parties[1].ID = kolaka, 12
	doc := renderAs(t, AgreementDetailPage(AgreementPage{AgreementView: a, OwnParty: &a.Parties[1]}), delegate, string(AgreementURL(7)))
	if doc.Find(`[data-testid="answer-awaited"] a[href="#h-answer"]`).Length() != 1 {
		t.Error("no word at the top that an answer is awaited")
	}
	html, _ := doc.Html()
	if parties, box := strings.Index(html, `data-testid="parties"`), strings.Index(html, `data-testid="answer-box"`); parties < 0 || box < parties {
		t.Error("the answer box comes before the text it asks to check")
	}
	if doc.Find(`.breadcrumb a`).Eq(1).AttrOr("href", "") != string(InboxURL()) {
		t.Error("the delegate's way back is not the inbox")
	}

	decided := time.Date(2026, 11, 20, 2, 30, 0, 0, time.UTC)
	a.Parties[1].Status, a.Parties[1].DecidedAt, a.Parties[1].Note = models.SignOffConfirmed, &decided, "Siap dilaksanakan"
	done := renderAs(t, AgreementDetailPage(AgreementPage{AgreementView: a, OwnParty: &a.Parties[1]}), delegate, string(AgreementURL(7)))
	if got := text(done.Find(`[data-testid="own-answer"]`)); !strings.Contains(got, "Dikonfirmasi") || !strings.Contains(got, "20 November 2026 09.30 WIB") {
		t.Errorf("the region's answer: %q", got)
	}
	if text(done.Find(`[data-testid="own-answer-note"]`)) != "Siap dilaksanakan" || done.Find(`[data-testid="answer-awaited"]`).Length() != 0 {
		t.Error("the answer's note, or a stale notice")
	}
	if public := render(t, AgreementDetailPage(AgreementPage{AgreementView: a}), i18n.ID, string(AgreementURL(7))); public.Find(`.breadcrumb a`).Eq(1).AttrOr("href", "") != string(AgreementsURL()) {
		t.Error("a visitor's way back is not the list")
	}
}
