package views

import (
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"derap/models"
	"derap/views/form"
	"derap/views/i18n"
)

// everyCellNamesItsColumn checks that a table shown as cards on a phone gives each cell the
// name of its column, the way the header row does on a wide screen.
func everyCellNamesItsColumn(t *testing.T, page string, table *goquery.Selection) {
	t.Helper()
	if table.Length() != 1 {
		t.Fatalf("%s: %d tables", page, table.Length())
	}
	if !table.HasClass("cards") {
		t.Errorf("%s: the table does not turn into cards on a phone", page)
	}
	var headers []string
	table.Find("thead th").Each(func(_ int, th *goquery.Selection) { headers = append(headers, text(th)) })
	rows := table.Find("tbody tr")
	if rows.Length() == 0 {
		t.Fatalf("%s: no rows", page)
	}
	rows.Each(func(r int, tr *goquery.Selection) {
		cells := tr.Children()
		if cells.Length() != len(headers) {
			t.Errorf("%s row %d: %d cells under %d headers", page, r, cells.Length(), len(headers))
			return
		}
		cells.Each(func(i int, cell *goquery.Selection) {
			if goquery.NodeName(cell) == "th" {
				return // the row's own name heads its card
			}
			if label := cell.AttrOr("data-label", ""); label != headers[i] {
				t.Errorf("%s row %d cell %d: labelled %q, its column is %q", page, r, i, label, headers[i])
			}
		})
	})
}

func TestTablesBecomeCardsOnPhones(t *testing.T) {
	a := sampleAgreement()
	for _, l := range []i18n.Locale{i18n.ID, i18n.EN} {
		doc := render(t, AgreementDetailPage(AgreementPage{AgreementView: a}), l, string(AgreementURL(7)))
		everyCellNamesItsColumn(t, "parties/"+string(l), doc.Find(`table[data-testid="parties"]`))
	}
	work := a.Agreement
	work.Status = models.StatusInReview
	list := renderAs(t, OfficeAgreementListView(OfficeAgreementListPage{Result: models.AgreementResults{Items: []models.Agreement{work}, Total: 1, Page: 1, PerPage: 20}}), official, string(OfficeAgreementsURL()))
	everyCellNamesItsColumn(t, "office agreements", list.Find(`table[data-testid="work-list"]`))
	now := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	users := renderAs(t, UsersView(UsersPage{Users: []models.User{*admin, {ID: 4, Name: "Aktif", Email: "a@x.test", Role: models.RoleOfficial, Active: true, PasswordHash: "h", LastLoginAt: &now}}}), admin, string(UsersURL()))
	everyCellNamesItsColumn(t, "users", users.Find(`table[data-testid="users"]`))
}

// A long legal title gives way to the short one in headings and lists, and stays under it.
func TestShortTitleHeadsTheLegalTitle(t *testing.T) {
	a := sampleAgreement()
	a.ShortTitle = "Kalimantan Barat — pangan, ASN, budaya"
	doc := render(t, AgreementDetailPage(AgreementPage{AgreementView: a}), i18n.EN, string(AgreementURL(7)))
	if got := text(doc.Find("h1")); got != a.ShortTitle {
		t.Errorf("heading %q", got)
	}
	legal := doc.Find(`[data-testid="legal-title"]`)
	if !strings.Contains(text(legal), a.Title) || legal.Find(`[lang="id"]`).Length() != 1 {
		t.Errorf("the full title under it: %q", text(legal))
	}
	if got := text(doc.Find("title")); !strings.HasPrefix(got, a.ShortTitle) {
		t.Errorf("the browser's title %q", got)
	}
	list := render(t, AgreementList([]models.Agreement{a.Agreement}, 2), i18n.ID, string(AgreementsURL()))
	if got := text(list.Find(".item-title")); got != a.ShortTitle {
		t.Errorf("the list names it %q", got)
	}
	a.ShortTitle = ""
	plain := render(t, AgreementDetailPage(AgreementPage{AgreementView: a}), i18n.ID, string(AgreementURL(7)))
	if text(plain.Find("h1")) != a.Title || plain.Find(`[data-testid="legal-title"]`).Length() != 0 {
		t.Error("without a short title the full title is the heading, once")
	}

	f := renderAs(t, AgreementFormView(AgreementFormPage{Form: form.Agreement{Title: a.Title, ShortTitle: "Pendek"}, Errors: form.Errors{form.FieldShortTitle: "error.too_long"}}), official, string(NewAgreementURL()))
	field := f.Find(`input#` + form.FieldShortTitle)
	if field.AttrOr("value", "") != "Pendek" || field.AttrOr("maxlength", "") != "120" || field.AttrOr("aria-describedby", "") == "" {
		t.Errorf("the short title field: value %q, maxlength %q", field.AttrOr("value", ""), field.AttrOr("maxlength", ""))
	}
}

// A printed agreement carries the province's header, its address and the day of its status.
func TestPrintedAgreementIsHeaded(t *testing.T) {
	doc := render(t, AgreementDetailPage(AgreementPage{AgreementView: sampleAgreement(), Address: "https://ksd.jakarta.go.id/agreements/7"}), i18n.ID, string(AgreementURL(7)))
	head := doc.Find(`[data-testid="print-header"]`)
	if !strings.Contains(text(head), "Pemerintah Provinsi Daerah Khusus Ibukota Jakarta") {
		t.Errorf("print header %q", text(head))
	}
	if got := text(head.Find(`[data-testid="print-address"]`)); got != "https://ksd.jakarta.go.id/agreements/7" {
		t.Errorf("printed address %q", got)
	}
	if got := text(head.Find(`[data-testid="print-as-of"]`)); got != "Status per 26 November 2026" {
		t.Errorf("printed date %q", got)
	}
	if !doc.Find("body").HasClass("printable") {
		t.Error("the page has no print rules")
	}
}

// The delegate's confirmation asks for their region's own number, filled with the draft's,
// keeps what they typed when it comes back, and shows it once given.
func TestConfirmationTakesTheRegionsOwnNumber(t *testing.T) {
	a := sampleAgreement()
	a.Status = models.StatusInReview
	a.Parties[1].RegionCode, a.Parties[1].ID, a.Parties[1].DocumentNumber = kolaka, 12, "180/412/2025"
	doc := renderAs(t, AgreementDetailPage(AgreementPage{AgreementView: a, OwnParty: &a.Parties[1]}), delegate, string(AgreementURL(7)))
	field := doc.Find(`[data-testid="confirm-form"] input[name="` + form.FieldOwnNumber + `"]`)
	if field.AttrOr("value", "") != "180/412/2025" || field.AttrOr("maxlength", "") != "100" {
		t.Errorf("the number field: value %q maxlength %q", field.AttrOr("value", ""), field.AttrOr("maxlength", ""))
	}
	back := renderAs(t, AgreementDetailPage(AgreementPage{AgreementView: a, OwnParty: &a.Parties[1], Answer: form.Answer{Hash: "x", OwnNumber: "salah\x01"}, AnswerErrors: form.Errors{form.FieldOwnNumber: "error.text_invalid"}}), delegate, string(AgreementURL(7)))
	if got := back.Find(`input[name="`+form.FieldOwnNumber+`"]`).AttrOr("value", ""); got != "salah\x01" {
		t.Errorf("the typed number was not kept: %q", got)
	}
	if back.Find(`#`+form.FieldOwnNumber+`-error`).Length() != 1 {
		t.Error("no message next to the number")
	}
	decided := time.Date(2026, 11, 20, 2, 30, 0, 0, time.UTC)
	a.Parties[1].Status, a.Parties[1].DecidedAt, a.Parties[1].OwnNumber = models.SignOffConfirmed, &decided, "180/999/2026"
	done := renderAs(t, AgreementDetailPage(AgreementPage{AgreementView: a, OwnParty: &a.Parties[1]}), delegate, string(AgreementURL(7)))
	if !strings.Contains(text(done.Find(`[data-testid="own-answer-number"]`)), "180/999/2026") {
		t.Error("the answer does not say the number given")
	}
	if got := text(done.Find(`tr[data-region="` + kolaka + `"] td[data-label="Nomor dokumen pihak"]`)); got != "180/999/2026" {
		t.Errorf("the parties table shows %q, not the region's own number", got)
	}
}

// An event that other records refer to offers no delete button but says what holds it.
func TestDeleteEventSaysWhyNot(t *testing.T) {
	free := renderAs(t, EventFormView(EventFormPage{ID: 3, Form: form.Event{Title: "Forum", Revision: "2"}}), official, string(OfficeEventURL(3)))
	if free.Find(`form[action="`+string(DeleteEventURL(3))+`"]`).Length() != 1 || free.Find(`[data-testid="delete-unavailable"]`).Length() != 0 {
		t.Error("an event nothing refers to cannot be deleted")
	}
	for _, l := range []struct {
		user *models.User
		want []string
	}{
		{official, []string{"2 kesepakatan", "1 dokumen"}},
	} {
		held := renderAs(t, EventFormView(EventFormPage{ID: 3, Form: form.Event{Title: "Forum"}, SignedHere: 2, Documents: []models.Document{{ID: 1, Title: "Program"}}}), l.user, string(OfficeEventURL(3)))
		if held.Find(`form[action="`+string(DeleteEventURL(3))+`"]`).Length() != 0 {
			t.Error("a delete button on an event that cannot be deleted")
		}
		why := text(held.Find(`[data-testid="delete-unavailable"]`))
		for _, w := range l.want {
			if !strings.Contains(why, w) {
				t.Errorf("the reason %q lacks %q", why, w)
			}
		}
	}
}
