package form_test

import (
	"errors"
	"testing"

	"derap/models"
	"derap/views/form"
)

// The parent field takes a register number or an identifier; the form refuses, by its
// field, a reference that names no agreement and the draft itself, and keeps what was
// typed.
func TestAgreementParentValidation(t *testing.T) {
	register := []models.Agreement{
		{ID: 4, Number: "1/KSB/2026", Title: "Kesepakatan Bersama Pangan", DocType: models.DocMemorandum},
		{ID: 9, Number: "", Title: "Draf tanpa nomor", DocType: models.DocMemorandum},
	}
	find := func(ref form.ParentReference) (models.Agreement, error) {
		for _, a := range register {
			if (ref.Number != "" && a.Number == ref.Number) || (ref.Number == "" && a.ID == ref.ID) {
				return a, nil
			}
		}
		return models.Agreement{}, models.ErrNotFound
	}
	tests := []struct {
		name   string
		typed  string
		self   uint
		want   uint   // the parent's ID, 0 for none
		err    string // the parent field's error
		shown  uint   // the agreement the form shows beside the field, 0 for none
		asText string // how Values names the parent
	}{
		{"nothing", "", 0, 0, "", 0, ""},
		{"spaces", "   ", 0, 0, "", 0, "   "},
		{"a known number", "1/KSB/2026", 0, 4, "", 4, "1/KSB/2026"},
		{"a known number with spaces", " 1/KSB/2026 ", 7, 4, "", 4, "1/KSB/2026"},
		{"an identifier", "derap-ksd-a-4", 0, 4, "", 4, "1/KSB/2026"},
		{"an identifier in capitals", "DERAP-KSD-A-9", 0, 9, "", 9, "derap-ksd-a-9"},
		{"an unknown number", "2/KSB/2026", 0, 0, "error.parent_unknown", 0, "2/KSB/2026"},
		{"an unknown identifier", "derap-ksd-a-77", 0, 0, "error.parent_unknown", 0, "derap-ksd-a-77"},
		{"an identifier without an ID is a number", "derap-ksd-a-", 0, 0, "error.parent_unknown", 0, "derap-ksd-a-"},
		{"an ID alone is no reference", "4", 0, 0, "error.parent_unknown", 0, "4"},
		{"itself by number", "1/KSB/2026", 4, 0, "error.parent_self", 4, "1/KSB/2026"},
		{"itself by identifier", "derap-ksd-a-9", 9, 0, "error.parent_self", 9, "derap-ksd-a-9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := form.Agreement{Parent: tt.typed, StartDate: "2027-01-01", EndDate: "2031-12-31"}
			if err := f.ResolveParent(tt.self, find); err != nil {
				t.Fatal(err)
			}
			in, err := f.Validate()
			var got uint
			if in.ParentID != nil {
				got = *in.ParentID
			}
			var verr *models.ValidationError
			errors.As(err, &verr)
			var code string
			if verr != nil {
				code = verr.For(form.FieldParent)
			}
			if got != tt.want || code != tt.err {
				t.Errorf("parent %d, error %q (%v); want %d, %q", got, code, err, tt.want, tt.err)
			}
			var shown uint
			if f.ParentFound != nil {
				shown = f.ParentFound.ID
			}
			if shown != tt.shown || f.Parent != tt.typed || f.Values().Get(form.FieldParent) != tt.asText {
				t.Errorf("shows %d, keeps %q, names it %q", shown, f.Parent, f.Values().Get(form.FieldParent))
			}
		})
	}

	// A failing look-up is no answer about the reference: it is the request's error.
	broken := errors.New("database gone")
	f := form.Agreement{Parent: "1/KSB/2026"}
	if err := f.ResolveParent(0, func(form.ParentReference) (models.Agreement, error) { return models.Agreement{}, broken }); !errors.Is(err, broken) {
		t.Errorf("a failing look-up: %v", err)
	}
	// Nothing typed asks nothing.
	f = form.Agreement{}
	if err := f.ResolveParent(0, func(form.ParentReference) (models.Agreement, error) {
		t.Error("looked up an empty field")
		return models.Agreement{}, nil
	}); err != nil {
		t.Error(err)
	}
}

// A stored draft's form names its parent as the field takes it, and reads back to it.
func TestAgreementParentOfStoredDraft(t *testing.T) {
	parent := uint(4)
	f := form.AgreementOf(models.AgreementInput{ParentID: &parent})
	if f.Parent != "derap-ksd-a-4" || f.ParentFound != nil {
		t.Errorf("a stored parent without its record: %q", f.Parent)
	}
	f.SetParent(&models.Agreement{ID: 4, Number: "1/KSB/2026"})
	if f.Parent != "1/KSB/2026" || f.ParentFound == nil || f.ParentFound.ID != 4 {
		t.Errorf("a stored parent with its record: %q", f.Parent)
	}
	f.SetParent(nil)
	if f.Parent != "1/KSB/2026" {
		t.Error("no parent to set cleared the field")
	}
	if ref, ok := form.ParseParentReference(form.ParentText(models.Agreement{ID: 31})); !ok || ref.ID != 31 {
		t.Errorf("the identifier of an agreement without a number reads back as %+v", ref)
	}
}
