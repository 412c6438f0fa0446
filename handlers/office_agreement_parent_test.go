package handlers_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/views"
	"derap/views/form"
	"derap/views/i18n"
)

// parentDraft is a draft form of an implementing agreement under the parent typed.
func parentDraft(blank page, parent string) url.Values {
	v := fill(formValues(blank.doc.Find(`[data-testid="agreement-form"]`)),
		form.FieldTitle, "Perjanjian Kerja Sama Pasokan Ikan Kolaka", form.FieldDocType, string(models.DocImplementing),
		form.FieldParent, parent, form.FieldStartDate, "2027-01-01", form.FieldEndDate, "2029-12-31", form.FieldScope, "Pasokan ikan laut",
		form.FieldOp, "save")
	v[form.FieldSectors] = []string{"food"}
	setRow(v, form.PartyRegion, 1, "Kabupaten Kolaka (74.01)")
	return v
}

// An official names a draft's parent by typing its number or its identifier: the draft
// saved hangs under it; the form shown again or for editing shows the parent found; an
// unknown reference, or the draft itself, is refused by the field, in the official's
// language, the input kept and nothing written.
func TestDraftParentByNumber(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	ctx := context.Background()
	official := modeltest.CreateUser(t, p.store, models.RoleOfficial, "")
	parentID := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Kesepakatan Bersama Kolaka Induk", Partner: "74.01"})
	parent, err := p.store.AgreementFor(ctx, models.System, parentID)
	if err != nil || parent.Number == "" {
		t.Fatalf("the parent: %+v %v", parent.Agreement, err)
	}
	shown := views.AgreementIdentifier(parentID) + " · " + parent.Number + " · " + parent.Title
	drafts := func() int {
		list, err := p.store.AgreementsByStatus(ctx, models.StatusDraft)
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}

	off := p.browser(t)
	off.login(official.Email, modeltest.Password)
	blank := off.get("/office/agreements/new")
	if blank.doc.Find(`#parent_id option, select#parent_id`).Length() != 0 || blank.doc.Find(`input#parent_id[type="text"]`).Length() != 1 {
		t.Fatal("the parent is not a text field")
	}

	// Unknown references: a message by the field, in Indonesian or English, input kept.
	before := drafts()
	for _, tt := range []struct {
		name, typed string
		locale      i18n.Locale
	}{
		{"an unknown number", "99/TIDAK/ADA", i18n.ID},
		{"an unknown identifier, in English", views.AgreementIdentifier(parentID + 10000), i18n.EN},
		{"the parent's ID alone", strconv.Itoa(int(parentID)), i18n.ID},
	} {
		t.Run(tt.name, func(t *testing.T) {
			off.header.Set("Accept-Language", string(tt.locale))
			defer off.header.Del("Accept-Language")
			bad := off.post("/office/agreements", parentDraft(blank, tt.typed))
			if bad.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%d", bad.StatusCode)
			}
			if got := text(bad.doc.Find("#parent_id-error")); got != tt.locale.T("error.parent_unknown") {
				t.Errorf("message %q", got)
			}
			if bad.doc.Find("#parent_id").AttrOr("value", "") != tt.typed || bad.doc.Find("#parent_id").AttrOr("aria-invalid", "") != "true" {
				t.Error("the reference typed is not kept, or not marked")
			}
			if bad.doc.Find(`[data-testid="parent-chosen"]`).Length() != 0 {
				t.Error("an unknown reference shows a parent")
			}
			if got := drafts(); got != before {
				t.Errorf("%d drafts, %d before: the refused one was written", got, before)
			}
		})
	}

	// Another mistake: the form comes back with the parent found beside its field.
	v := parentDraft(blank, views.AgreementIdentifier(parentID))
	v.Set(form.FieldTitle, "")
	again := off.post("/office/agreements", v)
	if again.StatusCode != http.StatusUnprocessableEntity || text(again.doc.Find("#parent_id-error")) != "" {
		t.Fatalf("a draft without a title: %d, parent error %q", again.StatusCode, text(again.doc.Find("#parent_id-error")))
	}
	if got := text(again.doc.Find(`[data-testid="parent-chosen"] a`)); got != shown {
		t.Errorf("the parent shown again: %q, want %q", got, shown)
	}
	if again.doc.Find("#parent_id").AttrOr("value", "") != views.AgreementIdentifier(parentID) {
		t.Error("the identifier typed is not kept")
	}

	// By number, with spaces around it: saved under the parent.
	saved := off.post("/office/agreements", parentDraft(blank, "  "+parent.Number+" "))
	if saved.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", saved.StatusCode, text(saved.doc.Find(".field-error")))
	}
	id, _ := strconv.Atoi(idFromLocation(t, saved.Header.Get("Location"), "/office/agreements/"))
	stored, err := p.store.AgreementFor(ctx, models.System, uint(id))
	if err != nil || stored.ParentID == nil || *stored.ParentID != parentID || stored.DocType != models.DocImplementing || stored.Status != models.StatusDraft {
		t.Fatalf("the draft stored: parent %v, %v", stored.ParentID, err)
	}

	// Its form names the parent by number and shows it.
	edit := off.get(string(views.EditAgreementURL(uint(id))))
	if edit.doc.Find("#parent_id").AttrOr("value", "") != parent.Number || text(edit.doc.Find(`[data-testid="parent-chosen"] a`)) != shown {
		t.Errorf("the edit form: %q, %q", edit.doc.Find("#parent_id").AttrOr("value", ""), text(edit.doc.Find(`[data-testid="parent-chosen"] a`)))
	}
	if edit.doc.Find("#parent_id").AttrOr("data-suggest", "") != string(views.ParentSuggestionsURL(uint(id))) {
		t.Error("the edit form's suggestions may offer the draft itself")
	}

	// The draft cannot hang under itself; the parent stays as stored.
	v = formValues(edit.doc.Find(`[data-testid="agreement-form"]`))
	v.Set(form.FieldParent, views.AgreementIdentifier(uint(id)))
	v.Set(form.FieldOp, "save")
	self := off.post(string(views.OfficeAgreementURL(uint(id))), v)
	if self.StatusCode != http.StatusUnprocessableEntity || text(self.doc.Find("#parent_id-error")) != i18n.ID.T("error.parent_self") {
		t.Errorf("itself as parent: %d %q", self.StatusCode, text(self.doc.Find("#parent_id-error")))
	}
	if again, _ := p.store.AgreementFor(ctx, models.System, uint(id)); again.ParentID == nil || *again.ParentID != parentID || again.Revision != stored.Revision {
		t.Error("the refused edit was written")
	}
	// The stored parent saved again unchanged is no conflict with itself.
	v.Set(form.FieldParent, parent.Number)
	if resaved := off.post(string(views.OfficeAgreementURL(uint(id))), v); resaved.StatusCode != http.StatusSeeOther {
		t.Errorf("saving the edit form as it came: %d %s", resaved.StatusCode, text(resaved.doc.Find(".field-error")))
	}
}

// The parent suggestions answer officials and administrators alone: a visitor is sent to
// sign in, a delegate refused. An official gets at most twenty agreements as JSON, by
// number or title, never the draft named by self.
func TestParentSuggestionsByRole(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	ctx := context.Background()
	parentID := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Kesepakatan Bersama Rumput Laut", Partner: "74.01"})
	parent, err := p.store.AgreementFor(ctx, models.System, parentID)
	if err != nil {
		t.Fatal(err)
	}
	ask := func(q string, self uint) string {
		v := url.Values{"q": {q}}
		if self != 0 {
			v.Set("self", strconv.Itoa(int(self)))
		}
		return string(views.ParentSuggestionsURL(0)) + "?" + v.Encode()
	}
	for _, tt := range []struct {
		role string
		user *models.User
		want int
	}{
		{"visitor", nil, http.StatusSeeOther},
		{"delegate", &u.delegate, http.StatusForbidden},
		{"official", &u.official, http.StatusOK},
		{"admin", &u.admin, http.StatusOK},
	} {
		t.Run(tt.role, func(t *testing.T) {
			b := p.browser(t)
			if tt.user != nil {
				b.login(tt.user.Email, modeltest.Password)
			}
			got := b.get(ask("rumput laut", 0))
			if got.StatusCode != tt.want {
				t.Fatalf("%d, want %d", got.StatusCode, tt.want)
			}
			if strings.Contains(got.body, parent.Number) && tt.want != http.StatusOK {
				t.Error("a refusal names the agreement")
			}
			if tt.want != http.StatusOK {
				return
			}
			if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") || got.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("content type %q, cache %q", ct, got.Header.Get("Cache-Control"))
			}
			var list []views.ParentSuggestion
			if err := json.Unmarshal([]byte(got.body), &list); err != nil {
				t.Fatal(err)
			}
			want := views.ParentSuggestion{Value: parent.Number, Label: views.AgreementIdentifier(parentID) + " · " + parent.Number + " · " + parent.Title}
			if len(list) != 1 || list[0] != want {
				t.Errorf("suggestions %+v, want %+v", list, want)
			}
			byNumber := decode(t, b.get(ask(parent.Number, 0)))
			if len(byNumber) == 0 || byNumber[0].Value != parent.Number {
				t.Errorf("by number: %+v", byNumber)
			}
			if self := decode(t, b.get(ask(parent.Number, parentID))); len(self) != 0 {
				t.Errorf("the draft itself is offered: %+v", self)
			}
			if byID := decode(t, b.get(ask(strings.ToUpper(views.AgreementIdentifier(parentID)), 0))); len(byID) != 1 || byID[0] != want {
				t.Errorf("by identifier: %+v", byID)
			}
			if byID := decode(t, b.get(ask(views.AgreementIdentifier(parentID), parentID))); len(byID) != 0 {
				t.Errorf("the draft itself by identifier: %+v", byID)
			}
			if none := decode(t, b.get(ask(views.AgreementIdentifier(parentID+10000), 0))); len(none) != 0 {
				t.Errorf("an unknown identifier: %+v", none)
			}
			if many := decode(t, b.get(ask("kesepakatan", 0))); len(many) == 0 || len(many) > models.MaxParentSuggestions {
				t.Errorf("%d suggestions for a common word", len(many))
			}
			for _, q := range []string{"", "-", strings.Repeat("x", 5000)} {
				if none := decode(t, b.get(ask(q, 0))); len(none) != 0 {
					t.Errorf("%.10q: %+v", q, none)
				}
			}
			if bad := b.get(string(views.ParentSuggestionsURL(0)) + "?q=x&self=satu"); bad.StatusCode != http.StatusBadRequest {
				t.Errorf("a malformed self: %d", bad.StatusCode)
			}
		})
	}
}

func decode(t *testing.T, pg page) []views.ParentSuggestion {
	t.Helper()
	if pg.StatusCode != http.StatusOK {
		t.Fatalf("suggestions: %d", pg.StatusCode)
	}
	var list []views.ParentSuggestion
	if err := json.Unmarshal([]byte(pg.body), &list); err != nil {
		t.Fatalf("suggestions %q: %v", pg.body, err)
	}
	return list
}

// The draft form's size does not grow with the register: forty more agreements leave it
// as it was (it carried one option per agreement, about 100 bytes each).
func TestDraftFormSizeIsBounded(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	official := modeltest.CreateUser(t, p.store, models.RoleOfficial, "")
	off := p.browser(t)
	off.login(official.Email, modeltest.Password)
	size := func() (raw, zipped int) {
		body := off.get("/office/agreements/new").body
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		_, _ = w.Write([]byte(body))
		_ = w.Close()
		return len(body), buf.Len()
	}
	raw, zipped := size()
	ctx := context.Background()
	for i := range 40 {
		_, err := p.store.CreateDraft(ctx, models.System, models.AgreementInput{
			Number: fmt.Sprintf("%d/UKURAN/2027", i+1), Title: fmt.Sprintf("Kesepakatan Bersama Ukuran Halaman %d", i+1), DocType: models.DocMemorandum,
			Kind: models.CooperationRegional, Sectors: []string{"food"}, StartDate: models.Date(2027, 1, 1), EndDate: models.Date(2028, 12, 31),
			Parties: []models.PartyInput{{Region: models.JakartaCode, Authority: models.AuthorityOwnOffice}, {Region: "74.01", Authority: models.AuthorityOwnOffice}},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	raw2, zipped2 := size()
	if raw2-raw > 64 || zipped2-zipped > 64 {
		t.Errorf("the form grew from %d to %d bytes (%d to %d gzipped) with forty agreements", raw, raw2, zipped, zipped2)
	}
	t.Logf("the draft form: %d bytes, %d gzipped", raw2, zipped2)
}
