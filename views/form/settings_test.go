package form

import (
	"errors"
	"strings"
	"testing"

	"derap/models"
)

// The settings form checks its text by the rules of its fields and carries the revision
// it was loaded at; what it holds as text, the models judge.
func TestBureauContactForm(t *testing.T) {
	stored := models.BureauContact{Office: "Biro KSD", Address: "Balai Kota", Phone: "(021) 3822255", Email: "ksd@jakarta.go.id", PPIDURL: "https://ppid.jakarta.go.id", Revision: 4}
	f := BureauContactOf(stored)
	again := ParseBureauContact(f.Values())
	if again != f {
		t.Fatalf("parsed %+v, want %+v", again, f)
	}
	in, seen, err := again.Validate()
	if err != nil || seen != 4 || in.Office != stored.Office || in.PPIDURL != stored.PPIDURL {
		t.Fatalf("valid form: %+v %d %v", in, seen, err)
	}
	tests := []struct {
		name, field, value, code string
	}{
		{"office too long", FieldBureauOffice, strings.Repeat("a", models.MaxBureauOffice+1), "error.too_long"},
		{"newline in the address", FieldBureauAddress, "Balai Kota\nJakarta", "error.text_invalid"},
		{"phone too long", FieldBureauPhone, strings.Repeat("1", 31), "error.too_long"},
		{"address too long", FieldBureauPPIDURL, "https://ppid.jakarta.go.id/" + strings.Repeat("a", models.MaxBureauURL), "error.too_long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := f.Values()
			v.Set(tt.field, tt.value)
			_, _, err := ParseBureauContact(v).Validate()
			var ve *models.ValidationError
			if !errors.As(err, &ve) || ve.For(tt.field) != tt.code {
				t.Errorf("err = %v, want %s on %s", err, tt.code, tt.field)
			}
		})
	}
	for _, name := range []string{FieldBureauOffice, FieldBureauAddress, FieldBureauPhone, FieldBureauEmail, FieldBureauPPIDURL} {
		if _, ok := textRules[name]; !ok {
			t.Errorf("%s has no text rule", name)
		}
	}
	if _, seen, _ := ParseBureauContact(nil).Validate(); seen != models.AnyRevision {
		t.Errorf("a form without a revision: %d", seen)
	}
}
