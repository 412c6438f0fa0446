package views

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"derap/models"
	"derap/views/form"
	"derap/views/i18n"
)

// renderIn renders a component for an official in a language.
func renderIn(t *testing.T, c templ.Component, l i18n.Locale, rawURL string) *goquery.Document {
	t.Helper()
	parsed, _ := url.Parse(rawURL)
	ctx := WithRequest(context.Background(), Request{Locale: l, URL: parsed, Today: models.Date(2026, 11, 26), User: official, CSRFToken: "tok"})
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

// The draft form names its parent in a text field, never in a list of the register: the
// only options on the page are the fixed choices and the reference regions, the parent's
// suggestions start empty (the portal's own script fills them as the official types), and
// the parent found stands beside the field, by identifier, number and title.
func TestAgreementFormParentField(t *testing.T) {
	regions := []models.Region{{Code: "31", Name: "Daerah Khusus Ibukota Jakarta"}, {Code: "74.01", Name: "Kabupaten Kolaka"}}
	fixed := 1 + len(models.DocTypes) + 1 + len(models.CooperationKinds) + 2*len(models.Authorities) // "choose" in the two required selects; two party rows
	for _, tt := range []struct {
		name   string
		locale i18n.Locale
		f      form.Agreement
		err    string
		chosen string
	}{
		{"new, nothing typed", i18n.ID, form.NewAgreement("DKI (31)"), "", ""},
		{"a parent found", i18n.ID, form.Agreement{Parent: "1/KSB/2026", ParentFound: &models.Agreement{ID: 4, Number: "1/KSB/2026", Title: "Kesepakatan Bersama Pangan"},
			Parties: []form.Party{{}, {}}}, "", "derap-ksd-a-4 · 1/KSB/2026 · Kesepakatan Bersama Pangan"},
		{"an unknown reference, in Indonesian", i18n.ID, form.Agreement{Parent: "9/KSB/1999", Parties: []form.Party{{}, {}}}, "error.parent_unknown", ""},
		{"an unknown reference, in English", i18n.EN, form.Agreement{Parent: "9/KSB/1999", Parties: []form.Party{{}, {}}}, "error.parent_unknown", ""},
		{"itself", i18n.EN, form.Agreement{Parent: "derap-ksd-a-9", ParentFound: &models.Agreement{ID: 9, Title: "Draf ini"}, Parties: []form.Party{{}, {}}},
			"error.parent_self", "derap-ksd-a-9 · Draf ini"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page := AgreementFormPage{ID: 9, Form: tt.f, Regions: regions}
			if tt.err != "" {
				page.Errors = form.Errors{form.FieldParent: tt.err}
			}
			doc := renderIn(t, AgreementFormView(page), tt.locale, string(EditAgreementURL(9)))
			field := doc.Find(`input#parent_id[name="parent_id"][type="text"]`)
			if field.Length() != 1 || field.AttrOr("value", "-") != tt.f.Parent || field.AttrOr("list", "") != "parent-suggestions" {
				t.Fatalf("the parent field: %d, value %q", field.Length(), field.AttrOr("value", "-"))
			}
			if got := doc.Find(`form[data-testid="agreement-form"] option`).Length(); got != fixed+len(regions) {
				t.Errorf("%d options on the page, want %d: the fixed choices and the regions alone", got, fixed+len(regions))
			}
			if doc.Find("select#parent_id, #parent_id option, datalist#parent-suggestions option").Length() != 0 {
				t.Error("the parent is chosen from a list the page carries")
			}
			if field.AttrOr("data-suggest", "") != string(ParentSuggestionsURL(9)) || string(ParentSuggestionsURL(9)) != "/office/agreements/parents?self=9" {
				t.Errorf("suggestions asked at %q", field.AttrOr("data-suggest", ""))
			}
			scripts := doc.Find("script")
			if scripts.Length() != 1 || scripts.AttrOr("src", "") != Asset("js/parent-suggest.js") || strings.TrimSpace(scripts.Text()) != "" {
				t.Error("the suggestions' script is not the portal's own file (the CSP allows no inline script)")
			}
			hint := text(doc.Find("#parent_id-hint"))
			if !strings.Contains(hint, "1/KSB/2026") || !strings.Contains(hint, "derap-ksd-a-12") {
				t.Errorf("the hint does not say what to type: %q", hint)
			}
			described := field.AttrOr("aria-describedby", "")
			if got := text(doc.Find("#parent_id-error")); got != tt.locale.T(tt.err) && tt.err != "" || (tt.err == "") != (got == "") {
				t.Errorf("error %q, want %q", got, tt.locale.T(tt.err))
			}
			if tt.err != "" && (field.AttrOr("aria-invalid", "") != "true" || !strings.Contains(described, "parent_id-error")) {
				t.Error("the error is not read out with the field")
			}
			chosen := doc.Find(`[data-testid="parent-chosen"]`)
			if got := text(chosen.Find("a")); got != tt.chosen {
				t.Errorf("the parent shown: %q, want %q", got, tt.chosen)
			}
			if tt.chosen != "" && (chosen.Find("a").AttrOr("href", "") != string(OfficeAgreementURL(tt.f.ParentFound.ID)) || !strings.Contains(described, "parent_id-chosen")) {
				t.Error("the parent shown is not linked or not read out with the field")
			}
		})
	}
	if tt := i18n.EN.T("error.parent_unknown"); !strings.HasPrefix(tt, "No agreement has this number or identifier") {
		t.Errorf("English message %q", tt)
	}
}

// The parent field names an agreement by the identifier the register gives it, and the
// suggestions name each by its number (identifier when it has none) and title.
func TestParentIdentifiersAreTheRegisters(t *testing.T) {
	if got := form.ParentText(models.Agreement{ID: 12}); got != AgreementIdentifier(12) {
		t.Errorf("the form's identifier %q, the register's %q", got, AgreementIdentifier(12))
	}
	if ref, ok := form.ParseParentReference(AgreementIdentifier(12)); !ok || ref.ID != 12 {
		t.Errorf("the register's identifier reads as %+v", ref)
	}
	got := ParentSuggestionsOf([]models.Agreement{{ID: 4, Number: "1/KSB/2026", Title: "Kesepakatan Bersama", ShortTitle: "Pangan"}, {ID: 12, Title: "Draf"}})
	want := []ParentSuggestion{{"1/KSB/2026", "derap-ksd-a-4 · 1/KSB/2026 · Pangan"}, {"derap-ksd-a-12", "derap-ksd-a-12 · Draf"}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("suggestions %+v", got)
	}
}
