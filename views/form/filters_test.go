package form_test

import (
	"errors"
	"net/url"
	"slices"
	"testing"

	"derap/models"
	"derap/views/form"
)

// The list's in-force filter takes the four words its form offers, and its order the
// four orders; anything else is a crafted URL. The files take the same parameters but
// the page.
func TestAgreementFilterStateAndOrder(t *testing.T) {
	for value, want := range map[string]models.TermState{"active": models.TermActive, "upcoming": models.TermUpcoming, "ended": models.TermExpired, "terminated": models.TermTerminated, "": ""} {
		f, err := form.ParseAgreementFilter(url.Values{form.FieldState: {value}}).Validate()
		if err != nil || f.Term != want {
			t.Errorf("state %q: %q %v, want %q", value, f.Term, err, want)
		}
		if want != "" && form.TermStateValue(want) != value {
			t.Errorf("%s is written %q, want %q", want, form.TermStateValue(want), value)
		}
	}
	for _, sort := range []string{"", "newest", "signed", "ends", "title"} {
		f, err := form.ParseAgreementFilter(url.Values{form.FieldSort: {sort}}).Validate()
		if err != nil || string(f.Sort) != sort {
			t.Errorf("sort %q: %q %v", sort, f.Sort, err)
		}
	}
	for _, q := range []url.Values{
		{form.FieldState: {"expired"}}, {form.FieldState: {"Active"}}, {form.FieldState: {"all"}},
		{form.FieldSort: {"oldest"}}, {form.FieldSort: {"title desc"}},
	} {
		if _, err := form.ParseAgreementFilter(q).Validate(); !errors.Is(err, form.ErrMalformed) {
			t.Errorf("%v: %v, want ErrMalformed", q, err)
		}
	}
	if slices.Contains(form.RegisterParams, form.FieldPage) || !slices.Equal(form.AgreementFilterParams, append(slices.Clone(form.RegisterParams), form.FieldPage)) {
		t.Errorf("register params %v, list params %v", form.RegisterParams, form.AgreementFilterParams)
	}
	for _, name := range []string{form.FieldState, form.FieldSort} {
		if !slices.Contains(form.AgreementFilterParams, name) {
			t.Errorf("the page cache does not key the list by %q", name)
		}
	}
}
