package views

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"derap/models"
	"derap/views/form"
	"derap/views/i18n"
)

// renderAs renders a component for a signed-in user, with the token the forms carry.
func renderAs(t *testing.T, c templ.Component, u *models.User, rawURL string) *goquery.Document {
	t.Helper()
	parsed, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	ctx := WithRequest(context.Background(), Request{Locale: i18n.ID, URL: parsed, Today: models.Date(2026, 11, 26), User: u, CSRFToken: "tok"})
	var buf bytes.Buffer
	if err := c.Render(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

var (
	official = &models.User{ID: 2, Name: "Pejabat", Email: "pejabat@derap.test", Role: models.RoleOfficial, Active: true}
	admin    = &models.User{ID: 1, Name: "Admin", Email: "admin@derap.test", Role: models.RoleAdmin, Active: true}
	kolaka   = "74.01"
	delegate = &models.User{ID: 3, Name: "Delegasi Kolaka", Email: "delegasi@derap.test", Role: models.RoleDelegate, Active: true,
		RegionCode: &kolaka, Region: &models.Region{Code: kolaka, Name: "Kabupaten Kolaka"}}
)

// everyPostFormCarriesCSRF checks what every page with forms must hold.
func everyPostFormCarriesCSRF(t *testing.T, doc *goquery.Document) {
	t.Helper()
	doc.Find(`form[method="post"]`).Each(func(_ int, f *goquery.Selection) {
		if f.Find(`input[name="`+form.FieldCSRF+`"][value="tok"]`).Length() != 1 {
			t.Errorf("the form to %s has no CSRF token", f.AttrOr("action", "?"))
		}
	})
}

// actions lists the actions of a page's post forms.
func actions(doc *goquery.Document) []string {
	var out []string
	doc.Find(`form[method="post"]`).Each(func(_ int, f *goquery.Selection) {
		out = append(out, f.AttrOr("action", ""))
		// Buttons that post the form elsewhere, inside it or naming it from outside.
		f.Find(`button[formaction]`).AddSelection(doc.Find(`button[formaction][form="` + f.AttrOr("id", "-") + `"]`)).Each(func(_ int, b *goquery.Selection) {
			out = append(out, b.AttrOr("formaction", ""))
		})
	})
	return out
}

func has(list []string, s templ.SafeURL) bool {
	for _, x := range list {
		if x == string(s) {
			return true
		}
	}
	return false
}

// An agreement's office page offers exactly the steps its state allows, each posting to
// its own address.
func TestOfficeAgreementSteps(t *testing.T) {
	base := sampleAgreement()
	tests := []struct {
		name      string
		status    models.Status
		published bool
		want      []templ.SafeURL
		not       []templ.SafeURL
	}{
		{"draft", models.StatusDraft, false, []templ.SafeURL{SendAgreementURL(7)}, []templ.SafeURL{WithdrawAgreementURL(7), SignAgreementURL(7)}},
		{"in review", models.StatusInReview, false, []templ.SafeURL{WithdrawAgreementURL(7)}, []templ.SafeURL{SendAgreementURL(7), SignAgreementURL(7)}},
		{"agreed", models.StatusAgreed, false, []templ.SafeURL{SignAgreementURL(7), WithdrawAgreementURL(7)}, []templ.SafeURL{PublishAgreementURL(7)}},
		{"signed", models.StatusSigned, false, []templ.SafeURL{PublishAgreementURL(7), TerminateAgreementURL(7)}, []templ.SafeURL{UnpublishAgreementURL(7)}},
		{"signed and public", models.StatusSigned, true, []templ.SafeURL{UnpublishAgreementURL(7), TerminateAgreementURL(7)}, []templ.SafeURL{PublishAgreementURL(7)}},
		{"terminated", models.StatusTerminated, true, []templ.SafeURL{UnpublishAgreementURL(7)}, []templ.SafeURL{TerminateAgreementURL(7), WithdrawAgreementURL(7)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base
			a.Status, a.Published = tt.status, tt.published
			page := OfficeAgreementPage{
				AgreementPage: AgreementPage{AgreementView: a, Term: models.TermActive},
				Events:        []models.Event{{ID: 1, Title: "Forum", AllDay: true, StartsAt: models.Date(2025, 10, 3), EndsAt: models.Date(2025, 10, 3)}},
				Sign:          form.NewSigning("2026-11-26"), Terminate: form.Termination{Date: "2026-11-26"},
				Versions: []models.VersionHistory{{
					Version:  models.AgreementVersion{Number: 1, ContentHash: strings.Repeat("cd", 32), CreatedAt: time.Date(2025, 9, 1, 3, 0, 0, 0, time.UTC)},
					SignOffs: []models.SignOffRecord{{RegionCode: "61", Decision: models.SignOffDeclined, ActorName: "Sekda", Note: "Volume belum sesuai", DecidedAt: time.Date(2025, 9, 2, 3, 0, 0, 0, time.UTC)}},
				}},
			}
			doc := renderAs(t, OfficeAgreementView(page), official, string(OfficeAgreementURL(7)))
			got := actions(doc)
			for _, u := range tt.want {
				if !has(got, u) {
					t.Errorf("no form to %s among %v", u, got)
				}
			}
			for _, u := range tt.not {
				if has(got, u) {
					t.Errorf("a form to %s in %s", u, tt.status)
				}
			}
			if scan := tt.status != models.StatusDraft && tt.status != models.StatusInReview; has(got, AgreementDocumentsURL(7)) != scan {
				t.Errorf("the signed scan's upload offered: %v, want %v", !scan, scan)
			}
			if (tt.status == models.StatusDraft) != (doc.Find(`a[href="`+string(EditAgreementURL(7))+`"]`).Length() == 1) {
				t.Error("the edit link does not follow the draft state")
			}
			if !strings.Contains(text(doc.Find(`[data-testid="versions"]`)), "Volume belum sesuai") {
				t.Error("the versions do not show the decline")
			}
			if doc.Find(`.area-nav a[aria-current="page"]`).AttrOr("href", "") != string(OfficeAgreementsURL()) {
				t.Error("the office menu does not mark the agreements")
			}
			everyPostFormCarriesCSRF(t, doc)
		})
	}
}

// A refused step shows its alert, and the form's errors by their fields with the input.
func TestOfficeAgreementRefusal(t *testing.T) {
	a := sampleAgreement()
	a.Status = models.StatusAgreed
	page := OfficeAgreementPage{
		AgreementPage: AgreementPage{AgreementView: a, Alert: Alert{Key: "form.has_errors"}},
		Sign:          form.Signing{Date: "3 Oktober", Place: ""},
		Errors:        form.Errors{form.FieldSignedOn: "error.date_invalid", form.FieldSignedPlace: "error.required"},
		Upload:        UploadState{Form: form.Upload{Title: "Pindaian"}, Errors: form.Errors{form.FieldFile: "error.file_missing"}},
	}
	doc := renderAs(t, OfficeAgreementView(page), official, string(OfficeAgreementURL(7)))
	if text(doc.Find(`[data-testid="form-alert"]`)) != i18n.ID.T("form.has_errors") {
		t.Errorf("alert %q", text(doc.Find(`[data-testid="form-alert"]`)))
	}
	field := doc.Find("#" + form.FieldSignedOn)
	if field.AttrOr("value", "") != "3 Oktober" || field.AttrOr("aria-invalid", "") != "true" || text(doc.Find("#signed_on-error")) != i18n.ID.T("error.date_invalid") {
		t.Errorf("the date field: %q invalid=%q %q", field.AttrOr("value", ""), field.AttrOr("aria-invalid", ""), text(doc.Find("#signed_on-error")))
	}
	if doc.Find("#doc_title").AttrOr("value", "") != "Pindaian" || text(doc.Find("#doc_file-error")) != i18n.ID.T("error.file_missing") {
		t.Error("the upload form lost its input or error")
	}
}

// The draft form names every field as the parser reads it, keeps every row with its
// buttons, and shows each error by its field.
func TestAgreementFormView(t *testing.T) {
	f := form.Agreement{
		Title: "Pasokan Ikan", DocType: string(models.DocImplementing), Parent: "1/KSB", Kind: string(models.CooperationRegional),
		Sectors: []string{"food"}, FundingNote: "APBD", StartDate: "2027-01-01", EndDate: "2034-12-31",
		Parties:     []form.Party{{Region: "Daerah Khusus Ibukota Jakarta (31)"}, {Region: "Kolaka"}, {Region: "Atlantis"}},
		ParentFound: &models.Agreement{ID: 4, Number: "1/KSB", Title: "Induk"},
	}
	page := AgreementFormPage{
		ID: 9, Form: f, Alert: Alert{Key: "form.has_errors"},
		Errors:  form.Errors{form.FieldParent: "error.parent_invalid", form.RowKey(form.ListParties, 2, form.PartyRegion): "error.unknown_region", form.ListParties: "error.jakarta_required"},
		Regions: []models.Region{{Code: "31", Name: "Daerah Khusus Ibukota Jakarta"}, {Code: "74.01", Name: "Kabupaten Kolaka"}},
	}
	doc := renderAs(t, AgreementFormView(page), official, string(EditAgreementURL(9)))
	if doc.Find(`form[data-testid="agreement-form"]`).AttrOr("action", "") != string(OfficeAgreementURL(9)) {
		t.Error("the form does not post to the draft")
	}
	for _, name := range []string{form.FieldTitle, form.FieldNumber, form.FieldDocType, form.FieldParent, form.FieldKind, form.FieldScope, form.FieldSummary, form.FieldFundingNote, form.FieldStartDate, form.FieldEndDate} {
		if doc.Find(`[name="`+name+`"]`).Length() != 1 {
			t.Errorf("no field named %q", name)
		}
	}
	if got := doc.Find(`[name="` + form.RowInput(form.ListParties, form.PartyRegion) + `"]`).Length(); got != 3 {
		t.Errorf("%d party region fields", got)
	}
	if doc.Find(`textarea[name="`+form.FieldFundingNote+`"]`).Text() != "APBD" {
		t.Error("the funding note is not kept")
	}
	if doc.Find(`input#parent_id`).AttrOr("value", "") != "1/KSB" || text(doc.Find(`[data-testid="parent-chosen"] a`)) != "derap-ksd-a-4 · 1/KSB · Induk" {
		t.Error("the parent field loses the reference typed or does not show the parent found")
	}
	if text(doc.Find("#party_region_2-error")) != i18n.ID.T("error.unknown_region") || text(doc.Find("#parties-error")) != i18n.ID.T("error.jakarta_required") {
		t.Error("the party errors are not by their rows")
	}
	for _, op := range []form.RowOp{form.AddRow(form.ListParties), form.MoveUp(form.ListParties, 1), form.MoveDown(form.ListParties, 1), form.RemoveRow(form.ListParties, 2)} {
		if doc.Find(`button[name="`+form.FieldOp+`"][value="`+op.Value()+`"]`).Length() != 1 {
			t.Errorf("no button %s", op.Value())
		}
	}
	if doc.Find(`[data-testid="long-term"]`).Length() != 1 {
		t.Error("a term over five years is not warned about")
	}
	if doc.Find("datalist#regions option").Length() != 2 {
		t.Error("the region suggestions")
	}
	everyPostFormCarriesCSRF(t, doc)

	fresh := renderAs(t, AgreementFormView(AgreementFormPage{Form: form.NewAgreement("DKI (31)")}), official, string(NewAgreementURL()))
	if fresh.Find(`form[data-testid="agreement-form"]`).AttrOr("action", "") != string(OfficeAgreementsURL()) || fresh.Find(`[data-testid="form-alert"]`).Length() != 0 {
		t.Error("a new draft's form")
	}
}

// The event form keeps its speaker and region rows with their buttons and errors, and an
// existing event shows its documents, the upload and the delete forms.
func TestEventFormView(t *testing.T) {
	f := form.Event{
		Title: "Forum", StartDate: "2025-10-03", StartTime: "09:00", EndTime: "08:00",
		Speakers:   []form.Speaker{{Name: "Marulina Dewi"}, {Role: "Dirjen"}},
		Regions:    []string{"Kota Pariaman", "Atlantis"},
		Agreements: []string{"7"},
	}
	page := EventFormPage{
		ID: 1, Form: f, Alert: Alert{Key: "alert.event_in_use"},
		Errors: form.Errors{form.FieldEndTime: "error.end_before_start", form.RowKey(form.ListSpeakers, 1, form.SpeakerName): "error.required",
			form.RowKey(form.ListRegions, 1, ""): "error.unknown_region"},
		Choices:   []models.Agreement{{ID: 7, Number: "1/KSB", Title: "Pasokan"}, {ID: 8, Title: "Lain"}},
		Documents: []models.Document{{ID: 5, Title: "Foto", FileName: "foto.jpg", ContentType: "image/jpeg", Size: 2048, SHA256: strings.Repeat("e", 64)}},
	}
	doc := renderAs(t, EventFormView(page), official, string(OfficeEventURL(1)))
	got := actions(doc)
	for _, u := range []templ.SafeURL{OfficeEventURL(1), EventDocumentsURL(1), RemoveEventDocumentURL(1, 5)} {
		if !has(got, u) {
			t.Errorf("no form to %s among %v", u, got)
		}
	}
	// A photo is attached: deleting is not offered, and the page says why.
	if has(got, DeleteEventURL(1)) || !strings.Contains(text(doc.Find(`[data-testid="delete-unavailable"]`)), "1 dokumen") {
		t.Errorf("an event with a document offers deletion or does not say why not: %q", text(doc.Find(`[data-testid="delete-unavailable"]`)))
	}
	if text(doc.Find(`[data-testid="form-alert"]`)) != i18n.ID.T("alert.event_in_use") {
		t.Error("the alert")
	}
	if text(doc.Find("#speaker_name_1-error")) != i18n.ID.T("error.required") || text(doc.Find("#region_1-error")) != i18n.ID.T("error.unknown_region") || text(doc.Find("#end_time-error")) == "" {
		t.Error("the row errors")
	}
	if doc.Find(`input[name="`+form.FieldAgreements+`"][value="7"][checked]`).Length() != 1 || doc.Find(`input[name="`+form.FieldAgreements+`"][value="8"][checked]`).Length() != 0 {
		t.Error("the agreements signed there")
	}
	if doc.Find(`img[src="`+string(DocumentURL(5))+`"][alt="Foto"]`).Length() != 1 || !strings.Contains(text(doc.Find(`[data-testid="document"]`)), "2,0 KiB") {
		t.Errorf("the photo: %s", text(doc.Find(`[data-testid="document"]`)))
	}
	for _, op := range []form.RowOp{form.AddRow(form.ListSpeakers), form.AddRow(form.ListRegions), form.RemoveRow(form.ListSpeakers, 0), form.MoveDown(form.ListRegions, 0)} {
		if doc.Find(`button[value="`+op.Value()+`"]`).Length() != 1 {
			t.Errorf("no button %s", op.Value())
		}
	}
	everyPostFormCarriesCSRF(t, doc)
	fresh := renderAs(t, EventFormView(EventFormPage{Form: form.NewEvent()}), official, string(NewEventURL()))
	if !has(actions(fresh), OfficeEventsURL()) || has(actions(fresh), DeleteEventURL(0)) {
		t.Error("a new event's form")
	}
}

// The office's lists and dashboard link each record to its office page.
func TestOfficeListsAndDashboard(t *testing.T) {
	a := sampleAgreement().Agreement
	a.Status = models.StatusInReview
	list := OfficeAgreementListPage{
		Filter: models.OfficeFilter{Status: models.StatusInReview}, Query: url.Values{form.FieldStatus: {string(models.StatusInReview)}},
		Result:  models.AgreementResults{Items: []models.Agreement{a}, Total: 41, Page: 1, PerPage: 20},
		Regions: []models.Region{{Code: "61", Name: "Kalimantan Barat"}},
	}
	doc := renderAs(t, OfficeAgreementListView(list), official, string(OfficeAgreementsInURL(models.StatusInReview)))
	if doc.Find(`[data-testid="work-list"] a[href="`+string(OfficeAgreementURL(7))+`"]`).Length() != 1 {
		t.Error("the agreement is not linked to its office page")
	}
	if !strings.Contains(text(doc.Find(`[data-testid="waiting-on"]`)), "Kalimantan Barat") {
		t.Error("whom it waits on")
	}
	if doc.Find(`#f-status option[value="in_review"][selected]`).Length() != 1 {
		t.Error("the status filter is not kept")
	}
	if doc.Find(`nav.pager a[href="/office/agreements?page=3&status=in_review"]`).Length() != 1 {
		t.Error("the pager does not keep the filter")
	}

	dash := DashboardPage{Today: models.Date(2026, 11, 26), Dashboard: models.Dashboard{
		Counts:   map[models.Status]int64{models.StatusInReview: 3, models.StatusSigned: 5},
		Waiting:  []models.WaitingAgreement{{Agreement: a, SentAt: time.Date(2026, 11, 16, 3, 0, 0, 0, time.UTC)}},
		Declined: []models.DeclinedParty{{AgreementID: 7, AgreementTitle: "Pasokan", Party: models.Party{Region: models.Region{Name: "Kabupaten Ketapang"}, Note: "Belum sesuai", Status: models.SignOffDeclined}}},
		Expiring: []models.Agreement{{ID: 8, Title: "Berakhir", EndDate: models.Date(2027, 2, 1)}},
	}}
	d := renderAs(t, DashboardView(dash), official, string(OfficeURL()))
	if d.Find(`[data-testid="status-counts"] a[href="`+string(OfficeAgreementsInURL(models.StatusSigned))+`"]`).Length() != 1 {
		t.Error("the counts do not link to the filtered list")
	}
	if !strings.Contains(text(d.Find(`[data-testid="waiting"]`)), "10") || !strings.Contains(text(d.Find(`[data-testid="declined"]`)), "Belum sesuai") {
		t.Errorf("waiting %q / declined %q", text(d.Find(`[data-testid="waiting"]`)), text(d.Find(`[data-testid="declined"]`)))
	}
	if d.Find(`a[href="`+string(OfficeAgreementURL(8))+`"]`).Length() != 1 {
		t.Error("what ends soon")
	}
	if d.Find(`.area-nav a[href="`+string(UsersURL())+`"]`).Length() != 0 {
		t.Error("an official's menu offers the users' page")
	}
	if renderAs(t, DashboardView(dash), admin, string(OfficeURL())).Find(`.area-nav a[href="`+string(UsersURL())+`"]`).Length() != 1 {
		t.Error("an administrator's menu lacks the users' page")
	}

	events := renderAs(t, OfficeEventListView([]models.Event{{ID: 1, Title: "Forum", AllDay: true, StartsAt: models.Date(2025, 10, 3), EndsAt: models.Date(2025, 10, 3)}}), official, string(OfficeEventsURL()))
	if events.Find(`a[href="`+string(OfficeEventURL(1))+`"]`).Length() != 1 || events.Find(`a[href="`+string(EventURL(1))+`"]`).Length() != 1 {
		t.Error("the office's event list")
	}
}

// The administrators' list offers each account the actions its state allows, never on
// their own, and the invitation form keeps its input and errors.
func TestUsersView(t *testing.T) {
	now := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	page := UsersPage{
		Users: []models.User{
			*admin,
			{ID: 4, Name: "Aktif", Email: "a@x.test", Role: models.RoleOfficial, Active: true, PasswordHash: "h", LastLoginAt: &now},
			{ID: 5, Name: "Nonaktif", Email: "n@x.test", Role: models.RoleDelegate, Active: false, PasswordHash: "h", RegionCode: &kolaka, Region: delegate.Region},
			{ID: 6, Name: "Diundang", Email: "u@x.test", Role: models.RoleOfficial, Active: true},
		},
		Sessions: map[uint]int{4: 2},
		Form:     form.Invite{Email: "salah", Name: "Baru", Role: string(models.RoleDelegate), Region: "74.01"},
		Errors:   form.Errors{form.FieldEmail: "error.email_invalid", form.FieldRegion: "error.unknown_region"},
		Alert:    Alert{Key: "form.has_errors"},
		Regions:  []models.RegionGroup{{Province: models.Region{Code: "74", Name: "Sulawesi Tenggara"}, Members: []models.Region{{Code: "74.01", Name: "Kabupaten Kolaka"}}}},
	}
	doc := renderAs(t, UsersView(page), admin, string(UsersURL()))
	got := actions(doc)
	for _, u := range []templ.SafeURL{DisableUserURL(4), EndSessionsURL(4), EnableUserURL(5), DisableUserURL(6), ReinviteUserURL(6), UsersURL()} {
		if !has(got, u) {
			t.Errorf("no form to %s", u)
		}
	}
	for _, u := range []templ.SafeURL{DisableUserURL(1), EndSessionsURL(5), DisableUserURL(5), EnableUserURL(4)} {
		if has(got, u) {
			t.Errorf("a form to %s", u)
		}
	}
	if doc.Find("#email").AttrOr("value", "") != "salah" || doc.Find("#email").AttrOr("aria-invalid", "") != "true" || doc.Find(`#region option[value="74.01"][selected]`).Length() != 1 {
		t.Error("the invitation form lost its input or its error")
	}
	if text(doc.Find("#region-error")) != i18n.ID.T("error.unknown_region") {
		t.Error("the region error")
	}
	everyPostFormCarriesCSRF(t, doc)
	link := renderAs(t, InvitationLinkView(InvitationLinkPage{User: page.Users[3], Link: "https://derap.example/invitations/abc"}), admin, string(UsersURL()))
	if text(link.Find(`[data-testid="invitation-link"]`)) != "https://derap.example/invitations/abc" {
		t.Error("the link is not shown")
	}
}

// Signing in, accepting an invitation and changing a password show their alerts and
// errors by the fields, never a password typed.
func TestAccountForms(t *testing.T) {
	login := LoginPage{Form: form.Login{Email: "ani@x.test", Password: "rahasia", Next: "/office/users"}, Alert: Alert{Key: "login.throttled", Args: []any{15}}}
	doc := render(t, LoginPageView(login), i18n.ID, string(LoginURL()))
	if text(doc.Find(`[data-testid="form-alert"]`)) != i18n.ID.N("login.throttled", 15, 15) {
		t.Errorf("alert %q", text(doc.Find(`[data-testid="form-alert"]`)))
	}
	if doc.Find("#email").AttrOr("value", "") != "ani@x.test" || doc.Find(`input[name="next"]`).AttrOr("value", "") != "/office/users" {
		t.Error("the input is not kept")
	}
	if strings.Contains(doc.Text(), "rahasia") || doc.Find("#password").AttrOr("value", "") != "" {
		t.Error("the password is shown again")
	}
	accept := AcceptInvitationPage{User: *delegate, Token: "t/k", Errors: form.Errors{form.FieldConfirm: "error.password_mismatch"}, Alert: Alert{Key: "form.has_errors"}}
	doc = render(t, AcceptInvitationView(accept), i18n.EN, "/invitations/t%2Fk")
	if !has(actions(doc), InvitationURL("t/k")) || text(doc.Find("#confirm-error")) != i18n.EN.T("error.password_mismatch") {
		t.Errorf("accepting an invitation: %v", actions(doc))
	}
	if render(t, InvitationInvalidView(), i18n.ID, "/invitations/x").Find(`main a[href="`+string(LoginURL())+`"]`).Length() != 1 {
		t.Error("an invalid invitation does not lead to signing in")
	}
	acct := renderAs(t, AccountView(AccountPage{Errors: form.Errors{form.FieldCurrent: "error.password_wrong"}, Alert: Alert{Key: "form.has_errors"}}), delegate, string(AccountURL()))
	if !has(actions(acct), PasswordURL()) || text(acct.Find("#current-error")) != i18n.ID.T("error.password_wrong") {
		t.Error("the password form")
	}
	if acct.Find(`.area-nav a[aria-current="page"]`).AttrOr("href", "") != string(AccountURL()) || acct.Find(`.area-nav a[href="`+string(InboxURL())+`"]`).Length() != 1 {
		t.Error("a delegate's menu")
	}
	if !strings.Contains(text(acct.Find(`[data-testid="whoami"]`)), "Kabupaten Kolaka") {
		t.Error("whoami does not name the region")
	}
	everyPostFormCarriesCSRF(t, acct)
}

// A delegate's inbox puts what awaits them first, counts what it does not show, and
// lists what they answered.
func TestInboxView(t *testing.T) {
	a := sampleAgreement().Agreement
	a.Status = models.StatusInReview
	in := InboxPage{Inbox: models.Inbox{
		Awaiting: []models.Agreement{a}, AwaitingTotal: 3,
		Others: []models.Agreement{{ID: 8, Title: "Lain", Status: models.StatusSigned}}, OthersTotal: 1,
		History: []models.SignOffHistory{{SignOffRecord: models.SignOffRecord{AgreementID: 8, Decision: models.SignOffConfirmed, DecidedAt: time.Date(2026, 1, 2, 3, 0, 0, 0, time.UTC), Note: "Setuju"}, AgreementTitle: "Lain"}},
	}}
	doc := renderAs(t, InboxView(in), delegate, string(InboxURL()))
	if doc.Find(`[data-testid="awaiting-list"] a[href="`+string(AgreementURL(7))+`"]`).Length() != 1 || !strings.Contains(text(doc.Find(".result-count")), "3") {
		t.Errorf("awaiting: %q", text(doc.Find(".result-count")))
	}
	if !strings.Contains(text(doc.Find(`[data-testid="own-history"]`)), "Setuju") {
		t.Error("the delegate's own answers")
	}
	// Beyond the count's cap the page says "more than".
	in.AwaitingTotal, in.AwaitingCapped = models.InboxCountCap, true
	doc = renderAs(t, InboxView(in), delegate, string(InboxURL()))
	if got := text(doc.Find(".result-count").First()); got != "Menampilkan 1 dari lebih dari 1.000." {
		t.Errorf("a capped count: %q", got)
	}
}

// The profile form is whole for officials and the contact alone for a delegate; both
// keep the input and show errors by the fields.
func TestProfileFormView(t *testing.T) {
	r := models.Region{Code: kolaka, Name: "Kabupaten Kolaka", Partner: true}
	f := form.Profile{Partner: true, Summary: "Mitra", Commodities: []string{"fish"}, Latitude: "-4,05", Longitude: "x", Phone: "telepon"}
	errs := form.Errors{form.FieldLongitude: "error.number_invalid", form.FieldContactPhone: "error.phone_invalid"}
	full := renderAs(t, ProfileFormView(ProfilePage{Region: r, Full: true, Form: f, Errors: errs, Alert: Alert{Key: "form.has_errors"}}), official, string(RegionProfileURL(kolaka)))
	if !has(actions(full), RegionProfileURL(kolaka)) || full.Find(`input[name="`+form.FieldCommodities+`"][value="fish"][checked]`).Length() != 1 ||
		full.Find(`input[name="`+form.FieldPartner+`"][checked]`).Length() != 1 || full.Find("#latitude").AttrOr("value", "") != "-4,05" {
		t.Error("the full form")
	}
	if text(full.Find("#longitude-error")) != i18n.ID.T("error.number_invalid") || text(full.Find("#contact_phone-error")) != i18n.ID.T("error.phone_invalid") {
		t.Error("the errors")
	}
	contact := renderAs(t, ProfileFormView(ProfilePage{Region: r, Form: f}), delegate, string(RegionProfileURL(kolaka)))
	if contact.Find("#summary").Length() != 0 || contact.Find("#latitude").Length() != 0 || contact.Find("#contact_office").Length() != 1 {
		t.Error("the delegate's form offers more than the contact")
	}
	everyPostFormCarriesCSRF(t, full)
}

// A declined agreement says so wherever an official looks, with the reason and the step
// that helps (withdraw to revise), not whom it waits on; a draft's parties are not sent
// yet; the step that follows from the last confirmation is credited to no delegate.
func TestDeclinePath(t *testing.T) {
	base := sampleAgreement()
	base.Status = models.StatusInReview
	base.Parties[1].Status, base.Parties[1].Note = models.SignOffDeclined, "Volume beras belum sesuai"
	const notice = "Ditolak oleh Kalimantan Barat — perlu revisi"

	list := renderAs(t, OfficeAgreementListView(OfficeAgreementListPage{Result: models.AgreementResults{Items: []models.Agreement{base.Agreement}, Total: 1, Page: 1, PerPage: 20}}), official, string(OfficeAgreementsURL()))
	if got := text(list.Find(`[data-testid="waiting-on"]`)); !strings.Contains(got, notice) || !strings.Contains(got, "Volume beras belum sesuai") {
		t.Errorf("work list: %q", got)
	}
	dash := renderAs(t, DashboardView(DashboardPage{Today: models.Date(2026, 11, 26), Dashboard: models.Dashboard{
		Waiting: []models.WaitingAgreement{{Agreement: base.Agreement, SentAt: time.Date(2026, 11, 16, 3, 0, 0, 0, time.UTC)}},
	}}), official, string(OfficeURL()))
	if got := text(dash.Find(`[data-testid="waiting"]`)); !strings.Contains(got, notice) || strings.Contains(got, "Menunggu:") {
		t.Errorf("dashboard: %q", got)
	}
	page := renderAs(t, OfficeAgreementView(OfficeAgreementPage{AgreementPage: AgreementPage{AgreementView: base}}), official, string(OfficeAgreementURL(7)))
	steps := page.Find(`[data-testid="actions"]`)
	if !strings.Contains(text(steps), notice) || !strings.Contains(text(steps), "Tarik kembali ke draf, sesuaikan naskahnya") {
		t.Errorf("next steps: %q", text(steps))
	}
	if withdraw := steps.Find(`form[action="` + string(WithdrawAgreementURL(7)) + `"] button`); withdraw.Length() != 1 || withdraw.HasClass("button-secondary") {
		t.Error("withdrawing to revise is not the step offered first")
	}

	draft := sampleAgreement()
	draft.Status, draft.Version = models.StatusDraft, nil
	draft.Parties[0].Status, draft.Parties[0].DecidedAt = models.SignOffPending, nil
	doc := renderAs(t, OfficeAgreementView(OfficeAgreementPage{AgreementPage: AgreementPage{AgreementView: draft}}), official, string(OfficeAgreementURL(7)))
	doc.Find(`[data-testid="party"]`).Each(func(i int, row *goquery.Selection) {
		if got := text(row.Find(".status")); got != "Belum dikirim" {
			t.Errorf("a draft's party %d: %q", i, got)
		}
	})
	if doc.Find(`[data-testid="upload-later"]`).Length() != 1 {
		t.Error("a draft does not say when its signed scan can be attached")
	}

	agreed := sampleAgreement()
	history := []models.AuditEntry{
		{At: time.Date(2025, 9, 12, 7, 0, 0, 0, time.UTC), Action: "party.confirm", RegionCode: "61", ActorName: "Sekda"},
		{At: time.Date(2025, 9, 12, 7, 0, 0, 0, time.UTC), Action: "agreement.agreed", ActorName: "Sekda"},
	}
	h := renderAs(t, OfficeAgreementView(OfficeAgreementPage{AgreementPage: AgreementPage{AgreementView: agreed, History: history}}), official, string(OfficeAgreementURL(7)))
	if got := text(h.Find(`[data-action="agreement.agreed"]`)); strings.Contains(got, "Sekda") || !strings.Contains(got, "otomatis") {
		t.Errorf("the agreed step: %q", got)
	}
	if got := text(h.Find(`[data-action="party.confirm"]`)); !strings.Contains(got, "oleh Sekda") {
		t.Errorf("the confirmation: %q", got)
	}
}
