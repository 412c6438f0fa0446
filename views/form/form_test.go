package form_test

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"derap/models"
	"derap/models/modeltest"
	"derap/views/form"
)

func fieldsOf(t *testing.T, err error) form.Errors {
	t.Helper()
	errs, ok := form.ErrorsOf(err)
	if !ok {
		t.Fatalf("%v is no validation error", err)
	}
	return errs
}

// A date that is no date says so in the same words on every form, and a reference that
// names no record is an error by its field, never a bad request.
func TestMalformedInputIsAFieldError(t *testing.T) {
	tests := []struct {
		name       string
		validate   func() error
		field, key string
	}{
		{"draft start", func() error {
			_, err := form.Agreement{StartDate: "2027-13-01", EndDate: "2028-01-01"}.Validate()
			return err
		}, form.FieldStartDate, "error.date_invalid"},
		{"draft end", func() error { _, err := form.Agreement{EndDate: "31/12/2030"}.Validate(); return err }, form.FieldEndDate, "error.date_invalid"},
		{"draft parent", func() error { _, err := form.Agreement{Parent: "KSB-1"}.Validate(); return err }, form.FieldParent, "error.parent_unknown"},
		{"event start", func() error { _, err := form.Event{StartDate: "besok"}.Validate(); return err }, form.FieldStartDate, "error.date_invalid"},
		{"event end", func() error { _, err := form.Event{StartDate: "2026-01-01", EndDate: "x"}.Validate(); return err }, form.FieldEndDate, "error.date_invalid"},
		{"event agreements", func() error { _, err := form.Event{Agreements: []string{"1", "satu"}}.Validate(); return err }, form.FieldAgreements, "error.choose_one"},
		{"signing date", func() error { _, err := form.Signing{Date: "3 Oktober 2025", Place: "Jakarta"}.Validate(); return err }, form.FieldSignedOn, "error.date_invalid"},
		{"signing event", func() error { _, err := form.Signing{Date: "2025-10-03", EventID: "forum"}.Validate(); return err }, form.FieldEvent, "error.unknown_event"},
		{"termination date", func() error { _, err := form.Termination{Date: "2026-02-30", Reason: "x"}.Validate(); return err }, form.FieldTerminatedOn, "error.date_invalid"},
		{"termination reason", func() error {
			_, err := form.Termination{Date: "2026-01-01", Reason: strings.Repeat("a", form.MaxNote+1)}.Validate()
			return err
		}, form.FieldReason, "error.too_long"},
		{"answer note", func() error { return form.Answer{Note: strings.Repeat("é", form.MaxNote+1)}.Validate() }, form.FieldNote, "error.too_long"},
		{"latitude", func() error { _, err := form.Profile{Latitude: "NaN", Longitude: "100"}.Validate(); return err }, form.FieldLatitude, "error.number_invalid"},
		{"longitude", func() error { _, err := form.Profile{Latitude: "1", Longitude: "satu"}.Validate(); return err }, form.FieldLongitude, "error.number_invalid"},
		{"login", func() error { return form.Login{Email: " "}.Validate() }, form.FieldEmail, "error.required"},
		{"password twice", func() error { return form.Password{Password: "a", Confirm: "b"}.Validate() }, form.FieldConfirm, "error.password_mismatch"},
		{"upload", func() error { return form.Upload{Title: "Naskah"}.Validate() }, form.FieldFile, "error.file_missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fieldsOf(t, tt.validate()).For(tt.field); got != tt.key {
				t.Errorf("%s: %q, want %q", tt.field, got, tt.key)
			}
		})
	}
}

// Well-formed input passes the forms untouched: dates and references are read, a comma
// is a decimal point.
func TestWellFormedInput(t *testing.T) {
	in, err := form.Agreement{StartDate: "2027-01-01", EndDate: "2031-12-31", Parent: "1/KSB", ParentFound: &models.Agreement{ID: 4}, FundingNote: "APBD"}.Validate()
	if err != nil || in.ParentID == nil || *in.ParentID != 4 || in.StartDate != models.Date(2027, 1, 1) || in.FundingNote != "APBD" {
		t.Errorf("draft: %+v, %v", in, err)
	}
	sign, err := form.Signing{Date: "2025-10-03", Place: "Jakarta", EventID: "1"}.Validate()
	if err != nil || sign.EventID == nil || *sign.EventID != 1 || sign.Date != models.Date(2025, 10, 3) {
		t.Errorf("signing: %+v, %v", sign, err)
	}
	if none, err := (form.Signing{Date: "2025-10-03"}).Validate(); err != nil || none.EventID != nil {
		t.Errorf("no event: %+v, %v", none, err)
	}
	prof, err := form.Profile{Latitude: "-6,21", Longitude: "106.85"}.Validate()
	if err != nil || *prof.Latitude != -6.21 || *prof.Longitude != 106.85 {
		t.Errorf("coordinates: %+v, %v", prof, err)
	}
	if err := (form.Upload{HasFile: true}).Validate(); err != nil {
		t.Errorf("upload with a file: %v", err)
	}
}

// A stored draft comes back as the form it was typed in, and parses back to itself.
func TestAgreementFormRoundTrip(t *testing.T) {
	parent := uint(4)
	in := models.AgreementInput{
		Number: "1/KSB/2026", Title: "Pasokan Beras", DocType: models.DocImplementing, ParentID: &parent,
		Kind: models.CooperationRegional, Sectors: []string{"food"}, Scope: "Beras", Summary: "Ringkas", FundingNote: "APBD",
		StartDate: models.Date(2026, 1, 1), EndDate: models.Date(2030, 12, 31),
		Parties: []models.PartyInput{{Region: "31", Authority: models.AuthorityOwnOffice}, {Region: "61", SignatoryName: "Gubernur", Authority: models.AuthorityPowerOfAttorney}},
	}
	f := form.AgreementOf(in)
	v := url.Values{}
	for field, value := range map[string]string{
		form.FieldNumber: f.Number, form.FieldTitle: f.Title, form.FieldDocType: f.DocType, form.FieldParent: f.Parent,
		form.FieldKind: f.Kind, form.FieldScope: f.Scope, form.FieldSummary: f.Summary, form.FieldFundingNote: f.FundingNote,
		form.FieldStartDate: f.StartDate, form.FieldEndDate: f.EndDate,
	} {
		v.Set(field, value)
	}
	v[form.FieldSectors] = f.Sectors
	for _, p := range f.Parties {
		v.Add(form.RowInput(form.ListParties, form.PartyRegion), p.Region)
		v.Add(form.RowInput(form.ListParties, form.PartyDocumentNumber), p.DocumentNumber)
		v.Add(form.RowInput(form.ListParties, form.PartySignatoryName), p.SignatoryName)
		v.Add(form.RowInput(form.ListParties, form.PartySignatoryPosition), p.SignatoryPosition)
		v.Add(form.RowInput(form.ListParties, form.PartyAuthority), p.Authority)
	}
	parsed, err := form.ParseAgreement(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := parsed.ResolveParent(0, func(ref form.ParentReference) (models.Agreement, error) { return models.Agreement{ID: ref.ID}, nil }); err != nil {
		t.Fatal(err)
	}
	back, err := parsed.Validate()
	if err != nil {
		t.Fatal(err)
	}
	if back.Title != in.Title || *back.ParentID != parent || back.FundingNote != in.FundingNote || back.EndDate != in.EndDate ||
		len(back.Parties) != 2 || back.Parties[1].SignatoryName != "Gubernur" || back.Parties[1].Authority != models.AuthorityPowerOfAttorney {
		t.Errorf("round trip: %+v", back)
	}
}

// Rows are added, moved and removed by the button pressed; anything that is not a row
// change of the form's own lists, and more rows than a form holds, is malformed.
func TestRowChanges(t *testing.T) {
	f := form.Agreement{Parties: []form.Party{{Region: "31"}, {Region: "61"}}}
	for _, op := range []form.RowOp{form.AddRow(form.ListParties), form.MoveUp(form.ListParties, 1), form.RemoveRow(form.ListParties, 2)} {
		f.Op = op.Value()
		if changed, err := f.ChangeRows(); !changed || err != nil {
			t.Fatalf("%s: %v %v", f.Op, changed, err)
		}
	}
	if len(f.Parties) != 2 || f.Parties[0].Region != "61" || f.Parties[1].Region != "31" {
		t.Errorf("rows after add, up, remove: %+v", f.Parties)
	}
	f.Op = form.MoveDown(form.ListParties, 1).Value() // the last row stays last
	if _, err := f.ChangeRows(); err != nil || f.Parties[1].Region != "31" {
		t.Errorf("moving the last row down: %+v %v", f.Parties, err)
	}
	f.Op = "save"
	if changed, err := f.ChangeRows(); changed || err != nil {
		t.Errorf("save is no row change: %v %v", changed, err)
	}
	for _, op := range []string{"up-parties-x", "down-parties-", form.AddRow(form.ListSpeakers).Value()} {
		f.Op = op
		if _, err := f.ChangeRows(); !errors.Is(err, form.ErrMalformed) {
			t.Errorf("%q: %v, want ErrMalformed", op, err)
		}
	}
	e := form.NewEvent()
	e.Op = form.AddRow(form.ListRegions).Value()
	if changed, err := e.ChangeRows(); !changed || err != nil || len(e.Regions) != 2 {
		t.Errorf("adding a region row: %v %v %d", changed, err, len(e.Regions))
	}
	many := url.Values{form.RowInput(form.ListParties, form.PartyRegion): make([]string, form.MaxRows+1)}
	if _, err := form.ParseAgreement(many); !errors.Is(err, form.ErrMalformed) {
		t.Errorf("%d rows: %v", form.MaxRows+1, err)
	}
	if _, err := form.ParseEvent(url.Values{form.ListRegions: make([]string, form.MaxRows+1)}); !errors.Is(err, form.ErrMalformed) {
		t.Errorf("%d regions: %v", form.MaxRows+1, err)
	}
}

// The filters take what the portal's links and forms send, and nothing else.
func TestFilters(t *testing.T) {
	ok := []url.Values{
		{}, {form.FieldSector: {"food"}, form.FieldRegion: {"61.04"}, form.FieldType: {"memorandum"}, form.FieldYear: {"2025"}, form.FieldPage: {"2"}},
	}
	for _, q := range ok {
		if _, err := form.ParseAgreementFilter(q).Validate(); err != nil {
			t.Errorf("%v: %v", q, err)
		}
	}
	bad := []url.Values{
		{form.FieldSector: {"rice"}}, {form.FieldRegion: {"Jakarta"}}, {form.FieldType: {"mou"}},
		{form.FieldYear: {"1900"}}, {form.FieldPage: {"0"}}, {form.FieldPage: {"dua"}}, {form.FieldPage: {"9223372036854775807"}},
	}
	for _, q := range bad {
		if _, err := form.ParseAgreementFilter(q).Validate(); !errors.Is(err, form.ErrMalformed) {
			t.Errorf("%v: %v, want ErrMalformed", q, err)
		}
	}
	if _, err := form.ParseOfficeFilter(url.Values{form.FieldStatus: {"lost"}}).Validate(); !errors.Is(err, form.ErrMalformed) {
		t.Errorf("unknown status: %v", err)
	}
	if f, err := form.ParseRegionFilter(url.Values{form.FieldPartners: {"1"}, form.FieldQuery: {" Kolaka "}}).Validate(); err != nil || !f.PartnersOnly || f.Query != "Kolaka" {
		t.Errorf("region filter: %+v %v", f, err)
	}
	long := url.Values{form.FieldQuery: {strings.Repeat("a", form.MaxQuery+1)}}
	if _, err := form.ParseRegionFilter(long).Validate(); !errors.Is(err, form.ErrMalformed) {
		t.Errorf("a long search: %v", err)
	}
}

// The models report their errors under the names of the fields that show them: every key
// a model function gives for bad input is a field of the form that sent it.
func TestModelErrorsNameFormFields(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	rows := func(list string, n int, fields ...string) []string {
		var keys []string
		for i := range n {
			for _, f := range fields {
				keys = append(keys, form.RowKey(list, i, f))
			}
		}
		return keys
	}
	agreementFields := append([]string{
		form.FieldNumber, form.FieldTitle, form.FieldDocType, form.FieldParent, form.FieldKind, form.FieldSectors, form.FieldScope,
		form.FieldSummary, form.FieldFundingNote, form.FieldStartDate, form.FieldEndDate, form.ListParties,
	}, rows(form.ListParties, 3, form.PartyRegion, form.PartyDocumentNumber, form.PartySignatoryName, form.PartySignatoryPosition, form.PartyAuthority)...)
	eventFields := append(append([]string{
		form.FieldTitle, form.FieldStartDate, form.FieldEndDate, form.FieldStartTime, form.FieldEndTime, form.FieldPlace,
		form.FieldOrganiser, form.FieldSummary, form.FieldMinutes, form.FieldAgreements,
	}, rows(form.ListSpeakers, 2, form.SpeakerName, form.SpeakerRole, form.SpeakerOrganisation)...), rows(form.ListRegions, 2, "")...)
	profileFields := []string{form.FieldSummary, form.FieldCommodities, form.FieldLatitude, form.FieldLongitude,
		form.FieldContactOffice, form.FieldContactAddress, form.FieldContactPhone, form.FieldContactEmail}

	official := modeltest.Official(t, s)
	draft := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.Agreed})
	signed := modeltest.CreateAgreement(t, s, modeltest.Agreement{})
	type modelCase struct {
		name   string
		fields []string
		err    error
	}
	var tests []modelCase
	add := func(name string, fields []string, err error) { tests = append(tests, modelCase{name, fields, err}) }
	_, err := s.CreateDraft(ctx, official, models.AgreementInput{
		DocType: models.DocImplementing, Sectors: []string{"x"}, StartDate: models.Date(2027, 1, 1), EndDate: models.Date(2026, 1, 1),
		Parties: []models.PartyInput{{Region: "99"}, {Region: "Kota"}, {Region: ""}},
	})
	add("draft", agreementFields, err)
	_, err = s.SaveEvent(ctx, official, 0, models.EventInput{
		StartDate: models.Date(2026, 1, 2), EndDate: models.Date(2026, 1, 1), StartTime: "25:00",
		Speakers: []models.SpeakerInput{{Role: "tanpa nama"}}, Regions: []string{"Atlantis", "Kota"}, AgreementIDs: []uint{9999},
	})
	add("event", eventFields, err)
	add("signing", []string{form.FieldSignedOn, form.FieldSignedPlace, form.FieldEvent},
		s.RecordSigning(ctx, official, draft, models.SigningInput{Date: models.Date(2099, 1, 1), EventID: new(uint)}))
	add("termination", []string{form.FieldTerminatedOn, form.FieldReason},
		s.Terminate(ctx, official, signed, models.TerminationInput{}))
	lat, lon := 99.0, 0.0
	add("profile", profileFields, s.SaveProfile(ctx, official, "61", models.ProfileInput{
		Summary: strings.Repeat("a", 6000), Commodities: []string{"gold"}, Latitude: &lat, Longitude: &lon,
		Contact: models.ContactInput{Phone: "telepon", Email: "bukan surel", Office: strings.Repeat("a", 400)},
	}))
	_, _, err = s.CreateUser(ctx, models.System, models.UserInput{Email: "x", Role: "guest", RegionCode: "31", Password: "short"})
	add("invitation", []string{form.FieldEmail, form.FieldName, form.FieldRole, form.FieldRegion, form.FieldPassword}, err)
	add("password", []string{form.FieldCurrent, form.FieldPassword, form.FieldConfirm},
		s.ChangePassword(ctx, official, "wrong", "short", ""))
	event, _ := s.SaveEvent(ctx, official, 0, models.EventInput{Title: "Forum", StartDate: models.Date(2026, 1, 5)})
	_, err = s.AddDocument(ctx, official, models.OwnerEvent, event, " ", "x.exe", strings.NewReader("MZ"), 1<<20)
	add("document", []string{form.FieldDocumentTitle, form.FieldFile}, err)

	for _, tt := range tests {
		errs := fieldsOf(t, tt.err)
		if len(errs) == 0 {
			t.Errorf("%s: no errors", tt.name)
		}
		for field := range errs {
			known := false
			for _, f := range tt.fields {
				known = known || f == field
			}
			if !known {
				t.Errorf("%s: the models report %q, which is no field of the form (%s)", tt.name, field, strconv.Quote(strings.Join(tt.fields, " ")))
			}
		}
	}
}
